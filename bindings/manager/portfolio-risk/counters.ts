/** Counts of answers the book-level rules and the trading state decided, per rule. */
import type { Binding, ValidationCode } from '../types.js';
import { PORTFOLIO_RULES, type PortfolioRule } from './types.js';

export type PortfolioRuleCounts = Record<PortfolioRule, number>;
export type PortfolioBlockCounts = PortfolioRuleCounts & { halted: number };

export interface PortfolioCountersState {
  readonly reduced: Readonly<PortfolioRuleCounts>;
  readonly blocked: Readonly<PortfolioBlockCounts>;
}

const isPortfolioRule = (b: Binding): b is PortfolioRule => (PORTFOLIO_RULES as readonly string[]).includes(b);

export function emptyRuleCounts(): PortfolioRuleCounts {
  return { reducing: 0, positions: 0, gross: 0, net: 0, group: 0, asset: 0, volatility: 0, shock: 0 };
}

export class PortfolioCounters {
  readonly reduced: PortfolioRuleCounts = emptyRuleCounts();
  readonly blocked: PortfolioBlockCounts = { ...emptyRuleCounts(), halted: 0 };

  record(code: ValidationCode, binding: Binding): void {
    if (code === 'HALTED') this.blocked.halted += 1;
    else if (code === 'REDUCED' && isPortfolioRule(binding)) this.reduced[binding] += 1;
    else if (code === 'BLOCKED' && isPortfolioRule(binding)) this.blocked[binding] += 1;
  }

  exportState(): PortfolioCountersState {
    return { reduced: { ...this.reduced }, blocked: { ...this.blocked } };
  }

  load(state: PortfolioCountersState): void {
    Object.assign(this.reduced, state.reduced);
    Object.assign(this.blocked, state.blocked);
  }
}
