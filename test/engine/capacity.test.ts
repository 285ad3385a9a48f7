import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { CapacityError } from '../../bindings/errors.js';

function walk(seed: number, n: number): number[] {
  let s = seed;
  let price = 100;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    s = (s * 16807) % 2147483647;
    price *= Math.exp((s / 2147483647 - 0.5) * 0.02);
    out.push(price);
  }
  return out;
}

describe('capacity grows on demand without leaking', () => {
  test('memory after growing from 100 to 2,000 symbols is within 10% of a fresh engine at 2,000', () => {
    const grown = CorrelationEngine.createSync({ initialCapacity: 100 });
    for (let i = 0; i < 2000; i++) grown.addSymbol(`S${i}`);
    const fresh = CorrelationEngine.createSync({ initialCapacity: 2000 });
    for (let i = 0; i < 2000; i++) fresh.addSymbol(`S${i}`);
    const ratio = grown.stats().memoryBytes / fresh.stats().memoryBytes;
    expect(grown.stats().capacity).toBeGreaterThanOrEqual(2000);
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(1.1);
  });

  test('growing keeps every existing correlation bit-identical', () => {
    const engine = CorrelationEngine.createSync({ window: 30, minPeriods: 10, initialCapacity: 4 });
    const names = ['A', 'B', 'C', 'D'];
    names.forEach((name, i) => engine.setCandles(name, walk(i + 1, 60).map((c, t) => [t * 60_000, c, c, c, c, 1])));
    const before = engine.matrix();
    for (let i = 0; i < 300; i++) engine.addSymbol(`X${i}`);
    expect(engine.stats().capacity).toBeGreaterThanOrEqual(304);
    const after = engine.matrix();
    names.forEach((_, i) => names.forEach((__, j) => {
      expect(Object.is(after[i * 304 + j], before[i * 4 + j])).toBe(true);
    }));
  });

  test('symbols beyond maxSymbols are refused with a CapacityError and change nothing', () => {
    const engine = CorrelationEngine.createSync({ window: 5, minPeriods: 2, maxSymbols: 3 });
    ['A', 'B', 'C'].forEach((name) => engine.setCandles(name, [[1, 1, 1, 1, 10, 1], [2, 1, 1, 1, 11, 1]]));
    const before = engine.exportState();
    expect(() => engine.setCandles('D', [[3, 1, 1, 1, 12, 1]])).toThrow(CapacityError);
    expect(() => engine.addSymbol('D')).toThrow(/at most 3 symbols/);
    expect(engine.exportState()).toEqual(before);
    expect(engine.symbols()).toEqual(['A', 'B', 'C']);
  });

  test('the core refuses more than 16,384 symbols as an option', () => {
    expect(() => CorrelationEngine.createSync({ maxSymbols: 16385 })).toThrow(/maxSymbols/);
  });

  test('an engine with no maxSymbols of its own fills the core to its 16,384 symbols and refuses the next', () => {
    // The core's ceiling, not a user's limit. W = 2 keeps each symbol's record small; the
    // packed pair triangle of 16,384 symbols (8·N(N+1)/2 bytes, about 1 GiB) is the cost.
    const CORE_MAX = 16_384;
    const engine = CorrelationEngine.createSync({ window: 2, minPeriods: 2, initialCapacity: 1 });
    const candles = (closes: number[]) => closes.map((c, t) => [t * 60_000, c, c, c, c, 1]);
    engine.setCandles('A', candles([10, 11, 10.5]));
    engine.setCandles('B', candles([20, 21, 20.8]));
    const ab = engine.correlation('A', 'B');
    expect(Number.isFinite(ab)).toBe(true);
    for (let i = engine.symbolCount; i < CORE_MAX - 1; i++) engine.addSymbol(`S${i}`);
    // The last record the core can hold works like the first: same candles as B, same answer.
    engine.setCandles('LAST', candles([20, 21, 20.8]));
    expect(engine.symbolCount).toBe(CORE_MAX);
    expect(engine.stats().capacity).toBe(CORE_MAX);
    expect(engine.correlation('A', 'LAST')).toBe(ab);

    expect(() => engine.addSymbol('ONE_MORE')).toThrow(CapacityError);
    expect(() => engine.setCandles('ONE_MORE', candles([1, 2, 3]))).toThrow(/at most 16384 symbols/);
    expect(engine.symbolCount).toBe(CORE_MAX);
    expect(engine.symbolId('ONE_MORE')).toBeUndefined();
    expect(engine.correlation('A', 'B')).toBe(ab);
    expect(engine.correlation('A', 'LAST')).toBe(ab);
    // Growing wasm memory to about 1 GiB takes seconds on a shared machine; this checks
    // capacity, not speed.
  }, 60_000);
});
