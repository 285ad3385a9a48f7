/**
 * The contract every rolling-correlation implementation in this repository keeps, written
 * once and applied to each through a small adapter (rolling-correlation.test.ts): the
 * engine's SIMD and scalar builds, the benchmark's plain-JS baselines, stdlib's moving-window
 * accumulator where its rules reach, and the plain-TS reference.
 *
 * The model they all compute: one row of closes per timestamp (NaN where a symbol has no
 * candle), log returns against the previous row, and for each pair the Pearson correlation
 * of the last `window` rows of returns, over the rows where both have one (pairwise
 * complete). Clauses:
 *   - symmetric: (i, j) and (j, i) are the same bits;
 *   - NaN below minPeriods pairwise-complete returns, a number from minPeriods on;
 *   - a window with no variance (flat closes) gives NaN, not noise — also once earlier moves
 *     have left the window;
 *   - every answer is within [−1, 1], and series that move together (or exactly against each
 *     other) give ±1 to rounding;
 *   - eviction: a row that left the window stops counting (the answer is that of an
 *     instance fed only the rows still in the window);
 *   - re-sending a candle already held changes nothing, bit for bit;
 *   - revising a candle and reverting it gives back the original answers: bit for bit where
 *     every answer is recomputed, to rounding where running sums are updated by the change
 *     (S += (a − b)·u cannot be undone exactly in floating point);
 *   - the pair, the row and the matrix queries give the same bits.
 * An adapter states which features its implementation has; a clause that needs a feature an
 * implementation lacks is not registered for it (the test list shows which clauses apply).
 */
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../reference/random-market.js';

/** One instance of an implementation, over `symbols` symbols with ids 0 … symbols − 1. */
export interface RollingCorrelation {
  /** Appends one row: a close per symbol, NaN where it has no candle (never all NaN). */
  pushRow(closes: readonly number[]): void;
  correlation(i: number, j: number): number;
  /** Correlations of i with every symbol, in id order. */
  row?(i: number): ArrayLike<number>;
  /** The N×N matrix, row-major. */
  matrix?(): ArrayLike<number>;
  /** Sends symbol i's close for the row pushed `rowIndex`-th (0-based) again: a re-send or a revision. */
  setClose?(i: number, rowIndex: number, close: number): void;
}

export interface Implementation {
  readonly name: string;
  create(symbols: number, options: { window: number; minPeriods: number }): RollingCorrelation;
  /** Largest difference from an instance fed only the rows in the window (eviction clause). */
  readonly evictionTolerance: number;
  /** Which clauses its rules reach. */
  readonly minPeriods: boolean;
  readonly degenerateWindows: boolean;
  readonly clamps: boolean;
  /** Rows may have missing closes (pairwise-complete counting). */
  readonly gaps: boolean;
  /**
   * Candles can be sent again for a row already held (setClose); `revertTolerance` is the
   * largest difference after a revision is reverted, 0 meaning the same bits.
   */
  readonly revisions: { readonly revertTolerance: number } | null;
  /** It answers by pair, by row and as a matrix. */
  readonly rowAndMatrix: boolean;
}

const W = 12;
const MIN_PERIODS = 6;

/** Rows of closes near 1 for `n` symbols driven by one market factor; gaps when asked. */
function randomRows(rows: number, n: number, seed: number, gaps = false): number[][] {
  const next = mulberry32(seed);
  const logp = Array.from({ length: n }, (_, i) => 0.01 * i);
  const out: number[][] = [];
  for (let t = 0; t < rows; t++) {
    const market = next() - 0.5;
    out.push(
      logp.map((_, i) => {
        logp[i] += 0.02 * (0.6 * market + (next() - 0.5));
        const missing = gaps && i % 2 === 1 && t > 0 && next() < 0.25;
        return missing ? Number.NaN : Math.exp(logp[i]);
      }),
    );
  }
  return out;
}

function fed(impl: Implementation, rows: readonly (readonly number[])[], n: number): RollingCorrelation {
  const instance = impl.create(n, { window: W, minPeriods: MIN_PERIODS });
  for (const row of rows) instance.pushRow(row);
  return instance;
}

function allPairs(instance: RollingCorrelation, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.push(instance.correlation(i, j));
  return out;
}

/** Pairwise-complete returns of (i, j) in the last W rows of returns, counted by hand. */
function completeReturns(rows: readonly (readonly number[])[], i: number, j: number): number {
  let count = 0;
  for (let t = Math.max(1, rows.length - W); t < rows.length; t++) {
    const ok = (s: number) => !Number.isNaN(rows[t][s]) && !Number.isNaN(rows[t - 1][s]);
    if (ok(i) && ok(j)) count++;
  }
  return count;
}

export function rollingCorrelationContract(impl: Implementation): void {
  describe(`${impl.name} keeps the rolling-correlation contract`, () => {
    const N = 5;

    test('symmetric: (i, j) and (j, i) are the same bits', () => {
      const rows = randomRows(40, N, 1, impl.gaps);
      const instance = fed(impl, rows, N);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) expect(Object.is(instance.correlation(i, j), instance.correlation(j, i)), `(${i}, ${j})`).toBe(true);
      }
    });

    if (impl.minPeriods) test('NaN below minPeriods pairwise-complete returns, a number from there on', () => {
      const rows = randomRows(30, N, 2, impl.gaps);
      const instance = impl.create(N, { window: W, minPeriods: MIN_PERIODS });
      const seen = { unknown: 0, known: 0 };
      rows.forEach((row, t) => {
        instance.pushRow(row);
        const sent = rows.slice(0, t + 1);
        for (let i = 0; i < N; i++) {
          for (let j = i + 1; j < N; j++) {
            const r = instance.correlation(i, j);
            const count = completeReturns(sent, i, j);
            expect(Number.isNaN(r), `row ${t} (${i}, ${j}): ${r} with ${count} returns`).toBe(count < MIN_PERIODS);
            seen[count < MIN_PERIODS ? 'unknown' : 'known']++;
          }
        }
      });
      expect(seen.unknown).toBeGreaterThan(0);
      expect(seen.known).toBeGreaterThan(0);
    });

    if (impl.degenerateWindows) test('a window with no variance is NaN, also after earlier moves have left it', () => {
      const rows = randomRows(3 * W, N, 3);
      // Symbol 0 goes flat from row W on: its moves leave the window one by one, until the
      // whole window is flat (a residue in running sums would show as noise here).
      const flat = rows.map((row, t) => row.map((c, i) => (i === 0 && t >= W ? rows[W - 1][0] : c)));
      const instance = impl.create(N, { window: W, minPeriods: MIN_PERIODS });
      flat.forEach((row, t) => {
        instance.pushRow(row);
        if (t < 2 * W) return;
        for (let j = 0; j < N; j++) expect(instance.correlation(0, j), `row ${t} (0, ${j})`).toBeNaN();
        expect(Number.isFinite(instance.correlation(1, 2))).toBe(true);
      });
    });

    if (impl.clamps) test('every answer is within [−1, 1]; series moving together or against each other give ±1', () => {
      const base = randomRows(60, 3, 4);
      // 3: symbol 0 scaled (the same returns to rounding); 4: symbol 0 inverted (the opposite).
      const rows = base.map((row) => [...row, row[0] * 7.5, 1 / row[0]]);
      const instance = impl.create(N, { window: W, minPeriods: MIN_PERIODS });
      rows.forEach((row, t) => {
        instance.pushRow(row);
        for (const r of allPairs(instance, N)) if (!Number.isNaN(r)) expect(Math.abs(r), `row ${t}: ${r}`).toBeLessThanOrEqual(1);
      });
      expect(instance.correlation(0, 3)).toBeCloseTo(1, 12);
      expect(instance.correlation(0, 4)).toBeCloseTo(-1, 12);
      expect(instance.correlation(3, 4)).toBeCloseTo(-1, 12);
    });

    test('eviction: a row that left the window stops counting', () => {
      const rows = randomRows(W + 8, N, 5, impl.gaps);
      // A spike in symbols 0 and 2 (never missing a close) at row 2: returns +ln 1.5 at row 2,
      // −ln 1.5 at row 3. While those returns are in the window they dominate the pair.
      rows[2] = rows[2].map((c, i) => (i === 0 || i === 2 ? c * 1.5 : c));
      const instance = impl.create(N, { window: W, minPeriods: MIN_PERIODS });
      const spikePair: number[] = [];
      rows.forEach((row, t) => {
        instance.pushRow(row);
        // The window holds the returns of rows t − W + 1 … t: closes from row t − W on.
        const tail = fed(impl, rows.slice(Math.max(0, t - W), t + 1), N);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) {
            const [a, b] = [instance.correlation(i, j), tail.correlation(i, j)];
            if (Number.isNaN(b)) expect(a, `row ${t} (${i}, ${j})`).toBeNaN();
            else expect(Math.abs(a - b), `row ${t} (${i}, ${j}): ${a} vs ${b}`).toBeLessThanOrEqual(impl.evictionTolerance);
          }
        }
        spikePair.push(instance.correlation(0, 2));
      });
      // Not vacuous: the spike's last return (row 3) leaves the window at row W + 3.
      expect(spikePair[W + 2]).toBeGreaterThan(0.8);
      expect(spikePair[W + 2] - spikePair[W + 3]).toBeGreaterThan(0.3);
    });

    const fedForRevision = (): { instance: RollingCorrelation; rows: number[][] } => {
      const rows = randomRows(2 * W, N, 6, impl.gaps);
      return { instance: fed(impl, rows, N), rows };
    };

    if (impl.revisions !== null) test(
      're-sending candles already held changes nothing, bit for bit',
      () => {
        const { instance, rows } = fedForRevision();
        const before = allPairs(instance, N);
        for (let k = rows.length - 4; k < rows.length; k++) {
          rows[k].forEach((c, i) => {
            if (!Number.isNaN(c)) instance.setClose!(i, k, c);
          });
        }
        expect(allPairs(instance, N)).toEqual(before);
      },
    );

    if (impl.revisions !== null) test(
      `revising a close in the window and reverting it gives back the original answers (${impl.revisions?.revertTolerance ? `within ${impl.revisions.revertTolerance}` : 'bit for bit'})`,
      () => {
        const { instance, rows } = fedForRevision();
        const before = allPairs(instance, N);
        const k = rows.length - 5;
        instance.setClose!(0, k, rows[k][0] * 1.07);
        expect(allPairs(instance, N)).not.toEqual(before);
        instance.setClose!(0, k, rows[k][0]);
        const after = allPairs(instance, N);
        const tolerance = impl.revisions!.revertTolerance;
        if (tolerance === 0) expect(after).toEqual(before);
        after.forEach((r, p) => {
          if (Number.isNaN(before[p])) expect(r).toBeNaN();
          else expect(Math.abs(r - before[p]), `pair ${p}: ${r} vs ${before[p]}`).toBeLessThanOrEqual(tolerance);
        });
      },
    );

    if (impl.rowAndMatrix) test(
      'pair, row and matrix give the same bits',
      () => {
        const { instance } = fedForRevision();
        const matrix = instance.matrix!();
        for (let i = 0; i < N; i++) {
          const row = instance.row!(i);
          for (let j = 0; j < N; j++) {
            const pair = instance.correlation(i, j);
            expect(Object.is(row[j], pair), `row (${i}, ${j})`).toBe(true);
            expect(Object.is(matrix[i * N + j], pair), `matrix (${i}, ${j})`).toBe(true);
          }
        }
      },
    );
  });
}
