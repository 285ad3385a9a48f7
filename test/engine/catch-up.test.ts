// Catching up after downtime: one call per symbol carrying K new bars. With K ≥ W + 1 every row
// the grid held is evicted and all but the last W + 1 bars are appended only to be evicted
// again within the call; those rows must not cost a rank-2 pass each (assembly/catch-up.ts).
// What must not change is the result: the same grid, the same counts, correlations equal to a
// two-pass over the same window and to the same bars sent one per call (within the engine's
// order-independence tolerance), and the same bits for the same calls.
import { describe, expect, test } from 'vitest';
import { CorrelationEngine, type IngestResult } from '../../bindings/engine.js';
import { pairwisePearson } from '../reference/pearson-reference.js';
import { gaussian, mulberry32 } from '../reference/random-market.js';
import { EngineLayout } from '../snapshot/engine-layout.js';

const N = 8;
const W = 30;
const S = W + 1;
const MIN_PERIODS = 10;
const TOL = 1e-12;
const names = Array.from({ length: N }, (_, i) => `S${i}`);

/** `rows` bars of closes per symbol (S3 has gaps), correlated through a common factor. */
function market(seed: number, rows: number): number[][] {
  const rng = mulberry32(seed);
  const price = names.map((_, i) => 20 + 10 * i);
  const out: number[][] = names.map(() => []);
  for (let t = 0; t < rows; t++) {
    const common = gaussian(rng) * 0.01;
    names.forEach((_, i) => {
      price[i]! *= Math.exp(common * (i % 4) * 0.5 + gaussian(rng) * 0.01);
      out[i]!.push(i === 3 && t % 7 === 2 ? Number.NaN : price[i]!);
    });
  }
  return out;
}

const candles = (closes: readonly number[], from: number, to: number) =>
  closes.slice(from, to).map((close, k) => ({ timestamp: from + k + 1, close })).filter((c) => !Number.isNaN(c.close));

/** An engine that has seen `warm` bars one call per symbol per bar, as a bot loop sends them. */
function warmEngine(closes: number[][], warm: number, simd: boolean | 'auto'): CorrelationEngine {
  const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS, simd });
  for (let t = 0; t < warm; t++) names.forEach((name, i) => engine.setCandles(name, candles(closes[i]!, t, t + 1)));
  return engine;
}

/** Two-pass correlations over the last W bars of `rows` bars. */
function twoPass(closes: number[][], rows: number): Float64Array {
  const returns = closes.map((c) => Float64Array.from({ length: W }, (_, k) => {
    const t = rows - W + k;
    return Math.log(c[t]!) - Math.log(c[t - 1]!);
  }));
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[i * N + j] = pairwisePearson(returns[i]!, returns[j]!, MIN_PERIODS);
  return out;
}

function expectClose(got: Float64Array, want: Float64Array): void {
  for (let k = 0; k < got.length; k++) {
    if (Number.isNaN(want[k]!)) expect(got[k]).toBeNaN();
    else expect(Math.abs(got[k]! - want[k]!)).toBeLessThanOrEqual(TOL);
  }
}

const WARM = 50;

describe.each([false, 'auto'] as const)('simd: %s', (simd) => {
  describe.each([S - 1, S, S + 1, 5 * S, 40 * S, 4_200])('K = %i new bars in one call per symbol (the engine hands the core 4,096 at a time)', (K) => {
    const closes = market(K, WARM + K);
    const caughtUp = () => {
      const engine = warmEngine(closes, WARM, simd);
      const results = names.map((name, i) => engine.setCandles(name, candles(closes[i]!, WARM, WARM + K)));
      return { engine, results };
    };

    test('correlations equal a two-pass over the window and the same bars sent one per call', () => {
      const { engine } = caughtUp();
      const rowByRow = warmEngine(closes, WARM + K, simd);
      expectClose(engine.matrix(), twoPass(closes, WARM + K));
      expectClose(engine.matrix(), rowByRow.matrix());
      expect(engine.stats().rows).toBe(W);
      expect(engine.stats().appendedRows).toBe(rowByRow.stats().appendedRows);
    });

    test('each call counts its bars as the bar-by-bar path does: appended, filled, too old', () => {
      const { results } = caughtUp();
      const bars = (i: number) => candles(closes[i]!, WARM, WARM + K).length;
      const expected = (i: number): IngestResult => {
        // The first symbol appends every bar; later symbols find the grid holding the last S
        // bars and fill them, and the bars before those are older than anything kept.
        const sent = bars(i);
        const tooOld = i === 0 ? 0 : candles(closes[i]!, WARM, WARM + Math.max(0, K - S)).length;
        return { appended: i === 0 ? sent : 0, inserted: 0, filled: sent - tooOld, revised: 0, unchanged: 0, ignoredTooOld: tooOld };
      };
      results.forEach((r, i) => expect(r).toEqual(expected(i)));
    });

    test('the same calls give the same bits and the same state', () => {
      const a = caughtUp().engine;
      const b = caughtUp().engine;
      const ma = a.matrix();
      const mb = b.matrix();
      for (let k = 0; k < ma.length; k++) expect(Object.is(ma[k], mb[k])).toBe(true);
      expect(a.exportState()).toEqual(b.exportState());
    });
  });

  // The rotating exact refresh runs once per appended row, O(N²/10) each. Rows that pass
  // through the grid within one call, and rows appended into a grid emptied in the same call
  // (whose sums were just rebuilt from zero), need none: the cursor stays where it was.
  test('a catch-up of K ≥ W + 1 bars leaves the exact-refresh cursor where it was', () => {
    const closes = market(9, WARM + 10 * S);
    const engine = warmEngine(closes, WARM, simd);
    const cursor = () => {
      const core = engine.exportState().core;
      const v = new DataView(core.buffer, core.byteOffset, core.byteLength);
      return [v.getInt32(EngineLayout.global.cursorRow, true), v.getInt32(EngineLayout.global.cursorCol, true)];
    };
    const before = cursor();
    engine.setCandles('S0', candles(closes[0]!, WARM, WARM + 10 * S));
    expect(cursor()).toEqual(before);
    // A normal bar still advances it.
    engine.setCandles('S0', [{ timestamp: WARM + 10 * S + 1, close: 50 }]);
    expect(cursor()).not.toEqual(before);
  });
});
