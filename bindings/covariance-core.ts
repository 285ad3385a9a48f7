/**
 * The core's covariance calls (assembly/covariance.ts), over preallocated memory: the caller
 * fills `ids` and `weights` (views the core reads), makes one call, and reads the answers back
 * from the views it returns. Views are re-taken on every call, because memory growth detaches
 * the old ones.
 */
import type { CoreExports } from './wasm/load.js';
import type { MemoryView } from './wasm/memory-view.js';

export class CovarianceCore {
  private readonly idsAt: number;
  private readonly weightsAt: number;
  private readonly sumsAt: number;
  private readonly variancesAt: number;
  private readonly outAt: number;
  private readonly unknownAt: number;
  private readonly targetVarianceAt: number;

  constructor(
    private readonly core: CoreExports,
    private readonly mem: MemoryView,
  ) {
    this.idsAt = core.rowInputPtr() >>> 3;
    this.weightsAt = core.rowOutputPtr() >>> 3;
    this.sumsAt = core.riskSumsPtr() >>> 3;
    this.variancesAt = core.riskVariancesPtr() >>> 3;
    this.outAt = core.riskOutPtr();
    this.unknownAt = (this.outAt + core.RISK_UNKNOWN_PAIRS.value) >>> 3;
    this.targetVarianceAt = (this.outAt + core.RISK_TARGET_VARIANCE.value) >>> 3;
  }

  /** Changes whenever any candle changes: what cached covariances are keyed by (one call). */
  epoch(): number {
    return this.core.dataVersion();
  }

  /** Per-bar covariance of log returns over the window (a variance for i = j); NaN when unknown. */
  covariance(i: number, j: number): number {
    return this.core.pairCovariance(i, j);
  }

  /** Writes the book (engine ids and weights) where the core reads it. */
  private load(ids: ArrayLike<number>, weights: ArrayLike<number>, p: number): Float64Array {
    const f64 = this.mem.f64();
    for (let k = 0; k < p; k++) {
      f64[this.idsAt + k] = ids[k]!;
      f64[this.weightsAt + k] = weights[k]!;
    }
    return f64;
  }

  /**
   * wᵀΣw of the book (per bar). Fills `sums` with Σw and `variances` with each symbol's
   * variance (NaN: unknown, left out); returns the unknown pairs taken at correlation 1 in `unknownPairs`.
   */
  bookRisk(ids: ArrayLike<number>, weights: ArrayLike<number>, p: number, sums: Float64Array, variances: Float64Array): { total: number; unknownPairs: number } {
    this.load(ids, weights, p);
    const total = this.core.bookRisk(p);
    const f64 = this.mem.f64();
    for (let k = 0; k < p; k++) {
      sums[k] = f64[this.sumsAt + k]!;
      variances[k] = f64[this.variancesAt + k]!;
    }
    return { total, unknownPairs: f64[this.unknownAt]! };
  }

  /** cov(target, j) for each of the p book symbols into `out`, and the target's variance: one call. */
  covarianceColumn(target: number, ids: ArrayLike<number>, p: number, out: Float64Array): { variance: number; unknownPairs: number } {
    const f64 = this.mem.f64();
    for (let k = 0; k < p; k++) f64[this.idsAt + k] = ids[k]!;
    this.core.covarianceColumn(target, p);
    const after = this.mem.f64();
    for (let k = 0; k < p; k++) out[k] = after[this.sumsAt + k]!;
    return { variance: after[this.targetVarianceAt]!, unknownPairs: after[this.unknownAt]! };
  }
}
