// The covariances the portfolio-risk rules read, against pandas' rolling().cov() on the
// outer-joined log-return grid of real candles with gaps (scripts/make-pandas-covariance-fixture.py).
// Tolerance: 1e-9 relative to the pair's scale σᵢσⱼ (the variance itself on the diagonal):
// pandas uses its own moment formula, so a near-zero covariance agrees to that scale, not to
// its own tiny magnitude.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';

interface Checkpoint { label: string; ts: number; matrix: (number | null)[][] }
interface Scenario { name: string; symbols: string[]; candles: Record<string, Array<[number, number]>>; checkpoints: Checkpoint[] }
interface Fixture { window: number; minPeriods: number; scenarios: Scenario[] }

const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/pandas-covariance.json', import.meta.url), 'utf8'));
const TOL = 1e-9;

function engineAt(sc: Scenario, cp: Checkpoint): CorrelationEngine {
  const engine = CorrelationEngine.createSync({ window: fixture.window, minPeriods: fixture.minPeriods });
  for (const s of sc.symbols) engine.setCandles(s, sc.candles[s]!.filter(([ts]) => ts <= cp.ts).map(([timestamp, close]) => ({ timestamp, close })));
  return engine;
}

describe.each(fixture.scenarios)('covariance vs pandas: $name', (sc) => {
  it('every pair and every variance, at every checkpoint', () => {
    let compared = 0;
    for (const cp of sc.checkpoints) {
      const engine = engineAt(sc, cp);
      const ids = sc.symbols.map((s) => engine.symbolId(s)!);
      sc.symbols.forEach((a, i) => {
        sc.symbols.forEach((b, j) => {
          const want = cp.matrix[i]![j]!;
          const got = engine.covariances.covariance(ids[i]!, ids[j]!);
          const where = `${sc.name}@${cp.label} ${a}/${b}: engine ${got} pandas ${want}`;
          if (want === null) {
            expect(got, where).toBeNaN();
            return;
          }
          const scale = Math.sqrt(cp.matrix[i]![i]! * cp.matrix[j]![j]!);
          expect(Math.abs(got - want), where).toBeLessThanOrEqual(TOL * scale);
          compared += 1;
        });
      });
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("the book's wᵀΣw and Σw in one call equal the same sums over pandas' matrix", () => {
    const cp = sc.checkpoints[sc.checkpoints.length - 1]!;
    const engine = engineAt(sc, cp);
    const ids = sc.symbols.map((s) => engine.symbolId(s)!);
    // A mixed book: longs and shorts of different sizes.
    const weights = sc.symbols.map((_, k) => (k % 2 === 0 ? 1 : -0.5) * (k + 1) / 10);
    const sums = new Float64Array(ids.length);
    const variances = new Float64Array(ids.length);
    const { total, unknownPairs } = engine.covariances.bookRisk(ids, weights, ids.length, sums, variances);
    const S = cp.matrix as number[][];
    let want = 0;
    let scale = 0;
    sc.symbols.forEach((_, i) => {
      let row = 0;
      sc.symbols.forEach((__, j) => {
        row += S[i]![j]! * weights[j]!;
        scale += Math.abs(weights[i]! * weights[j]!) * Math.sqrt(S[i]![i]! * S[j]![j]!);
      });
      expect(Math.abs(sums[i]! - row)).toBeLessThanOrEqual(TOL * scale);
      expect(Math.abs(variances[i]! - S[i]![i]!)).toBeLessThanOrEqual(TOL * S[i]![i]!);
      want += weights[i]! * row;
    });
    expect(unknownPairs).toBe(0);
    expect(Math.abs(total - want)).toBeLessThanOrEqual(TOL * scale);
  });
});
