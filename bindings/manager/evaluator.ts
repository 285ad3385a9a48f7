/**
 * Sizes one (already checked) trade against the open book: finds the largest effective
 * correlation with an open position on another symbol, reads the three exposures, and hands
 * the numbers to the pure rules. O(open symbols) work; with a current correlation row it
 * allocates only the answer.
 */
import type { RiskConfig } from '../config.js';
import type { CorrelationCache } from './correlation-cache.js';
import type { PositionBook } from './positions.js';
import { decideSize, newSizingOutcome, type SizingInput } from './rules.js';
import { sizedResult } from './results.js';
import type { CorrelationDetail, Side, ValidationResult } from './types.js';

export class TradeEvaluator {
  // Scratch reused by every call; the answer never aliases it.
  private readonly input: SizingInput = { proposed: 0, equity: 0, rho: 0, symbolCurrent: 0, directionCurrent: 0, regimeCurrent: 0 };
  private readonly outcome = newSizingOutcome();

  constructor(
    private readonly book: PositionBook,
    private readonly correlations: CorrelationCache,
  ) {}

  /** `config` is passed per call because updateConfig may replace it between calls. */
  evaluate(config: RiskConfig, symbol: string, side: Side, proposed: number, regime: string, equity: number): ValidationResult {
    const { book } = this;
    const row = this.correlations.get(symbol);
    const hedgeAware = config.hedgeAwareCorrelation;

    // Effective ρ of a position = corr × (same side ? 1 : −1) when hedge-aware, else corr.
    // A symbol held both ways contributes its larger effective ρ.
    let best = -1;
    let bestIndex = -1;
    for (let k = 0; k < row.count; k++) {
      const corr = row.correlations[k]!;
      if (Number.isNaN(corr)) continue;
      let effective = corr;
      if (hedgeAware) {
        const slot = row.slots[k]!;
        const same = side === 'long' ? slot.longCount : slot.shortCount;
        const opposite = side === 'long' ? slot.shortCount : slot.longCount;
        effective = same > 0 ? corr : Number.NEGATIVE_INFINITY;
        if (opposite > 0 && -corr > effective) effective = -corr;
      }
      if (bestIndex < 0 || effective > best) {
        best = effective;
        bestIndex = k;
      }
    }

    const input = this.input;
    input.proposed = proposed;
    input.equity = equity;
    input.rho = bestIndex < 0 ? Number.NaN : best;
    input.symbolCurrent = book.symbolGross(symbol);
    input.directionCurrent = book.directional(side);
    input.regimeCurrent = book.regimeGross(regime);
    const outcome = decideSize(config, input, this.outcome);

    const correlation: CorrelationDetail = {
      threshold: config.maxPairwiseCorrelation,
      maxReduction: config.maxCorrelationReduction,
      hedgeAware,
      symbol: bestIndex < 0 ? null : row.slots[bestIndex]!.name,
      correlation: bestIndex < 0 ? Number.NaN : row.correlations[bestIndex]!,
      effective: input.rho,
      observations: bestIndex < 0 ? 0 : row.observations[bestIndex]!,
      cut: outcome.cut,
      sizeAfterCut: outcome.sizeAfterCut,
      unknown: row.unknown,
    };
    return sizedResult(outcome, equity, proposed, config.minFillRatio, correlation);
  }
}
