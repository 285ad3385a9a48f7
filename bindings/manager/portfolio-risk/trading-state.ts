/**
 * The trading state and the drawdown guard. `active` trades normally, `reducing` allows only
 * trades that lower gross exposure, `halted` blocks every validation. The guard watches equity
 * (updateEquity) against its running peak: at maxDrawdownPct below the peak it moves `active`
 * to `reducing`; once the drawdown has recovered to resumeDrawdownPct it moves back to
 * `active`. It only ever releases a `reducing` it set itself: a state set by hand stays until
 * changed by hand, and `halted` is never touched.
 *
 * The peak is a high-water mark of equity seen while the guard is configured: it does not
 * reset when the guard trips, so resuming needs equity to come back to within
 * resumeDrawdownPct of it (trading that has shrunk the book does not by itself re-arm it).
 */
import type { DrawdownGuardConfig } from '../../portfolio-risk-config.js';
import type { TradingState } from './types.js';

export type TradingStateCause = 'manual' | 'drawdown' | 'recovered';

export interface TradingStateChange {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly cause: TradingStateCause;
  /** 1 − equity / peak when the guard moved it; NaN for a manual change. */
  readonly drawdown: number;
}

export interface TradingStateData {
  readonly state: TradingState;
  /** True when the guard set `reducing` (and so may release it). */
  readonly tripped: boolean;
  /** The equity peak the guard measures from (NaN before any positive equity). */
  readonly peak: number;
}

export const TRADING_STATES: readonly TradingState[] = Object.freeze(['active', 'reducing', 'halted']);

export class TradingStateMachine {
  state: TradingState = 'active';
  tripped = false;
  peak = Number.NaN;

  static fromState(data: TradingStateData): TradingStateMachine {
    const m = new TradingStateMachine();
    m.state = data.state;
    m.tripped = data.tripped;
    m.peak = data.peak;
    return m;
  }

  exportState(): TradingStateData {
    return { state: this.state, tripped: this.tripped, peak: this.peak };
  }

  /** A manual change; returns the change, or undefined when the state was already `to`. */
  set(to: TradingState): TradingStateChange | undefined {
    const from = this.state;
    this.tripped = false;
    if (from === to) return undefined;
    this.state = to;
    return { from, to, cause: 'manual', drawdown: Number.NaN };
  }

  /** A new equity reading under `guard` (undefined: no guard); returns the change it caused, if any. */
  observe(equity: number, guard: DrawdownGuardConfig | undefined): TradingStateChange | undefined {
    if (guard === undefined || !(equity > 0)) return undefined;
    if (!(equity <= this.peak)) this.peak = equity; // NaN peak: the first positive equity sets it
    const drawdown = 1 - equity / this.peak;
    // Compared as equity against the peak's levels, so that 96,000 of a 120,000 peak is exactly
    // 20% down (1 − 96,000/120,000 rounds to just under 0.2).
    if (this.state === 'active' && equity <= this.peak * (1 - guard.maxDrawdownPct)) {
      this.state = 'reducing';
      this.tripped = true;
      return { from: 'active', to: 'reducing', cause: 'drawdown', drawdown };
    }
    if (this.state === 'reducing' && this.tripped && equity >= this.peak * (1 - guard.resumeDrawdownPct)) {
      this.state = 'active';
      this.tripped = false;
      return { from: 'reducing', to: 'active', cause: 'recovered', drawdown };
    }
    return undefined;
  }
}
