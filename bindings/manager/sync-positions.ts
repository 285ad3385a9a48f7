/**
 * The exchange is the truth about what is held: `syncPositions` makes the book equal the
 * positions a ccxt exchange reports (`fetchPositions`), one position per symbol and side,
 * valued as the exchange values them. Everything is read and checked first (a bad entry throws,
 * naming `positions[i].field`, and nothing changes); then the book is diffed against it so
 * that a position that stays open keeps its id, and only what changed is closed or opened.
 */
import { ValidationError, quote } from '../errors.js';
import { checkName } from '../names.js';
import { quoteOf } from '../currency.js';
import { requireObject, requireSide, requireSize } from './checks.js';
import type { Holding, PositionBook } from './positions.js';
import type { Position, Side } from './types.js';

/** A position as ccxt's `fetchPositions` returns it: the fields read (ccxt's own `Position` fits). */
export interface ExchangePosition {
  readonly symbol?: string | undefined;
  readonly side?: string | undefined;
  readonly contracts?: number | undefined;
  readonly contractSize?: number | undefined;
  readonly notional?: number | undefined;
  readonly markPrice?: number | undefined;
}

export interface SyncOptions {
  /** The regime cap each symbol counts in; a symbol not named keeps its position's regime (none for a new one). */
  regimes?: Readonly<Record<string, string>>;
}

/** What a sync changed: positions opened, closed, and kept (same id) with a new value or regime. */
export interface SyncResult {
  readonly registered: Position[];
  readonly unregistered: Position[];
  readonly updated: Position[];
}

/** A position the exchange reports; `named`: its regime comes from the options, not the book. */
interface Target {
  readonly symbol: string;
  readonly side: Side;
  readonly amount: number;
  readonly regime: string | undefined;
  readonly named: boolean;
}

/** A number field of an entry: undefined (or null, as JSON has it) when absent. */
function num(value: unknown, field: string, check: (v: unknown, f: string) => number): number | undefined {
  return value == null ? undefined : check(value, field);
}

const finite = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError(field, `must be a finite number, got ${quote(value)}`, value);
  return value;
};

/**
 * The book the exchange reports, keyed by symbol and side, in the exchange's order. An entry
 * worth 0 is flat and ignored. Two entries of one symbol and side (isolated and cross margin)
 * add up; a netting book nets a symbol's long and short into one. `rate` turns a value in a
 * quote currency into the account currency (NaN when unknown). Pure: throws or returns.
 */
export function readExchangePositions(
  positions: unknown,
  options: SyncOptions | undefined,
  netting: boolean,
  account: string | undefined,
  rate: (currency: string) => number,
): Map<string, Target> {
  if (!Array.isArray(positions)) throw new ValidationError('positions', `must be an array of ccxt positions, got ${quote(positions)}`, positions);
  const regimes = options === undefined ? undefined : requireObject(requireObject(options, 'options').regimes ?? {}, 'options.regimes');
  const nets = new Map<string, { symbol: string; value: number }>();
  for (let i = 0; i < positions.length; i++) {
    const at = `positions[${i}]`;
    const p = requireObject(positions[i], at);
    const symbol = checkName(p.symbol, `${at}.symbol`);
    // ccxt gives notional as a magnitude for most exchanges and signed for some: the size is its magnitude.
    let value = num(p.notional, `${at}.notional`, finite);
    if (value === undefined) {
      const contracts = requireSize(p.contracts, `${at}.contracts`, true);
      const contractSize = num(p.contractSize, `${at}.contractSize`, requireSize) ?? 1;
      value = contracts === 0 ? 0 : contracts * contractSize * requireSize(p.markPrice, `${at}.markPrice`);
    }
    value = Math.abs(value);
    if (value === 0) continue;
    const side = requireSide(p.side, `${at}.side`);
    const currency = account === undefined ? undefined : quoteOf(symbol);
    if (currency !== undefined && currency !== account) {
      const r = rate(currency);
      if (!(r > 0)) throw new ValidationError(`${at}.symbol`, `is valued in ${currency}: give the manager a ${currency} rate (candles of ${currency}/${account} or updateQuoteRate), got ${quote(symbol)}`, symbol);
      value *= r;
    }
    const key = netting ? symbol : `${side} ${symbol}`;
    const net = nets.get(key) ?? { symbol, value: 0 };
    net.value += side === 'long' || !netting ? value : -value;
    nets.set(key, net);
  }
  const targets = new Map<string, Target>();
  for (const [key, { symbol, value }] of nets) {
    const side: Side = netting ? (value > 0 ? 'long' : 'short') : key.startsWith('long') ? 'long' : 'short';
    const named = regimes !== undefined && Object.hasOwn(regimes, symbol);
    const regime = named ? checkName(regimes[symbol], `options.regimes[${quote(symbol)}]`) : undefined;
    if (value !== 0) targets.set(`${side} ${symbol}`, { symbol, side, amount: Math.abs(value), regime, named });
  }
  return targets;
}

/**
 * Makes the book hold exactly `targets` (checked): a position whose symbol and side the exchange
 * reports stays, keeping its id (the oldest, when several share them), re-valued at the
 * exchange's notional; the others close; what the book lacks opens with a fresh id. Returns the
 * changes, each position as it was (`before`, for the updated ones) and as it is.
 */
export function applySync(book: PositionBook, targets: ReadonlyMap<string, Target>): SyncResult & { readonly before: Position[] } {
  const kept = new Set<string>();
  const gone: Holding[] = [];
  const changes: [Holding, Holding][] = [];
  for (const h of book.holdings()) {
    const key = `${h.side} ${h.symbol}`;
    const t = targets.get(key);
    if (t === undefined || kept.has(key)) {
      gone.push(h);
      continue;
    }
    kept.add(key);
    const regime = t.named ? t.regime : h.regime;
    if (h.unit !== 'size' || h.amount !== t.amount || regime !== h.regime) changes.push([h, { ...h, unit: 'size', amount: t.amount, regime }]);
  }
  const unregistered = gone.map((h) => book.positionOf(book.remove(h.id)));
  const before = changes.map(([h]) => book.positionOf(h));
  const updated = changes.map(([h, after]) => book.positionOf(book.replace(h, Object.freeze(after))));
  const registered: Position[] = [];
  for (const [key, { symbol, side, amount, regime }] of targets) {
    if (kept.has(key)) continue;
    const h: Holding = Object.freeze({ id: book.freshId(), symbol, side, unit: 'size', amount, regime, strategy: '' });
    book.open(h);
    registered.push(book.positionOf(h));
  }
  return { registered, unregistered, updated, before };
}
