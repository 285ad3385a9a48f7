/** The shapes the risk manager's public API speaks in. */
import type { PortfolioDetail, PortfolioRule } from './portfolio-risk/types.js';

export type Side = 'long' | 'short';

/** A cap or rule that can set a trade's size. `none`: nothing cut it. */
export type SizingRule = 'correlation' | 'symbol' | 'direction' | 'regime' | PortfolioRule;

/**
 * What decided the answer. A sizing rule when one cut the trade (also when the cut left less
 * than `minFillRatio` and the trade was therefore blocked); otherwise why no rule ran.
 */
export type Binding = 'none' | SizingRule | 'no_equity' | 'no_price' | 'disabled' | 'error' | 'halted';

/**
 * The outcome, as an enum-like string: `ALLOWED` full size; `REDUCED` allowed at a multiplier
 * in [minFillRatio, 1); `BLOCKED` a rule left less than minFillRatio (or nothing);
 * `NO_EQUITY` blocked because no positive equity is known; `DISABLED` the manager is off;
 * `ERROR_BLOCKED` / `ERROR_ALLOWED` validation failed internally and `onError` decided.
 */
export type ValidationCode = 'ALLOWED' | 'REDUCED' | 'BLOCKED' | 'NO_EQUITY' | 'NO_PRICE' | 'DISABLED' | 'ERROR_BLOCKED' | 'ERROR_ALLOWED' | 'HALTED';

/** How an amount is given: a notional in account currency, or a quantity in base units. */
export type AmountUnit = 'size' | 'quantity';

/** Exactly one of `size` (notional) and `quantity` (base units). */
export type Amount = { size: number; quantity?: undefined } | { quantity: number; size?: undefined };

interface PositionFields {
  /** Your own id; generated (`p1`, `p2`, …) when omitted. */
  id?: string;
  symbol: string;
  side: Side;
  /** The regime cap it counts in; a position without one counts in no regime cap. */
  regime?: string;
  /** Informational only (events, logs). */
  strategy?: string;
}

/**
 * A filled position: `size` is a notional in account currency, `quantity` base units (ccxt's
 * `amount`), valued at the symbol's latest close × quote rate and re-marked on every close.
 */
export type PositionInput = PositionFields & Amount;

/** An open position as the manager records it (a frozen copy). */
export interface Position {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  /**
   * Notional in account currency: as registered, or, for a position held by quantity, the
   * quantity at the latest close × quote rate when this copy was made (NaN while unpriced).
   */
  readonly size: number;
  /** Base units, for a position held by quantity. */
  readonly quantity?: number;
  /** Absent for a position without a regime. */
  readonly regime?: string;
  readonly strategy: string;
}

/** A validated trade whose order is in flight: it counts in every cap until filled, released or expired. */
export interface Reservation {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  /** The reserved notional in account currency (for a quantity, marked like a position). */
  readonly size: number;
  /** The reserved base units, when the trade was proposed by quantity. */
  readonly quantity?: number;
  readonly regime?: string;
  readonly strategy: string;
  /** When it expires, on the manager's clock (ms). */
  readonly expiresAt: number;
}

interface RequestFields {
  symbol: string;
  side: Side;
  /** The regime cap it counts in; without one the regime cap does not apply. */
  regime?: string;
  strategy?: string;
}

/**
 * A proposed trade: `proposedSize` is a notional after every upstream multiplier
 * (optimization, drawdown…), `proposedQuantity` base units; exactly one, > 0.
 */
export type ValidationRequest = RequestFields & (
  | { proposedSize: number; proposedQuantity?: undefined }
  | { proposedQuantity: number; proposedSize?: undefined }
);

export interface ValidateOptions {
  /** Answer without counting, emitting events or logging: a what-if. */
  dryRun?: boolean;
  /**
   * Hold what the answer allows for an order about to be sent: it counts in every cap until
   * fillReservation, releaseReservation or expiry. Only for an allowed answer; not with dryRun.
   */
  reserve?: boolean;
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

/** How a proposal by quantity was valued. */
export interface ValuationDetail {
  readonly quantity: number;
  /** The symbol's latest close, in its quote currency. */
  readonly price: number;
  /** Account currency per unit of quote currency (1 when they are the same). */
  readonly quoteRate: number;
}

/** Netting mode: the part of the proposal that closes the open net, and the part sized by the rules. */
export interface NettingDetail {
  readonly offset: number;
  readonly excess: number;
}

export interface ValidationDetails {
  readonly equity: number;
  /** The proposal's notional in account currency (a quantity valued at price × quote rate). */
  readonly proposedSize: number;
  /** proposedSize × sizeMultiplier, the notional you may open. */
  readonly allowedSize: number;
  /** allowed / proposed before the minFillRatio check. */
  readonly rawMultiplier: number;
  readonly minFillRatio: number;
  readonly correlation: CorrelationDetail;
  readonly symbol: CapDetail;
  readonly direction: CapDetail;
  /** null for a proposal without a regime (no regime cap applies). */
  readonly regime: CapDetail | null;
  /** Present for a proposal by quantity. */
  readonly valuation?: ValuationDetail;
  /** Present in netting mode. */
  readonly netting?: NettingDetail;
  /** Present when a book-level rule is configured or trading is not active. */
  readonly portfolio?: PortfolioDetail;
}

export interface ValidationResult {
  readonly allowed: boolean;
  /** In [0, 1]; multiply the post-upstream size by it. 0 when blocked. */
  readonly sizeMultiplier: number;
  readonly reason: string;
  readonly code: ValidationCode;
  readonly binding: Binding;
  /** The notional you may open, in account currency (0 when blocked). */
  readonly allowedSize: number;
  /** For a proposal by quantity: the base units you may open, proposedQuantity × sizeMultiplier. */
  readonly allowedQuantity?: number;
  /** With `{ reserve: true }` on an allowed answer: the reservation holding it. */
  readonly reservationId?: string;
  /** null when no rule ran (disabled, no equity, no price, internal error). */
  readonly details: ValidationDetails | null;
}
