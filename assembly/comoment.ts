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
import { aVec, bVec, retAt, triAt, shiftOf, sumOf, setSum, hiOf, setHi } from './layout';

@inline export function shiftedAt(j: i32, slot: i32): f64 {
  const r = load<f64>(retAt(j, slot));
  return r != r ? 0.0 : r - shiftOf(j);
}

/**
 * S(i,j) += a_i·a_j − b_i·b_j for all j ≤ i < n, with a and b in aVec/bVec. Four triangle
 * rows at a time: each a_j, b_j pair is loaded once per four rows, so the loop is bound by
 * the stores to S, not by loads. Every element still gets (S + a_i·a_j) − b_i·b_j.
 */
export function applyRankTwo(n: i32): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a0 = load<f64>(aVec + (<usize>i << 3)), b0 = load<f64>(bVec + (<usize>i << 3));
    const a1 = load<f64>(aVec + (<usize>(i + 1) << 3)), b1 = load<f64>(bVec + (<usize>(i + 1) << 3));
    const a2 = load<f64>(aVec + (<usize>(i + 2) << 3)), b2 = load<f64>(bVec + (<usize>(i + 2) << 3));
    const a3 = load<f64>(aVec + (<usize>(i + 3) << 3)), b3 = load<f64>(bVec + (<usize>(i + 3) << 3));
    const skip0 = a0 == 0.0 && b0 == 0.0, skip1 = a1 == 0.0 && b1 == 0.0;
    const skip2 = a2 == 0.0 && b2 == 0.0, skip3 = a3 == 0.0 && b3 == 0.0;
    if (skip0 || skip1 || skip2 || skip3) {
      // Rare (a symbol absent from both rows): row by row, with the same per-element arithmetic.
      rankTwoRow(i); rankTwoRow(i + 1); rankTwoRow(i + 2); rankTwoRow(i + 3);
      continue;
    }
    const r0 = triAt(i, 0), r1 = triAt(i + 1, 0), r2 = triAt(i + 2, 0), r3 = triAt(i + 3, 0);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const va0 = f64x2.splat(a0), vb0 = f64x2.splat(b0);
      const va1 = f64x2.splat(a1), vb1 = f64x2.splat(b1);
      const va2 = f64x2.splat(a2), vb2 = f64x2.splat(b2);
      const va3 = f64x2.splat(a3), vb3 = f64x2.splat(b3);
      for (; j + 3 <= i; j += 4) {
        const off = <usize>j << 3;
        const off2 = off + 16;
        const aj = v128.load(aVec + off);
        const bj = v128.load(bVec + off);
        const ak = v128.load(aVec + off2);
        const bk = v128.load(bVec + off2);
        rankTwoPair(r0 + off, va0, aj, vb0, bj);
        rankTwoPair(r0 + off2, va0, ak, vb0, bk);
        rankTwoPair(r1 + off, va1, aj, vb1, bj);
        rankTwoPair(r1 + off2, va1, ak, vb1, bk);
        rankTwoPair(r2 + off, va2, aj, vb2, bj);
        rankTwoPair(r2 + off2, va2, ak, vb2, bk);
        rankTwoPair(r3 + off, va3, aj, vb3, bj);
        rankTwoPair(r3 + off2, va3, ak, vb3, bk);
      }
      for (; j + 1 <= i; j += 2) {
        const off = <usize>j << 3;
        const aj = v128.load(aVec + off);
        const bj = v128.load(bVec + off);
        rankTwoPair(r0 + off, va0, aj, vb0, bj);
        rankTwoPair(r1 + off, va1, aj, vb1, bj);
        rankTwoPair(r2 + off, va2, aj, vb2, bj);
        rankTwoPair(r3 + off, va3, aj, vb3, bj);
      }
    }
    for (; j <= i; j++) {
      const off = <usize>j << 3;
      const aj = load<f64>(aVec + off), bj = load<f64>(bVec + off);
      rankTwoOne(r0 + off, a0, aj, b0, bj);
      rankTwoOne(r1 + off, a1, aj, b1, bj);
      rankTwoOne(r2 + off, a2, aj, b2, bj);
      rankTwoOne(r3 + off, a3, aj, b3, bj);
    }
    // Tails: row i+k has k more entries (j = i+1 .. i+k).
    tail(r1, a1, b1, i + 1, i + 1);
    tail(r2, a2, b2, i + 1, i + 2);
    tail(r3, a3, b3, i + 1, i + 3);
  }
  for (; i < n; i++) rankTwoRow(i);
  for (let k = 0; k < n; k++) {
    const ai = load<f64>(aVec + (<usize>k << 3));
    const bi = load<f64>(bVec + (<usize>k << 3));
    if (ai == 0.0 && bi == 0.0) continue;
    setSum(k, sumOf(k) + ai - bi);
    trackScale(k);
  }
}

/** One entry of S at p: (S + a_i·a_j) − b_i·b_j. */
@inline function rankTwoOne(p: usize, ai: f64, aj: f64, bi: f64, bj: f64): void {
  store<f64>(p, load<f64>(p) + ai * aj - bi * bj);
}

/** Two adjacent entries of S at p, with the same operations in the same order as rankTwoOne. */
@inline function rankTwoPair(p: usize, va: v128, aj: v128, vb: v128, bj: v128): void {
  v128.store(p, f64x2.sub(f64x2.add(v128.load(p), f64x2.mul(va, aj)), f64x2.mul(vb, bj)));
}

@inline function tail(row: usize, ai: f64, bi: f64, from: i32, to: i32): void {
  for (let j = from; j <= to; j++) {
    const off = <usize>j << 3;
    rankTwoOne(row + off, ai, load<f64>(aVec + off), bi, load<f64>(bVec + off));
  }
}

function rankTwoRow(i: i32): void {
  const ai = load<f64>(aVec + (<usize>i << 3));
  const bi = load<f64>(bVec + (<usize>i << 3));
  if (ai == 0.0 && bi == 0.0) return;
  const row = triAt(i, 0);
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(ai);
    const vb = f64x2.splat(bi);
    for (; j + 1 <= i; j += 2) {
      const off = <usize>j << 3;
      rankTwoPair(row + off, va, v128.load(aVec + off), vb, v128.load(bVec + off));
    }
  }
  for (; j <= i; j++) {
    const off = <usize>j << 3;
    rankTwoOne(row + off, ai, load<f64>(aVec + off), bi, load<f64>(bVec + off));
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
  setSum(i, sumOf(i) + d);
  trackScale(i);
}

/** Rounding error in a running sum scales with the largest value it has held (reseed.ts). */
@inline export function trackScale(i: i32): void {
  const sxx = load<f64>(triAt(i, i));
  if (sxx > hiOf(i)) setHi(i, sxx);
}
