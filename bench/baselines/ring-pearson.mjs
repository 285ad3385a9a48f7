/**
 * What both plain-JS baselines share: returns kept W per symbol in one Float64Array (symbol
 * i's at i·W … i·W + W − 1, NaN where missing), and the exact pairwise-complete two-pass
 * Pearson over them, with the engine's degeneracy rule (M2 ≤ 1e-20·Σx² is no variance).
 */

export const clamp = (r) => (r > 1 ? 1 : r < -1 ? -1 : r);

/** Two-pass Pearson of symbols i and j over the rows both have; NaN below minPeriods or degenerate. */
export function ringPearson(ret, w, i, j, minPeriods) {
  const xi = i * w;
  const yj = j * w;
  let sx = 0, sy = 0, count = 0;
  for (let s = 0; s < w; s++) {
    const x = ret[xi + s], y = ret[yj + s];
    if (x !== x || y !== y) continue;
    sx += x; sy += y; count++;
  }
  if (count < minPeriods || count < 2) return NaN;
  const mx = sx / count;
  const my = sy / count;
  let cxy = 0, cxx = 0, cyy = 0, qx = 0, qy = 0;
  for (let s = 0; s < w; s++) {
    const x = ret[xi + s], y = ret[yj + s];
    if (x !== x || y !== y) continue;
    const dx = x - mx;
    const dy = y - my;
    cxy += dx * dy; cxx += dx * dx; cyy += dy * dy;
    qx += x * x; qy += y * y;
  }
  if (!(cxx > 1e-20 * qx) || !(cyy > 1e-20 * qy)) return NaN;
  if (i === j) return 1;
  return clamp(cxy / Math.sqrt(cxx * cyy));
}
