/**
 * Memory layout, owned here because the `stub` runtime never frees.
 *
 *   [state]    scalar globals, row order, row timestamps, window mask    (snapshotted)
 *   [scratch]  fixed-size vectors sized for MAX_SYMBOLS, the result area  (not snapshotted)
 *   [records]  one record per symbol, then the matrix output              (snapshotted)
 *
 * No offset depends on the capacity, so growing capacity is only `memory.grow`: nothing moves,
 * nothing leaks, and memory after growing to N equals a fresh engine's at N. Offsets in bytes;
 * S = W + 1 grid slots, M = ⌈S / 64⌉ mask words.
 *
 * State, from stateBase (16-aligned):
 *
 *   offset          size  field
 *        0             4  W, window length in rows                      i32
 *        4             4  S, grid slots: W rows plus the row lending its close   i32
 *        8             4  M, u64 words per bitmask                      i32
 *       12             4  minPeriods                                    i32
 *       16             4  rows of the grid in use (≤ S)                 i32
 *       20             4  symbols in use                                i32
 *       24             8  exact-refresh cursor: triangle row, column    i32 × 2
 *       32             8  candles ignored as older than a full grid     f64
 *       40             8  epoch, bumped by every mutation               f64
 *       48             8  rows ever appended at the head                f64
 *       56             8  (unused)
 *       64           4·S  row order: grid position → slot               i32[S]
 *   align16          8·S  timestamp of each slot                        f64[S]
 *        …           8·M  window mask: bit s set when slot s is in the window   u64[M]
 *
 * Scratch, from stateEnd: aVec, bVec (the rank-2 update's entering and leaving returns),
 * prepMean, prepInv, prepFast (per-symbol query terms, pearson.ts), rowIn (pushRow's closes),
 * outRow (row()'s answers, and a symbol's correlations against a list, book.ts), each
 * f64[MAX_SYMBOLS]; prepSlow, i32[MAX_SYMBOLS]; headIn (the closes of a head row staged symbol
 * by symbol, head-row.ts), prepTag (the epoch each symbol's query terms were computed at),
 * each f64[MAX_SYMBOLS]; inTs, inClose, f64[MAX_INPUT] (ingest's candles). Queries over a
 * list of symbols (book.ts) borrow two areas no query uses: their ids (i32[MAX_SYMBOLS]) go
 * where ingest's candles go (listIds = inTs), their pair counts to bVec (listObs). Then the
 * result area, RESULT_BYTES:
 *
 *   offset  size  field
 *        0     8  ingest: rows appended at the head                   RESULT_APPENDED
 *        8     8  ingest: rows inserted inside the grid               RESULT_INSERTED
 *       16     8  ingest: closes filled where there was none          RESULT_FILLED
 *       24     8  ingest: closes revised                              RESULT_REVISED
 *       32     8  ingest: closes re-sent unchanged                    RESULT_UNCHANGED
 *       40     8  ingest: candles ignored as too old                  RESULT_IGNORED
 *       48     8  pairwise-complete rows of the last pair evaluated   RESULT_PAIR_COUNT
 *       56     8  the reseed's degeneracy check's row count (unread)  SCRATCH_DEGENERACY_COUNT
 *       64    32  the pair in evaluation's corrected Sx, Sxx, Sy, Syy SCRATCH_PAIR_SUMS
 *       96     8  restore: the symbol (or grid position) a failed check names   RESULT_RESTORE_AT
 *      104     8  restore: the other index it names (slot, pair partner, word)  RESULT_RESTORE_OTHER
 *      112     8  restore: the value found; after a pass, the worst deviation of a running
 *                 sum from its recomputation, in units of its scale     RESULT_RESTORE_FOUND
 *      120     8  restore: what the check expected or allowed          RESULT_RESTORE_LIMIT
 *
 * Record i, from rec(i) = recBase + i·recFixed + 8·i(i+1)/2:
 *
 *   offset          size  field
 *        0             8  K, the shift: returns are kept as u = r − K   f64
 *        8             8  Sx = Σu over the symbol's window rows         f64
 *       16             8  hi, the largest Sxx since the last reseed     f64
 *       24             8  version, bumped when a windowed return changes   f64
 *       32           8·S  log close of each slot (NaN = no candle)      f64[S]
 *     32+8S          8·S  log return of each slot (NaN = missing, or outside the window)   f64[S]
 *    32+16S          8·M  missing mask: bit s set when slot s is in the window and
 *                         the symbol has no return there                u64[M]
 *  recFixed      8·(i+1)  row i of the packed lower triangle: S(i, j), j ≤ i   f64[i+1]
 *
 * recFixed = align16(32 + 16·S + 8·M). The triangle row makes records grow with i, which is
 * why rec(i) is arithmetic rather than a stride.
 */

/** Most symbols one core holds: the scratch vectors are sized for it. */
export const MAX_SYMBOLS: i32 = 16384;
/**
 * The longest window, in rows. A record holds two f64 per grid slot, so W sets the memory of
 * every symbol before its triangle row (64 KiB at this ceiling).
 */
export const MAX_WINDOW: i32 = 4096;
/** Most candles one ingest call reads from inTs/inClose. */
export const MAX_INPUT: i32 = 4096;
const PAGE: usize = 65536;

// Scalar state lives in memory, not in wasm globals, so that a snapshot is plain bytes.
const G_W: usize = 0;
const G_SLOTS: usize = 4;
const G_MASK_WORDS: usize = 8;
const G_MIN_PERIODS: usize = 12;
const G_ROWS: usize = 16;
const G_COUNT: usize = 20;
const G_CURSOR_ROW: usize = 24;
const G_CURSOR_COL: usize = 28;
const G_IGNORED: usize = 32;
const G_EPOCH: usize = 40;
const G_APPENDED: usize = 48;
const GLOBALS_BYTES: usize = 64;

// The result area (table above). The RESULT_ offsets are exported: TypeScript reads by them.
export const RESULT_APPENDED: usize = 0;
export const RESULT_INSERTED: usize = 8;
export const RESULT_FILLED: usize = 16;
export const RESULT_REVISED: usize = 24;
export const RESULT_UNCHANGED: usize = 32;
export const RESULT_IGNORED: usize = 40;
export const RESULT_PAIR_COUNT: usize = 48;
export const SCRATCH_DEGENERACY_COUNT: usize = 56;
export const SCRATCH_PAIR_SUMS: usize = 64;
export const RESULT_RESTORE_AT: usize = 96;
export const RESULT_RESTORE_OTHER: usize = 104;
export const RESULT_RESTORE_FOUND: usize = 112;
export const RESULT_RESTORE_LIMIT: usize = 120;
const RESULT_BYTES: usize = 128;

// Record header fields (table above); read and written only through the accessors below.
const R_SHIFT: usize = 0;
const R_SUM: usize = 8;
const R_HI: usize = 16;
const R_VERSION: usize = 24;
const R_HEADER: usize = 32;

export let stateBase: usize = 0;
let orderPtr: usize = 0;
let slotTsPtr: usize = 0;
let winMaskPtr: usize = 0;
export let stateEnd: usize = 0;
// The window and minPeriods this engine was laid out for. The state block holds copies, which
// a restore overwrites with a snapshot's; these say what the snapshot must agree with.
let laidWindow: i32 = 0;
let laidMinPeriods: i32 = 0;

export let aVec: usize = 0;
export let bVec: usize = 0;
export let prepMean: usize = 0;
export let prepInv: usize = 0;
export let prepFast: usize = 0;
export let prepSlow: usize = 0; // ids of symbols that are not gap-free, i32
export let headIn: usize = 0;
export let prepTag: usize = 0;
export let listObs: usize = 0;
export let listIds: usize = 0; // i32, over inTs and inClose
export let inTs: usize = 0;
export let inClose: usize = 0;
export let rowIn: usize = 0;
export let outRow: usize = 0;
export let resultPtr: usize = 0;

export let recBase: usize = 0;
let recFixed: usize = 0; // bytes of a record before its triangle row
let closeOff: usize = 0;
let retOff: usize = 0;
let missOff: usize = 0;
export let capacity: i32 = 0;

@inline function align16(x: usize): usize {
  return (x + 15) & ~(<usize>15);
}

/** Lays the state out for a window of W rows; called once per engine, before anything else. */
export function layout(window: i32, minPeriods: i32): void {
  const slots = window + 1;
  const maskWords = (slots + 63) >> 6;
  stateBase = align16(__heap_base);
  orderPtr = stateBase + GLOBALS_BYTES;
  slotTsPtr = align16(orderPtr + (<usize>slots << 2));
  winMaskPtr = slotTsPtr + (<usize>slots << 3);
  stateEnd = align16(winMaskPtr + (<usize>maskWords << 3));

  const vec = <usize>MAX_SYMBOLS << 3;
  aVec = stateEnd;
  bVec = aVec + vec;
  prepMean = bVec + vec;
  prepInv = prepMean + vec;
  prepFast = prepInv + vec;
  prepSlow = prepFast + vec;
  rowIn = prepSlow + (<usize>MAX_SYMBOLS << 2);
  outRow = rowIn + vec;
  headIn = outRow + vec;
  prepTag = headIn + vec;
  inTs = prepTag + vec;
  inClose = inTs + (<usize>MAX_INPUT << 3);
  listIds = inTs; // MAX_SYMBOLS i32 fill inTs and inClose exactly
  listObs = bVec;
  resultPtr = inClose + (<usize>MAX_INPUT << 3);
  recBase = align16(resultPtr + RESULT_BYTES);

  closeOff = R_HEADER;
  retOff = closeOff + (<usize>slots << 3);
  missOff = retOff + (<usize>slots << 3);
  recFixed = align16(missOff + (<usize>maskWords << 3));

  laidWindow = window;
  laidMinPeriods = minPeriods;
  capacity = 0;
  ensureBytes(recBase);
  memory.fill(stateBase, 0, stateEnd - stateBase);
  store<i32>(stateBase + G_W, window);
  store<i32>(stateBase + G_SLOTS, slots);
  store<i32>(stateBase + G_MASK_WORDS, maskWords);
  store<i32>(stateBase + G_MIN_PERIODS, minPeriods);
}

/** The most bytes a 32-bit linear memory can address: 65,536 pages of 64 KiB. */
export const MAX_MEMORY_BYTES: u64 = 4294967296;

/**
 * Grows linear memory to cover `end`; false when the host refuses to grow. The arithmetic is
 * in u64, so an end just below 4 GiB cannot wrap around while rounding up to whole pages.
 */
export function ensureBytes(end: u64): bool {
  if (end > MAX_MEMORY_BYTES) return false;
  const have = (<u64>memory.size()) * <u64>PAGE;
  if (end <= have) return true;
  const pages = <i32>((end - have + <u64>PAGE - 1) / <u64>PAGE);
  return memory.grow(pages) >= 0;
}

/** The layout this engine was created with (a restored state block must agree). */
export function laidOutWindow(): i32 { return laidWindow; }
export function laidOutMinPeriods(): i32 { return laidMinPeriods; }

@inline export function window(): i32 { return load<i32>(stateBase + G_W); }
@inline export function slots(): i32 { return load<i32>(stateBase + G_SLOTS); }
@inline export function maskWords(): i32 { return load<i32>(stateBase + G_MASK_WORDS); }
@inline export function minPeriods(): i32 { return load<i32>(stateBase + G_MIN_PERIODS); }
@inline export function rows(): i32 { return load<i32>(stateBase + G_ROWS); }
@inline export function setRows(v: i32): void { store<i32>(stateBase + G_ROWS, v); }
@inline export function symbolCount(): i32 { return load<i32>(stateBase + G_COUNT); }
@inline export function setSymbolCount(v: i32): void { store<i32>(stateBase + G_COUNT, v); }
@inline export function cursorRow(): i32 { return load<i32>(stateBase + G_CURSOR_ROW); }
@inline export function cursorCol(): i32 { return load<i32>(stateBase + G_CURSOR_COL); }
@inline export function setCursor(row: i32, col: i32): void {
  store<i32>(stateBase + G_CURSOR_ROW, row);
  store<i32>(stateBase + G_CURSOR_COL, col);
}
@inline export function ignoredTooOld(): f64 { return load<f64>(stateBase + G_IGNORED); }
@inline export function countIgnored(): void {
  store<f64>(stateBase + G_IGNORED, load<f64>(stateBase + G_IGNORED) + 1);
}
/** Bumped by every mutation: derived per-query scratch (prepMean/prepInv) is keyed by it. */
@inline export function epoch(): f64 { return load<f64>(stateBase + G_EPOCH); }
@inline export function bumpEpoch(): void { store<f64>(stateBase + G_EPOCH, load<f64>(stateBase + G_EPOCH) + 1); }
@inline export function rowsAppended(): f64 { return load<f64>(stateBase + G_APPENDED); }
@inline export function countAppended(): void {
  store<f64>(stateBase + G_APPENDED, load<f64>(stateBase + G_APPENDED) + 1);
}

@inline export function orderAt(pos: i32): i32 { return load<i32>(orderPtr + (<usize>pos << 2)); }
@inline export function setOrderAt(pos: i32, slot: i32): void { store<i32>(orderPtr + (<usize>pos << 2), slot); }
@inline export function slotTs(slot: i32): f64 { return load<f64>(slotTsPtr + (<usize>slot << 3)); }
@inline export function setSlotTs(slot: i32, ts: f64): void { store<f64>(slotTsPtr + (<usize>slot << 3), ts); }
@inline export function winWord(w: i32): u64 { return load<u64>(winMaskPtr + (<usize>w << 3)); }
@inline export function setWinBit(slot: i32, on: bool): void {
  const p = winMaskPtr + (<usize>(slot >> 6) << 3);
  const bit = (<u64>1) << (<u64>(slot & 63));
  store<u64>(p, on ? load<u64>(p) | bit : load<u64>(p) & ~bit);
}
@inline export function inWindow(slot: i32): bool {
  return ((winWord(slot >> 6) >> (<u64>(slot & 63))) & 1) != 0;
}

@inline export function rec(i: i32): usize {
  const k = <usize>i;
  return recBase + k * recFixed + ((k * (k + 1)) >> 1) * 8;
}

/** K_i: symbol i's returns are kept relative to it (u = r − K_i). */
@inline export function shiftOf(i: i32): f64 { return load<f64>(rec(i) + R_SHIFT); }
@inline export function setShift(i: i32, k: f64): void { store<f64>(rec(i) + R_SHIFT, k); }
/** Sx_i = Σu over i's present window rows. */
@inline export function sumOf(i: i32): f64 { return load<f64>(rec(i) + R_SUM); }
@inline export function setSum(i: i32, sx: f64): void { store<f64>(rec(i) + R_SUM, sx); }
/** The largest Sxx_i since i's last reseed: the scale of the rounding error its sums carry. */
@inline export function hiOf(i: i32): f64 { return load<f64>(rec(i) + R_HI); }
@inline export function setHi(i: i32, sxx: f64): void { store<f64>(rec(i) + R_HI, sxx); }
/** Bumped whenever one of i's windowed returns changes: a cache key for its correlations. */
@inline export function versionOf(i: i32): f64 { return load<f64>(rec(i) + R_VERSION); }
@inline export function bumpVersion(i: i32): void { store<f64>(rec(i) + R_VERSION, versionOf(i) + 1); }

@inline export function closeAt(i: i32, slot: i32): usize { return rec(i) + closeOff + (<usize>slot << 3); }
@inline export function retAt(i: i32, slot: i32): usize { return rec(i) + retOff + (<usize>slot << 3); }
@inline export function missWordAt(i: i32, w: i32): usize { return rec(i) + missOff + (<usize>w << 3); }
/** Co-moment S(i, j) for j ≤ i. */
@inline export function triAt(i: i32, j: i32): usize { return rec(i) + recFixed + (<usize>j << 3); }

/** Makes room for `wanted` records; grows by at least 1/32 so adding symbols one by one stays cheap. */
export function reserveSymbols(wanted: i32): bool {
  if (wanted <= capacity) return true;
  let target = capacity + (capacity >> 5);
  if (target < wanted) target = wanted;
  if (target > MAX_SYMBOLS) target = MAX_SYMBOLS;
  if (wanted > target) return false;
  if (!ensureBytes(rec(target))) {
    if (!ensureBytes(rec(wanted))) return false;
    target = wanted;
  }
  capacity = target;
  return true;
}

/** First byte after the live records: the end of the snapshotted record block. */
export function recordsEnd(): usize { return rec(symbolCount()); }

/** Position p of the row order as an address (restore reads the order as stored). */
export function orderAddress(pos: i32): usize { return orderPtr + (<usize>pos << 2); }

/**
 * True when every byte of the state block that holds no field (the unused global, the
 * alignment gaps, the window-mask bits past the last slot) is zero, as layout() left it.
 */
export function stateGapsAreZero(): bool {
  const all = slots();
  if (load<u64>(stateBase + GLOBALS_BYTES - 8) != 0) return false;
  if (!bytesAreZero(orderPtr + (<usize>all << 2), slotTsPtr)) return false;
  if (!bytesAreZero(winMaskPtr + (<usize>maskWords() << 3), stateEnd)) return false;
  return (winWord(maskWords() - 1) & ~tailBits(all)) == 0;
}

/** True when record i's alignment gap and its missing-mask bits past the last slot are zero. */
export function recordGapsAreZero(i: i32): bool {
  const words = maskWords();
  if ((load<u64>(missWordAt(i, words - 1)) & ~tailBits(slots())) != 0) return false;
  return bytesAreZero(rec(i) + missOff + (<usize>words << 3), rec(i) + recFixed);
}

/** The bits of a bitmask's last word that belong to one of `all` slots. */
@inline function tailBits(all: i32): u64 {
  const used = all & 63;
  return used == 0 ? ~(<u64>0) : ((<u64>1) << (<u64>used)) - 1;
}

function bytesAreZero(from: usize, to: usize): bool {
  for (let p = from; p < to; p++) if (load<u8>(p) != 0) return false;
  return true;
}
