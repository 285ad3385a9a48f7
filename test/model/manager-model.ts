/**
 * A whole-manager model, written from the documentation (README, docs/manager.md,
 * docs/portfolio-risk.md) and nothing else: plain lists of positions and reservations,
 * exposures summed from them on every read (quantities valued at the latest close), netting
 * done by walking each symbol's holdings, correlations from the two-pass reference
 * (CandleModel), the sizing rules from the reference model, counters as the docs describe
 * them, a fake clock for expiry. It shares no code with bindings/. Where the real manager
 * must refuse a call the model throws a Refusal naming the error type and field it expects.
 */
import type { RiskConfig } from '../../bindings/config.js';
import { referenceAnswer, type RefAnswer, type RefPosition } from '../manager/reference-model.js';
import { CandleModel, type IngestCounts } from './candle-model.js';
import type { Market } from './market.js';

export type Side = 'long' | 'short';
export type Unit = 'size' | 'quantity';
export type ErrorType = 'ValidationError' | 'NotFoundError' | 'ConfigError';

export class Refusal {
  constructor(
    readonly type: ErrorType,
    readonly field: string,
  ) {}
  toString(): string {
    return `${this.type}(${this.field})`;
  }
}

/** A position or a reservation. */
export interface ModelHolding {
  id: string;
  symbol: string;
  side: Side;
  unit: Unit;
  amount: number;
  regime: string | undefined;
  strategy: string;
}

export interface ModelReservation extends ModelHolding {
  expiresAt: number;
}

export interface ModelRequest {
  symbol: string;
  side: Side;
  proposedSize?: number;
  proposedQuantity?: number;
  regime?: string;
}

/** What a validation that ran the rules saw: the reference answer for the part the rules sized. */
export interface ModelDecision {
  ref: RefAnswer;
  /** The request, its amount as a notional (`proposedSize`). */
  request: ModelRequest & { proposedSize: number };
  /** The proposal's notional, and (netting) the part that offsets the open net. */
  proposed: number;
  offset: number;
  excess: number;
  /** Open symbols whose correlation with the proposal's is unknown, in book order. */
  unknown: string[];
  /** For a proposal by quantity: its valuation. */
  valuation: { quantity: number; price: number; quoteRate: number } | undefined;
}

type Rule = 'correlation' | 'symbol' | 'direction' | 'regime';
const RULES: readonly Rule[] = ['correlation', 'symbol', 'direction', 'regime'];

export interface ModelCounters {
  validations: number;
  allowedTrades: number;
  reducedTrades: number;
  blockedTrades: number;
  errors: number;
  reducedByRule: Record<Rule, number>;
  blockedByRule: Record<Rule | 'noEquity' | 'noPrice' | 'error', number>;
  unknownCorrelationDecisions: number;
}

/** Range rules of the keys updateConfig may change, as docs/manager.md#configuration states them. */
const RULE_KEYS: Readonly<Record<string, (v: unknown) => boolean>> = {
  enabled: (v) => typeof v === 'boolean',
  maxPairwiseCorrelation: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  maxCorrelationReduction: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  maxSymbolExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  maxDirectionalExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  maxRegimeExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  minFillRatio: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  hedgeAwareCorrelation: (v) => typeof v === 'boolean',
  onError: (v) => v === 'block' || v === 'allow',
  onUnknownCorrelation: (v) => v === 'ignore' || v === 'block' || v === 'maxCut',
  reservationTtlMs: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1,
};
const FIXED_KEYS = ['correlationLookback', 'minPeriods', 'timeframe', 'timestampUnit', 'accountCurrency', 'positionMode'] as const;
const MINUTE = 60_000;
/** Amounts that net to within this (relative) of each other close the position. */
const DUST = 1e-9;
/** A fill up to this much (relative) above its reservation is the reservation. */
const FILL_ROUNDING = 1e-9;

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export class ModelManager {
  config: RiskConfig;
  equity = Number.NaN;
  positions: ModelHolding[] = [];
  reservations: ModelReservation[] = [];
  /** Symbols and regimes held (by a position or a reservation), in the order they entered the book. */
  symbolOrder: string[] = [];
  regimeOrder: string[] = [];
  /** The fake clock reservations expire on. */
  now = 1_000_000;
  /** The latest close of each symbol and the bar it belongs to. */
  readonly prices = new Map<string, { bar: number; close: number }>();
  private nextId = 1;
  private nextReservationId = 1;
  readonly candles: CandleModel;
  counters: ModelCounters = {
    validations: 0,
    allowedTrades: 0,
    reducedTrades: 0,
    blockedTrades: 0,
    errors: 0,
    reducedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0 },
    blockedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0, noEquity: 0, noPrice: 0, error: 0 },
    unknownCorrelationDecisions: 0,
  };

  constructor(
    config: RiskConfig,
    readonly market: Market,
  ) {
    this.config = config;
    this.candles = new CandleModel(config.correlationLookback, config.minPeriods);
  }

  get netting(): boolean {
    return this.config.positionMode === 'netting';
  }

  /** A candle time as the manager keeps it: floored to its minute with timeframe '1m'. */
  bar(t: number): number {
    return this.config.timeframe === '1m' ? t - (t % MINUTE) : t;
  }

  updateMarketData(symbol: string, candles: readonly (readonly [number, number])[]): IngestCounts {
    if (!isName(symbol) || symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    const kept: [number, number][] = [];
    candles.forEach(([ts, close], k) => {
      if (!Number.isSafeInteger(ts)) throw new Refusal('ValidationError', `candles[${k}].timestamp`);
      if (!(close > 0) || !Number.isFinite(close)) throw new Refusal('ValidationError', `candles[${k}].close`);
      const bar = this.bar(ts);
      const last = kept.at(-1);
      if (last !== undefined && bar === last[0] && this.config.timeframe !== undefined) {
        last[1] = close; // two candles in one bar: the later revises it
        return;
      }
      if (last !== undefined && bar <= last[0]) throw new Refusal('ValidationError', `candles[${k}].timestamp`);
      kept.push([bar, close]);
    });
    const counts = this.candles.ingest(symbol, kept);
    const last = kept.at(-1);
    if (last !== undefined) this.setPrice(symbol, last[0], last[1]);
    return counts;
  }

  /** One bar for several symbols: the same as each symbol's candle on its own. */
  updateMarketBar(t: number, closes: readonly (readonly [string, number])[]): void {
    const bar = this.bar(t);
    for (const [symbol, close] of closes) {
      this.candles.ingest(symbol, [[bar, close]]);
      this.setPrice(symbol, bar, close);
    }
  }

  updateEquity(equity: number): void {
    if (typeof equity !== 'number' || !Number.isFinite(equity)) throw new Refusal('ValidationError', 'equity');
    this.equity = equity;
  }

  updateConfig(partial: Record<string, unknown>): RiskConfig {
    for (const key of FIXED_KEYS) {
      if (key in partial && partial[key] !== this.config[key]) throw new Refusal('ConfigError', key);
    }
    for (const [key, value] of Object.entries(partial)) {
      if ((FIXED_KEYS as readonly string[]).includes(key)) continue;
      const valid = RULE_KEYS[key];
      if (valid === undefined || !valid(value)) throw new Refusal('ConfigError', key);
    }
    this.config = { ...this.config, ...partial } as RiskConfig;
    return this.config;
  }

  /** Moves the fake clock; reservations whose time is up are gone. */
  advance(ms: number): void {
    this.now += ms;
    for (const r of this.reservations.filter((x) => x.expiresAt <= this.now)) this.drop(this.reservations, r);
  }

  registerPosition(input: { id?: string; symbol: string; side: Side; size?: number; quantity?: number; regime?: string; strategy?: string }): string {
    if (input.id !== undefined && !isName(input.id)) throw new Refusal('ValidationError', 'id');
    if (!isName(input.symbol) || input.symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    if (input.side !== 'long' && input.side !== 'short') throw new Refusal('ValidationError', 'side');
    const { unit, amount } = this.amountOf(input.size, input.quantity, 'size', 'quantity');
    if (input.regime !== undefined && !isName(input.regime)) throw new Refusal('ValidationError', 'regime');
    const open = this.netting ? this.positions.find((p) => p.symbol === input.symbol) : undefined;
    if (input.id !== undefined && input.id !== open?.id && this.find(input.id)) throw new Refusal('ValidationError', 'id');
    if (input.id !== undefined && open !== undefined && input.id !== open.id) throw new Refusal('ValidationError', 'id');
    return this.record(input.id, { symbol: input.symbol, side: input.side, unit, amount, regime: input.regime, strategy: input.strategy ?? '' }, unit);
  }

  /** An id wins over a symbol of the same name. */
  unregisterPosition(key: string): ReturnType<ModelManager['publicPosition']>[] {
    if (!isName(key)) throw new Refusal('ValidationError', 'idOrSymbol');
    const byId = this.find(key);
    const closing = byId ? [byId] : this.positions.filter((p) => p.symbol === key);
    if (closing.length === 0) throw new Refusal('NotFoundError', 'idOrSymbol');
    const copies = closing.map((p) => this.publicPosition(p));
    for (const p of closing) this.drop(this.positions, p);
    return copies;
  }

  resizePosition(id: string, amount: number): ReturnType<ModelManager['publicPosition']> | null {
    if (!isName(id)) throw new Refusal('ValidationError', 'id');
    if (!(amount === 0 || isSize(amount))) throw new Refusal('ValidationError', 'size');
    const p = this.find(id);
    if (p === undefined) throw new Refusal('NotFoundError', 'id');
    if (amount === 0) {
      this.drop(this.positions, p);
      return null;
    }
    const resized = { ...p, amount };
    this.positions[this.positions.indexOf(p)] = resized;
    return this.publicPosition(resized);
  }

  /**
   * The reference answer for what the rules size, or the reason no rule ran; a Refusal for
   * bad input. `reserve` with `dryRun` is refused.
   */
  validate(request: ModelRequest, dryRun: boolean, reserve: boolean): ModelDecision | 'disabled' | 'no_equity' | 'no_price' {
    if (!this.config.enabled) return 'disabled';
    if (!isName(request.symbol) || request.symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    if (request.side !== 'long' && request.side !== 'short') throw new Refusal('ValidationError', 'side');
    const { unit, amount } = this.amountOf(request.proposedSize, request.proposedQuantity, 'proposedSize', 'proposedQuantity');
    if (request.regime !== undefined && !isName(request.regime)) throw new Refusal('ValidationError', 'regime');
    if (dryRun && reserve) throw new Refusal('ValidationError', 'reserve');
    if (!(this.equity > 0)) return 'no_equity';
    const proposed = unit === 'size' ? amount : amount * this.price(request.symbol);
    if (Number.isNaN(proposed)) return 'no_price';
    const valuation = unit === 'quantity' ? { quantity: amount, price: this.price(request.symbol), quoteRate: 1 } : undefined;
    const correlation = (a: string, b: string) => this.candles.correlation(a, b);
    const unknown = this.symbolOrder.filter((s) => s !== request.symbol && Number.isNaN(this.candles.correlation(request.symbol, s)));

    if (!this.netting) {
      const held: RefPosition[] = this.holdings().map((h) => ({ symbol: h.symbol, side: h.side, size: this.counted(h), regime: h.regime }));
      // Among equally correlated symbols the manager names the first that entered the book.
      const ordered = this.symbolOrder.flatMap((s) => held.filter((p) => p.symbol === s));
      const ref = referenceAnswer(this.config, ordered, this.equity, { ...request, proposedSize: proposed }, correlation);
      return { ref, request: { ...request, proposedSize: proposed }, proposed, offset: 0, excess: proposed, unknown, valuation };
    }

    // Netting: the proposal first offsets the symbol's open net; the rules size the rest
    // against the book once that net is closed.
    const nets = this.nets();
    const own = nets.get(request.symbol);
    const against = own !== undefined && (request.side === 'long' ? own.net < 0 : own.net > 0);
    const offset = against ? Math.min(proposed, Math.abs(own!.net)) : 0;
    const excess = offset > 0 ? proposed - offset : proposed;
    const book: RefPosition[] = [];
    for (const s of this.symbolOrder) {
      const n = nets.get(s)!;
      if (n.net === 0 || (s === request.symbol && offset > 0 && excess > 0)) continue;
      book.push({ symbol: s, side: n.net > 0 ? 'long' : 'short', size: Math.abs(n.net), regime: n.regime });
    }
    const ref = referenceAnswer(this.config, book, this.equity, { ...request, proposedSize: excess > 0 ? excess : proposed }, correlation, this.symbolOrder);
    return { ref, request: { ...request, proposedSize: proposed }, proposed, offset, excess, unknown, valuation };
  }

  /** Counts one non-dry-run answer, as the stats section defines the counters. */
  count(code: string, binding: string, decidedWithUnknown: boolean): void {
    const c = this.counters;
    if (code === 'DISABLED') return;
    c.validations += 1;
    if (decidedWithUnknown) c.unknownCorrelationDecisions += 1;
    const rule = RULES.find((r) => r === binding);
    if (code === 'ALLOWED') c.allowedTrades += 1;
    if (code === 'REDUCED') {
      c.reducedTrades += 1;
      if (rule) c.reducedByRule[rule] += 1;
    }
    if (code === 'BLOCKED') {
      c.blockedTrades += 1;
      if (rule) c.blockedByRule[rule] += 1;
    }
    if (code === 'NO_EQUITY') {
      c.blockedTrades += 1;
      c.blockedByRule.noEquity += 1;
    }
    if (code === 'NO_PRICE') {
      c.blockedTrades += 1;
      c.blockedByRule.noPrice += 1;
    }
  }

  /** Holds what an allowed answer allows (the manager's amount, which the caller has checked). */
  reserve(request: ModelRequest, unit: Unit, amount: number): string {
    const id = `r${this.nextReservationId++}`;
    const r: ModelReservation = {
      id,
      symbol: request.symbol,
      side: request.side,
      unit,
      amount,
      regime: request.regime,
      strategy: '',
      expiresAt: this.now + this.config.reservationTtlMs,
    };
    this.reservations.push(r);
    this.enter(r);
    return id;
  }

  fillReservation(id: string, filled: number | undefined): string {
    if (!isName(id)) throw new Refusal('ValidationError', 'reservationId');
    if (filled !== undefined && !isSize(filled)) throw new Refusal('ValidationError', 'filled');
    const r = this.reservations.find((x) => x.id === id);
    if (r === undefined) throw new Refusal('NotFoundError', 'reservationId');
    let amount = filled ?? r.amount;
    if (amount > r.amount * (1 + FILL_ROUNDING)) throw new Refusal('ValidationError', 'filled');
    if (amount > r.amount) amount = r.amount;
    const incoming = { symbol: r.symbol, side: r.side, unit: r.unit, amount, regime: r.regime, strategy: r.strategy };
    if (this.netting) this.planNet(incoming, 'filled'); // may refuse before anything changes
    this.drop(this.reservations, r);
    return this.record(undefined, incoming, 'filled');
  }

  releaseReservation(id: string): void {
    if (!isName(id)) throw new Refusal('ValidationError', 'reservationId');
    const r = this.reservations.find((x) => x.id === id);
    if (r === undefined) throw new Refusal('NotFoundError', 'reservationId');
    this.drop(this.reservations, r);
  }

  /** A holding's notional: its size, or its quantity at the latest close (NaN without one). */
  worth(h: ModelHolding): number {
    return h.unit === 'size' ? h.amount : h.amount * this.price(h.symbol);
  }

  /** What a holding counts for in the sums: unpriced, it counts 0 (and is listed as unpriced). */
  counted(h: ModelHolding): number {
    const v = this.worth(h);
    return Number.isNaN(v) ? 0 : v;
  }

  price(symbol: string): number {
    return this.prices.get(symbol)?.close ?? Number.NaN;
  }

  publicPosition(h: ModelHolding) {
    return {
      id: h.id,
      symbol: h.symbol,
      side: h.side,
      size: this.worth(h),
      ...(h.unit === 'quantity' ? { quantity: h.amount } : {}),
      ...(h.regime === undefined ? {} : { regime: h.regime }),
      strategy: h.strategy,
    };
  }

  publicReservation(r: ModelReservation) {
    return { ...this.publicPosition(r), expiresAt: r.expiresAt };
  }

  /** Gross notional of a symbol, a regime, or one side, from the book as the docs define it. */
  symbolGross(symbol: string): number {
    if (this.netting) return Math.abs(this.nets().get(symbol)?.net ?? 0);
    return this.sum((h) => h.symbol === symbol);
  }

  regimeGross(regime: string): number {
    if (this.netting) return [...this.nets().values()].filter((n) => n.regime === regime).reduce((s, n) => s + Math.abs(n.net), 0);
    return this.sum((h) => h.regime === regime);
  }

  sideTotal(side: Side): number {
    if (this.netting) return [...this.nets().values()].reduce((s, n) => s + (side === 'long' ? Math.max(n.net, 0) : Math.max(-n.net, 0)), 0);
    return this.sum((h) => h.side === side);
  }

  reservedTotal(): number {
    return this.reservations.reduce((s, r) => s + this.counted(r), 0);
  }

  unpricedIds(): string[] {
    return this.positions.filter((p) => Number.isNaN(this.worth(p))).map((p) => p.id);
  }

  /** Fractions of equity are NaN without a positive equity. */
  fraction(notional: number): number {
    return this.equity > 0 ? notional / this.equity : Number.NaN;
  }

  /** Highest raw correlation between two open symbols; NaN when no pair is known. */
  maxCorrelation(): number {
    let best = Number.NaN;
    for (let a = 0; a < this.symbolOrder.length; a++) {
      for (let b = a + 1; b < this.symbolOrder.length; b++) {
        const r = this.candles.correlation(this.symbolOrder[a]!, this.symbolOrder[b]!);
        if (!Number.isNaN(r) && (Number.isNaN(best) || r > best)) best = r;
      }
    }
    return best;
  }

  /** Positions, then reservations: the book. */
  holdings(): ModelHolding[] {
    return [...this.positions, ...this.reservations];
  }

  /**
   * Netting mode: each held symbol's signed net (positions, then reservations, as if every
   * order in flight fills) and the regime of the holding that opened its current side.
   */
  nets(): Map<string, { net: number; regime: string | undefined }> {
    const out = new Map<string, { net: number; regime: string | undefined }>();
    for (const s of this.symbolOrder) out.set(s, { net: 0, regime: undefined });
    for (const h of this.holdings()) {
      const n = out.get(h.symbol)!;
      const v = this.counted(h);
      const before = n.net;
      n.net = before + (h.side === 'long' ? v : -v);
      if (n.net !== 0 && (before === 0 || Math.sign(before) !== Math.sign(n.net))) n.regime = h.regime;
    }
    return out;
  }

  private setPrice(symbol: string, bar: number, close: number): void {
    const known = this.prices.get(symbol);
    if (known === undefined || bar >= known.bar) this.prices.set(symbol, { bar, close });
  }

  private amountOf(size: unknown, quantity: unknown, sizeField: string, quantityField: string): { unit: Unit; amount: number } {
    if (quantity === undefined) {
      if (!isSize(size)) throw new Refusal('ValidationError', sizeField);
      return { unit: 'size', amount: size };
    }
    if (size !== undefined || !isSize(quantity)) throw new Refusal('ValidationError', quantityField);
    return { unit: 'quantity', amount: quantity };
  }

  /** Netting: what registering `incoming` does to the symbol's position (a Refusal when it cannot be converted). */
  private planNet(incoming: Omit<ModelHolding, 'id'>, field: string): { open: ModelHolding; next: ModelHolding | null } | undefined {
    const open = this.positions.find((p) => p.symbol === incoming.symbol);
    if (open === undefined) return undefined;
    let amount = incoming.amount;
    if (incoming.unit !== open.unit) {
      const price = this.price(open.symbol);
      if (Number.isNaN(price)) throw new Refusal('ValidationError', field);
      amount = incoming.unit === 'size' ? incoming.amount / price : incoming.amount * price;
    }
    if (incoming.side === open.side) return { open, next: { ...open, amount: open.amount + amount } };
    const left = open.amount - amount;
    if (Math.abs(left) <= DUST * Math.max(open.amount, amount)) return { open, next: null };
    if (left > 0) return { open, next: { ...open, amount: left } };
    return { open, next: { ...open, side: incoming.side, amount: -left, regime: incoming.regime, strategy: incoming.strategy } };
  }

  private record(givenId: string | undefined, incoming: Omit<ModelHolding, 'id'>, field: string): string {
    const plan = this.netting ? this.planNet(incoming, field) : undefined;
    if (plan === undefined) {
      let id = givenId;
      // Generated ids are p1, p2, …, skipping any a caller already chose.
      while (id === undefined || (givenId === undefined && this.find(id))) id = `p${this.nextId++}`;
      const position = { id, ...incoming };
      this.positions.push(position);
      this.enter(position);
      return id;
    }
    if (plan.next === null) {
      this.drop(this.positions, plan.open);
      return plan.open.id;
    }
    this.positions[this.positions.indexOf(plan.open)] = plan.next;
    this.enter(plan.next);
    this.leave(plan.open);
    return plan.open.id;
  }

  private sum(keep: (h: ModelHolding) => boolean): number {
    return this.holdings().filter(keep).reduce((s, h) => s + this.counted(h), 0);
  }

  private find(id: string): ModelHolding | undefined {
    return this.positions.find((p) => p.id === id);
  }

  private enter(h: ModelHolding): void {
    if (!this.symbolOrder.includes(h.symbol)) this.symbolOrder.push(h.symbol);
    if (h.regime !== undefined && !this.regimeOrder.includes(h.regime)) this.regimeOrder.push(h.regime);
  }

  private leave(h: ModelHolding): void {
    const rest = this.holdings();
    if (!rest.some((q) => q.symbol === h.symbol)) this.symbolOrder = this.symbolOrder.filter((s) => s !== h.symbol);
    if (h.regime !== undefined && !rest.some((q) => q.regime === h.regime)) this.regimeOrder = this.regimeOrder.filter((r) => r !== h.regime);
  }

  private drop<T extends ModelHolding>(list: T[], h: T): void {
    list.splice(list.indexOf(h), 1);
    this.leave(h);
  }
}
