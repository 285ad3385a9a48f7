// Bars that line up: with `timeframe`, every candle time is floored to its UTC bar (weeks on
// Monday 00:00, as exchanges do) before it reaches the engine, and two candles of one symbol in
// one bar make one bar whose close is the later one's. A feed stamped a second late no longer
// breaks an unrelated pair.
import { describe, expect, test } from 'vitest';
import { BarClock } from '../../bindings/bar-time.js';
import { candlesFromReturns, enabledManager, returnsWithCorrelation, rng } from './helpers.js';

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

  test('updateMarketBar is floored too: a second bar call inside the same hour revises it', () => {
    const twice = enabledManager({ timeframe: '1h' });
    const once = enabledManager({ timeframe: '1h' });
    const HOUR = 3_600_000;
    for (let h = 0; h < 30; h++) {
      const early = { 'BTC/USDT': 100 * Math.exp(0.01 * Math.sin(h)), 'ETH/USDT': 50 * Math.exp(0.01 * Math.sin(h + 0.4)) };
      const late = { 'BTC/USDT': early['BTC/USDT'] * 1.002, 'ETH/USDT': early['ETH/USDT'] * (h % 2 === 0 ? 0.999 : 1.003) };
      twice.updateMarketBar(t0 + h * HOUR + MINUTE, early);
      twice.updateMarketBar(t0 + h * HOUR + 30 * MINUTE, late);
      once.updateMarketBar(t0 + h * HOUR, late);
    }
    expect(twice.engine.stats().rows).toBe(once.engine.stats().rows);
    expect(Math.abs(twice.getCorrelation('BTC/USDT', 'ETH/USDT') - once.getCorrelation('BTC/USDT', 'ETH/USDT'))).toBeLessThanOrEqual(1e-12);
    twice.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 1 });
    once.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 1 });
    expect(twice.getPositions()[0]!.size).toBe(once.getPositions()[0]!.size);
  });

  test('a later call with a candle inside a known bar revises that bar', () => {
    const m = enabledManager({ timeframe: '1h' });
    m.updateMarketData('BTC/USDT', [[t0, 0, 0, 0, 100, 1], [t0 + 3_600_000, 0, 0, 0, 101, 1]]);
    expect(m.updateMarketData('BTC/USDT', [[t0 + 3_600_000 + 1_800_000, 0, 0, 0, 102, 1]])).toMatchObject({ revised: 1, appended: 0 });
    expect(m.updateMarketData('BTC/USDT', [[t0 + 3_600_000 + 1_800_000, 0, 0, 0, 102, 1]])).toMatchObject({ unchanged: 1 });
  });
});

describe('the bars the engine holds are the floored bars, the later candle of a bar its close', () => {
  const DAY = 86_400_000;
  // Independent of BarClock: the week from the calendar (getUTCDay: 0 Sunday … 1 Monday), the
  // other bars as whole multiples of their length since the epoch.
  const startOfBar: Record<string, (t: number) => number> = {
    '1m': (t) => t - (t % 60_000),
    '4h': (t) => t - (t % (4 * 3_600_000)),
    '1w': (t) => {
      const day = t - (t % DAY);
      return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
    },
    '90000': (t) => t - (t % 90_000),
  };
  const lengthOf: Record<string, number> = { '1m': 60_000, '4h': 4 * 3_600_000, '1w': 7 * DAY, '90000': 90_000 };

  test.each(['1m', '4h', '1w', '90000'])('%s: candles stamped anywhere in their bar, several per bar, over several calls = one candle per bar at its start', (name) => {
    const timeframe = name === '90000' ? 90_000 : name;
    const step = lengthOf[name]!;
    const next = rng(name.length * 31 + step);
    // Start on a Thursday, so the weekly bars do not begin where the data does.
    const t0 = Date.UTC(2024, 0, 4, 5, 17, 3);
    const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
    const floored = enabledManager({ correlationLookback: 30, minPeriods: 5 });
    const aligned = enabledManager({ correlationLookback: 30, minPeriods: 5, timeframe });
    const level = symbols.map(() => Math.log(100));
    // Per symbol: candles in time order, each a few bar-fractions after the last, so a bar
    // holds 0 to 3 of them; sent in calls of 1 to 5 candles, symbols interleaved.
    const feeds = symbols.map((_, s) => {
      const out: [number, number][] = [];
      let t = t0 + s * 1_000;
      for (let k = 0; k < 120; k++) {
        t += Math.floor(next() * 0.6 * step) + 1;
        level[s]! += 0.01 * (next() - 0.5);
        out.push([t, Math.exp(level[s]!)]);
      }
      return out;
    });
    const at = symbols.map(() => 0);
    while (at.some((k, s) => k < feeds[s]!.length)) {
      for (const [s, symbol] of symbols.entries()) {
        const count = 1 + Math.floor(next() * 5);
        const chunk = feeds[s]!.slice(at[s]!, at[s]! + count);
        at[s]! += chunk.length;
        if (chunk.length > 0) aligned.updateMarketData(symbol, chunk.map(([t, c]) => [t, 0, 0, 0, c, 1]));
      }
    }
    // The expectation: each symbol's last candle of each bar, stamped at the bar's start.
    symbols.forEach((symbol, s) => {
      const lastOfBar = new Map<number, number>();
      for (const [t, c] of feeds[s]!) lastOfBar.set(startOfBar[name]!(t), c);
      floored.updateMarketData(symbol, [...lastOfBar].map(([t, c]) => [t, 0, 0, 0, c, 1]));
    });
    // The same bars reach the two engines in another order (interleaved chunks against one
    // symbol at a time), so their correlations agree within the engine's order-independence
    // tolerance, every pair known.
    expect(aligned.engine.symbols()).toEqual(floored.engine.symbols());
    expect(aligned.engine.stats().rows).toBe(floored.engine.stats().rows);
    const [a, b] = [aligned.engine.matrix(), floored.engine.matrix()];
    let known = 0;
    for (let k = 0; k < a.length; k++) {
      if (Number.isNaN(b[k]!)) expect(a[k]).toBeNaN();
      else {
        known += 1;
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(1e-12);
      }
    }
    expect(known).toBe(a.length);
  });
});
