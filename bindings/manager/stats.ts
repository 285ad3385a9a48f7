/**
 * Counters of validation outcomes and the `getStats()` snapshot: every field of the Python
 * manager's `get_stats()` in camelCase, plus counts per rule and of observers (loggers,
 * listeners) that threw.
 *
 * `symbolExposures` and `regimeExposures` are plain records with a null prototype: they print
 * and serialise like Python dicts, and a symbol or regime named `__proto__` is an
 * ordinary key in them. Fractions of equity are NaN while no positive equity is known.
 */
import type { PositionBook } from './positions.js';
import type { Binding, Reservation, ValidationCode } from './types.js';
import { PortfolioCounters, type PortfolioCountersState, type PortfolioBlockCounts, type PortfolioRuleCounts } from './portfolio-risk/counters.js';
import type { RiskStats } from './portfolio-risk/risk-stats.js';

export interface RuleCounts {
  correlation: number;
  symbol: number;
  direction: number;
  regime: number;
}

export interface BlockCounts extends RuleCounts {
  noEquity: number;
  noPrice: number;
  error: number;
}

export interface PortfolioStats extends RiskStats {
  enabled: boolean;
  /** NaN until updateEquity. */
  equity: number;
  openPositions: number;
  /** (long + short) / equity. */
  totalExposure: number;
  longExposure: number;
  shortExposure: number;
  /** Highest raw pairwise correlation among the open symbols; NaN when none is known. */
  maxCorrelation: number;
  /** Validations counted (dry runs and disabled answers are not). */
  validations: number;
  allowedTrades: number;
  reducedTrades: number;
  blockedTrades: number;
  /** Internal failures handled by onError (whichever way it answered). */
  errors: number;
  /**
   * Logger and listener calls that threw (each caught; the call went on as if they had not).
   * Counted by this process since the manager was created or restored: not in a snapshot.
   */
  observerErrors: number;
  reducedByRule: RuleCounts;
  blockedByRule: BlockCounts;
  /** Counted validations that sized new exposure while some open symbol's correlation was unknown. */
  unknownCorrelationDecisions: number;
  /** Ids of positions held by quantity whose symbol has no price yet: they count 0 until it has one. */
  unpricedPositions: string[];
  /** Live reservations (orders in flight), oldest first, each with its notional as marked now. */
  reservations: Reservation[];
  /** Their notional / equity (already included in every exposure above). */
  reservedExposure: number;
  regimeExposures: Record<string, number>;
  symbolExposures: Record<string, number>;
  /** Answers reduced and blocked by the book-level rules and the trading state. */
  reducedByPortfolioRule: PortfolioRuleCounts;
  blockedByPortfolioRule: PortfolioBlockCounts;
}

const isRule = (b: Binding): b is keyof RuleCounts =>
  b === 'correlation' || b === 'symbol' || b === 'direction' || b === 'regime';

const ruleCounts = (): RuleCounts => ({ correlation: 0, symbol: 0, direction: 0, regime: 0 });

/** The counters as plain data (snapshots). */
export interface CountersState {
  readonly validations: number;
  readonly allowed: number;
  readonly reduced: number;
  readonly blocked: number;
  readonly errors: number;
  readonly reducedBy: Readonly<RuleCounts>;
  readonly blockedBy: Readonly<BlockCounts>;
  readonly unknownCorrelationDecisions: number;
  /** The book-level rules' counts (absent in snapshots written before they existed: zeros). */
  readonly portfolio?: PortfolioCountersState;
}

export class Counters {
  validations = 0;
  allowed = 0;
  reduced = 0;
  blocked = 0;
  errors = 0;
  readonly reducedBy: RuleCounts = ruleCounts();
  readonly blockedBy: BlockCounts = { ...ruleCounts(), noEquity: 0, noPrice: 0, error: 0 };
  unknownCorrelationDecisions = 0;
  readonly portfolio = new PortfolioCounters();

  exportState(): CountersState {
    const { validations, allowed, reduced, blocked, errors, unknownCorrelationDecisions } = this;
    return { validations, allowed, reduced, blocked, errors, reducedBy: { ...this.reducedBy }, blockedBy: { ...this.blockedBy }, unknownCorrelationDecisions, portfolio: this.portfolio.exportState() };
  }

  static fromState(state: CountersState): Counters {
    const c = new Counters();
    c.validations = state.validations;
    c.allowed = state.allowed;
    c.reduced = state.reduced;
    c.blocked = state.blocked;
    c.errors = state.errors;
    Object.assign(c.reducedBy, state.reducedBy);
    Object.assign(c.blockedBy, state.blockedBy);
    c.unknownCorrelationDecisions = state.unknownCorrelationDecisions;
    if (state.portfolio !== undefined) c.portfolio.load(state.portfolio);
    return c;
  }

  /** Counts one (non-dry-run) answer. */
  record(code: ValidationCode, binding: Binding): void {
    this.validations += 1;
    this.portfolio.record(code, binding);
    switch (code) {
      case 'ALLOWED':
        this.allowed += 1;
        return;
      case 'REDUCED':
        this.reduced += 1;
        if (isRule(binding)) this.reducedBy[binding] += 1;
        return;
      case 'BLOCKED':
        this.blocked += 1;
        if (isRule(binding)) this.blockedBy[binding] += 1;
        return;
      case 'NO_EQUITY':
        this.blocked += 1;
        this.blockedBy.noEquity += 1;
        return;
      case 'NO_PRICE':
        this.blocked += 1;
        this.blockedBy.noPrice += 1;
        return;
      case 'ERROR_BLOCKED':
        this.errors += 1;
        this.blocked += 1;
        this.blockedBy.error += 1;
        return;
      case 'ERROR_ALLOWED':
        this.errors += 1;
        this.allowed += 1;
        return;
      case 'HALTED':
        this.blocked += 1;
        return;
      case 'DISABLED':
        return;
    }
  }
}

function fractions(entries: Iterable<readonly [string, number]>, equity: number): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [name, notional] of entries) out[name] = notional / equity;
  return out;
}

function* symbolNotionals(book: PositionBook): Generator<readonly [string, number]> {
  for (const slot of book.symbolSlots()) yield [slot.name, slot.gross];
}

function* regimeNotionals(book: PositionBook): Generator<readonly [string, number]> {
  for (const [name, sum] of book.regimeEntries()) yield [name, sum.total];
}

export function buildStats(
  enabled: boolean,
  equityOrNaN: number,
  book: PositionBook,
  counters: Counters,
  observerErrors: number,
  maxCorrelation: number,
): Omit<PortfolioStats, keyof RiskStats> {
  // Fractions of a non-positive equity mean nothing: NaN, as the validation would block.
  const equity = equityOrNaN > 0 ? equityOrNaN : Number.NaN;
  const long = book.directional('long');
  const short = book.directional('short');
  const reservations: Reservation[] = [];
  let reserved = 0;
  for (const r of book.reservations()) {
    const copy = book.reservationOf(r);
    reservations.push(copy);
    if (!Number.isNaN(copy.size)) reserved += copy.size;
  }
  return {
    enabled,
    equity: equityOrNaN,
    openPositions: book.size,
    totalExposure: (long + short) / equity,
    longExposure: long / equity,
    shortExposure: short / equity,
    maxCorrelation,
    validations: counters.validations,
    allowedTrades: counters.allowed,
    reducedTrades: counters.reduced,
    blockedTrades: counters.blocked,
    errors: counters.errors,
    observerErrors,
    reducedByRule: { ...counters.reducedBy },
    blockedByRule: { ...counters.blockedBy },
    unknownCorrelationDecisions: counters.unknownCorrelationDecisions,
    unpricedPositions: book.unpricedIds(),
    reservations,
    reservedExposure: reserved / equity,
    regimeExposures: fractions(regimeNotionals(book), equity),
    symbolExposures: fractions(symbolNotionals(book), equity),
    reducedByPortfolioRule: { ...counters.portfolio.reduced },
    blockedByPortfolioRule: { ...counters.portfolio.blocked },
  };
}
