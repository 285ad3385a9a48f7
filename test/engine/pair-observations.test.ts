// A correlation and its pair's pairwise-complete count come from one call into the core:
// lastPairObservations() reads the count that correlation()/correlationById() left behind.
import { expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';

const bars = (pairs: Array<[number, number]>) => pairs.map(([timestamp, close]) => ({ timestamp, close }));

test('after each correlation, the count of the pair just asked (hand-worked)', () => {
  const engine = CorrelationEngine.createSync({ window: 5, minPeriods: 2 });
  engine.setCandles('A', bars([[1, 100], [2, 101], [3, 99], [4, 103], [5, 104], [6, 102]]));
  engine.setCandles('B', bars([[1, 50], [2, 51], [4, 52], [5, 50], [6, 53]]));
  engine.setCandles('C', bars([[5, 10], [6, 11]]));
  // Window returns at 2..6. A has all five. B lacks 3 (no close) and 4 (its predecessor 3 is
  // missing): returns at 2, 5, 6. C has a return at 6 only.
  const asked: Array<[string, string, number]> = [['A', 'B', 3], ['A', 'A', 5], ['B', 'C', 1], ['C', 'A', 1], ['B', 'B', 3], ['A', 'C', 1]];
  for (const [a, b, count] of asked) {
    engine.correlation(a, b);
    expect(engine.lastPairObservations(), `${a}/${b}`).toBe(count);
    engine.correlationById(engine.symbolId(b)!, engine.symbolId(a)!);
    expect(engine.lastPairObservations(), `${b}/${a} by id`).toBe(count);
    expect(engine.pairObservations(a, b), `${a}/${b} counted separately`).toBe(count);
  }
});

test('equals the separately counted pairObservationsById for every pair of a gappy market', () => {
  const engine = CorrelationEngine.createSync({ window: 40, minPeriods: 5 });
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const N = 6;
  const price = Array.from({ length: N }, () => 50 + 50 * rnd());
  for (let t = 0; t < 120; t++) {
    for (let i = 0; i < N; i++) {
      price[i] *= Math.exp((rnd() - 0.5) * 0.04);
      if (rnd() < 0.15 * i) continue; // symbol i misses about 15·i % of bars
      engine.setCandles(`S${i}`, bars([[t * 60_000, price[i]]]));
    }
  }
  const counts = new Set<number>();
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const r = engine.correlationById(i, j);
      const seen = engine.lastPairObservations();
      expect(seen, `S${i}/S${j}`).toBe(engine.pairObservationsById(i, j));
      expect(Number.isNaN(r), `S${i}/S${j}: NaN exactly below minPeriods`).toBe(seen < 5);
      counts.add(seen);
    }
  }
  expect(counts.size).toBeGreaterThan(3); // the gaps make the counts differ between pairs
});
