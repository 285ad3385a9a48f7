/**
 * An independent, deliberately naive model of docs/portfolio-risk.md's rules, for property tests:
 * exposures summed from scratch over a plain list of positions, every position's effective
 * correlation looked at one by one. It shares no code with bindings/manager.
 */
import type { RiskConfig } from '../../bindings/config.js';

export interface RefPosition {
  symbol: string;
  side: 'long' | 'short';
  size: number;
  /** None: the position counts in no regime cap. */
  regime?: string | undefined;
}

export interface RefRequest {
  symbol: string;
  side: 'long' | 'short';
  proposedSize: number;
  /** None: the regime cap does not apply. */
  regime?: string | undefined;
}

export interface RefCap {
  limitPct: number;
  limit: number;
  current: number;
  headroom: number;
}

export interface RefAnswer {
  allowed: boolean;
  multiplier: number;
  /** allowed / proposed before the minFillRatio check. */
  raw: number;
  unknownSymbols: string[];
  /** The open position with the largest effective correlation (first of equals), if any is known. */
  best: { symbol: string; correlation: number; effective: number } | null;
  cut: number;
  /** The cut came from an unknown correlation (onUnknownCorrelation 'block' or 'maxCut'), not a known one. */
  cutByUnknown: boolean;
  afterCut: number;
  caps: { symbol: RefCap; direction: RefCap; regime: RefCap | null };
  /** max(0, min(afterCut, every headroom)). */
  allowedSize: number;
}

/**
 * `held`: every symbol in the book, when some hold no exposure (a netting book whose
 * holdings net to nothing); their unknown correlations count like any open symbol's.
 */
export function referenceAnswer(
  config: RiskConfig,
  positions: readonly RefPosition[],
  equity: number,
  request: RefRequest,
  correlation: (a: string, b: string) => number,
  held: readonly string[] = [],
): RefAnswer {
  if (!config.enabled) return trivial(true, request.proposedSize);
  if (!(equity > 0)) return trivial(false, 0);

  const t = config.maxPairwiseCorrelation;
  let best: RefAnswer['best'] = null;
  const unknown = new Set<string>();
  for (const p of positions) {
    if (p.symbol === request.symbol) continue;
    const c = correlation(request.symbol, p.symbol);
    if (Number.isNaN(c)) {
      unknown.add(p.symbol);
      continue;
    }
    const effective = config.hedgeAwareCorrelation && p.side !== request.side ? -c : c;
    if (best === null || effective > best.effective) best = { symbol: p.symbol, correlation: c, effective };
  }
  for (const symbol of held) if (symbol !== request.symbol && Number.isNaN(correlation(request.symbol, symbol))) unknown.add(symbol);
  const rhoMax = best?.effective ?? Number.NEGATIVE_INFINITY;
  const knownCut = rhoMax > t ? Math.min(config.maxCorrelationReduction, (rhoMax - t) / (1 - t)) : 0;
  // An unknown correlation: ignored, treated as a full block, or as the largest cut.
  const policy = config.onUnknownCorrelation ?? 'ignore';
  const unknownCut = unknown.size === 0 || policy === 'ignore' ? 0 : policy === 'block' ? 1 : config.maxCorrelationReduction;
  const cutByUnknown = unknownCut > knownCut;
  const cut = cutByUnknown ? unknownCut : knownCut;
  const afterCut = request.proposedSize * (1 - cut);

  const sum = (keep: (p: RefPosition) => boolean) => positions.filter(keep).reduce((s, p) => s + p.size, 0);
  const cap = (limitPct: number, current: number): RefCap => ({ limitPct, limit: limitPct * equity, current, headroom: limitPct * equity - current });
  const caps = {
    symbol: cap(config.maxSymbolExposurePct, sum((p) => p.symbol === request.symbol)),
    direction: cap(config.maxDirectionalExposurePct, sum((p) => p.side === request.side)),
    regime: request.regime === undefined ? null : cap(config.maxRegimeExposurePct, sum((p) => p.regime === request.regime)),
  };
  const allowedSize = Math.max(0, Math.min(afterCut, caps.symbol.headroom, caps.direction.headroom, caps.regime?.headroom ?? Number.POSITIVE_INFINITY));
  const raw = allowedSize / request.proposedSize;
  const blocked = allowedSize <= 0 || raw < config.minFillRatio;
  return { allowed: !blocked, multiplier: blocked ? 0 : raw, raw, unknownSymbols: [...unknown], best, cut, cutByUnknown, afterCut, caps, allowedSize };
}

function trivial(allowed: boolean, proposed: number): RefAnswer {
  const none = { limitPct: 0, limit: 0, current: 0, headroom: 0 };
  const m = allowed ? 1 : 0;
  return { allowed, multiplier: m, raw: m, unknownSymbols: [], best: null, cut: 0, cutByUnknown: false, afterCut: proposed, caps: { symbol: none, direction: none, regime: none }, allowedSize: allowed ? proposed : 0 };
}
