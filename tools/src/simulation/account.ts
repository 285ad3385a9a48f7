/**
 * A book traded through a risk manager, the way a bot does it: every proposal goes through
 * `validateNewPosition` and opens `proposed × sizeMultiplier`; opened positions are
 * registered, resized to their marked notional whenever the book is synced, and unregistered
 * when closed; the manager is told the equity on every sync. The replay runs one account per
 * run (risk off and on); the browser simulator runs one.
 */
import type { PortfolioRiskManager, ValidationResult } from 'portfolio-guard';
import { Book, type Caps, type Position, type Side, type Trim } from './book.js';
import type { Regime } from './market.js';

/** The calls an account makes on the risk manager (the replay's tests wrap them to watch). */
export type RiskManagerLike = Pick<
  PortfolioRiskManager,
  'updateEquity' | 'registerPosition' | 'unregisterPosition' | 'resizePosition' | 'validateNewPosition'
>;

export interface TradeProposal {
  /** Index of the symbol in the market's series, and its name for the manager. */
  readonly symbol: number;
  readonly name: string;
  readonly side: Side;
  readonly regime: Regime;
  readonly strategy: string;
  readonly bar: number;
  /** Fill price: the bar's close. */
  readonly price: number;
  /** Notional asked for, before the manager's multiplier. */
  readonly proposedSize: number;
  readonly stopDistance?: number;
}

export interface TradeOutcome {
  readonly answer: ValidationResult;
  /** The position opened, or null when the manager blocked the trade. */
  readonly position: Position | null;
}

export interface AccountOptions {
  initialEquity: number;
  /** Fee per unit of notional traded (5 bps = 0.0005). Default 0. */
  feeRate?: number;
  /** Position ids are this prefix and a counter. Default "p". */
  idPrefix?: string;
}

export class Account {
  readonly book: Book;
  /** Wall-clock time of every validateNewPosition call, ms, in call order. */
  readonly checkMs: number[] = [];
  private readonly idPrefix: string;
  private nextId = 1;

  constructor(
    readonly manager: RiskManagerLike,
    options: AccountOptions,
  ) {
    this.book = new Book(options.initialEquity, options.feeRate ?? 0);
    this.idPrefix = options.idPrefix ?? 'p';
  }

  /** Tells the manager the book's equity, then every open position's marked notional. */
  sync(): void {
    this.manager.updateEquity(this.book.equity);
    for (const p of this.book.positions) this.manager.resizePosition(p.id, this.book.notional(p));
  }

  /** Asks the manager about a trade and opens what it allows. */
  propose(trade: TradeProposal): TradeOutcome {
    const started = performance.now();
    const answer = this.manager.validateNewPosition({
      symbol: trade.name,
      side: trade.side,
      proposedSize: trade.proposedSize,
      regime: trade.regime,
      strategy: trade.strategy,
    });
    this.checkMs.push(performance.now() - started);
    const multiplier = answer.allowed ? answer.sizeMultiplier : 0;
    if (!(multiplier > 0)) return { answer, position: null };
    const size = trade.proposedSize * multiplier;
    const id = `${this.idPrefix}${this.nextId++}`;
    this.manager.registerPosition({ id, symbol: trade.name, side: trade.side, size, regime: trade.regime, strategy: trade.strategy });
    const position = this.book.add({
      id,
      symbol: trade.symbol,
      side: trade.side,
      regime: trade.regime,
      bar: trade.bar,
      price: trade.price,
      notional: size,
      stopDistance: trade.stopDistance,
    });
    return { answer, position };
  }

  /** Closes a position at `price` and unregisters it; returns the trade's P&L net of fees. */
  close(position: Position, price: number): number {
    const net = this.book.close(position, price);
    this.manager.unregisterPosition(position.id);
    return net;
  }

  /** Trims the book under `caps` (Book.trimToCaps) and tells the manager what changed. */
  trimToCaps(caps: Caps, target?: number): Trim[] {
    const trims = this.book.trimToCaps(caps, target);
    if (trims.length === 0) return trims;
    for (const id of new Set(trims.map((t) => t.id))) {
      const position = this.book.get(id);
      if (position === undefined) this.manager.unregisterPosition(id);
      else this.manager.resizePosition(id, this.book.notional(position));
    }
    this.manager.updateEquity(this.book.equity);
    return trims;
  }
}
