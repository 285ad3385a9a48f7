/**
 * Performance and risk measures of one run, computed from its per-bar equity curve. Plain
 * conventions, stated so the numbers can be checked by hand:
 * - bar return r_t = E_t / E_{t-1} − 1;
 * - annualised volatility = sample standard deviation of r (n − 1) × √(bars per year);
 * - Sharpe = mean(r) / sample std(r) × √(bars per year), risk-free rate 0;
 * - max drawdown = largest (peak − E_t) / peak over the curve, peak = running maximum;
 * - worst bar = smallest r_t.
 */

export interface CurveMetrics {
  initialEquity: number;
  finalEquity: number;
  /** finalEquity / initialEquity − 1. */
  totalReturn: number;
  /** Fraction of the running peak, in [0, 1]. */
  maxDrawdown: number;
  annualVolatility: number;
  /** NaN when the curve never moves (zero volatility). */
  sharpe: number;
  worstBar: number;
  /** Bar index (into the curve) of the worst bar; −1 when the curve has a single point. */
  worstBarIndex: number;
}

export function maxDrawdown(equity: ArrayLike<number>): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst;
}

export function barReturns(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, equity.length - 1));
  for (let i = 1; i < equity.length; i++) out[i - 1] = equity[i] / equity[i - 1] - 1;
  return out;
}

/** Mean and sample standard deviation (n − 1); std is NaN below two values. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return { mean, std: Number.NaN };
  // Two-pass: the returns are tiny numbers around a tiny mean; one-pass sums would cancel.
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

export function curveMetrics(equity: ArrayLike<number>, periodsPerYear: number): CurveMetrics {
  if (equity.length === 0) throw new RangeError('curveMetrics: empty equity curve');
  const returns = barReturns(equity);
  const { mean, std } = meanStd(returns);
  let worstBar = Number.NaN;
  let worstBarIndex = -1;
  for (let i = 0; i < returns.length; i++) {
    if (!(returns[i] >= worstBar)) {
      worstBar = returns[i];
      worstBarIndex = i + 1;
    }
  }
  const scale = Math.sqrt(periodsPerYear);
  const initialEquity = equity[0];
  const finalEquity = equity[equity.length - 1];
  return {
    initialEquity,
    finalEquity,
    totalReturn: finalEquity / initialEquity - 1,
    maxDrawdown: maxDrawdown(equity),
    annualVolatility: std * scale,
    sharpe: std > 0 ? (mean / std) * scale : Number.NaN,
    worstBar,
    worstBarIndex,
  };
}

/** Tallies of what happened to the proposals in one run. */
export interface TradeCounts {
  proposed: number;
  /** Allowed at the full proposed size. */
  allowedFull: number;
  /** Allowed at a reduced size. */
  reduced: number;
  blocked: number;
  /** Reductions by the rule that set the size (the manager's `binding`). */
  reducedBy: Record<string, number>;
  /** Blocks by the rule that set the size. */
  blockedBy: Record<string, number>;
}

export function emptyCounts(): TradeCounts {
  return { proposed: 0, allowedFull: 0, reduced: 0, blocked: 0, reducedBy: {}, blockedBy: {} };
}

export function countDecision(counts: TradeCounts, allowed: boolean, multiplier: number, binding: string | null): void {
  counts.proposed++;
  const rule = binding ?? 'unspecified';
  if (!allowed || multiplier <= 0) {
    counts.blocked++;
    counts.blockedBy[rule] = (counts.blockedBy[rule] ?? 0) + 1;
  } else if (multiplier < 1) {
    counts.reduced++;
    counts.reducedBy[rule] = (counts.reducedBy[rule] ?? 0) + 1;
  } else {
    counts.allowedFull++;
  }
}

/**
 * Running mean of the held book's average pairwise P&L correlation: for the distinct symbols
 * held on a bar, the mean over pairs of ρ_ij · s_i · s_j (s = +1 long, −1 short), so a hedged
 * pair counts negative. Bars with fewer than two known pairs are skipped.
 */
export class BookCorrelation {
  private sum = 0;
  private bars = 0;

  /** `pairs` yields signed correlations for one bar; NaN (unknown) ones are ignored. */
  addBar(pairs: Iterable<number>): void {
    let s = 0;
    let n = 0;
    for (const rho of pairs) {
      if (Number.isFinite(rho)) {
        s += rho;
        n++;
      }
    }
    if (n > 0) {
      this.sum += s / n;
      this.bars++;
    }
  }

  get value(): number {
    return this.bars > 0 ? this.sum / this.bars : Number.NaN;
  }

  get sampledBars(): number {
    return this.bars;
  }
}

/** Latency summary of the timed risk checks, in microseconds. */
export interface LatencySummary {
  checks: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  totalMs: number;
}

export function latencySummary(samplesMs: ArrayLike<number>): LatencySummary {
  const n = samplesMs.length;
  if (n === 0) return { checks: 0, meanUs: Number.NaN, p50Us: Number.NaN, p99Us: Number.NaN, totalMs: 0 };
  const sorted = Float64Array.from(samplesMs).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  const at = (q: number): number => sorted[Math.min(n - 1, Math.floor(q * n))] * 1000;
  return { checks: n, meanUs: (total / n) * 1000, p50Us: at(0.5), p99Us: at(0.99), totalMs: total };
}
