/**
 * The risk numbers a dashboard shows, for getStats(): gross and net exposure, the annualised
 * ex-ante volatility √(wᵀΣw), the shock risk Σ|wᵢ|σᵢ, the diversification ratio (shock /
 * volatility: 1 for a book of perfectly correlated same-side positions, more the more it
 * diversifies), and each open symbol's Euler risk contribution wᵢ(Σw)ᵢ/√(wᵀΣw), which sum
 * to the volatility. Volatility numbers are NaN without a way to annualise (no timeframe, no
 * barsPerYear and fewer than two grid rows) or without positive equity; a symbol of unknown
 * volatility has none.
 */
import type { RiskConfig } from '../../config.js';
import type { PositionBook } from '../positions.js';
import type { Annualiser } from './annualise.js';
import type { BookRisk } from './book-risk.js';
import type { TradingState } from './types.js';

export interface RiskStats {
  tradingState: TradingState;
  /** (long + short) / equity, reservations included. */
  grossExposure: number;
  /** (long − short) / equity: signed. */
  netExposure: number;
  portfolioVolatility: number;
  shockRisk: number;
  diversificationRatio: number;
  /** Per open symbol of known volatility: wᵢ(Σw)ᵢ·barsPerYear / portfolioVolatility. */
  riskContributions: Record<string, number>;
}

export function riskStats(config: RiskConfig, equityOrNaN: number, book: PositionBook, risk: BookRisk, annualiser: Annualiser, tradingState: TradingState): RiskStats {
  const equity = equityOrNaN > 0 ? equityOrNaN : Number.NaN;
  const long = book.directional('long');
  const short = book.directional('short');
  const contributions = Object.create(null) as Record<string, number>;
  let volatility = Number.NaN;
  let shock = Number.NaN;
  const annual = equity > 0 ? annualiser.barsPerYear(config, risk.update(equity, true).dataVersion) : Number.NaN;
  if (annual > 0) {
    volatility = Math.sqrt(annual * risk.total);
    shock = 0;
    for (let k = 0; k < risk.count; k++) {
      const v = risk.variances[k]!;
      if (Number.isNaN(v)) continue;
      const w = risk.weights[k]!;
      shock += Math.abs(w) * Math.sqrt(annual * v);
      contributions[risk.symbolAt(k)] = (w * risk.sums[k]! * annual) / volatility;
    }
  }
  return {
    tradingState,
    grossExposure: (long + short) / equity,
    netExposure: (long - short) / equity,
    portfolioVolatility: volatility,
    shockRisk: shock,
    diversificationRatio: shock / volatility,
    riskContributions: contributions,
  };
}
