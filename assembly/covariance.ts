/**
 * Covariances of log returns for portfolio risk, from the co-moments the engine already keeps
 * (comoment.ts): no extra per-bar work. For a pair (i, j) over its pairwise-complete rows R
 * (the same rows as its correlation, pearson.ts), with n = |R|,
 *     cov(n − 1) = S_ij − Sx_R·Sy_R / n          (ddof 1, as pandas' rolling().cov())
 * and a symbol's variance is its own: over the rows where it has a return. A pair or symbol
 * below minPeriods rows is unknown (NaN). Where the shifted one-pass form could cancel (the
 * same guard as the correlations), the pair is recomputed exactly in two passes.
 *
 * The book's risk is computed in one call: the caller writes the open symbols' engine ids at
 * rowIn and their weights at outRow; bookRisk writes Σw at aVec and each variance at bVec and
 * returns wᵀΣw. An unknown covariance between two symbols whose variances are known is taken
 * at correlation 1 (σᵢσⱼ, the most a same-side pair can add) and counted; a symbol whose own
 * variance is unknown contributes nothing, and the caller reads it as NaN at bVec.
 */
import {
  triAt, retAt, maskWords, missWordAt, winWord, minPeriods, shiftOf, sumOf, slots, inWindow,
  rowIn, outRow, aVec, bVec, inTs, inClose, MAX_INPUT, resultPtr, SCRATCH_PAIR_SUMS, prepMean, rows as gridRows,
} from './layout';
import { correctedSums, prepared } from './pearson';

const CANCEL_GUARD: f64 = 0.01;
const DEGENERATE_GUARD: f64 = 1e-18;

/** The last call's counts and the proposed symbol's variance (read by TypeScript through riskOutPtr). */
const RISK_OUT: usize = memory.data(32);
/** Offsets into RISK_OUT: unknown pairs substituted at correlation 1; the target's variance. */
export const RISK_UNKNOWN_PAIRS: usize = 0;
export const RISK_TARGET_VARIANCE: usize = 8;

export function riskOutPtr(): usize { return RISK_OUT; }
export function riskSumsPtr(): usize { return aVec; }
export function riskVariancesPtr(): usize { return bVec; }

/** Window rows where the symbol (or the pair) has a return. */
function presentRows(a: i32, b: i32): i32 {
  const words = maskWords();
  let n = 0;
  for (let w = 0; w < words; w++) {
    n += <i32>popcnt(winWord(w) & ~load<u64>(missWordAt(a, w)) & ~load<u64>(missWordAt(b, w)));
  }
  return n;
}

/** The sums can be trusted: the variance is not lost against the shifted or the raw scale. */
function conditioned(v: f64, sxx: f64, sx: f64, n: f64, k: f64, fullSxx: f64): bool {
  return v > CANCEL_GUARD * fullSxx && v > DEGENERATE_GUARD * (sxx + k * (2.0 * sx + n * k));
}

/** Two-pass covariance over the rows where both have a return (ddof 1). */
function exactCovariance(i: i32, j: i32, n: i32): f64 {
  const all = slots();
  let sx = 0.0, sy = 0.0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    const y = load<f64>(retAt(j, slot));
    if (x != x || y != y) continue;
    sx += x; sy += y;
  }
  const mx = sx / <f64>n;
  const my = sy / <f64>n;
  let c = 0.0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    const y = load<f64>(retAt(j, slot));
    if (x != x || y != y) continue;
    c += (x - mx) * (y - my);
  }
  return c / <f64>(n - 1);
}

/** Covariance of a pair (a variance when i == j); NaN below minPeriods rows. */
export function pairCovariance(i: i32, j: i32): f64 {
  const a = i > j ? i : j;
  const b = i > j ? j : i;
  const n = presentRows(a, b);
  if (n < minPeriods() || n < 2) return NaN;
  const fn = <f64>n;
  const ka = shiftOf(a);
  const fullA = load<f64>(triAt(a, a));
  const sums = resultPtr + SCRATCH_PAIR_SUMS;
  correctedSums(a, b, sums);
  const sx = load<f64>(sums);
  const sxx = load<f64>(sums + 8);
  const vx = sxx - sx * sx / fn;
  if (!conditioned(vx, sxx, sx, fn, ka, fullA)) return exactCovariance(a, b, n);
  if (a == b) return vx / (fn - 1.0);
  const kb = shiftOf(b);
  const fullB = load<f64>(triAt(b, b));
  correctedSums(b, a, sums);
  const sy = load<f64>(sums);
  const syy = load<f64>(sums + 8);
  const vy = syy - sy * sy / fn;
  if (!conditioned(vy, syy, sy, fn, kb, fullB)) return exactCovariance(a, b, n);
  return (load<f64>(triAt(a, b)) - sx * (sy / fn)) / (fn - 1.0);
}

/** A covariance, or σᵢσⱼ (correlation 1) when unknown with both variances known; counts the latter. */
function covarianceOrBound(i: i32, j: i32, vi: f64, vj: f64): f64 {
  let c = pairCovariance(i, j);
  if (c != c && vi == vi && vj == vj) {
    c = Math.sqrt(vi) * Math.sqrt(vj);
    store<f64>(RISK_OUT + RISK_UNKNOWN_PAIRS, load<f64>(RISK_OUT + RISK_UNKNOWN_PAIRS) + 1.0);
  }
  return c;
}

@inline function idAt(k: i32): i32 { return <i32>load<f64>(rowIn + (<usize>k << 3)); }
@inline function weightAt(k: i32): f64 { return load<f64>(outRow + (<usize>k << 3)); }

/** Window rows: every row a gap-free symbol has a return in. */
function windowCount(): i32 {
  const words = maskWords();
  let n = 0;
  for (let w = 0; w < words; w++) n += <i32>popcnt(winWord(w));
  return n;
}

/**
 * wᵀΣw for the p symbols whose ids are at rowIn and weights at outRow; Σw goes to aVec and
 * each variance to bVec (NaN: unknown, left out). Symbols with a return in every window row
 * and well-conditioned sums (the common case) share the window's rows, so their block of Σ is
 * (S − s·sᵀ/n) / (n − 1) with s their sums: its product with w is (S·w − s·(sᵀw)/n) / (n − 1),
 * one multiply-add per pair read straight from the co-moment triangle. Every pair with another
 * symbol goes through pairCovariance, once. The call's per-symbol terms go to the candle input
 * area, which is scratch outside ingest.
 */
export function bookRisk(p: i32): f64 {
  store<f64>(RISK_OUT + RISK_UNKNOWN_PAIRS, 0.0);
  const rows = windowCount();
  const fn = <f64>rows;
  const fastPairs = p <= MAX_INPUT;
  let fastCount = 0;
  let ascending = true;
  for (let k = 0; k < p; k++) {
    const id = idAt(k);
    store<f64>(aVec + (<usize>k << 3), 0.0);
    // Fast: the correlations' gap-free terms (pearson.ts, computed once per data version and
    // shared with every correlation query); then the variance is pairCovariance's own
    // expression without its corrections.
    const fast = fastPairs && gapFree(id, rows);
    const sx = sumOf(id);
    store<f64>(bVec + (<usize>k << 3), fast ? (load<f64>(triAt(id, id)) - sx * sx / fn) / (fn - 1.0) : pairCovariance(id, id));
    if (!fastPairs) continue;
    // This call's per-symbol terms: the id as i32, and the mean of u (NaN: not fast).
    store<i32>(inTs + (<usize>k << 2), id);
    store<f64>(inClose + (<usize>k << 3), fast ? load<f64>(prepMean + (<usize>id << 3)) : NaN);
    if (fast) fastCount += 1;
    if (k > 0 && id <= idAt(k - 1)) ascending = false;
  }
  if (fastCount == p && ascending) denseBlock(p);
  else if (fastCount > 0) fastBlock(p);
  if (fastCount > 0) centre(p, fn);
  if (fastCount < p) slowPairs(p);
  let total = 0.0;
  for (let k = 0; k < p; k++) total += weightAt(k) * load<f64>(aVec + (<usize>k << 3));
  return total;
}

/**
 * True when symbol i takes the correlations' gap-free formula (a return in every window row,
 * at rest, well-conditioned sums), whose mean of u is then at prepMean. Those terms are
 * prepared over the grid's window rows, which are the rows the window mask counts.
 */
function gapFree(i: i32, windowRows: i32): bool {
  const r = gridRows();
  return (r > 0 ? r - 1 : 0) == windowRows && prepared(i, windowRows);
}

@inline function isFast(k: i32): bool {
  const mean = load<f64>(inClose + (<usize>k << 3));
  return mean == mean;
}

/**
 * S·w over the fast symbols' block into aVec (aVec holds zeros): S_kk·w_k, then each pair
 * once, S_km adding w_m to row k and w_k to row m.
 */
function fastBlock(p: i32): void {
  for (let k = 0; k < p; k++) {
    if (!isFast(k)) continue;
    const idk = load<i32>(inTs + (<usize>k << 2));
    const wk = weightAt(k);
    let acc = load<f64>(triAt(idk, idk)) * wk;
    for (let m = 0; m < k; m++) {
      if (!isFast(m)) continue;
      const idm = load<i32>(inTs + (<usize>m << 2));
      const v = idk > idm ? load<f64>(triAt(idk, idm)) : load<f64>(triAt(idm, idk));
      acc += v * weightAt(m);
      const at = aVec + (<usize>m << 3);
      store<f64>(at, load<f64>(at) + v * wk);
    }
    const at = aVec + (<usize>k << 3);
    store<f64>(at, load<f64>(at) + acc);
  }
}

/**
 * fastBlock for a book that is all fast and listed by ascending id (as the manager lists it):
 * every pair is in row k of the triangle, and even and odd m accumulate separately, so the
 * two multiply-add chains run side by side.
 */
function denseBlock(p: i32): void {
  for (let k = 0; k < p; k++) {
    const idk = load<i32>(inTs + (<usize>k << 2));
    const wk = weightAt(k);
    const rowK = triAt(idk, 0);
    let even = load<f64>(rowK + (<usize>idk << 3)) * wk;
    let odd = 0.0;
    let m = 0;
    for (; m + 1 < k; m += 2) {
      const v0 = load<f64>(rowK + (<usize>load<i32>(inTs + (<usize>m << 2)) << 3));
      const v1 = load<f64>(rowK + (<usize>load<i32>(inTs + (<usize>(m + 1) << 2)) << 3));
      const at = aVec + (<usize>m << 3);
      even += v0 * load<f64>(outRow + (<usize>m << 3));
      odd += v1 * load<f64>(outRow + (<usize>(m + 1) << 3));
      store<f64>(at, load<f64>(at) + v0 * wk);
      store<f64>(at + 8, load<f64>(at + 8) + v1 * wk);
    }
    if (m < k) {
      const v0 = load<f64>(rowK + (<usize>load<i32>(inTs + (<usize>m << 2)) << 3));
      even += v0 * weightAt(m);
      const at = aVec + (<usize>m << 3);
      store<f64>(at, load<f64>(at) + v0 * wk);
    }
    const at = aVec + (<usize>k << 3);
    store<f64>(at, load<f64>(at) + (even + odd));
  }
}

/** From S·w to Σw over the fast block: (S·w − s·(sᵀw)/n) / (n − 1). */
function centre(p: i32, fn: f64): void {
  let sw = 0.0;
  for (let k = 0; k < p; k++) {
    if (isFast(k)) sw += sumOf(load<i32>(inTs + (<usize>k << 2))) * weightAt(k);
  }
  const invN1 = 1.0 / (fn - 1.0);
  const correction = sw / fn;
  for (let k = 0; k < p; k++) {
    if (!isFast(k)) continue;
    const at = aVec + (<usize>k << 3);
    store<f64>(at, (load<f64>(at) - sumOf(load<i32>(inTs + (<usize>k << 2))) * correction) * invN1);
  }
}

/** Σw's terms from every pair with a symbol outside the fast block (its diagonal included). */
function slowPairs(p: i32): void {
  for (let k = 0; k < p; k++) {
    const vk = load<f64>(bVec + (<usize>k << 3));
    if (vk != vk) continue; // unknown variance: left out
    const fastK = p <= MAX_INPUT && isFast(k);
    const wk = weightAt(k);
    const idk = idAt(k);
    let acc = fastK ? 0.0 : vk * wk;
    for (let m = 0; m < k; m++) {
      if (fastK && isFast(m)) continue;
      const vm = load<f64>(bVec + (<usize>m << 3));
      if (vm != vm) continue;
      const c = covarianceOrBound(idk, idAt(m), vk, vm);
      acc += c * weightAt(m);
      const at = aVec + (<usize>m << 3);
      store<f64>(at, load<f64>(at) + c * wk);
    }
    const at = aVec + (<usize>k << 3);
    store<f64>(at, load<f64>(at) + acc);
  }
}

/**
 * One column of Σ: cov(target, j) for the p symbols at rowIn into aVec (unknown pairs bounded
 * as in bookRisk; 0 for a symbol whose variance is unknown, which every sum leaves out), and
 * the target's variance at RISK_TARGET_VARIANCE. What a proposal on a symbol outside the book
 * needs ((Σw)ₖ, Σₖₖ), and what folding one changed weight into a cached wᵀΣw needs, in one call.
 */
export function covarianceColumn(target: i32, p: i32): void {
  store<f64>(RISK_OUT + RISK_UNKNOWN_PAIRS, 0.0);
  const vt = pairCovariance(target, target);
  store<f64>(RISK_OUT + RISK_TARGET_VARIANCE, vt);
  // Gap-free pairs take the same expression as bookRisk's from the correlations' shared terms,
  // which the proposal's correlation query has just prepared.
  const rows = windowCount();
  const fn = <f64>rows;
  const fastT = vt == vt && gapFree(target, rows);
  const sxT = sumOf(target);
  const meanT = fastT ? load<f64>(prepMean + (<usize>target << 3)) : NaN;
  const invN1 = 1.0 / (fn - 1.0);
  for (let k = 0; k < p; k++) {
    const id = idAt(k);
    let c: f64;
    if (id == target) {
      c = vt != vt ? 0.0 : vt;
    } else if (fastT && gapFree(id, rows)) {
      c = target > id
        ? (load<f64>(triAt(target, id)) - sxT * load<f64>(prepMean + (<usize>id << 3))) * invN1
        : (load<f64>(triAt(id, target)) - sumOf(id) * meanT) * invN1;
    } else {
      const vk = pairCovariance(id, id);
      c = vt != vt || vk != vk ? 0.0 : covarianceOrBound(target, id, vt, vk);
    }
    store<f64>(aVec + (<usize>k << 3), c);
  }
}
