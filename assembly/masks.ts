/** Window-row and missing-return bitmasks: one bit per slot, in `maskWords()` u64 words. */
import { maskWords, missWordAt, winWord } from './layout';

/** Rows in the window where symbol i has a return. */
export function presentCount(i: i32): i32 {
  let n = 0;
  const words = maskWords();
  for (let w = 0; w < words; w++) n += <i32>popcnt(winWord(w) & ~load<u64>(missWordAt(i, w)));
  return n;
}

/** Rows in the window where both symbols have a return. */
export function pairCount(i: i32, j: i32): i32 {
  let n = 0;
  const words = maskWords();
  for (let w = 0; w < words; w++) {
    n += <i32>popcnt(winWord(w) & ~load<u64>(missWordAt(i, w)) & ~load<u64>(missWordAt(j, w)));
  }
  return n;
}

@inline export function setMissBit(i: i32, slot: i32, missing: bool): void {
  const p = missWordAt(i, slot >> 6);
  const bit = (<u64>1) << (<u64>(slot & 63));
  store<u64>(p, missing ? load<u64>(p) | bit : load<u64>(p) & ~bit);
}

/** A new symbol is missing at every row currently in the window. */
export function markAllMissing(i: i32): void {
  const words = maskWords();
  for (let w = 0; w < words; w++) store<u64>(missWordAt(i, w), winWord(w));
}

