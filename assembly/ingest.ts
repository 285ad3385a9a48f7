/**
 * How candles enter the core: one symbol's candles at any timestamps (ingest), or one close
 * per symbol at a new head row (pushRow). Both end with the maintenance pass that keeps the
 * running sums exact (reseed.ts) and bump the epoch that per-query scratch is keyed by.
 */
import {
  inTs, inClose, rows, orderAt, slotTs, slots, rowIn, bumpEpoch, resultPtr,
  RESULT_APPENDED, RESULT_INSERTED, RESULT_FILLED, RESULT_REVISED, RESULT_UNCHANGED, RESULT_IGNORED,
} from './layout';
import { lowerBound, insertRow, setClose, CLOSE_FILLED, CLOSE_REVISED } from './grid';
import { maintain, maintainAll, refreshSlice } from './reseed';
import { refillGrid } from './catch-up';
import {
  stage, applyStaged, appendRow, NOT_STAGED, STAGED_NEW_ROW, STAGED_FILLED, STAGED_REVISED,
} from './head-row';

let appended = 0, inserted = 0, filled = 0, revised = 0, unchanged = 0, ignored = 0;
// Candles of a new bar are staged (head-row.ts), counted apart: they change no sums yet.
let stagedRows = 0, stagedFills = 0, stagedRevisions = 0, stagedSame = 0;

/** Index of the first candle newer than the head row: from there on every candle appends. */
function firstNewBar(count: i32): i32 {
  if (rows() == 0) return 0;
  const head = slotTs(orderAt(rows() - 1));
  let k = count;
  while (k > 0 && load<f64>(inTs + (<usize>(k - 1) << 3)) > head) k--;
  return k;
}

/** Candles from..to−1, one at a time, each counted by what it did. */
function ingestEach(symbol: i32, from: i32, to: i32): void {
  for (let k = from; k < to; k++) {
    const ts = load<f64>(inTs + (<usize>k << 3));
    const close = load<f64>(inClose + (<usize>k << 3));
    const staged = stage(symbol, ts, close);
    if (staged != NOT_STAGED) {
      if (staged == STAGED_NEW_ROW) { stagedRows++; stagedFills++; }
      else if (staged == STAGED_FILLED) stagedFills++;
      else if (staged == STAGED_REVISED) stagedRevisions++;
      else stagedSame++;
      continue;
    }
    const logClose = Math.log(close);
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
}

/**
 * Ingests `count` candles of one symbol from inTs/inClose (timestamps strictly increasing,
 * closes finite and > 0: TypeScript validated them). What each candle did is counted into
 * the result area's RESULT_ slots. A grid's worth of new bars or more replaces the grid in
 * one pass (catch-up.ts); each of them counts as appended and filled, as bar by bar.
 */
export function ingest(symbol: i32, count: i32): void {
  appended = 0; inserted = 0; filled = 0; revised = 0; unchanged = 0; ignored = 0;
  stagedRows = 0; stagedFills = 0; stagedRevisions = 0; stagedSame = 0;
  // A catch-up replaces the grid, so a staged bar must be a row first.
  if (count - firstNewBar(count) >= slots()) applyStaged();
  const newBars = firstNewBar(count);
  const fresh = count - newBars;
  if (fresh >= slots()) {
    ingestEach(symbol, 0, newBars);
    refillGrid(symbol, newBars, fresh);
    appended += fresh;
    filled += fresh;
  } else {
    ingestEach(symbol, 0, count);
  }
  // A call that changed nothing (re-sends, too-old bars) must leave every bit as it was.
  if (appended + inserted > 0) maintainAll();
  else if (filled + revised > 0) maintain(symbol);
  if (appended + inserted + filled + revised > 0) bumpEpoch();
  store<f64>(resultPtr + RESULT_APPENDED, <f64>(appended + stagedRows));
  store<f64>(resultPtr + RESULT_INSERTED, <f64>inserted);
  store<f64>(resultPtr + RESULT_FILLED, <f64>(filled + stagedFills));
  store<f64>(resultPtr + RESULT_REVISED, <f64>(revised + stagedRevisions));
  store<f64>(resultPtr + RESULT_UNCHANGED, <f64>(unchanged + stagedSame));
  store<f64>(resultPtr + RESULT_IGNORED, <f64>ignored);
}

/** Appends a head row newer than every row, with one close per symbol from rowIn (NaN = no candle). */
export function pushRow(ts: f64): void {
  applyStaged();
  appendRow(ts, rowIn);
}
