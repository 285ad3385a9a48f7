/**
 * The sizing rules, as pure arithmetic on numbers (no names, no state), in docs/design.md's order:
 *
 *   1. correlation: cut = min(maxReduction, (ρmax − t) / (1 − t)) when ρmax > t, else 0;
 *      size₁ = proposed × (1 − cut)
 *      (an unknown correlation under onUnknownCorrelation 'maxCut' or 'block' sets a floor on
 *      the cut: maxReduction, or 1)
 *   2. caps: headroom = limitPct × equity − current, for the symbol's gross notional, the
 *      same-direction notional and the regime's gross notional (no regime, no regime cap);
 *      allowed = max(0, min(size₁, headroom_symbol, headroom_direction, headroom_regime))
 *   3. multiplier = allowed / proposed ∈ [0, 1]; below minFillRatio (or nothing left) the
 *      trade is blocked and the multiplier is 0.
 *
 * Because every headroom is measured against the size actually proposed (after upstream
 * multipliers), opening proposed × multiplier can never take a cap past its limit.
 */
import type { CapDetail, SizingRule } from './types.js';
import type { PortfolioRule } from './portfolio-risk/types.js';

/** The part of the configuration the rules read. */
export interface SizingLimits {
  readonly maxPairwiseCorrelation: number;
  readonly maxCorrelationReduction: number;
  readonly maxSymbolExposurePct: number;
  readonly maxDirectionalExposurePct: number;
  readonly maxRegimeExposurePct: number;
  readonly minFillRatio: number;
}

/** One trade to size. `rho` is the largest effective correlation, NaN when none is known. */
export interface SizingInput {
  proposed: number;
  equity: number;
  rho: number;
  /** The least cut unknown correlations impose (none, maxReduction under 'maxCut', 1 under 'block'). */
  unknownCut?: number;
  symbolCurrent: number;
  directionCurrent: number;
  /** NaN for a trade without a regime: no regime cap applies. */
  regimeCurrent: number;
  /** The book-level rules' room for this (excess) size, and the rule it comes from (portfolio-risk/). */
  portfolioRoom?: number;
  portfolioRule?: PortfolioRule | null;
}

/** Filled in by `decideSize`; the caller owns (and may reuse) it. */
export interface SizingOutcome {
  cut: number;
  /** True when the cut came from an unknown correlation rather than a known one. */
  cutByUnknown: boolean;
  sizeAfterCut: number;
  symbol: CapDetail;
  direction: CapDetail;
  regime: CapDetail | null;
  allowedSize: number;
  rawMultiplier: number;
  multiplier: number;
  binding: SizingRule | 'none';
  blocked: boolean;
}

/** Fraction the correlation rule removes. NaN (unknown) and ρ ≤ t remove nothing. */
export function correlationCut(rho: number, threshold: number, maxReduction: number): number {
  // `rho > threshold` is false for NaN; threshold 1 is never exceeded (ρ ≤ 1), so no 0/0.
  if (!(rho > threshold)) return 0;
  return Math.min(maxReduction, (rho - threshold) / (1 - threshold));
}

/** A cap's limit, current exposure and headroom, all in account currency. */
export function capDetail(limitPct: number, equity: number, current: number): CapDetail {
  const limit = limitPct * equity;
  return { limitPct, limit, current, headroom: limit - current };
}

export function newSizingOutcome(): SizingOutcome {
  const empty = capDetail(0, 0, 0);
  return {
    cut: 0,
    cutByUnknown: false,
    sizeAfterCut: 0,
    symbol: empty,
    direction: empty,
    regime: empty,
    allowedSize: 0,
    rawMultiplier: 0,
    multiplier: 0,
    binding: 'none',
    blocked: true,
  };
}

/**
 * Applies the three rules to one trade. Writes into `out` (allocating only the three cap
 * details, which become part of the caller's result) and returns it.
 */
export function decideSize(limits: SizingLimits, input: SizingInput, out: SizingOutcome): SizingOutcome {
  const { proposed, equity } = input;
  const known = correlationCut(input.rho, limits.maxPairwiseCorrelation, limits.maxCorrelationReduction);
  const unknownCut = input.unknownCut ?? 0;
  const cutByUnknown = unknownCut > known;
  const cut = cutByUnknown ? unknownCut : known;
  const sizeAfterCut = proposed * (1 - cut);
  const symbol = capDetail(limits.maxSymbolExposurePct, equity, input.symbolCurrent);
  const direction = capDetail(limits.maxDirectionalExposurePct, equity, input.directionCurrent);
  const regime = Number.isNaN(input.regimeCurrent) ? null : capDetail(limits.maxRegimeExposurePct, equity, input.regimeCurrent);

  // Ties go to the earlier rule, in docs/design.md's order: correlation, symbol, direction, regime.
  let binding: SizingRule | 'none' = cut > 0 ? 'correlation' : 'none';
  let size = sizeAfterCut;
  if (symbol.headroom < size) { size = symbol.headroom; binding = 'symbol'; }
  if (direction.headroom < size) { size = direction.headroom; binding = 'direction'; }
  if (regime !== null && regime.headroom < size) { size = regime.headroom; binding = 'regime'; }
  const room = input.portfolioRoom;
  if (room !== undefined && room < size && input.portfolioRule) { size = room; binding = input.portfolioRule; }
  // A cut too small to change the size in floating point did not bind anything.
  if (size >= proposed) binding = 'none';

  const allowedSize = size > 0 ? size : 0;
  const rawMultiplier = allowedSize / proposed;
  // A cap already full leaves 0, which is blocked even when minFillRatio is 0.
  const blocked = allowedSize <= 0 || rawMultiplier < limits.minFillRatio;

  out.cut = cut;
  out.cutByUnknown = cutByUnknown;
  out.sizeAfterCut = sizeAfterCut;
  out.symbol = symbol;
  out.direction = direction;
  out.regime = regime;
  out.allowedSize = blocked ? 0 : allowedSize;
  out.rawMultiplier = rawMultiplier;
  out.multiplier = blocked ? 0 : rawMultiplier;
  out.binding = binding;
  out.blocked = blocked;
  return out;
}
