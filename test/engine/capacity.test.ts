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
});
