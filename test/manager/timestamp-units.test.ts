// Timestamps are milliseconds. A value that can only be seconds or micro/nanoseconds is refused
// naming the unit it looks like, unless `timestampUnit` says what the timestamps are; a Date
// is a timestamp too.
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

const SECONDS = 1_704_067_200; // 2024-01-01T00:00Z
const rows = (t0: number, step: number) => Array.from({ length: 30 }, (_, k) => [t0 + k * step, 0, 0, 0, 100 * Math.exp(0.01 * Math.sin(k)), 1]);

test('seconds and microseconds are refused by default, with the unit they look like', () => {
  const m = enabledManager();
  expect(() => m.updateMarketData('BTC/USDT', rows(SECONDS, 60))).toThrow(
    "candles[0].timestamp: looks like seconds, not milliseconds (1704067200); multiply by 1000, or set timestampUnit: 's'",
  );
  expect(() => m.updateMarketData('BTC/USDT', rows(SECONDS * 1e6, 60e6))).toThrow(
    'candles[0].timestamp: looks like microseconds or nanoseconds, not milliseconds (1704067200000000); divide it down to milliseconds',
  );
  // The smallest and largest accepted: 1e11 ms (1973) and 1e14 ms (5138).
  expect(m.updateMarketData('A', [[1e11, 0, 0, 0, 1, 0]]).appended).toBe(1);
  expect(m.updateMarketData('A', [[1e14, 0, 0, 0, 1, 0]]).appended).toBe(1);
  expect(m.engine.symbols()).toEqual(['A']);
});

test("timestampUnit 's' converts seconds (fractions kept to the millisecond): the same grid as milliseconds", () => {
  const seconds = enabledManager({ timestampUnit: 's' });
  const millis = enabledManager();
  for (const [symbol, phase] of [['BTC/USDT', 1], ['ETH/USDT', 2]] as const) {
    const ms = rows(SECONDS * 1000, 60_000).map((r, k) => [r[0]!, 0, 0, 0, 100 * Math.exp(0.01 * Math.sin(k * phase)), 1]);
    millis.updateMarketData(symbol, ms);
    seconds.updateMarketData(symbol, ms.map(([t, ...rest]) => [t! / 1000, ...rest]));
  }
  expect(seconds.engine.exportState()).toEqual(millis.engine.exportState());
  expect(seconds.getCorrelation('BTC/USDT', 'ETH/USDT')).toBe(millis.getCorrelation('BTC/USDT', 'ETH/USDT'));
  // 1.5 s is 1,500 ms: a new bar after the last one.
  expect(seconds.updateMarketData('BTC/USDT', [[SECONDS + 29 * 60 + 1.5, 0, 0, 0, 100, 1]]).appended).toBe(1);
});

test("timestampUnit 'ms' takes every value as given (a test clock starting at 0)", () => {
  const m = enabledManager({ timestampUnit: 'ms' });
  expect(m.updateMarketData('BTC/USDT', rows(0, 60_000)).appended).toBe(30);
});

test('a Date is a timestamp, in arrays, objects and bars', () => {
  const dates = enabledManager();
  const numbers = enabledManager();
  const t0 = Date.UTC(2024, 0, 1);
  const candles = rows(t0, 60_000);
  dates.updateMarketData('BTC/USDT', candles.map(([t, ...rest]) => [new Date(t!), ...rest] as never));
  numbers.updateMarketData('BTC/USDT', candles);
  dates.updateMarketData('ETH/USDT', candles.map(([t, , , , c]) => ({ time: new Date(t!), close: c! })));
  numbers.updateMarketData('ETH/USDT', candles);
  dates.updateMarketBar(new Date(t0 + 30 * 60_000), { 'BTC/USDT': 101, 'ETH/USDT': 102 });
  numbers.updateMarketBar(t0 + 30 * 60_000, { 'BTC/USDT': 101, 'ETH/USDT': 102 });
  expect(dates.snapshot()).toEqual(numbers.snapshot());
});
