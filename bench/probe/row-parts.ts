/**
 * The production core plus entry points that time one part of a row on its own, for
 * bench/ceiling.mjs. It is compiled at bench time (bench/lib/probe.mjs) with the flags of
 * the release SIMD build and never ships: the package's core exports none of this.
 */
export * from '../../assembly/index';
import { applyRankTwo } from '../../assembly/comoment';
import { triAt, symbolCount } from '../../assembly/layout';
import { refreshSlice, maintain } from '../../assembly/reseed';

/** The rank-2 kernel alone, on the aVec/bVec left by the last row. */
export function rankTwoOnly(): void {
  applyRankTwo(symbolCount());
}

/** The rotating exact refresh of one row alone (pairs recomputed exactly: no state drifts). */
export function refreshOnly(): void {
  refreshSlice();
}

/** The per-symbol reseed checks of one row alone (on a settled state they find nothing to do). */
export function maintainOnly(): void {
  const n = symbolCount();
  for (let i = 0; i < n; i++) maintain(i);
}

/**
 * The least any rank-2 kernel over this triangle can cost: each element loaded, given one
 * vector add and stored, unrolled so that loop overhead is not what it measures. It is a
 * floor, not an update.
 */
export function triangleStreamFloor(): void {
  const n = symbolCount();
  const tiny = f64x2.splat(0.0);
  for (let i = 0; i < n; i++) {
    const row = triAt(i, 0);
    let j = 0;
    for (; j + 7 <= i; j += 8) {
      const p = row + (<usize>j << 3);
      v128.store(p, f64x2.add(v128.load(p), tiny));
      v128.store(p, f64x2.add(v128.load(p, 16), tiny), 16);
      v128.store(p, f64x2.add(v128.load(p, 32), tiny), 32);
      v128.store(p, f64x2.add(v128.load(p, 48), tiny), 48);
    }
    for (; j + 1 <= i; j += 2) {
      const p = row + (<usize>j << 3);
      v128.store(p, f64x2.add(v128.load(p), tiny));
    }
    for (; j <= i; j++) {
      const p = row + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + 0.0);
    }
  }
}
