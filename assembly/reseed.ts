/**
 * Keeping the running sums exact enough, by design rather than by luck.
 *
 * A running sum that has held large values carries absolute rounding error of order
 * ε·(largest value held)·√(updates). Two things make that error large *relative* to the
 * current window, and each has its own repair:
 *
 * 1. Scale drop (a volatility collapse, a spike leaving, a flat run): Sxx_i falls below
 *    hi_i/16, where hi_i is the largest Sxx_i since i's last reseed. Reseed i.
 * 2. Drift of the mean away from the shift K_i: once |mean − K_i| exceeds about one σ
 *    (var < Sxx/2), the one-pass form starts to cancel. Reseed i with K_i = mean. A series
 *    whose variance is exactly degenerate is left alone: it answers NaN whatever K is.
 *
 * A symbol where neither fires is *at rest*; only then do queries trust its running sums
 * (pearson.ts). A symbol not at rest is answered by the exact two-pass until it is reseeded,
 * so answers stay exact while repairs wait.
 *
 * A reseed recomputes K_i, Sx_i and every S_ij of row and column i exactly: O(N·W). When a
 * whole market halts (every close frozen past a window) every symbol needs one in the same
 * row, O(N²·W) at once; so an update call reseeds at most a budget of symbols worth about
 * RESEED_BUDGET rank-2 passes (comoment.ts), lowest id first, and the rest wait for the next
 * calls. The budget is at least one reseed, so a backlog always drains.
 *
 * On top of that, every appended row refreshes a rotating slice of the triangle exactly,
 * sized so that every pair is recomputed at least once every 10·W rows; this bounds the
 * slow random-walk drift of long runs at a constant cost per row (no latency spikes).
 *
 * A rewrite of a co-moment can move a correlation in its last bits, so the symbol's version
 * (the cache key of its correlations) is bumped whenever a reseed or a refresh changes a sum.
 */
import {
  triAt, symbolCount, minPeriods, window, slots, cursorRow, cursorCol, setCursor,
  setShift, sumOf, setSum, hiOf, setHi, bumpVersion, resultPtr, SCRATCH_DEGENERACY_COUNT,
} from './layout';
import { exactShiftedProduct, exactShiftedSum, exactMean, exactPearson } from './exact';
import { trackScale } from './comoment';
import { presentCount } from './masks';

/**
 * What one update call may spend on reseeds, in rank-2 passes over the triangle (N²/2
 * multiply-adds each); a reseed costs N exact products over S slots, N·S. One pass keeps the
 * worst call of a market-wide halt within a few normal rows (docs/performance.md), and still
 * drains the backlog of a halt at N = 2,000, W = 100 within a few windows.
 */
const RESEED_BUDGET: f64 = 1.0;

export function reseed(i: i32): void {
  setShift(i, exactMean(i));
  setSum(i, exactShiftedSum(i));
  const n = symbolCount();
  for (let j = 0; j < n; j++) store<f64>(i >= j ? triAt(i, j) : triAt(j, i), exactShiftedProduct(i, j));
  setHi(i, load<f64>(triAt(i, i)));
  bumpVersion(i);
}

/**
 * True when neither repair is due for symbol i, so its running sums can be trusted; cheap
 * (no pass over the window). A symbol with too few returns to be maintained is at rest: no
 * correlation is reported for it. A degenerate series with a drifted shift is not at rest,
 * and is answered by the two-pass, which says NaN.
 */
export function atRest(i: i32): bool {
  const present = presentCount(i);
  const sxx = load<f64>(triAt(i, i));
  if (present == 0) return sxx == 0.0 && sumOf(i) == 0.0;
  const mp = minPeriods();
  if (present < (mp > 2 ? mp : 2)) return true;
  if (sxx < hiOf(i) * 0.0625) return false;
  const sx = sumOf(i);
  return sxx - sx * sx / <f64>present >= 0.5 * sxx;
}

/** True when symbol i must be reseeded: it is not at rest, and not only by being degenerate. */
function reseedDue(i: i32): bool {
  if (atRest(i)) return false;
  const present = presentCount(i);
  if (present == 0 || load<f64>(triAt(i, i)) < hiOf(i) * 0.0625) return true;
  return !exactlyDegenerate(i);
}

/** Applies the repairs above to symbol i alone (a call that changed only its closes). */
export function maintain(i: i32): void {
  if (reseedDue(i)) reseed(i);
}

/**
 * Applies the repairs to every symbol, reseeding at most the call's budget of them; a symbol
 * left waiting is not at rest, so its pairs are answered by the two-pass meanwhile.
 */
export function maintainAll(): void {
  const n = symbolCount();
  const perReseed = <f64>n * <f64>slots();
  const passes = RESEED_BUDGET * <f64>n * <f64>(n + 1) * 0.5;
  let allowed = <i32>Math.max(1.0, Math.floor(passes / perReseed));
  for (let i = 0; i < n && allowed > 0; i++) {
    if (reseedDue(i)) {
      reseed(i);
      allowed--;
    }
  }
}

function exactlyDegenerate(i: i32): bool {
  return isNaN(exactPearson(i, i, 2, resultPtr + SCRATCH_DEGENERACY_COUNT));
}

/** Exactly recomputes the next slice of the triangle, in packed row-major order. */
export function refreshSlice(): void {
  const n = symbolCount();
  if (n == 0) return;
  const pairs = (<f64>n) * (<f64>(n + 1)) * 0.5;
  let budget = <i32>Math.ceil(pairs / (10.0 * <f64>window()));
  let row = cursorRow();
  let col = cursorCol();
  if (row >= n) { row = 0; col = 0; }
  while (budget-- > 0) {
    let changed = false;
    if (col == row) {
      const sx = exactShiftedSum(row);
      changed = !sameBits(sumOf(row), sx);
      setSum(row, sx);
    }
    const p = triAt(row, col);
    const s = exactShiftedProduct(row, col);
    if (!sameBits(load<f64>(p), s)) changed = true;
    store<f64>(p, s);
    if (col == row) trackScale(row);
    // Either symbol's version keys the pair's cached correlation (a cached row of one
    // symbol is stamped with the versions of the others it read).
    if (changed) bumpVersion(row);
    if (++col > row) {
      col = 0;
      if (++row >= n) row = 0;
    }
  }
  setCursor(row, col);
}


@inline function sameBits(a: f64, b: f64): bool {
  return reinterpret<u64>(a) == reinterpret<u64>(b);
}
