/** The shapes of the book-level rules in answers, stats and events. */

/** A book-level rule that can set a trade's size. */
export type PortfolioRule = 'reducing' | 'positions' | 'gross' | 'net' | 'group' | 'asset' | 'volatility' | 'shock';

export const PORTFOLIO_RULES: readonly PortfolioRule[] = Object.freeze(['reducing', 'positions', 'gross', 'net', 'group', 'asset', 'volatility', 'shock']);

/** `active` trades normally; `reducing` allows only trades that lower gross exposure; `halted` blocks every validation. */
export type TradingState = 'active' | 'reducing' | 'halted';

/**
 * One book-level limit as the trade met it. `limit` and `current` are in account currency
 * (exposures), annualised volatility (volatility, shock) or a count (positions); `maxSize` is
 * the largest notional of the whole proposal the rule allows (Infinity: the rule does not
 * bind at any size).
 */
export interface PortfolioLimitDetail {
  readonly rule: PortfolioRule;
  /** The group or base asset, for those rules; null otherwise. */
  readonly name: string | null;
  readonly limit: number;
  readonly current: number;
  readonly maxSize: number;
}

export interface PortfolioDetail {
  readonly tradingState: TradingState;
  /** The book-level rule that set the size, or null. */
  binding: PortfolioRule | null;
  readonly limits: readonly PortfolioLimitDetail[];
  /**
   * Volatility and shock rules: open-book pairs whose covariance was unknown and taken at
   * correlation 1, and symbols (the proposed one included) whose own volatility is unknown.
   * An open symbol of unknown volatility is left out; a proposal on one adds nothing new.
   */
  readonly unknownPairs: number;
  readonly unknownVolatility: readonly string[];
}
