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
import { invalidateRiskTerms } from './covariance';

export {
  MAX_SYMBOLS, MAX_WINDOW, MAX_INPUT,
  RESULT_APPENDED, RESULT_INSERTED, RESULT_FILLED, RESULT_REVISED, RESULT_UNCHANGED, RESULT_IGNORED,
  RESULT_PAIR_COUNT,
} from './layout';
export {
  RESULT_RESTORE_AT, RESULT_RESTORE_OTHER, RESULT_RESTORE_FOUND, RESULT_RESTORE_LIMIT,
} from './layout';
export {
  LAYOUT_VERSION, MAX_COUNT, SUM_TOLERANCE, restoreCheck,
  RESTORE_OK, RESTORE_WINDOW, RESTORE_SLOTS, RESTORE_MASK_WORDS, RESTORE_MIN_PERIODS, RESTORE_ROWS,
  RESTORE_SYMBOLS, RESTORE_CURSOR, RESTORE_IGNORED, RESTORE_EPOCH, RESTORE_APPENDED, RESTORE_STATE_GAPS,
  RESTORE_ORDER, RESTORE_TIMESTAMP, RESTORE_FREE_TIMESTAMP, RESTORE_WINDOW_MASK, RESTORE_SHIFT,
  RESTORE_VERSION, RESTORE_CLOSE, RESTORE_FREE_CLOSE, RESTORE_RETURN, RESTORE_MISSING,
  RESTORE_RECORD_GAPS, RESTORE_HI, RESTORE_SUM, RESTORE_COMOMENT, RESTORE_SCALE, RESTORE_DRIFT,
} from './restore';
export { addSymbol } from './grid';
export { ingest, pushRow } from './ingest';
export {
  bookRisk, covarianceColumn, pairCovariance, stateEpoch, riskOutPtr, riskSumsPtr, riskVariancesPtr,
  RISK_UNKNOWN_PAIRS, RISK_TARGET_VARIANCE,
} from './covariance';

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

/**
 * Fills the matrix at matrixPtr(); false when memory cannot grow to hold it. Its end is
 * computed in u64: at W = 4,096 and 16,361 symbols the records end near 2.15 GB and N² values
 * take 2.14 GB more, past what a 32-bit address can say, so a usize sum would wrap to a small
 * address that already exists and the fill would write outside memory.
 */
export function correlationMatrix(): bool {
  const n = <u64>symbolCount();
  const out = matrixPtr();
  if (!ensureBytes(<u64>out + n * n * 8)) return false;
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

// Snapshots: the state block and the record block are plain bytes. Restoring writes the state
// block back into an engine laid out for the same window, reserves the records it names,
// writes them, and then checks everything (restoreCheck, restore.ts) before any query.
export function stateBegin(): usize { return stateBase; }
export function stateFinish(): usize { return stateEnd; }
export function recordsBegin(): usize { return recBase; }
export function recordsFinish(): usize { return recordsEnd(); }
/** After the state block was written back: make room for the records it names. */
export function restoreReserve(): bool {
  const ok = reserveSymbols(symbolCount());
  invalidatePrepared();
  invalidateRiskTerms();
  return ok;
}
