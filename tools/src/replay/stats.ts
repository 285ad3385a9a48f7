/**
 * Uncertainty for the replay's verdicts. A difference between two runs means little without
 * its interval, so every comparison the replay reports comes with one:
 * - across seeds (independent markets): the percentile bootstrap of the mean paired
 *   difference, resampling seeds with replacement;
 * - within one market (a single real dataset): the moving-block bootstrap of the two runs'
 *   paired bar returns, so the statistic is recomputed on resampled stretches of time that
 *   keep volatility clustering and the strategy's multi-bar holds together.
 * Both draw from a seeded generator: the same inputs give the same interval.
 */
import { Rng } from '../simulation/random.js';
import { meanStd } from './metrics.js';

export interface Interval {
  estimate: number;
  /** 95% percentile interval; NaN bounds when there is too little data to resample. */
  low: number;
  high: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;

/** The q-quantile of sorted values, linear between order statistics (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and its standard error (sample std / √n); SE NaN below two values. */
export function meanSe(values: ArrayLike<number>): { mean: number; se: number; n: number } {
  const { mean, std } = meanStd(values);
  return { mean, se: std / Math.sqrt(values.length), n: values.length };
}

/** Percentile bootstrap of the mean of independent values (one per seed). */
export function bootstrapMean(values: ArrayLike<number>, seed = 1, resamples = BOOTSTRAP_RESAMPLES): Interval {
  const n = values.length;
  const estimate = meanStd(values).mean;
  if (n < 2) return { estimate, low: Number.NaN, high: Number.NaN };
  const rng = new Rng(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.int(0, n - 1)];
    means[b] = sum / n;
  }
  means.sort();
  return { estimate, low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
}

/** Annualised Sharpe of bar returns (rf = 0); NaN when they do not move. */
export function sharpeOf(returns: ArrayLike<number>, periodsPerYear: number): number {
  const { mean, std } = meanStd(returns);
  return std > 0 ? (mean / std) * Math.sqrt(periodsPerYear) : Number.NaN;
}

/** Block length for the moving-block bootstrap: n^(1/3), the usual rate, at least `minimum` bars. */
export function defaultBlockLength(n: number, minimum = 1): number {
  return Math.max(minimum, Math.round(Math.cbrt(n)));
}

/**
 * Moving-block bootstrap of a statistic of several paired return series (same bars): every
 * resample concatenates random blocks of `blockLength` consecutive bars, the same bars for
 * every series, and evaluates `stat` on the resampled series.
 */
export function blockBootstrap(
  series: readonly ArrayLike<number>[],
  stat: (resampled: readonly Float64Array[]) => number,
  options: { blockLength: number; seed?: number; resamples?: number },
): Interval & { blockLength: number; bars: number } {
  const n = series.length > 0 ? series[0].length : 0;
  for (const s of series) if (s.length !== n) throw new RangeError(`paired series differ in length: ${n} and ${s.length}`);
  const data = series.map((s) => Float64Array.from(s));
  const estimate = stat(data);
  const L = Math.min(Math.max(1, Math.trunc(options.blockLength)), Math.max(1, n));
  if (n < 2) return { estimate, low: Number.NaN, high: Number.NaN, blockLength: L, bars: n };
  const rng = new Rng(options.seed ?? 1);
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const out = data.map(() => new Float64Array(n));
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let filled = 0;
    while (filled < n) {
      const start = rng.int(0, n - L);
      const take = Math.min(L, n - filled);
      for (let j = 0; j < data.length; j++) out[j].set(data[j].subarray(start, start + take), filled);
      filled += take;
    }
    const v = stat(out);
    if (Number.isFinite(v)) values.push(v);
  }
  const sorted = Float64Array.from(values).sort();
  return { estimate, low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975), blockLength: L, bars: n };
}
