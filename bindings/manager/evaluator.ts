/**
 * Sizes one (already checked) trade against the open book: finds the largest effective
 * correlation with an open position on another symbol, reads the three exposures, and hands
 * the numbers to the pure rules. O(open symbols) work; with a current correlation row and
 * current marks it allocates only the answer.
 *
 * Netting mode (one net per symbol): a proposal against the symbol's open net first offsets
 * it. The offset is always allowed and frees the net's exposure; only the excess is sized by
 * the rules (correlation, caps, and the fill check, which applies to the excess), against the
 * book as it stands once the net is closed. The answer's multiplier covers the whole proposal:
 * allowed = offset + sized excess, sizeMultiplier = allowed / proposed.
 */
import type { RiskConfig } from '../config.js';
import type { CorrelationCache, CorrelationRow } from './correlation-cache.js';
import type { PositionBook } from './positions.js';
import { capDetail, decideSize, newSizingOutcome, type SizingInput, type SizingOutcome } from './rules.js';
import { sizedResult } from './results.js';
import type { CorrelationDetail, Side, ValidationResult, ValuationDetail } from './types.js';
import type { PortfolioSizer } from './portfolio-risk/sizer.js';
import { PORTFOLIO_RULES, type PortfolioDetail, type PortfolioRule, type TradingState } from './portfolio-risk/types.js';

export class TradeEvaluator {
  // Scratch reused by every call; the answer never aliases it.
  private readonly input: SizingInput = { proposed: 0, equity: 0, rho: 0, unknownCut: 0, symbolCurrent: 0, directionCurrent: 0, regimeCurrent: 0 };
  private readonly outcome = newSizingOutcome();
  /** Whether the last evaluation sized new exposure with unknown correlations in the book. */
  decidedWithUnknown = false;
  /** The correlation row the last evaluation read (the caller reports its unknown pairs). */
  lastRow: CorrelationRow | undefined;
  /** The book-level rules (portfolio-risk/), and the trading state they read. */
  sizer: PortfolioSizer | undefined;
  tradingState: TradingState = 'active';

  constructor(
    private readonly book: PositionBook,
    private readonly correlations: CorrelationCache,
  ) {}

  /**
   * `config` is passed per call because updateConfig may replace it between calls. `proposed`
   * is the proposal's notional in account currency; `regime` undefined means no regime cap;
   * `valuation` says how a proposal by quantity was valued (undefined for a notional).
   */
  evaluate(
    config: RiskConfig,
    symbol: string,
    side: Side,
    proposed: number,
    regime: string | undefined,
    equity: number,
    valuation: ValuationDetail | undefined,
  ): ValidationResult {
    const { book } = this;
    book.mark();
    const row = this.correlations.get(symbol);
    this.lastRow = row;
    const hedgeAware = config.hedgeAwareCorrelation;

    // Effective ρ of a position = corr × (same side ? 1 : −1) when hedge-aware, else corr.
    // A symbol held both ways contributes its larger effective ρ.
    const netting = book.mode === 'netting';
    let best = -1;
    let bestIndex = -1;
    for (let k = 0; k < row.count; k++) {
      const corr = row.correlations[k]!;
      if (Number.isNaN(corr)) continue;
      // A netting symbol whose holdings net to nothing holds no side to correlate with (in
      // hedge mode every symbol in the book holds a side).
      if (netting && row.slots[k]!.longCount + row.slots[k]!.shortCount === 0) continue;
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

    // Netting: the part of the proposal that closes the symbol's open net.
    let offset = 0;
    const slot = netting ? book.slot(symbol) : undefined;
    if (slot !== undefined && (side === 'long' ? slot.net < 0 : slot.net > 0)) {
      const open = slot.net < 0 ? -slot.net : slot.net;
      offset = proposed < open ? proposed : open;
    }
    const excess = offset > 0 ? proposed - offset : proposed;
    const closesNet = offset > 0 && excess > 0;

    const input = this.input;
    input.proposed = excess;
    input.equity = equity;
    input.rho = bestIndex < 0 ? Number.NaN : best;
    input.unknownCut = row.unknown.length === 0 ? 0 : unknownCut(config);
    // Once the net is closed its exposure is gone from the symbol and from its regime; it was
    // on the other side, so the proposal's side is untouched.
    input.symbolCurrent = closesNet ? 0 : book.symbolGross(symbol);
    input.directionCurrent = book.directional(side);
    input.regimeCurrent =
      regime === undefined
        ? Number.NaN
        : closesNet && slot!.netRegime === regime
          ? book.regimeGrossWithout(regime, symbol)
          : book.regimeGross(regime);

    // Book-level rules: room for the whole proposal, less the offset that is always allowed.
    const portfolio = this.sizer?.size(config, symbol, side, proposed, offset, equity, this.tradingState);
    input.portfolioRoom = portfolio === undefined ? undefined : portfolio.room - offset;
    input.portfolioRule = portfolio?.rule;

    let outcome: SizingOutcome;
    if (excess > 0) {
      outcome = decideSize(config, input, this.outcome);
      if (offset > 0) combineWithOffset(outcome, offset, proposed);
      this.decidedWithUnknown = row.unknown.length > 0;
    } else {
      outcome = offsetOnly(config, input, proposed, this.outcome);
      this.decidedWithUnknown = false;
    }

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
    const result = sizedResult(outcome, equity, proposed, config.minFillRatio, correlation, unknownName(row), valuation, netting ? { offset, excess } : undefined);
    if (portfolio === undefined) return result;
    // Both objects were made for this answer: completing them in place allocates nothing more.
    portfolio.detail.binding = isPortfolioBinding(result.binding) ? result.binding : null;
    (result.details as { portfolio?: PortfolioDetail }).portfolio = portfolio.detail;
    return result;
  }
}

function isPortfolioBinding(binding: string): binding is PortfolioRule {
  return (PORTFOLIO_RULES as readonly string[]).includes(binding);
}

/** The cut an unknown correlation imposes under the configured policy. */
function unknownCut(config: RiskConfig): number {
  switch (config.onUnknownCorrelation) {
    case 'block':
      return 1;
    case 'maxCut':
      return config.maxCorrelationReduction;
    default:
      return 0;
  }
}

/** The first open symbol whose correlation is unknown (named in the reason when it cut). */
function unknownName(row: CorrelationRow): string | null {
  return row.unknown.length === 0 ? null : row.unknown[0]!.symbol;
}

/** The excess's outcome, widened to the whole proposal: the offset is always allowed. */
function combineWithOffset(outcome: SizingOutcome, offset: number, proposed: number): void {
  const cut = outcome.blocked || outcome.binding !== 'none';
  const allowed = cut ? offset + outcome.allowedSize : proposed;
  outcome.sizeAfterCut = offset + outcome.sizeAfterCut;
  outcome.allowedSize = allowed;
  outcome.rawMultiplier = allowed / proposed;
  outcome.multiplier = outcome.rawMultiplier;
  outcome.blocked = false;
  if (!cut) outcome.binding = 'none';
}

/** A proposal that only offsets the open net: allowed in full, the caps as they stand. */
function offsetOnly(config: RiskConfig, input: SizingInput, proposed: number, out: SizingOutcome): SizingOutcome {
  const { equity } = input;
  out.cut = 0;
  out.cutByUnknown = false;
  out.sizeAfterCut = proposed;
  out.symbol = capDetail(config.maxSymbolExposurePct, equity, input.symbolCurrent);
  out.direction = capDetail(config.maxDirectionalExposurePct, equity, input.directionCurrent);
  out.regime = Number.isNaN(input.regimeCurrent) ? null : capDetail(config.maxRegimeExposurePct, equity, input.regimeCurrent);
  out.allowedSize = proposed;
  out.rawMultiplier = 1;
  out.multiplier = 1;
  out.binding = 'none';
  out.blocked = false;
  return out;
}
