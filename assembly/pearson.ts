/**
 * Pearson from the running sums (see comoment.ts for the derivation).
 *
 * For a pair (i, j) the pairwise-complete rows R are the window rows where neither is
 * missing. S_ij already sums over R. Sx_i and Sxx_i sum over i's present rows, so the rows
 * where i is present but j is missing are subtracted back out, walking the set bits of
 * (miss_j & ~miss_i): O(popcount), zero for the common gap-free pair.
 *
 * Where var·n < Sxx/100 the shifted one-pass form would cancel more than a few digits
 * (a subset whose mean sits far from K, a subset much quieter than the whole window, or a
 * degenerate window); those pairs take the exact two-pass instead, which also decides
 * degeneracy. The guard compares against the symbol's *uncorrected* Sxx: rounding error
 * in the sums scales with it, and the corrected Sxx_R can itself be pure rounding noise.
 * A symbol whose sums are waiting for a reseed (not at rest, reseed.ts) takes the two-pass
 * for every pair. So the answer is always either within a few ulps·(history) of the
 * two-pass or the two-pass itself.
 *
 * Every path evaluates a pair with the larger id first, so correlation(a, b),
 * correlation(b, a), row() and matrix() agree bit for bit.
 */
import {
  triAt, retAt, maskWords, missWordAt, winWord, minPeriods, symbolCount, shiftOf, sumOf,
  prepMean, prepInv, prepFast, prepSlow, prepTag, capacity, epoch,
} from './layout';
import { exactPearson } from './exact';
import { atRest } from './reseed';

const CANCEL_GUARD: f64 = 0.01;
/** 100× the exact relative degeneracy threshold (exact.ts): anything near it is decided exactly. */
const DEGENERATE_GUARD: f64 = 1e-18;
/**
 * 100× the exact noise threshold (exact.ts) at the largest |log close| an f64 price can have
 * (ln 1.8e308 = 709.8, ln 4.9e-324 = −744.4): n·(2ε·745)²·100 per row. A series whose return
 * variance is below it (σ under 3.3e-12 a bar) is decided by the two-pass, which knows its
 * actual log closes; no market trades that quietly, so the fast path loses nothing real.
 */
const NOISE_GUARD: f64 = 100.0 * (2.0 * 2.220446049250313e-16 * 745.0) * (2.0 * 2.220446049250313e-16 * 745.0);

/**
 * True when the shifted sums can be trusted for this series: its variance is neither lost
 * in cancellation against the shifted scale, nor near zero relative to the raw scale
 * Σx² = Σ(u + K)² = Sxx + K·(2·Sx + n·K), nor near the rounding noise of log closes.
 */
@inline function wellConditioned(v: f64, sxx: f64, sx: f64, n: f64, k: f64, fullSxx: f64): bool {
  return v > CANCEL_GUARD * fullSxx && v > DEGENERATE_GUARD * (sxx + k * (2.0 * sx + n * k)) && v > NOISE_GUARD * n;
}

/**
 * i's Σu and Σu² over the rows where `other` is present too (its sums less the rows where i is
 * present and `other` is missing), written to sums and sums + 8.
 */
export function correctedSums(i: i32, other: i32, sums: usize): void {
  const k = shiftOf(i);
  let sx = sumOf(i);
  let sxx = load<f64>(triAt(i, i));
  const words = maskWords();
  for (let w = 0; w < words; w++) {
    let bits = winWord(w) & load<u64>(missWordAt(other, w)) & ~load<u64>(missWordAt(i, w));
    while (bits != 0) {
      const slot = (w << 6) + <i32>ctz(bits);
      bits &= bits - 1;
      const u = load<f64>(retAt(i, slot)) - k;
      sx -= u;
      sxx -= u * u;
    }
  }
  store<f64>(sums, sx);
  store<f64>(sums + 8, sxx);
}

/** Correlation of a pair; writes its pairwise-complete count to countOut. */
export function pairCorrelation(i: i32, j: i32, countOut: usize, scratch: usize): f64 {
  const a = i > j ? i : j;
  const b = i > j ? j : i;
  const words = maskWords();
  let n = 0;
  for (let w = 0; w < words; w++) {
    n += <i32>popcnt(winWord(w) & ~load<u64>(missWordAt(a, w)) & ~load<u64>(missWordAt(b, w)));
  }
  store<f64>(countOut, <f64>n);
  if (n < minPeriods() || n < 2) return NaN;
  if (!atRest(a) || !atRest(b)) return exactPearson(a, b, minPeriods(), countOut);
  correctedSums(a, b, scratch);
  correctedSums(b, a, scratch + 16);
  const sx = load<f64>(scratch);
  const sxx = load<f64>(scratch + 8);
  const sy = load<f64>(scratch + 16);
  const syy = load<f64>(scratch + 24);
  const fn = <f64>n;
  const vx = sxx - sx * sx / fn;
  const vy = syy - sy * sy / fn;
  const ka = shiftOf(a);
  const kb = shiftOf(b);
  if (!wellConditioned(vx, sxx, sx, fn, ka, load<f64>(triAt(a, a))) || !wellConditioned(vy, syy, sy, fn, kb, load<f64>(triAt(b, b)))) {
    return exactPearson(a, b, minPeriods(), countOut);
  }
  if (a == b) return 1.0;
  // Same expression as the gap-free matrix path, so correlation() and matrix() agree bit for bit.
  const cov = load<f64>(triAt(a, b)) - sx * (sy / fn);
  return clampBoth(cov * ((1.0 / Math.sqrt(vx)) * (1.0 / Math.sqrt(vy))));
}

let preparedEpoch: f64 = -1;
let slowCount: i32 = 0;

/** A restored snapshot brings its own epoch, which may collide with ours. */
export function invalidatePrepared(): void {
  preparedEpoch = -1;
  memory.fill(prepTag, 0, <usize>capacity << 3);
}

/**
 * Per-symbol terms shared by every pair of a gap-free symbol (mean of u, 1/√var), so a full
 * matrix costs one subtraction and two multiplications per pair. Keyed by the state epoch.
 */
function prepare(windowRows: i32): void {
  if (preparedEpoch == epoch()) return;
  preparedEpoch = epoch();
  const n = symbolCount();
  slowCount = 0;
  for (let i = 0; i < n; i++) {
    if (!prepareSymbol(i, windowRows)) store<i32>(prepSlow + (<usize>(slowCount++) << 2), i);
  }
}

/**
 * Symbol i's query terms, computed once per epoch (queries that read a few symbols prepare
 * only those); true when i takes the gap-free formula. prepTag holds epoch + 1, so the zeroed
 * scratch of a new engine reads as never prepared.
 */
export function prepared(i: i32, windowRows: i32): bool {
  if (load<f64>(prepTag + (<usize>i << 3)) == epoch() + 1.0) return load<f64>(prepFast + (<usize>i << 3)) != 0.0;
  return prepareSymbol(i, windowRows);
}

function prepareSymbol(i: i32, windowRows: i32): bool {
  const words = maskWords();
  const fn = <f64>windowRows;
  let complete = windowRows >= minPeriods() && windowRows >= 2;
  for (let w = 0; w < words && complete; w++) {
    if ((winWord(w) & load<u64>(missWordAt(i, w))) != 0) complete = false;
  }
  let fast = false;
  if (complete && atRest(i)) {
    const sx = sumOf(i);
    const sxx = load<f64>(triAt(i, i));
    const v = sxx - sx * sx / fn;
    if (wellConditioned(v, sxx, sx, fn, shiftOf(i), sxx)) {
      fast = true;
      store<f64>(prepMean + (<usize>i << 3), sx / fn);
      store<f64>(prepInv + (<usize>i << 3), 1.0 / Math.sqrt(v));
    }
  }
  store<f64>(prepFast + (<usize>i << 3), fast ? 1.0 : 0.0);
  store<f64>(prepTag + (<usize>i << 3), epoch() + 1.0);
  return fast;
}

/**
 * The gap-free formula for a pair whose two symbols are both prepared and fast: the same
 * expression, in the same order, as pairCorrelation's (larger id first), so every path agrees
 * bit for bit.
 */
@inline export function fastPair(i: i32, j: i32): f64 {
  const a = i > j ? i : j;
  const b = i > j ? j : i;
  const cov = load<f64>(triAt(a, b)) - sumOf(a) * load<f64>(prepMean + (<usize>b << 3));
  return clampBoth(cov * (load<f64>(prepInv + (<usize>a << 3)) * load<f64>(prepInv + (<usize>b << 3))));
}

/**
 * Full N×N matrix, row-major, into out; each unique pair is computed once. Three passes keep
 * the hot one branch-free and contiguous: the gap-free formula over each lower-triangle row
 * (f64x2), then the exact path for the few pairs involving a symbol with gaps or a degenerate
 * window, then a tiled mirror into the upper triangle.
 */
export function fillMatrix(out: usize, windowRows: i32, countOut: usize, scratch: usize): void {
  prepare(windowRows);
  const n = symbolCount();
  const stride = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    if (load<f64>(prepFast + (<usize>i << 3)) == 0.0) continue;
    const rowOut = out + <usize>i * stride;
    const sxI = sumOf(i);
    const invI = load<f64>(prepInv + (<usize>i << 3));
    const tri = triAt(i, 0);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vsx = f64x2.splat(sxI);
      const vinv = f64x2.splat(invI);
      const lo = f64x2.splat(-1.0);
      const hi = f64x2.splat(1.0);
      for (; j + 1 < i; j += 2) {
        const off = <usize>j << 3;
        const cov = f64x2.sub(v128.load(tri + off), f64x2.mul(vsx, v128.load(prepMean + off)));
        const r = f64x2.mul(cov, f64x2.mul(vinv, v128.load(prepInv + off)));
        v128.store(rowOut + off, f64x2.pmin(f64x2.pmax(r, lo), hi));
      }
    }
    for (; j < i; j++) {
      const off = <usize>j << 3;
      const cov = load<f64>(tri + off) - sxI * load<f64>(prepMean + off);
      store<f64>(rowOut + off, clampBoth(cov * (invI * load<f64>(prepInv + off))));
    }
    store<f64>(rowOut + (<usize>i << 3), 1.0);
  }
  for (let k = 0; k < slowCount; k++) {
    const s = load<i32>(prepSlow + (<usize>k << 2));
    for (let j = 0; j < n; j++) {
      // Pairs of two slow symbols are visited once, from the smaller id.
      if (j < s && load<f64>(prepFast + (<usize>j << 3)) == 0.0) continue;
      const hiIdx = s > j ? s : j;
      const loIdx = s > j ? j : s;
      store<f64>(out + <usize>hiIdx * stride + (<usize>loIdx << 3), pairCorrelation(s, j, countOut, scratch));
    }
  }
  const TILE = 32;
  for (let ib = 0; ib < n; ib += TILE) {
    const iEnd = ib + TILE < n ? ib + TILE : n;
    for (let jb = 0; jb <= ib; jb += TILE) {
      let i = ib;
      if (ASC_FEATURE_SIMD) {
        // 2×2 blocks strictly below the diagonal: two 16-byte loads, two 16-byte stores.
        for (; i + 1 < iEnd; i += 2) {
          const jEnd = jb + TILE < i ? jb + TILE : i; // row i's span; row i+1 has one more
          const r0 = out + <usize>i * stride;
          const r1 = r0 + stride;
          let j = jb;
          for (; j + 1 < jEnd; j += 2) {
            const a = v128.load(r0 + (<usize>j << 3));
            const b = v128.load(r1 + (<usize>j << 3));
            v128.store(out + <usize>j * stride + (<usize>i << 3), v128.shuffle<f64>(a, b, 0, 2));
            v128.store(out + <usize>(j + 1) * stride + (<usize>i << 3), v128.shuffle<f64>(a, b, 1, 3));
          }
          for (; j < jEnd; j++) {
            store<f64>(out + <usize>j * stride + (<usize>i << 3), load<f64>(r0 + (<usize>j << 3)));
            store<f64>(out + <usize>j * stride + (<usize>(i + 1) << 3), load<f64>(r1 + (<usize>j << 3)));
          }
          const jEnd1 = jb + TILE < i + 1 ? jb + TILE : i + 1;
          for (; j < jEnd1; j++) {
            store<f64>(out + <usize>j * stride + (<usize>(i + 1) << 3), load<f64>(r1 + (<usize>j << 3)));
          }
        }
      }
      for (; i < iEnd; i++) {
        const jEnd = jb + TILE < i ? jb + TILE : i;
        for (let j = jb; j < jEnd; j++) {
          store<f64>(out + <usize>j * stride + (<usize>i << 3), load<f64>(out + <usize>i * stride + (<usize>j << 3)));
        }
      }
    }
  }
}

/** Same results as f64x2.min(f64x2.max(r, −1), 1), NaN included. */
@inline function clampBoth(r: f64): f64 {
  return r != r ? r : r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

/** Correlations of symbol i with every symbol, into out[0..N). */
export function fillRow(i: i32, out: usize, windowRows: i32, countOut: usize, scratch: usize): void {
  prepare(windowRows);
  const n = symbolCount();
  const fastI = load<f64>(prepFast + (<usize>i << 3)) != 0.0;
  for (let j = 0; j < n; j++) {
    let r: f64;
    if (j == i) {
      r = fastI ? 1.0 : pairCorrelation(i, i, countOut, scratch);
    } else if (fastI && load<f64>(prepFast + (<usize>j << 3)) != 0.0) {
      r = fastPair(i, j);
    } else {
      r = pairCorrelation(i, j, countOut, scratch);
    }
    store<f64>(out + (<usize>j << 3), r);
  }
}
