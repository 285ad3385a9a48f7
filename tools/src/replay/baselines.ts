/**
 * The baselines risk-on is judged against. Cutting trades lowers exposure, and lower exposure
 * alone lowers drawdown and volatility; a fair comparison holds exposure equal and asks whether
 * the manager chose *which* trades to cut better than something naive would have:
 * - scaledRiskOff: the risk-off book with constant leverage k = risk-on's mean gross exposure
 *   ÷ risk-off's; each bar's return is k × risk-off's, so its Sharpe is risk-off's and its mean
 *   gross exposure risk-on's;
 * - grossCap: first come, first served under one gross-exposure cap, no other rule;
 * - randomThrottle: every proposal admitted at full size with a fixed probability, blind to
 *   the market, several independent draws.
 * The two managers here answer the same calls as PortfolioRiskManager, so the replay runs them
 * through the same accounts and fills.
 */
import type { Position, PositionInput, ValidationRequest, ValidationResult } from 'portfolio-guard';
import { Rng } from '../simulation/random.js';
import type { ReplayManager } from './simulate.js';

/** Fields of an answer; the binding names ("gross", "throttle") are the baselines' own. */
function answer(multiplier: number, binding: string, proposed: number): ValidationResult {
  const allowed = multiplier > 0;
  return {
    allowed,
    sizeMultiplier: multiplier,
    reason: allowed ? (multiplier < 1 ? `${binding}_reduced` : 'ok') : `${binding}_blocked`,
    code: allowed ? (multiplier < 1 ? 'REDUCED' : 'ALLOWED') : 'BLOCKED',
    binding: (multiplier < 1 ? binding : 'none') as ValidationResult['binding'],
    allowedSize: proposed * multiplier,
    details: null,
  } as ValidationResult;
}

/** Keeps a book's notionals and equity from the calls an account makes. */
abstract class BookKeeper implements ReplayManager {
  protected equity = 0;
  protected readonly sizes = new Map<string, number>();
  protected gross = 0;

  updateEquity(equity: number): void {
    this.equity = equity;
  }
  // The accounts register by notional with their own ids and never read what these return.
  registerPosition(p: PositionInput): string {
    const id = p.id ?? `${this.sizes.size}`;
    const size = p.size ?? 0;
    this.sizes.set(id, size);
    this.gross += size;
    return id;
  }
  resizePosition(id: string, size: number): Position | null {
    const old = this.sizes.get(id);
    if (old !== undefined) {
      this.sizes.set(id, size);
      this.gross += size - old;
    }
    return null;
  }
  unregisterPosition(id: string): Position[] {
    const old = this.sizes.get(id);
    if (old !== undefined) {
      this.sizes.delete(id);
      this.gross -= old;
    }
    return [];
  }
  updateMarketData(): void {}
  abstract validateNewPosition(p: ValidationRequest): ValidationResult;
  abstract getStats(): unknown;
}

/**
 * One cap on gross notional, `capPct` × equity: a proposal gets what still fits, and is
 * blocked when less than `minFillRatio` of it fits (the manager's own default, 0.1).
 */
export class GrossCapManager extends BookKeeper {
  private checks = 0;
  constructor(
    readonly capPct: number,
    readonly minFillRatio = 0.1,
  ) {
    super();
    if (!(capPct >= 0)) throw new RangeError(`capPct must be ≥ 0, got ${capPct}`);
  }
  validateNewPosition(p: ValidationRequest): ValidationResult {
    this.checks++;
    const proposed = p.proposedSize ?? 0;
    // The sum of tracked notionals drifts by rounding; the headroom is recomputed exactly.
    let gross = 0;
    for (const v of this.sizes.values()) gross += v;
    this.gross = gross;
    const headroom = this.capPct * this.equity - gross;
    const m = proposed > 0 ? Math.min(1, Math.max(0, headroom) / proposed) : 0;
    return answer(m >= this.minFillRatio && m > 0 ? m : 0, 'gross', proposed);
  }
  getStats(): unknown {
    return { kind: 'grossCap', capPct: this.capPct, checks: this.checks };
  }
}

/** Admits each proposal at full size with probability `rate`, from its own seeded draws. */
export class RandomThrottleManager extends BookKeeper {
  private readonly rng: Rng;
  private checks = 0;
  constructor(
    readonly rate: number,
    readonly seed: number,
  ) {
    super();
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be in [0, 1], got ${rate}`);
    this.rng = new Rng(seed);
  }
  validateNewPosition(p: ValidationRequest): ValidationResult {
    this.checks++;
    return answer(this.rng.uniform() < this.rate ? 1 : 0, 'throttle', p.proposedSize ?? 0);
  }
  getStats(): unknown {
    return { kind: 'randomThrottle', rate: this.rate, seed: this.seed, checks: this.checks };
  }
}

/**
 * A curve with constant leverage `k` on another's bar returns: E'_0 = E_0,
 * E'_t = E'_{t−1} · (1 + k·r_t). It stops at 0 (ruin) like a traded run.
 */
export function scaleCurve(equity: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(equity.length);
  if (equity.length === 0) return out;
  out[0] = equity[0];
  for (let t = 1; t < equity.length; t++) {
    const r = equity[t - 1] > 0 ? equity[t] / equity[t - 1] - 1 : 0;
    out[t] = Math.max(0, out[t - 1] * (1 + k * r));
  }
  return out;
}

/** Share of proposed notional a run admitted: Σ multipliers / proposals. */
export function admittedShare(multipliers: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < multipliers.length; i++) sum += multipliers[i];
  return multipliers.length > 0 ? sum / multipliers.length : 0;
}
