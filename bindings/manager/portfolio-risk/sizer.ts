/**
 * Sizes one trade against the book-level rules (room.ts) and the trading state: for each
 * configured rule, the largest total notional of the proposal it allows; the smallest wins
 * (ties to the earlier rule, in PORTFOLIO_RULES' order). Only rules whose key is set run, and
 * with none set and the state active nothing is read at all, so a configuration without
 * them answers exactly as before.
 *
 * The proposal's total t moves the symbol's signed exposure by d·t; in netting mode its first
 * `offset` closes the open net (always allowed, the caller adds it back), so a rule's room for
 * the sized excess is its room for the total minus the offset.
 */
import type { RiskConfig } from '../../config.js';
import type { PositionBook } from '../positions.js';
import type { Side } from '../types.js';
import { baseAsset } from './assets.js';
import type { BookRisk } from './book-risk.js';
import { grossRoom, netRoom, quadraticRoom, shockRoom } from './room.js';
import type { PortfolioDetail, PortfolioLimitDetail, PortfolioRule, TradingState } from './types.js';
import type { Annualiser } from './annualise.js';

export interface PortfolioSizing {
  /** The largest total notional the book-level rules allow (Infinity when none binds). */
  room: number;
  rule: PortfolioRule | null;
  /** Made for this answer (the caller completes its binding). */
  detail: PortfolioDetail;
}

/** True when any book-level rule is configured. */
export function hasPortfolioRules(config: RiskConfig): boolean {
  return (
    config.maxGrossExposurePct !== undefined || config.maxNetExposurePct !== undefined || config.maxOpenPositions !== undefined ||
    config.groups !== undefined || config.maxAssetExposurePct !== undefined || config.maxPortfolioVolatility !== undefined ||
    config.maxShockRisk !== undefined
  );
}

const NO_NAMES: readonly string[] = Object.freeze([]);

export class PortfolioSizer {
  constructor(
    private readonly book: PositionBook,
    private readonly risk: BookRisk,
    private readonly engineId: (symbol: string) => number | undefined,
    private readonly annualiser: Annualiser,
  ) {}

  /** Undefined when no book-level rule is set and the state is active: nothing to size. */
  size(config: RiskConfig, symbol: string, side: Side, proposed: number, offset: number, equity: number, state: TradingState): PortfolioSizing | undefined {
    if (state === 'active' && !hasPortfolioRules(config)) return undefined;
    const { book } = this;
    book.mark();
    const netting = book.mode === 'netting';
    const d = side === 'long' ? 1 : -1;
    const slot = book.slot(symbol);
    const symbolGross = slot?.gross ?? 0;
    const directedNet = d * ((slot?.long ?? 0) - (slot?.short ?? 0));
    const limits: PortfolioLimitDetail[] = [];
    this.limits = limits;
    this.room = Number.POSITIVE_INFINITY;
    this.rule = null;
    let unknownPairs = 0;
    let unknownVolatility: readonly string[] = NO_NAMES;
    const meet = this.meet;

    if (state !== 'active') {
      // Reducing: only the part that closes an open net lowers gross exposure.
      meet('reducing', null, 0, 0, state === 'halted' ? 0 : offset);
    }
    if (config.maxOpenPositions !== undefined) {
      let open = 0;
      for (const s of book.symbolSlots()) if (s.holdings > 0) open += 1;
      const held = slot !== undefined && slot.holdings > 0;
      meet('positions', null, config.maxOpenPositions, open, held || open < config.maxOpenPositions ? Number.POSITIVE_INFINITY : 0);
    }
    if (config.maxGrossExposurePct !== undefined) {
      const limit = config.maxGrossExposurePct * equity;
      const gross = book.directional('long') + book.directional('short');
      meet('gross', null, limit, gross, grossRoom(limit, gross, symbolGross, directedNet, netting));
    }
    if (config.maxNetExposurePct !== undefined) {
      const limit = config.maxNetExposurePct * equity;
      const net = book.directional('long') - book.directional('short');
      meet('net', null, limit, net, netRoom(limit, net, d));
    }
    if (config.groups !== undefined) {
      for (const [name, group] of Object.entries(config.groups)) {
        if (!group.symbols.includes(symbol)) continue;
        let gross = 0;
        for (const member of group.symbols) gross += book.slot(member)?.gross ?? 0;
        const limit = group.maxExposurePct * equity;
        meet('group', name, limit, gross, grossRoom(limit, gross, symbolGross, directedNet, netting));
      }
    }
    if (config.maxAssetExposurePct !== undefined) {
      const base = baseAsset(symbol);
      let gross = 0;
      for (const s of book.symbolSlots()) if (baseAsset(s.name) === base) gross += s.gross;
      const limit = config.maxAssetExposurePct * equity;
      meet('asset', base, limit, gross, grossRoom(limit, gross, symbolGross, directedNet, netting));
    }
    if (config.maxPortfolioVolatility !== undefined || config.maxShockRisk !== undefined) {
      const risk = this.risk.update(equity);
      const annual = this.annualiser.barsPerYear(config, risk.dataVersion);
      unknownPairs = risk.unknownPairs;
      // The traded symbol's Σw entry and variance: from the book when it is held, else from
      // its covariance column against the book (cached for this Σ) and the current weights.
      const k = risk.indexOfSymbol(symbol);
      let sum = Number.NaN;
      let variance = Number.NaN;
      if (k >= 0) {
        sum = risk.sums[k]!;
        variance = risk.variances[k]!;
      } else {
        const id = this.engineId(symbol);
        if (id !== undefined) {
          const entry = risk.columnOf(symbol, id);
          variance = entry.variance;
          unknownPairs += entry.unknownPairs;
          sum = risk.columnDotWeights(entry);
        }
      }
      // Below two grid rows nothing can be annualised: every volatility is unknown, as is the
      // symbol's own, and an unknown own volatility sizes the trade to nothing new.
      if (!(annual > 0)) variance = Number.NaN;
      unknownVolatility = Number.isNaN(variance) && k < 0 ? Object.freeze([...risk.unknownVolatility, symbol]) : risk.unknownVolatility;
      const weightNow = k >= 0 ? risk.weights[k]! : 0;
      if (config.maxPortfolioVolatility !== undefined) {
        const cap = config.maxPortfolioVolatility;
        const current = Math.sqrt(annual * risk.total);
        // Without the symbol's own volatility the trade cannot be sized: it adds nothing.
        const x = Number.isNaN(variance) ? 0 : quadraticRoom((cap * cap) / annual, risk.total, d * sum, variance);
        meet('volatility', null, cap, current, x * equity);
      }
      if (config.maxShockRisk !== undefined) {
        let rest = 0;
        for (let m = 0; m < risk.count; m++) {
          const v = risk.variances[m]!;
          if (m === k || Number.isNaN(v)) continue;
          const w = risk.weights[m]!;
          rest += (w < 0 ? -w : w) * Math.sqrt(annual * v);
        }
        const sigma = Math.sqrt(annual * variance);
        const current = rest + (Number.isNaN(sigma) ? 0 : Math.abs(weightNow) * sigma);
        const x = Number.isNaN(sigma) ? 0 : shockRoom(config.maxShockRisk, rest, d * weightNow, sigma);
        meet('shock', null, config.maxShockRisk, current, x * equity);
      }
    }
    const { room } = this;
    const rule = room < proposed ? this.rule : null;
    return { room, rule, detail: { tradingState: state, binding: rule, limits, unknownPairs, unknownVolatility } };
  }

  // The rules met so far in this call: their details, the least room and the rule it came from.
  private limits: PortfolioLimitDetail[] = [];
  private room = Number.POSITIVE_INFINITY;
  private rule: PortfolioRule | null = null;

  /** One rule's room for the whole proposal (negative: none), recorded in the details. */
  private readonly meet = (r: PortfolioRule, name: string | null, limit: number, current: number, maxSize: number): void => {
    const total = maxSize < 0 ? 0 : maxSize;
    this.limits.push({ rule: r, name, limit, current, maxSize: total });
    if (total < this.room) {
      this.room = total;
      this.rule = r;
    }
  };
}
