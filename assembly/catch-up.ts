/**
 * Catching up: one ingest call that carries at least a grid's worth of new bars.
 *
 * Bars newer than the head append one by one, and each evicts the oldest row once the grid
 * is full. When a call carries K ≥ S (= W + 1) of them, every row held before the call is
 * evicted, and all but the last S of the new bars are appended only to be evicted again
 * within the same call: the grid ends holding exactly the last S new bars, with the calling
 * symbol's closes and no other symbol's. Paying a rank-2 eviction (O(N²)) for each of those
 * rows would make one call cost K rows of work for S rows of result.
 *
 * Instead the grid is emptied once and refilled with the last S bars directly. An empty
 * window has every running sum exactly zero, and in the refilled one only the calling
 * symbol has returns, so the triangle is zeroed (one pass, O(N²): the cost of one row) and
 * the calling symbol's own sums are computed exactly, as a reseed would (shift = its mean).
 * Every other symbol is missing at every window row. The whole call costs O(N² + N·S) however
 * many bars it carries; the bars that pass through are counted, not stored. The result is the
 * grid and window the bar-by-bar path reaches, with sums that are exact instead of carrying K
 * updates' rounding.
 */
import {
  rows, setRows, slots, symbolCount, orderAt, setOrderAt, setSlotTs, setWinBit, closeAt, retAt,
  missWordAt, maskWords, triAt, setShift, setSum, setHi, bumpVersion, countAppended, inTs, inClose,
} from './layout';
import { presentCount, markAllMissing } from './masks';
import { exactMean, exactShiftedSum, exactShiftedProduct } from './exact';

/** Empties the grid: every row evicted, every running sum zero, every changed symbol's version bumped. */
function clearGrid(): void {
  const n = symbolCount();
  const len = rows();
  const words = maskWords();
  for (let i = 0; i < n; i++) {
    if (presentCount(i) > 0) bumpVersion(i);
    for (let p = 0; p < len; p++) {
      const slot = orderAt(p);
      store<f64>(closeAt(i, slot), NaN);
      store<f64>(retAt(i, slot), NaN);
    }
    for (let w = 0; w < words; w++) store<u64>(missWordAt(i, w), 0);
    setSum(i, 0.0);
    setHi(i, 0.0);
    const row = triAt(i, 0);
    for (let j = 0; j <= i; j++) store<f64>(row + (<usize>j << 3), 0.0);
  }
  const all = slots();
  for (let s = 0; s < all; s++) {
    setWinBit(s, false);
    setSlotTs(s, 0.0); // a slot no row uses holds no timestamp
  }
  setRows(0);
}

/**
 * Replaces the whole grid by the last S of the `count` candles from inTs/inClose at `from`
 * (all newer than every row held), for `symbol` alone. Requires count ≥ S.
 */
export function refillGrid(symbol: i32, from: i32, count: i32): void {
  clearGrid();
  const all = slots();
  const first = from + count - all;
  let previous: f64 = NaN;
  for (let p = 0; p < all; p++) {
    const k = first + p;
    const logClose = Math.log(load<f64>(inClose + (<usize>k << 3)));
    setOrderAt(p, p);
    setSlotTs(p, load<f64>(inTs + (<usize>k << 3)));
    store<f64>(closeAt(symbol, p), logClose);
    if (p >= 1) {
      store<f64>(retAt(symbol, p), logClose - previous);
      setWinBit(p, true);
    }
    previous = logClose;
  }
  setRows(all);
  for (let k = 0; k < count; k++) countAppended();
  const n = symbolCount();
  for (let i = 0; i < n; i++) if (i != symbol) markAllMissing(i);
  // The calling symbol's sums, exactly, around its own mean: what a reseed would leave.
  setShift(symbol, exactMean(symbol));
  setSum(symbol, exactShiftedSum(symbol));
  const sxx = exactShiftedProduct(symbol, symbol);
  store<f64>(triAt(symbol, symbol), sxx);
  setHi(symbol, sxx);
  bumpVersion(symbol);
}
