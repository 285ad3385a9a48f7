/**
 * The simulated account: open positions (units bought at an entry price), cash P&L, equity.
 * A position's notional is what the risk manager was told at entry (it is not marked to
 * market), so the manager's exposure figures and this book always agree.
 */
import type { Caps } from './caps.js';
import type { HeldView, RegimeTag, Side } from './strategy.js';

export interface OpenPosition {
  readonly id: string;
  readonly symbol: number;
  readonly side: Side;
  readonly regime: RegimeTag;
  readonly openedAt: number;
  readonly entry: number;
  /** Notional registered with the manager. */
  notional: number;
}

export interface Trim {
  readonly id: string;
  readonly symbol: number;
  readonly rule: 'symbol' | 'long' | 'short' | 'regime';
  readonly from: number;
  readonly to: number;
}

export class Portfolio implements HeldView {
  private readonly open = new Map<string, OpenPosition>();
  private realized = 0;
  private nextId = 1;
  private unrealized = 0;

  constructor(readonly initialEquity: number) {}

  get equity(): number {
    return this.initialEquity + this.realized + this.unrealized;
  }

  positions(): IterableIterator<OpenPosition> {
    return this.open.values();
  }

  get size(): number {
    return this.open.size;
  }

  heldSymbols(): Set<number> {
    const out = new Set<number>();
    for (const p of this.open.values()) out.add(p.symbol);
    return out;
  }

  sideOf(symbol: number): Side | undefined {
    for (const p of this.open.values()) if (p.symbol === symbol) return p.side;
    return undefined;
  }

  ageOf(symbol: number, bar: number): number {
    let first = bar;
    for (const p of this.open.values()) if (p.symbol === symbol) first = Math.min(first, p.openedAt);
    return bar - first;
  }

  newId(): string {
    return `p${this.nextId++}`;
  }

  add(position: OpenPosition): void {
    this.open.set(position.id, position);
  }

  /** Marks every position at `prices` (by symbol index); returns the equity. */
  mark(prices: (symbol: number) => number): number {
    let u = 0;
    for (const p of this.open.values()) u += this.pnl(p, prices(p.symbol), p.notional);
    this.unrealized = u;
    return this.equity;
  }

  /** Closes every position in `symbol` at `price`; returns their ids. */
  close(symbol: number, price: number): string[] {
    const ids: string[] = [];
    for (const p of [...this.open.values()]) {
      if (p.symbol !== symbol) continue;
      this.realized += this.pnl(p, price, p.notional);
      this.unrealized -= this.pnl(p, price, p.notional);
      this.open.delete(p.id);
      ids.push(p.id);
    }
    return ids;
  }

  /**
   * Shrinks positions so that every exposure is within its cap again, after equity fell or a
   * slider lowered a cap: symbol groups first, then each direction, then each regime (a
   * scaling only lowers every other exposure, so one pass suffices). A group over its cap is
   * cut to `target` × cap, a little under it, so that the next small dip in equity does not
   * trim again. The trimmed part is realised at `prices`. Returns what changed.
   */
  trimToCaps(caps: Caps, prices: (symbol: number) => number, target = 0.95): Trim[] {
    const equity = this.equity;
    const trims: Trim[] = [];
    const scaleGroup = (members: OpenPosition[], limitPct: number, rule: Trim['rule']): void => {
      const gross = members.reduce((s, p) => s + p.notional, 0);
      const limit = limitPct * equity;
      // (A hair of tolerance: a fill right at the cap can round a few ulps over it.)
      if (!(gross > limit * (1 + 1e-12)) || gross === 0) return;
      const f = Math.max(0, (target * limit) / gross);
      for (const p of members) {
        const to = p.notional * f;
        this.realized += this.pnl(p, prices(p.symbol), p.notional - to);
        trims.push({ id: p.id, symbol: p.symbol, rule, from: p.notional, to });
        p.notional = to;
      }
    };
    const all = [...this.open.values()];
    const by = <K>(key: (p: OpenPosition) => K): Map<K, OpenPosition[]> => {
      const m = new Map<K, OpenPosition[]>();
      for (const p of all) {
        const k = key(p);
        const list = m.get(k);
        if (list) list.push(p);
        else m.set(k, [p]);
      }
      return m;
    };
    for (const members of by((p) => p.symbol).values()) scaleGroup(members, caps.symbol, 'symbol');
    for (const [side, members] of by((p) => p.side)) scaleGroup(members, caps.direction, side);
    for (const members of by((p) => p.regime).values()) scaleGroup(members, caps.regime, 'regime');
    // Positions trimmed to (almost) nothing are closed outright.
    for (const p of all) if (p.notional < 1e-6 * equity) this.open.delete(p.id);
    this.mark(prices);
    return trims;
  }

  get(id: string): OpenPosition | undefined {
    return this.open.get(id);
  }

  private pnl(p: OpenPosition, price: number, notional: number): number {
    const change = price / p.entry - 1;
    return (p.side === 'long' ? change : -change) * notional;
  }
}
