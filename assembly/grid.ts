/**
 * The bar grid: the last W+1 timestamps of the union of every candle seen, in time order.
 * Row order is an array of slot ids, so inserting or evicting a row moves ids, not data.
 * The window is positions 1..L−1: position 0 only lends its close to position 1's return.
 *
 * Every change is expressed as returns entering, leaving or changing in the window, fed to
 * the co-moment updates in comoment.ts; the grid never recomputes a pair from scratch.
 */
import {
  rows, setRows, slots, symbolCount, setSymbolCount, orderAt, setOrderAt, slotTs, setSlotTs, setWinBit,
  inWindow, closeAt, retAt, aVec, bVec, countIgnored, countAppended, shiftOf, bumpVersion,
  rec, triAt, reserveSymbols, bumpEpoch,
} from './layout';
import { applyRankTwo, applySymbolDelta, shiftedAt } from './comoment';
import { setMissBit, markAllMissing } from './masks';

/**
 * A new symbol: a column with no close at any slot, missing at every window row, and zero
 * sums. Returns its id, or −1 when capacity cannot grow.
 */
export function addSymbol(): i32 {
  const id = symbolCount();
  if (!reserveSymbols(id + 1)) return -1;
  const r = rec(id);
  memory.fill(r, 0, triAt(id, id) + 8 - r);
  const all = slots();
  for (let s = 0; s < all; s++) {
    store<f64>(closeAt(id, s), NaN);
    store<f64>(retAt(id, s), NaN);
  }
  markAllMissing(id);
  setSymbolCount(id + 1);
  bumpEpoch();
  return id;
}

/** First position whose timestamp is ≥ ts (L when none). */
export function lowerBound(ts: f64): i32 {
  let lo = 0;
  let hi = rows();
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slotTs(orderAt(mid)) < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

@inline function sameValue(a: f64, b: f64): bool {
  return (a != a && b != b) || reinterpret<u64>(a) == reinterpret<u64>(b);
}

/** Symbol i's return at `slot` becomes v (NaN = missing); updates sums if the row is windowed. */
function setReturn(i: i32, slot: i32, v: f64): void {
  const p = retAt(i, slot);
  const old = load<f64>(p);
  if (sameValue(old, v)) return;
  if (!inWindow(slot)) {
    store<f64>(p, v);
    return;
  }
  const k = shiftOf(i);
  const a = v != v ? 0.0 : v - k;
  const b = old != old ? 0.0 : old - k;
  store<f64>(p, v);
  setMissBit(i, slot, v != v);
  applySymbolDelta(i, slot, a, b, symbolCount());
  bumpVersion(i);
}

/** Recomputes symbol i's return at position pos from its closes at pos and pos−1. */
function recomputeReturn(i: i32, pos: i32): void {
  const slot = orderAt(pos);
  const prev = orderAt(pos - 1);
  setReturn(i, slot, load<f64>(closeAt(i, slot)) - load<f64>(closeAt(i, prev)));
}

/** A row leaves the window: every symbol's return there is removed in one rank-2 pass. */
function leaveWindow(slot: i32): void {
  const n = symbolCount();
  for (let i = 0; i < n; i++) {
    store<f64>(aVec + (<usize>i << 3), 0.0);
    store<f64>(bVec + (<usize>i << 3), shiftedAt(i, slot));
  }
  applyRankTwo(n);
  for (let i = 0; i < n; i++) {
    const p = retAt(i, slot);
    if (load<f64>(p) == load<f64>(p)) bumpVersion(i);
    store<f64>(p, NaN);
    setMissBit(i, slot, false);
  }
  setWinBit(slot, false);
}

/** A row enters the window with every return missing; callers then fill what exists. */
function enterWindow(slot: i32): void {
  const n = symbolCount();
  setWinBit(slot, true);
  for (let i = 0; i < n; i++) setMissBit(i, slot, true);
}

function clearSlot(slot: i32): void {
  const n = symbolCount();
  for (let i = 0; i < n; i++) {
    store<f64>(closeAt(i, slot), NaN);
    store<f64>(retAt(i, slot), NaN);
  }
}

/** Drops position 0 when the grid is full; returns its slot for reuse. */
function evictOldest(): i32 {
  const len = rows();
  const freed = orderAt(0);
  if (len >= 2) leaveWindow(orderAt(1));
  clearSlot(freed);
  for (let p = 1; p < len; p++) setOrderAt(p - 1, orderAt(p));
  setRows(len - 1);
  return freed;
}

/**
 * Inserts a timestamp that is not in the grid; returns its position, or −1 when it is older
 * than every kept row of a full grid (it would be evicted at once, so it is ignored).
 */
export function insertRow(ts: f64): i32 {
  let len = rows();
  let free = len;
  if (len == slots()) {
    if (ts < slotTs(orderAt(0))) {
      countIgnored();
      return -1;
    }
    free = evictOldest();
    len--;
  }
  const pos = lowerBound(ts);
  for (let p = len; p > pos; p--) setOrderAt(p, orderAt(p - 1));
  setOrderAt(pos, free);
  setSlotTs(free, ts);
  len++;
  setRows(len);
  if (pos == len - 1) countAppended();
  if (pos >= 1) {
    enterWindow(free);
  } else if (len >= 2) {
    enterWindow(orderAt(1)); // the former first row now has a predecessor
  }
  if (pos >= 1 && pos + 1 < len) {
    // The next row's predecessor is now this row, where no symbol has a close yet.
    const n = symbolCount();
    for (let i = 0; i < n; i++) recomputeReturn(i, pos + 1);
  }
  return pos;
}

/** Result codes of setClose. */
export const CLOSE_FILLED: i32 = 0;
export const CLOSE_REVISED: i32 = 1;
const CLOSE_UNCHANGED: i32 = 2;

/** Sets symbol i's log close at position pos; its returns at pos and pos+1 follow. */
export function setClose(i: i32, pos: i32, logClose: f64): i32 {
  const slot = orderAt(pos);
  const p = closeAt(i, slot);
  const old = load<f64>(p);
  if (sameValue(old, logClose)) return CLOSE_UNCHANGED;
  store<f64>(p, logClose);
  if (pos >= 1) recomputeReturn(i, pos);
  if (pos + 1 < rows()) recomputeReturn(i, pos + 1);
  return old != old ? CLOSE_FILLED : CLOSE_REVISED;
}

/**
 * The hot path: a new head row where every symbol may tick at once. The leaving row and the
 * entering row are folded into one rank-2 pass. Closes come in `closesIn`, NaN = missing.
 */
export function appendFullRow(ts: f64, closesIn: usize): void {
  const n = symbolCount();
  const len = rows();
  const full = len == slots();
  const slot = full ? orderAt(0) : len;
  const leaving = full && len >= 2 ? orderAt(1) : -1;
  const last = len > 0 ? orderAt(len - 1) : -1;
  const entering = len >= 1; // the very first row has no predecessor, so no return
  for (let i = 0; i < n; i++) {
    const c = load<f64>(closesIn + (<usize>i << 3));
    const lc = c == c ? Math.log(c) : NaN;
    const r = last >= 0 ? lc - load<f64>(closeAt(i, last)) : NaN;
    const k = shiftOf(i);
    store<f64>(aVec + (<usize>i << 3), entering && r == r ? r - k : 0.0);
    store<f64>(bVec + (<usize>i << 3), leaving >= 0 ? shiftedAt(i, leaving) : 0.0);
    store<f64>(closeAt(i, slot), lc);
    store<f64>(retAt(i, slot), entering ? r : NaN);
  }
  applyRankTwo(n);
  for (let i = 0; i < n; i++) {
    const entered = entering && load<f64>(retAt(i, slot)) == load<f64>(retAt(i, slot));
    let left = false;
    if (leaving >= 0) {
      const p = retAt(i, leaving);
      left = load<f64>(p) == load<f64>(p);
      store<f64>(p, NaN);
      setMissBit(i, leaving, false);
    }
    if (entering) setMissBit(i, slot, !entered);
    if (entered || left) bumpVersion(i);
  }
  if (leaving >= 0) setWinBit(leaving, false);
  if (entering) setWinBit(slot, true);
  if (full) {
    for (let p = 1; p < len; p++) setOrderAt(p - 1, orderAt(p));
    setOrderAt(len - 1, slot);
  } else {
    setOrderAt(len, slot);
    setRows(len + 1);
  }
  setSlotTs(slot, ts);
  countAppended();
}
