/**
 * Shifted co-moments over the window, with missing returns contributing zero.
 *
 * For each symbol i a shift K_i is fixed at its last reseed and every return is kept as
 * u = r − K_i (0 where the return is missing). Per symbol Sx_i = Σu_i; per pair
 * S_ij = Σ u_i·u_j, summed over window rows. Because a missing return contributes 0 to S_ij,
 * S_ij is already the sum over the pair's *pairwise-complete* rows R; only Sx and Sxx need
 * a correction for the rows where the other symbol is missing (see pearson.ts). Pearson then
 * follows from the shifted one-pass form
 *     cov·n = S_ij − Sx_R·Sy_R / n,      var·n = Sxx_R − Sx_R² / n.
 * With K_i kept within a σ or so of the window mean (reseed.ts), the subtraction loses
 * at most a few bits, so the shifted form is as good as a mean-centred one.
 *
 * Replacing a window row whose shifted returns were b by one whose are a is then
 *     S_ij += a_i·a_j − b_i·b_j,     Sx_i += a_i − b_i,
 * one rank-2 update over the lower triangle, vectorised with f64x2 over j. A single symbol's
 * return moving from b to a at one row (a close filled or revised) touches only row and column
 * i:  S_ij += (a − b)·u_j for j ≠ i, and S_ii += a² − b².
 *
 * The loop order and the order of operations inside one element are fixed and identical in
 * the SIMD and scalar builds (wasm has no fused multiply-add), so both give the same bits.
 */
import {
  aVec, bVec, rec, retAt, triAt, R_SHIFT, R_SUM, R_HI, R_VERSION,
} from './layout';

@inline export function shiftedAt(j: i32, slot: i32): f64 {
  const r = load<f64>(retAt(j, slot));
  return r != r ? 0.0 : r - load<f64>(rec(j) + R_SHIFT);
}

/** S(i,j) += a_i·a_j − b_i·b_j for all j ≤ i < n, with a and b in aVec/bVec. */
export function applyRankTwo(n: i32): void {
  for (let i = 0; i < n; i++) {
    const ai = load<f64>(aVec + (<usize>i << 3));
    const bi = load<f64>(bVec + (<usize>i << 3));
    if (ai == 0.0 && bi == 0.0) continue; // the symbol is absent from both rows
    const row = triAt(i, 0);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f64x2.splat(ai);
      const vb = f64x2.splat(bi);
      for (; j + 1 <= i; j += 2) {
        const off = <usize>j << 3;
        let s = v128.load(row + off);
        s = f64x2.add(s, f64x2.mul(va, v128.load(aVec + off)));
        s = f64x2.sub(s, f64x2.mul(vb, v128.load(bVec + off)));
        v128.store(row + off, s);
      }
    }
    for (; j <= i; j++) {
      const off = <usize>j << 3;
      const s = load<f64>(row + off);
      store<f64>(row + off, s + ai * load<f64>(aVec + off) - bi * load<f64>(bVec + off));
    }
  }
  for (let i = 0; i < n; i++) {
    const ai = load<f64>(aVec + (<usize>i << 3));
    const bi = load<f64>(bVec + (<usize>i << 3));
    if (ai == 0.0 && bi == 0.0) continue;
    const r = rec(i);
    store<f64>(r + R_SUM, load<f64>(r + R_SUM) + ai - bi);
    trackScale(i);
  }
}

/** One symbol's return at `slot` moved from shifted value b to a (both 0 when missing). */
export function applySymbolDelta(i: i32, slot: i32, a: f64, b: f64, n: i32): void {
  const d = a - b;
  const row = triAt(i, 0);
  for (let j = 0; j < i; j++) {
    const p = row + (<usize>j << 3);
    store<f64>(p, load<f64>(p) + d * shiftedAt(j, slot));
  }
  const diag = row + (<usize>i << 3);
  store<f64>(diag, load<f64>(diag) + (a * a - b * b));
  for (let j = i + 1; j < n; j++) {
    const p = triAt(j, i);
    store<f64>(p, load<f64>(p) + d * shiftedAt(j, slot));
  }
  const r = rec(i);
  store<f64>(r + R_SUM, load<f64>(r + R_SUM) + d);
  trackScale(i);
}

/** Rounding error in a running sum scales with the largest value it has held (reseed.ts). */
@inline export function trackScale(i: i32): void {
  const r = rec(i);
  const sxx = load<f64>(triAt(i, i));
  if (sxx > load<f64>(r + R_HI)) store<f64>(r + R_HI, sxx);
}

@inline export function bumpVersion(i: i32): void {
  const p = rec(i) + R_VERSION;
  store<f64>(p, load<f64>(p) + 1);
}
