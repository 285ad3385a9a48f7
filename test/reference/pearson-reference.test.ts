// The reference is only useful if it is itself right: check it on numbers worked by hand
// and against pandas (the external definition), before trusting it to judge the engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  alignCloses,
  logReturns,
  pairwiseCount,
  pairwisePearson,
  referenceAll,
  referenceCorrelation,
  SeriesRecorder,
} from './pearson-reference.js';

interface Fixture {
  window: number;
  minPeriods: number;
  scenarios: Array<{
    name: string;
    symbols: string[];
    candles: Record<string, Array<[number, number]>>;
    checkpoints: Array<{ label: string; ts: number; matrix: (number | null)[][]; counts: number[][] }>;
  }>;
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/pandas-freqtrade.json', import.meta.url), 'utf8'));

describe('pearson reference: hand-worked', () => {
  it('x=[1,1,0,1], y=[1,0,1,1] gives -1/3', () => {
    // means 3/4; deviations x: (1/4,1/4,-3/4,1/4), y: (1/4,-3/4,1/4,1/4)
    // Sxy = 1/16 - 3/16 - 3/16 + 1/16 = -1/4; Sxx = Syy = 3/16 + 9/16 = 3/4; r = -1/3
    expect(pairwisePearson([1, 1, 0, 1], [1, 0, 1, 1], 2)).toBeCloseTo(-1 / 3, 15);
  });

  it('uses only pairwise-complete rows', () => {
    // complete rows: (1,2), (2,4), (4,5) -> means 7/3, 11/3
    // dx = (-4/3, -1/3, 5/3), dy = (-5/3, 1/3, 4/3)
    // Sxy = (20 - 1 + 20)/9 = 39/9, Sxx = 42/9, Syy = 42/9 -> r = 39/42
    const x = [1, NaN, 2, 3, 4];
    const y = [2, 7, 4, NaN, 5];
    expect(pairwiseCount(x, y)).toBe(3);
    expect(pairwisePearson(x, y, 3)).toBeCloseTo(39 / 42, 14);
    expect(pairwisePearson(x, y, 4)).toBeNaN();
  });

  it('degenerate series are NaN, scale is not', () => {
    expect(pairwisePearson([0, 0, 0, 0], [1, 2, 3, 4], 2)).toBeNaN();
    expect(pairwisePearson([0.01, 0.01, 0.01], [1, 2, 3], 2)).toBeNaN();
    // the same shape at 1e-9 scale must still be a perfect correlation
    expect(pairwisePearson([1e-9, 3e-9, 2e-9, 5e-9], [2e-9, 6e-9, 4e-9, 10e-9], 2)).toBeCloseTo(1, 14);
  });

  it('grid is an outer join; last close wins; returns use the previous grid row', () => {
    const rec = new SeriesRecorder();
    rec.add('A', [[10, 1], [20, 2], [30, 4]]);
    rec.add('B', [[15, 1], [20, 3]]);
    rec.add('A', [[20, 8]]); // revision
    const g = alignCloses(rec.series, rec.order);
    expect(g.timestamps).toEqual([10, 15, 20, 30]);
    expect([...g.closes[0]]).toEqual([1, NaN, 8, 4]);
    // A has no close at 15, so its return at 20 is missing although A has both 10 and 20
    const rA = logReturns(g.closes[0]);
    expect(Number.isNaN(rA[2])).toBe(true);
    expect(rA[3]).toBeCloseTo(Math.log(4 / 8), 15);
    const rB = logReturns(g.closes[1]);
    expect(rB[2]).toBeCloseTo(Math.log(3), 15);
  });

  it('window is the last W return rows', () => {
    const rec = new SeriesRecorder();
    // A doubles then halves alternately except in the last 3 rows; B mirrors A
    const closesA = [1, 2, 1, 2, 1, 2, 4, 8, 8];
    const closesB = [1, 2, 1, 2, 1, 2, 4, 2, 4];
    rec.add('A', closesA.map((c, i) => [i, c] as [number, number]));
    rec.add('B', closesB.map((c, i) => [i, c] as [number, number]));
    // last 3 returns (units ln2): A = [1, 1, 0], B = [1, -1, 1]
    // dx = (1/3, 1/3, -2/3), dy = (2/3, -4/3, 2/3) -> Sxy = (2 - 4 - 4)/9 = -6/9
    // Sxx = 6/9, Syy = 24/9 -> r = -6 / sqrt(144) = -1/2
    expect(referenceCorrelation(rec.series, 'A', 'B', 3, 2)).toBeCloseTo(-0.5, 14);
  });
});

describe('pearson reference agrees with pandas fixture', () => {
  for (const sc of fixture.scenarios) {
    it(`${sc.name}: every checkpoint within 1e-9`, () => {
      for (const cp of sc.checkpoints) {
        const rec = new SeriesRecorder();
        for (const s of sc.symbols) rec.add(s, sc.candles[s].filter(([ts]) => ts <= cp.ts));
        const ref = referenceAll(rec.series, sc.symbols, fixture.window, fixture.minPeriods);
        const N = sc.symbols.length;
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) {
            const want = cp.matrix[i][j];
            const got = ref.matrix[i * N + j];
            const where = `${cp.label} ${sc.symbols[i]}/${sc.symbols[j]}`;
            if (want === null) expect(got, where).toBeNaN();
            else expect(Math.abs(got - want), where).toBeLessThanOrEqual(1e-9);
            expect(ref.counts[i * N + j], where).toBe(cp.counts[i][j]);
          }
        }
      }
    });
  }
});
