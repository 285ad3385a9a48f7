/**
 * An independent, deliberately naive model of DESIGN.md's sizing rules, for property tests:
 * exposures summed from scratch over a plain list of positions, every position's effective
 * correlation looked at one by one. It shares no code with bindings/manager.
 */
import type { RiskConfig } from '../../bindings/config.js';

export interface RefPosition {
  symbol: string;
  side: 'long' | 'short';
  size: number;
  regime: string;
}

export interface RefRequest {
  symbol: string;
  side: 'long' | 'short';
  proposedSize: number;
  regime: string;
}

export interface RefAnswer {
  allowed: boolean;
  multiplier: number;
  /** allowed / proposed before the minFillRatio check. */
  raw: number;
  unknownSymbols: string[];
}

export function referenceAnswer(
  config: RiskConfig,
  positions: readonly RefPosition[],
  equity: number,
  request: RefRequest,
  correlation: (a: string, b: string) => number,
): RefAnswer {
  if (!config.enabled) return { allowed: true, multiplier: 1, raw: 1, unknownSymbols: [] };
  if (!(equity > 0)) return { allowed: false, multiplier: 0, raw: 0, unknownSymbols: [] };

  const t = config.maxPairwiseCorrelation;
  let rhoMax = Number.NEGATIVE_INFINITY;
  const unknown = new Set<string>();
  for (const p of positions) {
    if (p.symbol === request.symbol) continue;
    const c = correlation(request.symbol, p.symbol);
    if (Number.isNaN(c)) {
      unknown.add(p.symbol);
      continue;
    }
    const effective = config.hedgeAwareCorrelation && p.side !== request.side ? -c : c;
    if (effective > t && effective > rhoMax) rhoMax = effective;
  }
  const cut = rhoMax > t ? Math.min(config.maxCorrelationReduction, (rhoMax - t) / (1 - t)) : 0;
  const afterCut = request.proposedSize * (1 - cut);

  const sum = (keep: (p: RefPosition) => boolean) => positions.filter(keep).reduce((s, p) => s + p.size, 0);
  const headrooms = [
    config.maxSymbolExposurePct * equity - sum((p) => p.symbol === request.symbol),
    config.maxDirectionalExposurePct * equity - sum((p) => p.side === request.side),
    config.maxRegimeExposurePct * equity - sum((p) => p.regime === request.regime),
  ];
  const allowedSize = Math.max(0, Math.min(afterCut, ...headrooms));
  const raw = allowedSize / request.proposedSize;
  const blocked = allowedSize <= 0 || raw < config.minFillRatio;
  return { allowed: !blocked, multiplier: blocked ? 0 : raw, raw, unknownSymbols: [...unknown] };
}
