/**
 * The wasm core's whole surface: numbers in, numbers out, over memory laid out once
 * (layout.ts). Symbols are ids 0..N−1 in the order they were added; names live in TypeScript.
 * The core publishes its limits and the offsets of its result area as exported constants, so
 * the TypeScript side reads them by name instead of copying them.
 */
import {
  layout, reserveSymbols, symbolCount, capacity, rows, orderAt, slotTs, ignoredTooOld,
  rowsAppended, versionOf, inTs, inClose, rowIn, outRow, resultPtr, stateBase, stateEnd, recBase,
  recordsEnd, ensureBytes, epoch, listObs, aVec, MAX_WINDOW, RESULT_PAIR_COUNT, SCRATCH_PAIR_SUMS,
} from './layout';
import { pairCount } from './masks';
import { pairCorrelation, fillRow, fillMatrix, invalidatePrepared } from './pearson';
import { applyStaged, dropStaged, stageNewSymbol } from './head-row';
import { listCorrelations, listMaxCorrelation } from './book';
import { addSymbol as addGridSymbol } from './grid';
import {
  bookRisk as bookRiskOf, covarianceColumn as fillCovarianceColumn, pairCovariance as covarianceOf,
} from './covariance';

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
  RESTORE_RECORD_GAPS, RESTORE_HI, RESTORE_SUM, RESTORE_COMOMENT,
} from './restore';
import { ingest as ingestCandles } from './ingest';
export { pushRow } from './ingest';
export {
  riskOutPtr, riskSumsPtr, riskVariancesPtr, RISK_UNKNOWN_PAIRS, RISK_TARGET_VARIANCE,
} from './covariance';

// A bar may be staged symbol by symbol (head-row.ts): every export below that reads or changes
// the state applies it first, so no answer can tell a staged bar from an applied one.

/** Ingests the `count` candles at inputTsPtr/inputClosePtr for one symbol (ingest.ts). */
export function ingest(symbol: i32, count: i32): void {
  ingestCandles(symbol, count);
}

/** Covariance of a pair's log returns (ddof 1); NaN below minPeriods rows (covariance.ts). */
export function pairCovariance(i: i32, j: i32): f64 {
  applyStaged();
  return covarianceOf(i, j);
}

/** wᵀΣw of the p symbols at rowInputPtr with weights at rowOutputPtr (covariance.ts). */
export function bookRisk(p: i32): f64 {
  applyStaged();
  return bookRiskOf(p);
}

/** One column of Σ against the p symbols at rowInputPtr (covariance.ts). */
export function covarianceColumn(target: i32, p: i32): void {
  applyStaged();
  fillCovarianceColumn(target, p);
}

/** Adds a symbol; returns its id, or −1 when capacity cannot grow. */
export function addSymbol(): i32 {
  const id = addGridSymbol();
  if (id >= 0) stageNewSymbol(id);
  return id;
}

/** Lays the core out for a window of W rows; false when W is out of range or memory cannot grow. */
export function init(windowRows: i32, minObservations: i32, initialCapacity: i32): bool {
  if (windowRows < 1 || windowRows > MAX_WINDOW) return false;
  layout(windowRows, minObservations);
  dropStaged();
  return reserveSymbols(initialCapacity);
}

export function inputTsPtr(): usize { return inTs; }
export function inputClosePtr(): usize { return inClose; }
export function rowInputPtr(): usize { return rowIn; }
export function rowOutputPtr(): usize { return outRow; }
/** The result area: ingest counts and the last pair count, at the RESULT_ offsets. */
export function resultsPtr(): usize { return resultPtr; }

export function headTimestamp(): f64 {
  applyStaged();
  return rows() > 0 ? slotTs(orderAt(rows() - 1)) : NaN;
}

/**
 * The spacing of each window row from the row before it (the span each return covers), oldest
 * first, at riskSumsPtr(), a scratch area read back at once; returns how many (rows − 1, or 0).
 */
export function rowSpacings(): i32 {
  applyStaged();
  const n = rows() - 1;
  for (let p = 0; p < n; p++) store<f64>(aVec + (<usize>p << 3), slotTs(orderAt(p + 1)) - slotTs(orderAt(p)));
  return n > 0 ? n : 0;
}

/** Correlation of a pair; its pairwise-complete row count goes to RESULT_PAIR_COUNT. */
export function correlation(i: i32, j: i32): f64 {
  applyStaged();
  return pairCorrelation(i, j, resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
}

export function observations(i: i32, j: i32): i32 {
  applyStaged();
  return pairCount(i, j);
}

/**
 * Changes whenever any answer may have changed (it is the epoch every mutation bumps): one
 * read tells a cache of many correlations that all of them are current.
 */
export function dataVersion(): f64 {
  applyStaged();
  return epoch();
}

/**
 * A list query's symbol ids (i32, −1 for a symbol the engine does not hold) go at
 * inputTsPtr(); listObservationsPtr() receives each pair's pairwise-complete row count.
 */
export function listObservationsPtr(): usize { return listObs; }

/** Correlations of symbol `self` with the `count` symbols at listIdsPtr, into rowOutputPtr. */
export function correlationsWithList(self: i32, count: i32): void {
  applyStaged();
  listCorrelations(self, count);
}

/** The highest known correlation among the `count` symbols at listIdsPtr; NaN when none. */
export function maxCorrelationInList(count: i32): f64 {
  applyStaged();
  return listMaxCorrelation(count);
}

export function correlationRow(i: i32): void {
  applyStaged();
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
  applyStaged();
  const n = <u64>symbolCount();
  const out = matrixPtr();
  if (!ensureBytes(<u64>out + n * n * 8)) return false;
  fillMatrix(out, windowRowCount(), resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
  return true;
}

function windowRowCount(): i32 { const r = rows(); return r > 0 ? r - 1 : 0; }

export function symbolVersion(i: i32): f64 { applyStaged(); return versionOf(i); }
export function symbols(): i32 { return symbolCount(); }
export function windowRows(): i32 { applyStaged(); return windowRowCount(); }
export function ignoredCount(): f64 { return ignoredTooOld(); }
export function appendedCount(): f64 { applyStaged(); return rowsAppended(); }
export function symbolCapacity(): i32 { return capacity; }
export function simdEnabled(): bool { return ASC_FEATURE_SIMD; }

// Snapshots: the state block and the record block are plain bytes. Restoring writes the state
// block back into an engine laid out for the same window, reserves the records it names,
// writes them, and then checks everything (restoreCheck, restore.ts) before any query.
export function stateBegin(): usize { applyStaged(); return stateBase; }
export function stateFinish(): usize { return stateEnd; }
export function recordsBegin(): usize { applyStaged(); return recBase; }
export function recordsFinish(): usize { return recordsEnd(); }
/** After the state block was written back: make room for the records it names. */
export function restoreReserve(): bool {
  dropStaged();
  const ok = reserveSymbols(symbolCount());
  invalidatePrepared();
  return ok;
}
