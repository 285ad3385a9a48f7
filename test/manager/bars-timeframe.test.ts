// Bars that line up: with `timeframe`, every candle time is floored to its UTC bar (weeks on
// Monday 00:00, as exchanges do) before it reaches the engine, and two candles of one symbol in
// one bar make one bar whose close is the later one's. A feed stamped a second late no longer
// breaks an unrelated pair.
import { describe, expect, test } from 'vitest';
import { BarClock } from '../../bindings/bar-time.js';
import { candlesFromReturns, enabledManager, returnsWithCorrelation } from './helpers.js';

const at = (iso: string) => Date.parse(iso);

describe('flooring to the bar', () => {
  test.each([
    ['1m', '2024-01-01T12:34:56.789Z', '2024-01-01T12:34:00.000Z'],
    ['3m', '2024-01-01T12:34:56.789Z', '2024-01-01T12:33:00.000Z'],
    ['5m', '2024-01-01T12:34:56.789Z', '2024-01-01T12:30:00.000Z'],
    ['15m', '2024-01-01T12:34:56.789Z', '2024-01-01T12:30:00.000Z'],
    ['30m', '2024-01-01T12:34:56.789Z', '2024-01-01T12:30:00.000Z'],
    ['1h', '2024-01-01T12:34:56.789Z', '2024-01-01T12:00:00.000Z'],
    ['2h', '2024-01-01T13:34:56.789Z', '2024-01-01T12:00:00.000Z'],
    ['4h', '2024-01-01T15:59:59.999Z', '2024-01-01T12:00:00.000Z'],
    ['6h', '2024-01-01T17:59:59.999Z', '2024-01-01T12:00:00.000Z'],
    ['12h', '2024-01-01T11:59:59.999Z', '2024-01-01T00:00:00.000Z'],
    ['1d', '2024-03-10T23:59:59.999Z', '2024-03-10T00:00:00.000Z'],
    // 2024-01-01 was a Monday: the week of Wednesday the 3rd and of Sunday the 7th starts there.
    ['1w', '2024-01-03T12:00:00.000Z', '2024-01-01T00:00:00.000Z'],
    ['1w', '2024-01-07T23:59:59.999Z', '2024-01-01T00:00:00.000Z'],
    ['1w', '2024-01-08T00:00:00.000Z', '2024-01-08T00:00:00.000Z'],
    // Before the epoch too: 1969-12-31 was a Wednesday, its week began Monday the 29th.
    ['1w', '1969-12-31T00:00:00.000Z', '1969-12-29T00:00:00.000Z'],
  ] as const)('%s: %s → %s', (timeframe, time, bar) => {
    expect(new BarClock(timeframe, 'ms').read(at(time), 't')).toBe(at(bar));
  });

  test('a number of milliseconds: bars of that length from the epoch', () => {
    // 2024-01-01T00:00Z is 18,934,080 whole 90-second bars after the epoch.
    expect(new BarClock(90_000, undefined).read(at('2024-01-01T00:01:40Z'), 't')).toBe(at('2024-01-01T00:01:30Z'));
    expect(new BarClock(undefined, undefined).read(at('2024-01-01T00:01:40Z'), 't')).toBe(at('2024-01-01T00:01:40Z'));
  });
});

describe('through the manager', () => {
  const MINUTE = 60_000;
  const t0 = at('2024-01-01T00:00:00Z');
  const shift = (candles: number[][], ms: number) => candles.map(([t, ...rest]) => [t! + ms, ...rest]);

  test('a third symbol stamped 1 s late: NaN for an unrelated pair on the exact grid, the true value on 1m bars', () => {
    const { x, y } = returnsWithCorrelation(0.995, 40, 11);
    const btc = candlesFromReturns(x, 42_000, t0);
    const eth = candlesFromReturns(y, 2_300, t0);
    const sol = shift(candlesFromReturns(returnsWithCorrelation(0.3, 40, 5).y, 100, t0), 1_000);

    const alone = enabledManager();
    alone.updateMarketData('BTC/USDT', btc);
    alone.updateMarketData('ETH/USDT', eth);
    expect(alone.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeCloseTo(0.995, 12);

    const exact = enabledManager();
    const aligned = enabledManager({ timeframe: '1m' });
    for (const m of [exact, aligned]) {
      m.updateMarketData('BTC/USDT', btc);
      m.updateMarketData('SOL/USDT', sol);
      m.updateMarketData('ETH/USDT', eth);
    }
    expect(exact.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeNaN();
    expect(Math.abs(aligned.getCorrelation('BTC/USDT', 'ETH/USDT') - alone.getCorrelation('BTC/USDT', 'ETH/USDT'))).toBeLessThanOrEqual(1e-12);
    expect(aligned.engine.stats().rows).toBe(alone.engine.stats().rows);
  });

  test('two candles of one symbol in one bar, in one call: one bar, whose close is the later one', () => {
    const m = enabledManager({ timeframe: '1m' });
    const counts = m.updateMarketData('BTC/USDT', [[t0 + 5_000, 0, 0, 0, 100, 1], [t0 + 45_000, 0, 0, 0, 104, 1], [t0 + MINUTE, 0, 0, 0, 105, 1]]);
    expect(counts).toMatchObject({ appended: 2, filled: 2 });
    // The bar's close values a quantity: 1 unit at the later close of the first bar, then the next bar's.
    m.updateMarketData('ETH/USDT', [[t0 + 10_000, 0, 0, 0, 7, 1], [t0 + 59_999, 0, 0, 0, 8, 1]]);
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 1, regime: 'R' });
    expect(m.getPositions()[0]!.size).toBe(8);
  });

  test('a later call with a candle inside a known bar revises that bar', () => {
    const m = enabledManager({ timeframe: '1h' });
    m.updateMarketData('BTC/USDT', [[t0, 0, 0, 0, 100, 1], [t0 + 3_600_000, 0, 0, 0, 101, 1]]);
    expect(m.updateMarketData('BTC/USDT', [[t0 + 3_600_000 + 1_800_000, 0, 0, 0, 102, 1]])).toMatchObject({ revised: 1, appended: 0 });
    expect(m.updateMarketData('BTC/USDT', [[t0 + 3_600_000 + 1_800_000, 0, 0, 0, 102, 1]])).toMatchObject({ unchanged: 1 });
  });
});
