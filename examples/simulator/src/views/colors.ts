/** Shared palette: a diverging blue–white–red scale for correlations, and the UI colours. */
export const PALETTE = {
  background: '#0f1420',
  panel: '#161d2d',
  grid: '#2a3450',
  text: '#d7deea',
  muted: '#7f8aa3',
  unknown: '#3a4157',
  allowed: '#3fb27f',
  reduced: '#e5a33b',
  blocked: '#e5534b',
  long: '#3fb27f',
  short: '#e5534b',
  cap: '#f4f6fb',
  crash: 'rgba(229, 83, 75, 0.22)',
  regimes: { TRENDING: '#4e8cff', RANGING: '#8a93a8', VOLATILE: '#c46bff' } as Record<string, string>,
};

/** RGB of a correlation in [−1, 1]: blue (−1) through near-white (0) to red (+1). */
export function correlationRgb(r: number): [number, number, number] {
  if (!Number.isFinite(r)) return [0x3a, 0x41, 0x57];
  const x = Math.max(-1, Math.min(1, r));
  const lo: [number, number, number] = [38, 84, 166]; // −1
  const mid: [number, number, number] = [236, 238, 242]; // 0
  const hi: [number, number, number] = [196, 44, 44]; // +1
  const [a, b, k] = x < 0 ? [mid, lo, -x] : [mid, hi, x];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * k)) as [number, number, number];
}
