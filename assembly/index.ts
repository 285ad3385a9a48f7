/**
 * The wasm core's whole surface: numbers in, numbers out, over memory laid out once
 * (layout.ts). Symbols are ids 0..N−1 in the order they were added; names live in TypeScript.
 * The core publishes its limits and the offsets of its result area as exported constants, so
 * the TypeScript side reads them by name instead of copying them.
 */
import {
  layout, reserveSymbols, symbolCount, capacity, rows, orderAt, slotTs, ignoredTooOld,
  rowsAppended, versionOf, inTs, inClose, rowIn, outRow, resultPtr, stateBase, stateEnd, recBase,
  recordsEnd, ensureBytes, MAX_WINDOW, RESULT_PAIR_COUNT, SCRATCH_PAIR_SUMS,
} from './layout';
import { pairCount } from './masks';
import { pairCorrelation, fillRow, fillMatrix, invalidatePrepared } from './pearson';

export {
  MAX_SYMBOLS, MAX_WINDOW, MAX_INPUT,
  RESULT_APPENDED, RESULT_INSERTED, RESULT_FILLED, RESULT_REVISED, RESULT_UNCHANGED, RESULT_IGNORED,
  RESULT_PAIR_COUNT,
} from './layout';
export { addSymbol } from './grid';
export { ingest, pushRow } from './ingest';

/** Lays the core out for a window of W rows; false when W is out of range or memory cannot grow. */
export function init(windowRows: i32, minObservations: i32, initialCapacity: i32): bool {
  if (windowRows < 1 || windowRows > MAX_WINDOW) return false;
  layout(windowRows, minObservations);
  return reserveSymbols(initialCapacity);
}

export function inputTsPtr(): usize { return inTs; }
export function inputClosePtr(): usize { return inClose; }
export function rowInputPtr(): usize { return rowIn; }
export function rowOutputPtr(): usize { return outRow; }
/** The result area: ingest counts and the last pair count, at the RESULT_ offsets. */
export function resultsPtr(): usize { return resultPtr; }

export function headTimestamp(): f64 { return rows() > 0 ? slotTs(orderAt(rows() - 1)) : NaN; }

/** Correlation of a pair; its pairwise-complete row count goes to RESULT_PAIR_COUNT. */
export function correlation(i: i32, j: i32): f64 {
  return pairCorrelation(i, j, resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
}

export function observations(i: i32, j: i32): i32 { return pairCount(i, j); }

export function correlationRow(i: i32): void {
  fillRow(i, outRow, windowRowCount(), resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
}

/** Where the N×N matrix goes: past the records, so it never overlaps state. */
export function matrixPtr(): usize { return (recordsEnd() + 15) & ~(<usize>15); }

/** Fills the matrix at matrixPtr(); false when memory cannot grow to hold it. */
export function correlationMatrix(): bool {
  const n = <usize>symbolCount();
  const out = matrixPtr();
  if (!ensureBytes(out + n * n * 8)) return false;
  fillMatrix(out, windowRowCount(), resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
  return true;
}

function windowRowCount(): i32 { const r = rows(); return r > 0 ? r - 1 : 0; }

export function symbolVersion(i: i32): f64 { return versionOf(i); }
export function symbols(): i32 { return symbolCount(); }
export function windowRows(): i32 { return windowRowCount(); }
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
