// One call per bar: updateMarketBar(timestamp, closes) sends every symbol's close of one bar
// through the engine's whole-row path. It gives the correlations of the equivalent per-symbol
// updateMarketData calls within the engine's order-independence tolerance (1e-12), the same
// bits for the same sequence of calls, takes a record, a Map or pairs, adds new symbols, and
// re-marks quantities.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, rng } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', '__proto__', 'XRP/USDT', 'DOGE/USDT'];

/** 150 bars of a factor market; some symbols miss some bars, two start late. */
function market(seed: number): { t: number; closes: [string, number][] }[] {
  const next = rng(seed);
  const level = SYMBOLS.map(() => 0);
  return Array.from({ length: 150 }, (_, b) => {
    const common = next() - 0.5;
    const closes: [string, number][] = [];
    SYMBOLS.forEach((symbol, s) => {
      level[s]! += 0.01 * ((s % 3) * common + (next() - 0.5));
      const present = next() > 0.1 && !(s >= 4 && b < 30 * (s - 3));
      if (present) closes.push([symbol, (10 + s) * Math.exp(level[s]!)]);
    });
    return { t: t0 + b * MINUTE, closes };
  });
}

/** Both engines' matrices agree within 1e-12, unknown where the other is unknown; returns the known count. */
function expectSameCorrelations(x: PortfolioRiskManager, y: PortfolioRiskManager): number {
  const [a, b] = [x.engine.matrix(), y.engine.matrix()];
  let known = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(b[k]!)) {
      expect(a[k]).toBeNaN();
    } else {
      known += 1;
      expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(1e-12);
    }
  }
  return known;
}

test('the same correlations as symbol-by-symbol updateMarketData calls, within 1e-12', () => {
  for (const seed of [1, 2, 3]) {
    const bars = enabledManager({ correlationLookback: 40, minPeriods: 10 });
    const candles = enabledManager({ correlationLookback: 40, minPeriods: 10 });
    for (const { t, closes } of market(seed)) {
      bars.updateMarketBar(t, new Map(closes));
      for (const [symbol, close] of closes) candles.updateMarketData(symbol, [[t, 0, 0, 0, close, 1]]);
    }
    expect(bars.engine.symbols()).toEqual(candles.engine.symbols());
    expect(expectSameCorrelations(bars, candles)).toBeGreaterThan(SYMBOLS.length * 2);
  }
});

test('the same sequence of calls gives the same bits, whatever form the closes come in', () => {
  const managers = [enabledManager(), enabledManager(), enabledManager(), enabledManager()];
  for (const { t, closes } of market(7)) {
    managers[0]!.updateMarketBar(t, new Map(closes));
    managers[1]!.updateMarketBar(t, closes);
    // Any iterable of pairs, read once: a generator.
    managers[3]!.updateMarketBar(t, (function* () {
      yield* closes;
    })());
    // A record: defineProperty so that '__proto__' is a key like any other.
    const record: Record<string, number> = {};
    for (const [symbol, close] of closes) Object.defineProperty(record, symbol, { value: close, enumerable: true });
    managers[2]!.updateMarketBar(t, record);
  }
  const [a, b, c, d] = managers.map((m) => m.snapshot());
  expect(b).toEqual(a);
  expect(c).toEqual(a);
  expect(d).toEqual(a);
});

test('a late bar (older than the newest) is applied symbol by symbol, as updateMarketData would', () => {
  const bars = enabledManager({ correlationLookback: 20, minPeriods: 5 });
  const candles = enabledManager({ correlationLookback: 20, minPeriods: 5 });
  const all = market(4);
  const late = all.splice(60, 1)[0]!;
  for (const { t, closes } of [...all.slice(0, 80), late]) {
    bars.updateMarketBar(t, closes);
    for (const [symbol, close] of closes) candles.updateMarketData(symbol, [{ timestamp: t, close }]);
  }
  expect(expectSameCorrelations(bars, candles)).toBeGreaterThan(SYMBOLS.length * 2);
});

test('new symbols are added in the order given; quantities are re-marked by the bar', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.updateMarketBar(t0, { 'ETH/USDT': 2_000, 'BTC/USDT': 40_000 });
  expect(m.engine.symbols()).toEqual(['ETH/USDT', 'BTC/USDT']);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', quantity: 0.5, regime: 'R' });
  m.updateMarketBar(t0 + MINUTE, [['SOL/USDT', 100], ['BTC/USDT', 44_000]]);
  expect(m.engine.symbols()).toEqual(['ETH/USDT', 'BTC/USDT', 'SOL/USDT']);
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.22);
});

test('a bad entry anywhere changes nothing, not even the symbols added before it', () => {
  const m = enabledManager();
  m.updateMarketBar(t0, { 'BTC/USDT': 40_000 });
  const before = m.snapshot();
  expect(() => m.updateMarketBar(t0 + MINUTE, [['NEW/USDT', 1], ['BTC/USDT', 41_000], ['BAD/USDT', -1]])).toThrow('closes["BAD/USDT"]: must be a finite price > 0, got -1');
  expect(m.snapshot()).toEqual(before);
  expect(m.engine.symbols()).toEqual(['BTC/USDT']);
});
