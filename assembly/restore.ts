/**
 * Restoring a snapshot. The state block and the record block come from outside (a file, a
 * socket, another program), so they are parsed as untrusted bytes before the engine answers
 * anything, in one call (`restoreCheck`) after TypeScript has copied them into place.
 *
 * What is derivable exactly is derived and compared bit for bit (a NaN matches any NaN: every
 * path tests NaN by `x != x`, and hosts differ in the NaN payloads they produce):
 *   - W, the slot count, the mask words and minPeriods, from the layout this engine was
 *     created with (the caller's configuration);
 *   - the row order: a permutation of the slots in use (slots 0 … rows−1 until the grid is
 *     full: a slot is freed only to be reused at once), with strictly increasing integer
 *     timestamps, and nothing stored in a slot no row uses;
 *   - every return, from the stored log closes and the row order (position 0 and unused slots
 *     hold none); the window mask, from the row order; every missing mask, from the returns;
 *   - every byte that holds no field is zero.
 * Nothing is rewritten, so a restored engine holds the very bytes that were saved and answers
 * bit-identically to the engine that saved them.
 *
 * The running sums carry the rounding of their own history, so they cannot be derived bit for
 * bit. Each is compared with an exact recomputation from the checked returns and the symbol's
 * stored shift K, with H_i = max(hi_i, exact Σu_i²) as the scale of symbol i's sums (hi is the
 * largest Σu² since the last reseed, what the rounding error of i's sums grows with):
 *     |S_ij − exact S_ij| ≤ SUM_TOLERANCE · √(H_i·H_j)        every co-moment, j ≤ i
 *     |Σu_i − exact Σu_i| ≤ SUM_TOLERANCE · √(W·H_i)          (|Σu| ≤ √(W·Σu²))
 * An honest engine stays far inside (docs/reliability.md#what-restore-checks gives the
 * measured worst case); an edited sum is refused, or moves a correlation by at most what the
 * tolerance allows. The cost is one exact pass over every pair: O(N²·W).
 *
 * Scalars are range-checked against what the engine itself can reach: K is a mean of log
 * returns, so |K| ≤ MAX_RETURN; hi ≥ Σu_i² and below the largest Σu² a window can hold;
 * counters and versions are whole numbers ≤ MAX_COUNT, far from 2^53 where f64 stops counting.
 * A symbol whose scale has dropped 16-fold below hi, or whose shift sits more than about a σ
 * from its window mean, is not at rest (reseed.ts): an engine leaves such symbols waiting for a
 * reseed under its per-call budget, and answers their pairs by the two-pass meanwhile. So a
 * restored hi or K that makes a symbol look unrested is accepted: its sums are not read for an
 * answer until a reseed has rewritten them, and the tolerance above binds only sums that are.
 *
 * A failed check returns its RESTORE_ code and leaves where it failed in the result area
 * (RESULT_RESTORE_AT, _OTHER, _FOUND, _LIMIT); TypeScript turns that into a SnapshotError
 * naming the field. After a pass, RESULT_RESTORE_FOUND holds the worst deviation of a running
 * sum from its recomputation in units of its scale: what the tolerance is measured against.
 */
import {
  window, slots, maskWords, minPeriods, rows, symbolCount, cursorRow, cursorCol, ignoredTooOld,
  epoch, rowsAppended, orderAt, orderAddress, slotTs, winWord, inWindow, closeAt, retAt,
  missWordAt, triAt, shiftOf, sumOf, hiOf, versionOf, laidOutWindow, laidOutMinPeriods,
  stateGapsAreZero, recordGapsAreZero, resultPtr, aVec, bVec, capacity,
  RESULT_RESTORE_AT, RESULT_RESTORE_OTHER, RESULT_RESTORE_FOUND, RESULT_RESTORE_LIMIT,
} from './layout';
import { exactShiftedProduct, exactShiftedSum } from './exact';
import { invalidatePrepared } from './pearson';

/**
 * The version of the snapshotted layout (the state and record tables in layout.ts and what
 * each byte means). Bump it whenever either changes; a snapshot of another layout is refused.
 * The SIMD and scalar builds share it, so their snapshots are interchangeable.
 */
export const LAYOUT_VERSION: i32 = 1;

/**
 * The largest counter, version or id a snapshot may hold: 2^50. Counting on from there, 7.9e15
 * increments remain before 2^53, where an f64 stops counting (x + 1 == x): 250 years at a
 * million a second.
 */
export const MAX_COUNT: f64 = 1125899906842624.0;

/**
 * How far a running sum may sit from its exact recomputation, in units of its scale (see
 * above). The engine keeps every correlation within 1e-12 of a two-pass, so its sums stay
 * far closer than this; the measured worst honest deviation and the margin are in
 * docs/reliability.md#what-restore-checks.
 */
export const SUM_TOLERANCE: f64 = 1e-10;

// Log closes are logs of finite positive doubles: ln(4.9e-324) = −744.4, ln(1.8e308) = 709.8.
const MIN_LOG_CLOSE: f64 = -745.0;
const MAX_LOG_CLOSE: f64 = 710.0;
/** The largest |log return| between two such closes, so also the largest |K| (a mean of them). */
const MAX_RETURN: f64 = MAX_LOG_CLOSE - MIN_LOG_CLOSE;
/** |u| = |r − K| ≤ 2·MAX_RETURN, so Σu² over a window is at most W·(2·MAX_RETURN)²; twice that bounds hi. */
const HI_PER_ROW: f64 = 2.0 * (2.0 * MAX_RETURN) * (2.0 * MAX_RETURN);
const MAX_TIMESTAMP: f64 = 9007199254740991.0; // Number.MAX_SAFE_INTEGER, as candles.ts accepts

export const RESTORE_OK: i32 = 0;
// The state block.
export const RESTORE_WINDOW: i32 = 1;
export const RESTORE_SLOTS: i32 = 2;
export const RESTORE_MASK_WORDS: i32 = 3;
export const RESTORE_MIN_PERIODS: i32 = 4;
export const RESTORE_ROWS: i32 = 5;
export const RESTORE_SYMBOLS: i32 = 6;
export const RESTORE_CURSOR: i32 = 7;
export const RESTORE_IGNORED: i32 = 8;
export const RESTORE_EPOCH: i32 = 9;
export const RESTORE_APPENDED: i32 = 10;
export const RESTORE_STATE_GAPS: i32 = 11;
export const RESTORE_ORDER: i32 = 12;
export const RESTORE_TIMESTAMP: i32 = 13;
export const RESTORE_FREE_TIMESTAMP: i32 = 14;
export const RESTORE_WINDOW_MASK: i32 = 15;
// Symbol records.
export const RESTORE_SHIFT: i32 = 16;
export const RESTORE_VERSION: i32 = 17;
export const RESTORE_CLOSE: i32 = 18;
export const RESTORE_FREE_CLOSE: i32 = 19;
export const RESTORE_RETURN: i32 = 20;
export const RESTORE_MISSING: i32 = 21;
export const RESTORE_RECORD_GAPS: i32 = 22;
export const RESTORE_HI: i32 = 23;
export const RESTORE_SUM: i32 = 24;
export const RESTORE_COMOMENT: i32 = 25;

let worstDeviation: f64 = 0;

function fail(code: i32, at: f64, other: f64, found: f64, limit: f64): i32 {
  store<f64>(resultPtr + RESULT_RESTORE_AT, at);
  store<f64>(resultPtr + RESULT_RESTORE_OTHER, other);
  store<f64>(resultPtr + RESULT_RESTORE_FOUND, found);
  store<f64>(resultPtr + RESULT_RESTORE_LIMIT, limit);
  return code;
}

@inline function isCount(x: f64): bool {
  return x >= 0.0 && x <= MAX_COUNT && Math.floor(x) == x;
}

@inline function isTimestamp(ts: f64): bool {
  return Math.abs(ts) <= MAX_TIMESTAMP && Math.floor(ts) == ts;
}

@inline function sameValue(a: f64, b: f64): bool {
  return (a != a && b != b) || reinterpret<u64>(a) == reinterpret<u64>(b);
}

/** Grid position of each slot while the check runs (−1: no row uses it), kept in aVec. */
@inline function positionOf(slot: i32): i32 { return <i32>load<f64>(aVec + (<usize>slot << 3)); }

/**
 * Checks the state block and the `expectedSymbols` records TypeScript copied in; RESTORE_OK
 * or the code of the first check that failed. Invalidates per-query scratch either way.
 */
export function restoreCheck(expectedSymbols: i32): i32 {
  invalidatePrepared();
  worstDeviation = 0;
  let code = checkHeader(expectedSymbols);
  if (code == RESTORE_OK) code = checkGrid();
  const n = symbolCount();
  for (let i = 0; i < n && code == RESTORE_OK; i++) code = checkRecord(i);
  if (code == RESTORE_OK) code = checkSums();
  if (code == RESTORE_OK) store<f64>(resultPtr + RESULT_RESTORE_FOUND, worstDeviation);
  return code;
}

function checkHeader(expectedSymbols: i32): i32 {
  const w = laidOutWindow();
  if (window() != w) return fail(RESTORE_WINDOW, -1, -1, window(), w);
  if (slots() != w + 1) return fail(RESTORE_SLOTS, -1, -1, slots(), w + 1);
  const words = (w + 1 + 63) >> 6;
  if (maskWords() != words) return fail(RESTORE_MASK_WORDS, -1, -1, maskWords(), words);
  if (minPeriods() != laidOutMinPeriods()) return fail(RESTORE_MIN_PERIODS, -1, -1, minPeriods(), laidOutMinPeriods());
  if (rows() < 0 || rows() > slots()) return fail(RESTORE_ROWS, -1, -1, rows(), slots());
  const n = symbolCount();
  if (n != expectedSymbols || n > capacity) return fail(RESTORE_SYMBOLS, -1, -1, n, expectedSymbols);
  const row = cursorRow();
  const col = cursorCol();
  const cursorOk = n == 0 ? row == 0 && col == 0 : row >= 0 && row < n && col >= 0 && col <= row;
  if (!cursorOk) return fail(RESTORE_CURSOR, -1, -1, row, col);
  if (!isCount(ignoredTooOld())) return fail(RESTORE_IGNORED, -1, -1, ignoredTooOld(), MAX_COUNT);
  if (!isCount(epoch())) return fail(RESTORE_EPOCH, -1, -1, epoch(), MAX_COUNT);
  if (!isCount(rowsAppended())) return fail(RESTORE_APPENDED, -1, -1, rowsAppended(), MAX_COUNT);
  if (!stateGapsAreZero()) return fail(RESTORE_STATE_GAPS, -1, -1, 0, 0);
  return RESTORE_OK;
}

function checkGrid(): i32 {
  const all = slots();
  const len = rows();
  // Until the grid is full the slots in use are exactly 0 … rows−1.
  const bound = len < all ? len : all;
  for (let s = 0; s < all; s++) store<f64>(aVec + (<usize>s << 3), -1.0);
  for (let p = 0; p < all; p++) {
    const slot = load<i32>(orderAddress(p));
    if (slot < 0 || slot >= all) return fail(RESTORE_ORDER, p, -1, slot, all);
  }
  let previous: f64 = 0;
  for (let p = 0; p < len; p++) {
    const slot = orderAt(p);
    if (slot >= bound || positionOf(slot) >= 0) return fail(RESTORE_ORDER, p, -1, slot, bound);
    store<f64>(aVec + (<usize>slot << 3), <f64>p);
    const ts = slotTs(slot);
    if (!isTimestamp(ts) || (p > 0 && !(ts > previous))) return fail(RESTORE_TIMESTAMP, p, slot, ts, previous);
    previous = ts;
  }
  for (let s = 0; s < all; s++) {
    if (positionOf(s) < 0 && reinterpret<u64>(slotTs(s)) != 0) return fail(RESTORE_FREE_TIMESTAMP, -1, s, slotTs(s), 0);
    if (inWindow(s) != positionOf(s) >= 1) return fail(RESTORE_WINDOW_MASK, -1, s, inWindow(s) ? 1 : 0, positionOf(s) >= 1 ? 1 : 0);
  }
  return RESTORE_OK;
}

function checkRecord(i: i32): i32 {
  const k = shiftOf(i);
  if (!(Math.abs(k) <= MAX_RETURN)) return fail(RESTORE_SHIFT, i, -1, k, MAX_RETURN);
  if (!isCount(versionOf(i))) return fail(RESTORE_VERSION, i, -1, versionOf(i), MAX_COUNT);
  const hi = hiOf(i);
  const maxHi = HI_PER_ROW * <f64>window();
  if (!(hi >= 0.0 && hi <= maxHi)) return fail(RESTORE_HI, i, -1, hi, maxHi);
  const all = slots();
  for (let s = 0; s < all; s++) {
    const c = load<f64>(closeAt(i, s));
    if (positionOf(s) < 0) {
      if (c == c) return fail(RESTORE_FREE_CLOSE, i, s, c, NaN);
    } else if (c == c && !(c >= MIN_LOG_CLOSE && c <= MAX_LOG_CLOSE)) {
      return fail(RESTORE_CLOSE, i, s, c, MAX_LOG_CLOSE);
    }
  }
  for (let s = 0; s < all; s++) {
    const p = positionOf(s);
    const expected = p >= 1 ? load<f64>(closeAt(i, s)) - load<f64>(closeAt(i, orderAt(p - 1))) : NaN;
    const found = load<f64>(retAt(i, s));
    if (!sameValue(found, expected)) return fail(RESTORE_RETURN, i, s, found, expected);
  }
  const words = maskWords();
  for (let w = 0; w < words; w++) {
    let missing: u64 = 0;
    const end = (w + 1) << 6 < all ? (w + 1) << 6 : all;
    for (let s = w << 6; s < end; s++) {
      const r = load<f64>(retAt(i, s));
      if (r != r) missing |= (<u64>1) << (<u64>(s & 63));
    }
    if (load<u64>(missWordAt(i, w)) != (winWord(w) & missing)) return fail(RESTORE_MISSING, i, w, 0, 0);
  }
  if (!recordGapsAreZero(i)) return fail(RESTORE_RECORD_GAPS, i, -1, 0, 0);
  return RESTORE_OK;
}

/** |found − exact| ≤ SUM_TOLERANCE·scale, recording the worst ratio seen. */
function within(found: f64, exact: f64, scale: f64): bool {
  const deviation = Math.abs(found - exact);
  if (!(deviation <= SUM_TOLERANCE * scale)) return false;
  if (scale > 0.0 && deviation / scale > worstDeviation) worstDeviation = deviation / scale;
  return true;
}

/**
 * Every running sum against its exact recomputation. First per symbol (its scale H_i, Σu,
 * Σu²), then every co-moment: O(N²·W).
 */
function checkSums(): i32 {
  const n = symbolCount();
  const fw = <f64>window();
  for (let i = 0; i < n; i++) {
    const exactSq = exactShiftedProduct(i, i);
    const sq = load<f64>(triAt(i, i));
    const hi = hiOf(i);
    if (!(hi >= sq)) return fail(RESTORE_HI, i, -1, hi, sq);
    const scale = hi > exactSq ? hi : exactSq;
    store<f64>(bVec + (<usize>i << 3), scale);
    const exactSum = exactShiftedSum(i);
    if (!within(sumOf(i), exactSum, Math.sqrt(fw * scale))) {
      return fail(RESTORE_SUM, i, -1, sumOf(i), exactSum);
    }
    if (!within(sq, exactSq, scale)) return fail(RESTORE_COMOMENT, i, i, sq, exactSq);
  }
  for (let i = 1; i < n; i++) {
    const hi = load<f64>(bVec + (<usize>i << 3));
    for (let j = 0; j < i; j++) {
      const exact = exactShiftedProduct(i, j);
      const found = load<f64>(triAt(i, j));
      if (!within(found, exact, Math.sqrt(hi * load<f64>(bVec + (<usize>j << 3))))) {
        return fail(RESTORE_COMOMENT, i, j, found, exact);
      }
    }
  }
  return RESTORE_OK;
}
