/**
 * The four limits the page's sliders control, and how far each exposure is from its cap.
 * Exposures are the risk manager's own figures (notional / equity), read through its getters.
 */
import type { PortfolioRiskManager } from 'portfolio-guard';
import { REGIMES } from 'portfolio-guard-tools/simulation';

export interface Caps {
  /** maxSymbolExposurePct: gross notional of one symbol / equity. */
  symbol: number;
  /** maxDirectionalExposurePct: all longs (or all shorts) / equity. */
  direction: number;
  /** maxRegimeExposurePct: gross notional tagged with one regime / equity. */
  regime: number;
  /** maxPairwiseCorrelation: the correlation threshold above which trades are cut. */
  correlation: number;
}

export const DEFAULT_CAPS: Caps = { symbol: 0.15, direction: 0.6, regime: 0.5, correlation: 0.7 };

/** The manager's config for a set of caps (everything else is the package default). */
export function managerConfig(caps: Caps, lookback: number) {
  return {
    enabled: true,
    correlationLookback: lookback,
    minPeriods: 20,
    maxPairwiseCorrelation: caps.correlation,
    maxSymbolExposurePct: caps.symbol,
    maxDirectionalExposurePct: caps.direction,
    maxRegimeExposurePct: caps.regime,
  };
}

export interface Exposure {
  readonly label: string;
  readonly kind: 'symbol' | 'long' | 'short' | 'regime';
  /** Fraction of equity. */
  readonly value: number;
  readonly cap: number;
}

/** The largest exposure / cap ratio of each kind. */
export interface Ratios {
  symbol: number;
  long: number;
  short: number;
  regime: number;
}

export const zeroRatios = (): Ratios => ({ symbol: 0, long: 0, short: 0, regime: 0 });

/** Every exposure the page draws: each symbol held, both directions, every regime. */
export function exposures(manager: PortfolioRiskManager, heldSymbols: Iterable<string>, caps: Caps): Exposure[] {
  const out: Exposure[] = [];
  for (const symbol of heldSymbols) {
    out.push({ label: symbol, kind: 'symbol', value: manager.getSymbolExposure(symbol), cap: caps.symbol });
  }
  out.push({ label: 'LONG', kind: 'long', value: manager.getDirectionalExposure('long'), cap: caps.direction });
  out.push({ label: 'SHORT', kind: 'short', value: manager.getDirectionalExposure('short'), cap: caps.direction });
  for (const regime of REGIMES) {
    out.push({ label: regime, kind: 'regime', value: manager.getRegimeExposure(regime), cap: caps.regime });
  }
  return out;
}

export function ratiosOf(list: readonly Exposure[]): Ratios {
  const r = zeroRatios();
  for (const e of list) {
    const ratio = e.cap > 0 ? e.value / e.cap : e.value > 0 ? Number.POSITIVE_INFINITY : 0;
    if (ratio > r[e.kind]) r[e.kind] = ratio;
  }
  return r;
}

export function maxInto(target: Ratios, r: Ratios): void {
  for (const k of ['symbol', 'long', 'short', 'regime'] as const) target[k] = Math.max(target[k], r[k]);
}
