/**
 * Exact recomputation over the window rows, in fixed slot order: the ground truth that the
 * running sums are reset to (reseed), checked against (refresh), and fall back to where the
 * one-pass form would cancel (pearson.ts).
 */
import { slots, inWindow, retAt, closeAt, shiftOf } from './layout';

/**
 * Σ (r_i − K_i)(r_j − K_j) over rows where both are present. Returns outside the window are
 * NaN (grid.ts keeps it so), so the loop needs no window test: a NaN on either side selects 0.
 */
export function exactShiftedProduct(i: i32, j: i32): f64 {
  const ki = shiftOf(i);
  const kj = shiftOf(j);
  const xs = retAt(i, 0);
  const ys = retAt(j, 0);
  const all = slots();
  let slot = 0;
  let s = 0.0;
  if (ASC_FEATURE_SIMD) {
    const vki = f64x2.splat(ki);
    const vkj = f64x2.splat(kj);
    let acc = f64x2.splat(0.0);
    for (; slot + 1 < all; slot += 2) {
      const off = <usize>slot << 3;
      const x = v128.load(xs + off);
      const y = v128.load(ys + off);
      const both = v128.and(f64x2.eq(x, x), f64x2.eq(y, y));
      const prod = f64x2.mul(f64x2.sub(x, vki), f64x2.sub(y, vkj));
      acc = f64x2.add(acc, v128.and(prod, both));
    }
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    // Two accumulators in the same lane order as the SIMD build, so both give the same bits.
    let even = 0.0;
    let odd = 0.0;
    for (; slot + 1 < all; slot += 2) {
      const x0 = load<f64>(xs + (<usize>slot << 3));
      const y0 = load<f64>(ys + (<usize>slot << 3));
      const x1 = load<f64>(xs + (<usize>(slot + 1) << 3));
      const y1 = load<f64>(ys + (<usize>(slot + 1) << 3));
      if (x0 == x0 && y0 == y0) even += (x0 - ki) * (y0 - kj); else even += 0.0;
      if (x1 == x1 && y1 == y1) odd += (x1 - ki) * (y1 - kj); else odd += 0.0;
    }
    s = even + odd;
  }
  for (; slot < all; slot++) {
    const x = load<f64>(xs + (<usize>slot << 3));
    const y = load<f64>(ys + (<usize>slot << 3));
    if (x == x && y == y) s += (x - ki) * (y - kj);
  }
  return s;
}

/** Σ (r_i − K_i) over rows where i is present. */
export function exactShiftedSum(i: i32): f64 {
  const k = shiftOf(i);
  const all = slots();
  let s = 0.0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    if (x == x) s += x - k;
  }
  return s;
}

/** Plain mean of i's present returns (0 when it has none). */
export function exactMean(i: i32): f64 {
  const all = slots();
  let s = 0.0;
  let n = 0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    if (x == x) { s += x; n++; }
  }
  return n > 0 ? s / <f64>n : 0.0;
}

/** Relative precision of an f64: the rounding of one operation is at most half an ulp ≤ ε·|x|/2. */
const EPSILON: f64 = 2.220446049250313e-16;

/**
 * A series is degenerate when its variance is no more than rounding can make up:
 *
 * - zero relative to its own scale, M2 ≤ 1e-20·Σx². This is exactly zero for flat closes,
 *   and it also catches a constant non-zero return, whose two-pass M2 is rounding noise
 *   (~n·ε²·x²) rather than signal; an absolute epsilon would misjudge small-scale series.
 * - within the rounding noise of its log closes, M2 ≤ n·(2ε·L)², L the largest |log close|
 *   of its rows. A return is the difference of two log closes, each within an ulp (≤ ε·|L|)
 *   of its true value, so returns that only differ by that much differ by rounding alone: a
 *   constant small return at a high price level (1e-7 a bar at 1e6, L = 13.8) has M2 of
 *   that order, and its "correlation" would be the correlation of rounding errors.
 */
@inline export function degenerate(m2: f64, sumSq: f64, n: f64, logScale: f64): bool {
  const noise = 2.0 * EPSILON * logScale;
  return !(m2 > 1e-20 * sumSq) || !(m2 > n * noise * noise);
}

/**
 * Two-pass Pearson over the pairwise-complete rows; NaN below minPeriods or when either
 * side is degenerate. Writes the row count to `countOut`.
 */
export function exactPearson(i: i32, j: i32, minPeriods: i32, countOut: usize): f64 {
  const all = slots();
  let sx = 0.0, sy = 0.0;
  let n = 0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    const y = load<f64>(retAt(j, slot));
    if (x != x || y != y) continue;
    sx += x; sy += y; n++;
  }
  store<f64>(countOut, <f64>n);
  if (n < minPeriods || n < 2) return NaN;
  const mx = sx / <f64>n;
  const my = sy / <f64>n;
  let cxy = 0.0, cxx = 0.0, cyy = 0.0, qx = 0.0, qy = 0.0, lx = 0.0, ly = 0.0;
  for (let slot = 0; slot < all; slot++) {
    if (!inWindow(slot)) continue;
    const x = load<f64>(retAt(i, slot));
    const y = load<f64>(retAt(j, slot));
    if (x != x || y != y) continue;
    const dx = x - mx;
    const dy = y - my;
    cxy += dx * dy; cxx += dx * dx; cyy += dy * dy;
    qx += x * x; qy += y * y;
    lx = Math.max(lx, Math.abs(load<f64>(closeAt(i, slot))));
    ly = Math.max(ly, Math.abs(load<f64>(closeAt(j, slot))));
  }
  const fn = <f64>n;
  if (degenerate(cxx, qx, fn, lx) || degenerate(cyy, qy, fn, ly)) return NaN;
  if (i == j) return 1.0;
  const r = cxy / Math.sqrt(cxx * cyy);
  return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}
