/**
 * Keeping the running sums exact enough, by design rather than by luck.
 *
 * A running sum that has held large values carries absolute rounding error of order
 * ε·(largest value held)·√(updates). Two things make that error large *relative* to the
 * current window, and each has its own repair, applied after every update batch:
 *
 * 1. Scale drop (a volatility collapse, a spike leaving, a flat run): Sxx_i falls below
 *    hi_i/16, where hi_i is the largest Sxx_i since i's last reseed. Reseed i.
 * 2. Drift of the mean away from the shift K_i: once |mean − K_i| exceeds about one σ
 *    (var < Sxx/2), the one-pass form starts to cancel. Reseed i with K_i = mean. A series
 *    whose variance is exactly degenerate is left alone: it answers NaN whatever K is.
 *
 * A reseed recomputes K_i, Sx_i and every S_ij of row and column i exactly: O(N·W), rare.
 * On top of that, every appended row refreshes a rotating slice of the triangle exactly,
 * sized so that every pair is recomputed at least once every 10·W rows; this bounds the
 * slow random-walk drift of long runs at a constant cost per row (no latency spikes).
 */
import {
  triAt, symbolCount, minPeriods, window, cursorRow, cursorCol, setCursor,
  setShift, sumOf, setSum, hiOf, setHi, resultPtr, SCRATCH_DEGENERACY_COUNT,
} from './layout';
import { exactShiftedProduct, exactShiftedSum, exactMean, exactPearson } from './exact';
import { trackScale } from './comoment';
import { presentCount } from './masks';

export function reseed(i: i32): void {
  setShift(i, exactMean(i));
  setSum(i, exactShiftedSum(i));
  const n = symbolCount();
  for (let j = 0; j < n; j++) store<f64>(i >= j ? triAt(i, j) : triAt(j, i), exactShiftedProduct(i, j));
  setHi(i, load<f64>(triAt(i, i)));
}

/** Applies the two repairs above to symbol i; cheap unless one of them fires. */
export function maintain(i: i32): void {
  const present = presentCount(i);
  const sxx = load<f64>(triAt(i, i));
  if (present == 0) {
    if (sxx != 0.0 || sumOf(i) != 0.0) reseed(i);
    return;
  }
  const mp = minPeriods();
  if (present < (mp > 2 ? mp : 2)) return; // no correlation is reported for i yet
  const sx = sumOf(i);
  const variance = sxx - sx * sx / <f64>present;
  if (sxx < hiOf(i) * 0.0625) {
    reseed(i);
    return;
  }
  if (!(variance >= 0.5 * sxx) && !exactlyDegenerate(i)) reseed(i);
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
    if (col == row) {
      setSum(row, exactShiftedSum(row));
    }
    store<f64>(triAt(row, col), exactShiftedProduct(row, col));
    if (col == row) trackScale(row);
    if (++col > row) {
      col = 0;
      if (++row >= n) row = 0;
    }
  }
  setCursor(row, col);
}

