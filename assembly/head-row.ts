/**
 * A new bar arriving one symbol at a time. A bot that feeds each symbol's candle in its own
 * call sends a new bar's closes one by one; applying each as it arrives updates row and column
 * i of the co-moment triangle per symbol, a walk through every other symbol's record, so a bar
 * of N symbols costs N² scattered updates. Instead, closes for a bar newer than every row are
 * staged in headIn, and the bar is applied as one row, by the same pass pushRow uses, before
 * anything else reads or changes the state (applyStaged). The state is then bit for bit what
 * pushRow gives for the same closes, and nothing outside the core can tell a staged row from
 * an applied one: every export that reads or changes the state applies it first.
 */
import { headIn, rows, orderAt, slotTs, symbolCount, bumpEpoch } from './layout';
import { appendFullRow } from './grid';
import { maintainAll, refreshSlice } from './reseed';

/** The staged bar's timestamp; NaN while nothing is staged. */
let stagedTs: f64 = NaN;

/** What stage() did with a candle. */
export const NOT_STAGED: i32 = -1; // the caller applies it the general way
export const STAGED_NEW_ROW: i32 = 0; // opened the staged bar: a row appended, a close filled
export const STAGED_FILLED: i32 = 1;
export const STAGED_REVISED: i32 = 2;
export const STAGED_UNCHANGED: i32 = 3;

/** Forgets a staged bar without applying it (the state block is being replaced). */
export function dropStaged(): void {
  stagedTs = NaN;
}

/** Applies the staged bar, if any. */
export function applyStaged(): void {
  if (stagedTs != stagedTs) return;
  const ts = stagedTs;
  stagedTs = NaN;
  appendRow(ts, headIn);
}

/**
 * A head row newer than every row, one close per symbol at `closes` (NaN = no candle): one
 * rank-2 pass for the entering and the leaving row, then the exact-refresh slice and the
 * maintenance pass (reseed.ts), then the epoch.
 */
export function appendRow(ts: f64, closes: usize): void {
  appendFullRow(ts, closes);
  refreshSlice();
  maintainAll();
  bumpEpoch();
}

/** A symbol added while a bar is staged has no close in it. */
export function stageNewSymbol(id: i32): void {
  store<f64>(headIn + (<usize>id << 3), NaN);
}

/**
 * Stages symbol i's candle (close > 0) when it belongs to the staged bar or opens a bar newer
 * than every row; otherwise applies any staged bar and answers NOT_STAGED. The outcome codes
 * count as ingest's would for the same candle applied at once.
 */
export function stage(i: i32, ts: f64, close: f64): i32 {
  const p = headIn + (<usize>i << 3);
  if (stagedTs == stagedTs) {
    if (ts == stagedTs) {
      const old = load<f64>(p);
      if (old != old) {
        store<f64>(p, close);
        return STAGED_FILLED;
      }
      // Unchanged means the same log close, as setClose decides it for an applied row.
      if (reinterpret<u64>(Math.log(old)) == reinterpret<u64>(Math.log(close))) return STAGED_UNCHANGED;
      store<f64>(p, close);
      return STAGED_REVISED;
    }
    // Any other bar: the staged one is complete (a newer bar) or the candle must see it applied.
    applyStaged();
  }
  const len = rows();
  if (len > 0 && !(ts > slotTs(orderAt(len - 1)))) return NOT_STAGED;
  stagedTs = ts;
  const n = symbolCount();
  for (let k = 0; k < n; k++) store<f64>(headIn + (<usize>k << 3), NaN);
  store<f64>(p, close);
  return STAGED_NEW_ROW;
}
