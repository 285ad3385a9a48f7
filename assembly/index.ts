/**
 * The wasm core's whole surface: numbers in, numbers out, over memory laid out once
 * (layout.ts). Symbols are ids 0..N−1 in the order they were added; names live in TypeScript.
 * Every mutating export ends with the maintenance pass that keeps the sums exact (reseed.ts).
 */
import {
  layout, reserveSymbols, symbolCount, setSymbolCount, rec, closeAt, retAt, triAt, capacity,
  slots, rows, orderAt, slotTs, window, minPeriods, ignoredTooOld, rowsAppended, bumpEpoch,
  inTs, inClose, rowIn, outRow, resultPtr, stateBase, stateEnd, recBase, recordsEnd,
  ensureBytes, R_VERSION, MAX_SYMBOLS, MAX_INPUT,
} from './layout';
import { lowerBound, insertRow, setClose, appendFullRow, CLOSE_FILLED, CLOSE_REVISED } from './grid';
import { markAllMissing, pairCount } from './masks';
import { maintain, refreshSlice } from './reseed';
import { pairCorrelation, fillRow, fillMatrix, invalidatePrepared } from './pearson';

// resultPtr layout (f64 slots): 0..5 ingest counts, 6 last pair count, 8.. pair scratch.
const RES_APPENDED: usize = 0;
const RES_INSERTED: usize = 8;
const RES_FILLED: usize = 16;
const RES_REVISED: usize = 24;
const RES_UNCHANGED: usize = 32;
const RES_IGNORED: usize = 40;
const RES_PAIR_COUNT: usize = 48;
const RES_SCRATCH: usize = 72;

export function init(windowRows: i32, minObservations: i32, initialCapacity: i32): bool {
  layout(windowRows, minObservations);
  return reserveSymbols(initialCapacity);
}

export function maxSymbols(): i32 { return MAX_SYMBOLS; }
export function maxInput(): i32 { return MAX_INPUT; }
export function inputTsPtr(): usize { return inTs; }
export function inputClosePtr(): usize { return inClose; }
export function rowInputPtr(): usize { return rowIn; }
export function rowOutputPtr(): usize { return outRow; }
export function resultsPtr(): usize { return resultPtr; }

/** Adds a symbol; returns its id, or −1 when capacity cannot grow. */
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

function maintainAll(): void {
  const n = symbolCount();
  for (let i = 0; i < n; i++) maintain(i);
}

/**
 * Ingests `count` candles of one symbol from the input buffers (timestamps strictly
 * increasing, closes finite and > 0: TypeScript validated them). Counts go to resultsPtr.
 */
export function ingest(symbol: i32, count: i32): void {
  let appended = 0, inserted = 0, filled = 0, revised = 0, unchanged = 0, ignored = 0;
  for (let k = 0; k < count; k++) {
    const ts = load<f64>(inTs + (<usize>k << 3));
    const logClose = Math.log(load<f64>(inClose + (<usize>k << 3)));
    let pos = lowerBound(ts);
    if (!(pos < rows() && slotTs(orderAt(pos)) == ts)) {
      const wasHead = rows() == 0 || ts > slotTs(orderAt(rows() - 1));
      pos = insertRow(ts);
      if (pos < 0) { ignored++; continue; }
      if (wasHead) { appended++; refreshSlice(); } else inserted++;
    }
    const outcome = setClose(symbol, pos, logClose);
    if (outcome == CLOSE_FILLED) filled++;
    else if (outcome == CLOSE_REVISED) revised++;
    else unchanged++;
  }
  // A call that changed nothing (re-sends, too-old bars) must leave every bit as it was.
  if (appended + inserted > 0) maintainAll();
  else if (filled + revised > 0) maintain(symbol);
  if (appended + inserted + filled + revised > 0) bumpEpoch();
  store<f64>(resultPtr + RES_APPENDED, <f64>appended);
  store<f64>(resultPtr + RES_INSERTED, <f64>inserted);
  store<f64>(resultPtr + RES_FILLED, <f64>filled);
  store<f64>(resultPtr + RES_REVISED, <f64>revised);
  store<f64>(resultPtr + RES_UNCHANGED, <f64>unchanged);
  store<f64>(resultPtr + RES_IGNORED, <f64>ignored);
}

/** Appends a head row with one close per symbol from rowInputPtr (NaN = no candle). */
export function pushRow(ts: f64): void {
  appendFullRow(ts, rowIn);
  refreshSlice();
  maintainAll();
  bumpEpoch();
}

export function headTimestamp(): f64 { return rows() > 0 ? slotTs(orderAt(rows() - 1)) : NaN; }

export function correlation(i: i32, j: i32): f64 {
  return pairCorrelation(i, j, resultPtr + RES_PAIR_COUNT, resultPtr + RES_SCRATCH);
}

export function observations(i: i32, j: i32): i32 { return pairCount(i, j); }

export function correlationRow(i: i32): void {
  fillRow(i, outRow, windowRowCount(), resultPtr + RES_PAIR_COUNT, resultPtr + RES_SCRATCH);
}

/** Where the N×N matrix goes: past the records, so it never overlaps state. */
export function matrixPtr(): usize { return (recordsEnd() + 15) & ~(<usize>15); }

/** Fills the matrix at matrixPtr(); false when memory cannot grow to hold it. */
export function correlationMatrix(): bool {
  const n = <usize>symbolCount();
  const out = matrixPtr();
  if (!ensureBytes(out + n * n * 8)) return false;
  fillMatrix(out, windowRowCount(), resultPtr + RES_PAIR_COUNT, resultPtr + RES_SCRATCH);
  return true;
}

function windowRowCount(): i32 { const r = rows(); return r > 0 ? r - 1 : 0; }

export function symbolVersion(i: i32): f64 { return load<f64>(rec(i) + R_VERSION); }
export function symbols(): i32 { return symbolCount(); }
export function gridRows(): i32 { return rows(); }
export function windowRows(): i32 { return windowRowCount(); }
export function windowSize(): i32 { return window(); }
export function minObservations(): i32 { return minPeriods(); }
export function ignoredCount(): f64 { return ignoredTooOld(); }
export function appendedCount(): f64 { return rowsAppended(); }
export function symbolCapacity(): i32 { return capacity; }
export function simdEnabled(): bool { return ASC_FEATURE_SIMD; }

// Snapshots: the state block and the record block are plain bytes; restoring writes them back
// into an engine laid out for the same window and re-reserves the records.
export function stateBegin(): usize { return stateBase; }
export function stateFinish(): usize { return stateEnd; }
export function recordsBegin(): usize { return recBase; }
export function recordsFinish(): usize { return recordsEnd(); }
/** After the state block was written back: make room for the records it names. */
export function restoreReserve(): bool {
  const ok = reserveSymbols(symbolCount());
  invalidatePrepared();
  return ok;
}
