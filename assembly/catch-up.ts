/**
 * Catching up: one ingest call that carries more new bars than the grid holds.
 *
 * Bars newer than the head append one by one, and each evicts the oldest row once the grid
 * is full. When a call carries K ≥ S (= W + 1) of them, every row held before the call is
 * evicted, and all but the last S of the new bars are appended only to be evicted again
 * within the same call: the grid ends holding exactly the last S new bars. Paying a rank-2
 * eviction (O(N²)) for each of those rows would make one call cost K rows of work for S rows
 * of result.
 *
 * Instead the grid is emptied once, and the bars that would not survive are counted without
 * being stored. An empty window has every running sum exactly zero, so the sums are set to
 * zero (one pass over the triangle, O(N²), the cost of one row) rather than brought there by
 * K rank-2 updates; the last S bars then append into the empty grid, touching only the
 * calling symbol's returns, O(N) each. The result is the grid and window the row-by-row path
 * reaches, with sums that are exact instead of carrying K updates' rounding.
 */
import {
  rows, setRows, slots, symbolCount, orderAt, setSlotTs, setWinBit, closeAt, retAt,
  missWordAt, maskWords, triAt, setSum, setHi, bumpVersion, countAppended,
} from './layout';
import { presentCount } from './masks';

/** Empties the grid: every row evicted, every running sum zero, every symbol's version bumped. */
export function clearGrid(): void {
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
  // Slots are taken again from 0 as rows arrive; a slot no row uses holds no timestamp.
  const all = slots();
  for (let s = 0; s < all; s++) {
    setWinBit(s, false);
    setSlotTs(s, 0.0);
  }
  setRows(0);
}

/** Counts `count` bars appended at the head and evicted again within the same call. */
export function countPassedThrough(count: i32): void {
  for (let k = 0; k < count; k++) countAppended();
}
