/**
 * A simulated account's book: open positions valued at their last price, realised P&L, fees,
 * equity. The replay (one book per run) and the browser simulator keep their accounts here.
 *
 * - A position is `entryNotional` of account currency bought (long) or sold short (short) at
 *   `entryPrice`. Marked at price p it is worth entryNotional · p / entryPrice: its *marked
 *   notional*, the exposure a bot reports to the risk manager (resizePosition). Its P&L is
 *   ±(marked notional − entryNotional), + for a long.
 * - A fee of `feeRate` × notional is charged on every entry, exit and trim.
 * - equity = initial equity + realised P&L (net of fees) + unrealised P&L.
 *
 * Positions are kept in the order they were opened; every sum runs in that order, so a book
 * driven by the same calls gives the same bits.
 */
import type { Regime } from './market.js';

export type Side = 'long' | 'short';

export interface Position {
  readonly id: string;
  /** Index of the symbol in the market's series. */
  readonly symbol: number;
  readonly side: Side;
  readonly regime: Regime;
  /** Bar at which it was opened. */
  readonly openedAt: number;
  readonly entryPrice: number;
  /** Entry value of the part still open (a trim scales it down). */
  entryNotional: number;
  /** Price it was last marked at. */
  lastPrice: number;
  /** Stop distance in log price from the entry, for strategies that set one (else Infinity). */
  readonly stopDistance: number;
}

export interface OpenSpec {
  readonly id: string;
  readonly symbol: number;
  readonly side: Side;
  readonly regime: Regime;
  readonly bar: number;
  readonly price: number;
  readonly notional: number;
  readonly stopDistance?: number;
}

/** Exposure limits as fractions of equity, as the risk manager's caps are set. */
export interface Caps {
  /** Gross notional of one symbol. */
  readonly symbol: number;
  /** All longs, or all shorts. */
  readonly direction: number;
  /** Gross notional tagged with one regime. */
  readonly regime: number;
}

/** One position cut back by trimToCaps. Notionals are marked. */
export interface Trim {
  readonly id: string;
  readonly symbol: number;
  readonly rule: 'symbol' | 'long' | 'short' | 'regime';
  readonly from: number;
  readonly to: number;
}

/** Closed trades: each exit of a whole position, net of its entry and exit fees. */
export interface TradeTally {
  count: number;
  wins: number;
  pnl: number;
}

/** A position trimmed below this fraction of equity is closed outright rather than kept as dust. */
const DUST = 1e-6;

export class Book {
  private readonly open: Position[] = [];
  private realized = 0;
  /** Fees paid so far, in account currency. */
  fees = 0;
  readonly trades: TradeTally = { count: 0, wins: 0, pnl: 0 };

  constructor(
    readonly initialEquity: number,
    readonly feeRate = 0,
  ) {
    if (!(initialEquity > 0)) throw new RangeError(`initialEquity must be > 0, got ${initialEquity}`);
    if (!(feeRate >= 0 && feeRate < 1)) throw new RangeError(`feeRate must be in [0, 1), got ${feeRate}`);
  }

  /** Open positions, oldest first. */
  get positions(): readonly Position[] {
    return this.open;
  }

  get size(): number {
    return this.open.length;
  }

  get(id: string): Position | undefined {
    return this.open.find((p) => p.id === id);
  }

  notional(p: Position): number {
    return (p.entryNotional * p.lastPrice) / p.entryPrice;
  }

  get equity(): number {
    let unrealized = 0;
    for (const p of this.open) unrealized += sign(p.side) * (this.notional(p) - p.entryNotional);
    return this.initialEquity + this.realized + unrealized;
  }

  /** Sum of the marked notionals. */
  gross(): number {
    let g = 0;
    for (const p of this.open) g += this.notional(p);
    return g;
  }

  /** Opens a position (paying the entry fee) and returns it. */
  add(spec: OpenSpec): Position {
    if (!(spec.notional > 0 && spec.price > 0)) throw new RangeError(`a position needs a notional and a price > 0, got ${spec.notional} at ${spec.price}`);
    const entryFee = spec.notional * this.feeRate;
    this.realized -= entryFee;
    this.fees += entryFee;
    const position: Position = {
      id: spec.id,
      symbol: spec.symbol,
      side: spec.side,
      regime: spec.regime,
      openedAt: spec.bar,
      entryPrice: spec.price,
      entryNotional: spec.notional,
      lastPrice: spec.price,
      stopDistance: spec.stopDistance ?? Number.POSITIVE_INFINITY,
    };
    this.open.push(position);
    return position;
  }

  /** Marks every position whose symbol has a price (> 0) on this bar; the others keep theirs. */
  mark(price: (symbol: number) => number): void {
    for (const p of this.open) {
      const c = price(p.symbol);
      if (c > 0) p.lastPrice = c;
    }
  }

  /**
   * Closes a whole position at `price`: realises its P&L net of the exit fee and counts the
   * trade (its P&L net of both fees). Returns that trade P&L.
   */
  close(p: Position, price: number): number {
    const k = this.open.indexOf(p);
    if (k < 0) throw new RangeError(`position ${p.id} is not open`);
    p.lastPrice = price;
    const exitNotional = this.notional(p);
    const gross = sign(p.side) * (exitNotional - p.entryNotional);
    const exitFee = exitNotional * this.feeRate;
    this.realized += gross - exitFee;
    this.fees += exitFee;
    const net = gross - exitFee - p.entryNotional * this.feeRate;
    this.trades.count++;
    this.trades.pnl += net;
    if (net > 0) this.trades.wins++;
    this.open.splice(k, 1);
    return net;
  }

  /** Distinct symbols held. */
  heldSymbols(): Set<number> {
    return new Set(this.open.map((p) => p.symbol));
  }

  /** Side of the (first) open position in `symbol`, if any. */
  sideOf(symbol: number): Side | undefined {
    return this.open.find((p) => p.symbol === symbol)?.side;
  }

  /** Bars since the oldest open position in `symbol` was opened (0 when none is). */
  ageOf(symbol: number, bar: number): number {
    let first = bar;
    for (const p of this.open) if (p.symbol === symbol) first = Math.min(first, p.openedAt);
    return bar - first;
  }

  /**
   * Shrinks positions so that every exposure is within its cap again, after prices or equity
   * moved or a cap was lowered: symbol groups first, then each direction, then each regime
   * (scaling a group only lowers every other exposure, so one pass suffices). A group over
   * its cap is cut to `target` × cap, a little under it, so that the next small move does not
   * trim again. The cut part is closed at the position's last price (P&L realised, fee paid);
   * a position cut to dust is closed outright. Returns every cut, in order.
   */
  trimToCaps(caps: Caps, target = 0.95): Trim[] {
    const equity = this.equity;
    const trims: Trim[] = [];
    const scaleGroup = (members: Position[], limitPct: number, rule: Trim['rule']): void => {
      let gross = 0;
      for (const p of members) gross += this.notional(p);
      const limit = limitPct * equity;
      // (A hair of tolerance: a fill right at the cap can round a few ulps over it.)
      if (!(gross > limit * (1 + 1e-12)) || gross === 0) return;
      const keep = Math.max(0, (target * limit) / gross);
      for (const p of members) {
        const from = this.notional(p);
        const cut = 1 - keep;
        this.realized += cut * (sign(p.side) * (from - p.entryNotional) - from * this.feeRate);
        this.fees += cut * from * this.feeRate;
        p.entryNotional *= keep;
        trims.push({ id: p.id, symbol: p.symbol, rule, from, to: this.notional(p) });
      }
    };
    for (const members of groupBy(this.open, (p) => p.symbol).values()) scaleGroup(members, caps.symbol, 'symbol');
    for (const [side, members] of groupBy(this.open, (p) => p.side)) scaleGroup(members, caps.direction, side);
    for (const members of groupBy(this.open, (p) => p.regime).values()) scaleGroup(members, caps.regime, 'regime');
    for (const p of [...this.open]) if (this.notional(p) < DUST * equity) this.close(p, p.lastPrice);
    return trims;
  }
}

const sign = (side: Side): number => (side === 'long' ? 1 : -1);

function groupBy<K>(positions: readonly Position[], key: (p: Position) => K): Map<K, Position[]> {
  const groups = new Map<K, Position[]>();
  for (const p of positions) {
    const k = key(p);
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  return groups;
}
