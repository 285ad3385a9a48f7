/** The shapes the risk manager's public API speaks in. */

export type Side = 'long' | 'short';

/** A cap or rule that can set a trade's size. `none`: nothing cut it. */
export type SizingRule = 'correlation' | 'symbol' | 'direction' | 'regime';

/**
 * What decided the answer. A sizing rule when one cut the trade (also when the cut left less
 * than `minFillRatio` and the trade was therefore blocked); otherwise why no rule ran.
 */
export type Binding = 'none' | SizingRule | 'no_equity' | 'disabled' | 'error';

/**
 * The outcome, as an enum-like string: `ALLOWED` full size; `REDUCED` allowed at a multiplier
 * in [minFillRatio, 1); `BLOCKED` a rule left less than minFillRatio (or nothing);
 * `NO_EQUITY` blocked because no positive equity is known; `DISABLED` the manager is off;
 * `ERROR_BLOCKED` / `ERROR_ALLOWED` validation failed internally and `onError` decided.
 */
export type ValidationCode = 'ALLOWED' | 'REDUCED' | 'BLOCKED' | 'NO_EQUITY' | 'DISABLED' | 'ERROR_BLOCKED' | 'ERROR_ALLOWED';

export interface PositionInput {
  /** Your own id; generated (`p1`, `p2`, …) when omitted. */
  id?: string;
  symbol: string;
  side: Side;
  /** Notional in account currency, > 0. */
  size: number;
  regime: string;
  /** Informational only (events, logs). */
  strategy?: string;
}

/** An open position as the manager records it (a frozen copy). */
export interface Position {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly size: number;
  readonly regime: string;
  readonly strategy: string;
}

export interface ValidationRequest {
  symbol: string;
  side: Side;
  /** Notional after every upstream multiplier (optimization, drawdown…), > 0. */
  proposedSize: number;
  regime: string;
  strategy?: string;
}

export interface ValidateOptions {
  /** Answer without counting, emitting events or logging: a what-if. */
  dryRun?: boolean;
}

/** One exposure cap, in account currency. `headroom` is negative when already over the cap. */
export interface CapDetail {
  readonly limitPct: number;
  readonly limit: number;
  readonly current: number;
  readonly headroom: number;
}

/** An open symbol whose correlation with the proposed symbol is not known yet. */
export interface UnknownCorrelation {
  readonly symbol: string;
  /** Pairwise-complete bars in the window (below minPeriods, or the window is degenerate). */
  readonly observations: number;
}

export interface CorrelationDetail {
  readonly threshold: number;
  readonly maxReduction: number;
  readonly hedgeAware: boolean;
  /** The open symbol with the largest effective correlation, or null when none is known. */
  readonly symbol: string | null;
  /** Its raw Pearson correlation (NaN when symbol is null). */
  readonly correlation: number;
  /** Its effective correlation: signed by side when hedge-aware (NaN when symbol is null). */
  readonly effective: number;
  readonly observations: number;
  /** Fraction removed by the correlation rule, in [0, maxReduction]. */
  readonly cut: number;
  readonly sizeAfterCut: number;
  /** Open symbols whose correlation is unknown: reported, never treated as 0. */
  readonly unknown: readonly UnknownCorrelation[];
}

export interface ValidationDetails {
  readonly equity: number;
  readonly proposedSize: number;
  /** proposedSize × sizeMultiplier, the notional you may open. */
  readonly allowedSize: number;
  /** allowed / proposed before the minFillRatio check. */
  readonly rawMultiplier: number;
  readonly minFillRatio: number;
  readonly correlation: CorrelationDetail;
  readonly symbol: CapDetail;
  readonly direction: CapDetail;
  readonly regime: CapDetail;
}

export interface ValidationResult {
  readonly allowed: boolean;
  /** In [0, 1]; multiply the post-upstream size by it. 0 when blocked. */
  readonly sizeMultiplier: number;
  readonly reason: string;
  readonly code: ValidationCode;
  readonly binding: Binding;
  /** null when no rule ran (disabled, no equity, internal error). */
  readonly details: ValidationDetails | null;
}
