/**
 * The position book: open positions by id (several per symbol in hedge mode, one net per symbol
 * in netting mode), the reservations of orders in flight, and the exposures the caps read,
 * kept current so that a validation reads them in O(1). Keyed by Map, never by object
 * properties: symbol and regime names are user data.
 *
 * A holding (a position or a reservation) is a notional (`size`, account currency) or a
 * quantity (base units) valued at the symbol's latest close × quote rate (prices.ts). A
 * quantity without a price yet is worth 0 in every sum and is listed as unpriced.
 *
 * Every sum is, bit for bit, the left-to-right sum of the holdings' values in book order:
 * open positions in the order they were opened, then reservations in the order they were made.
 * In netting mode each symbol's holdings are first folded into one signed net, in that order,
 * and the sums run over the symbols' nets in the order the symbols entered the book. Opening a
 * position (with no reservation after it) or making a reservation adds at the end, which is
 * exactly that; anything else recomputes the sums from the holdings (O(holdings)), because
 * subtracting leaves rounding residue: 16,514.4 + 25,000 − 16,514.4 is not 25,000, and a cap
 * that is exactly full would then show a dust of headroom. A price change re-marks the same
 * way, lazily: the sums remember the price version they were marked at, and the first read
 * after a change recomputes them (only when the book holds a quantity). So exposures depend
 * only on the book and the prices, never on history, and a restored book has the very same sums.
 */
import { NotFoundError, ValidationError, quote } from '../errors.js';
import { checkBookState, type BookState } from './book-state.js';
import type { PriceBook } from './prices.js';
import type { AmountUnit, Position, Reservation, Side } from './types.js';

export type PositionMode = 'hedge' | 'netting';

/** A position or a reservation, as the book stores it. */
export interface Holding {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly unit: AmountUnit;
  /** The notional (unit `size`) or the base units (unit `quantity`), > 0. */
  readonly amount: number;
  readonly regime: string | undefined;
  readonly strategy: string;
}

export interface ReservationHolding extends Holding {
  /** On the manager's clock, ms. */
  readonly expiresAt: number;
}

/** Per-symbol aggregate. Identity is stable while the symbol stays in the book. */
export class SymbolSlot {
  long = 0;
  short = 0;
  /** Sides held, as the correlation rule reads them: holdings per side (hedge), the net's side (netting). */
  longCount = 0;
  shortCount = 0;
  /** Positions and reservations on the symbol. */
  holdings = 0;
  /** Netting: the signed net of the holdings, and the regime of the holding that opened its side. */
  net = 0;
  netRegime: string | undefined = undefined;
  constructor(readonly name: string) {}
  get gross(): number { return this.long + this.short; }
}

class Sum {
  total = 0;
  /** Holdings tagged with it. */
  count = 0;
  add(value: number): void { this.total += value; this.count += 1; }
  clear(): void { this.total = 0; this.count = 0; }
}

/** What registering into a netting book does to the symbol's position. */
export type NetPlan =
  | { readonly kind: 'open' }
  | { readonly kind: 'change'; readonly before: Holding; readonly after: Holding }
  | { readonly kind: 'close'; readonly before: Holding };

/** Amounts closer than this (relative) net to nothing: 0.3 − 0.1 − 0.2 is dust, not a short. */
const NET_DUST = 1e-9;

export class PositionBook {
  private readonly byId = new Map<string, Holding>();
  private readonly reserved = new Map<string, ReservationHolding>();
  /** Netting mode: the open position of each symbol. */
  private readonly netPositions = new Map<string, Holding>();
  private readonly slots = new Map<string, SymbolSlot>();
  private readonly regimes = new Map<string, Sum>();
  private readonly longSum = new Sum();
  private readonly shortSum = new Sum();
  private nextAutoId = 1;
  private nextReservationId = 1;
  private quantityHoldings = 0;
  private markedAt = -1;
  private unpriced = 0;
  /** Earliest expiry among the reservations (Infinity without any). */
  private nextExpiry = Number.POSITIVE_INFINITY;
  /** Bumped only when a symbol enters or leaves the book (what correlation caches read). */
  symbolSetVersion = 0;
  /** Bumped whenever any sum may have changed (every change of the book goes through append or resum). */
  sumsVersion = 0;

  constructor(
    readonly mode: PositionMode,
    private readonly prices: PriceBook,
  ) {}

  get size(): number { return this.byId.size; }
  get reservationCount(): number { return this.reserved.size; }
  has(id: string): boolean { return this.byId.has(id); }
  get(id: string): Holding | undefined { return this.byId.get(id); }
  holdings(): IterableIterator<Holding> { return this.byId.values(); }
  reservation(id: string): ReservationHolding | undefined { return this.reserved.get(id); }
  reservations(): IterableIterator<ReservationHolding> { return this.reserved.values(); }
  symbolSlots(): IterableIterator<SymbolSlot> { return this.slots.values(); }
  slot(symbol: string): SymbolSlot | undefined { return this.slots.get(symbol); }
  /** Netting mode: the symbol's open position. */
  netPosition(symbol: string): Holding | undefined { return this.netPositions.get(symbol); }

  symbolGross(symbol: string): number { this.mark(); return this.slots.get(symbol)?.gross ?? 0; }
  regimeGross(regime: string): number { this.mark(); return this.regimes.get(regime)?.total ?? 0; }
  directional(side: Side): number { this.mark(); return side === 'long' ? this.longSum.total : this.shortSum.total; }
  regimeEntries(): IterableIterator<[string, { readonly total: number }]> { this.mark(); return this.regimes.entries(); }
  /** Holdings valued at 0 because their quantity has no price yet. */
  get unpricedCount(): number { this.mark(); return this.unpriced; }

  /** A holding's value in account currency; NaN for a quantity without a price. */
  value(h: Holding): number {
    return h.unit === 'size' ? h.amount : this.prices.value(h.symbol, h.amount);
  }

  /** Re-marks the sums when a price moved since they were computed and a quantity depends on prices. */
  mark(): void {
    if (this.quantityHoldings !== 0 && this.markedAt !== this.prices.version) this.resum();
  }

  /**
   * Netting mode, regime exposure without one symbol's net: the same left-to-right sum over
   * the symbols' nets, skipping `symbol` (a proposal that closes a net frees its regime share).
   */
  regimeGrossWithout(regime: string, symbol: string): number {
    this.mark();
    let total = 0;
    for (const slot of this.slots.values()) {
      if (slot.name !== symbol && slot.net !== 0 && slot.netRegime === regime) total += slot.net > 0 ? slot.net : -slot.net;
    }
    return total;
  }

  /** A fresh position id (`p<n>`), skipping ids taken. */
  freshId(): string {
    let id: string;
    do id = `p${this.nextAutoId++}`; while (this.byId.has(id));
    return id;
  }

  /** A fresh reservation id (`r<n>`). */
  freshReservationId(): string {
    let id: string;
    do id = `r${this.nextReservationId++}`; while (this.reserved.has(id));
    return id;
  }

  /** Opens a position (arguments checked, id free). In netting mode only where the symbol has none. */
  open(position: Holding): void {
    this.mark();
    this.byId.set(position.id, position);
    if (this.mode === 'netting') this.netPositions.set(position.symbol, position);
    if (position.unit === 'quantity') this.quantityHoldings += 1;
    this.enter(position);
    // Appending to the book order is adding at the end of every sum; anything else re-sums.
    if (this.mode === 'hedge' && this.reserved.size === 0) this.append(position);
    else this.resum();
  }

  /** Removes one position by id. */
  remove(id: string): Holding {
    const position = this.byId.get(id);
    if (position === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    this.byId.delete(id);
    if (this.mode === 'netting') this.netPositions.delete(position.symbol);
    if (position.unit === 'quantity') this.quantityHoldings -= 1;
    this.resum();
    this.leave(position);
    return position;
  }

  /** Replaces a position's amount (> 0, in its own unit); it keeps its place in every order. */
  resize(id: string, amount: number): Holding {
    const before = this.byId.get(id);
    if (before === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    return this.replace(before, { ...before, amount });
  }

  /** The ids of a symbol's open positions, oldest first. */
  idsOfSymbol(symbol: string): string[] {
    const ids: string[] = [];
    for (const p of this.byId.values()) if (p.symbol === symbol) ids.push(p.id);
    return ids;
  }

  /**
   * Netting mode: what registering `amount` of `unit` on `side` does to the symbol's position.
   * Pure; throws (naming `field`) only when units differ and the symbol has no price to
   * convert at. Same side grows the position; the other side shrinks it, closes it (to within
   * dust), or flips it to the other side with the remainder, which then takes the incoming
   * regime and strategy. The position keeps its id and its unit throughout.
   */
  planNet(incoming: Omit<Holding, 'id'>, field: string): NetPlan {
    const open = this.netPositions.get(incoming.symbol);
    if (open === undefined) return { kind: 'open' };
    let amount = incoming.amount;
    if (incoming.unit !== open.unit) {
      const unitValue = this.prices.value(open.symbol, 1);
      if (Number.isNaN(unitValue)) {
        throw new ValidationError(field, `cannot net a ${incoming.unit} into ${quote(open.symbol)}, held by ${open.unit}, without its price`, incoming.amount);
      }
      amount = incoming.unit === 'size' ? incoming.amount / unitValue : incoming.amount * unitValue;
    }
    if (incoming.side === open.side) return { kind: 'change', before: open, after: { ...open, amount: open.amount + amount } };
    const left = open.amount - amount;
    if (Math.abs(left) <= NET_DUST * Math.max(open.amount, amount)) return { kind: 'close', before: open };
    if (left > 0) return { kind: 'change', before: open, after: { ...open, amount: left } };
    return {
      kind: 'change',
      before: open,
      after: { ...open, side: incoming.side, amount: -left, regime: incoming.regime, strategy: incoming.strategy },
    };
  }

  /** Applies a planned change (a position's new record, same id; its unit may change). */
  replace(before: Holding, after: Holding): Holding {
    this.mark();
    this.byId.set(after.id, after);
    if (before.unit !== after.unit) this.quantityHoldings += after.unit === 'quantity' ? 1 : -1;
    if (this.mode === 'netting') this.netPositions.set(after.symbol, after);
    this.enter(after);
    this.resum();
    if (after.regime !== before.regime) this.leave(before);
    return after;
  }

  reserve(reservation: ReservationHolding): void {
    this.mark();
    this.reserved.set(reservation.id, reservation);
    if (reservation.unit === 'quantity') this.quantityHoldings += 1;
    if (reservation.expiresAt < this.nextExpiry) this.nextExpiry = reservation.expiresAt;
    this.enter(reservation);
    if (this.mode === 'hedge') this.append(reservation);
    else this.resum();
  }

  /** Removes a reservation (filled, released or expired). */
  unreserve(id: string): ReservationHolding {
    const r = this.reserved.get(id);
    if (r === undefined) throw new NotFoundError('reservationId', `no live reservation ${quote(id)}`, id);
    this.dropReservations([r]);
    return r;
  }

  /** Removes every reservation expired at `now`, in reservation order; O(1) when none is due. */
  expire(now: number): ReservationHolding[] {
    if (now < this.nextExpiry) return [];
    const due: ReservationHolding[] = [];
    for (const r of this.reserved.values()) if (r.expiresAt <= now) due.push(r);
    this.dropReservations(due);
    return due;
  }

  /** The ids of positions valued at 0 for want of a price, in book order. */
  unpricedIds(): string[] {
    const ids: string[] = [];
    for (const p of this.byId.values()) if (p.unit === 'quantity' && Number.isNaN(this.value(p))) ids.push(p.id);
    return ids;
  }

  /** The public, frozen copy of a position, valued now. */
  positionOf(h: Holding): Position {
    return Object.freeze(this.publicFields(h));
  }

  /** The public, frozen copy of a reservation, valued now. */
  reservationOf(r: ReservationHolding): Reservation {
    return Object.freeze({ ...this.publicFields(r), expiresAt: r.expiresAt });
  }

  /** What the API shows of a holding: `quantity` and `regime` only when it has them. */
  private publicFields(h: Holding): Position {
    return {
      id: h.id,
      symbol: h.symbol,
      side: h.side,
      size: this.value(h),
      ...(h.unit === 'quantity' ? { quantity: h.amount } : {}),
      ...(h.regime === undefined ? {} : { regime: h.regime }),
      strategy: h.strategy,
    };
  }

  /**
   * Everything the book holds, in its own orders: positions as opened, reservations as made,
   * symbols and regimes as they entered the book (a symbol whose holdings all closed and that
   * reopens goes last). The sums are not stored: they are a function of the holdings and the
   * prices (see the top of the file).
   */
  exportState(): BookState {
    return {
      positions: [...this.byId.values()],
      reservations: [...this.reserved.values()],
      symbolOrder: [...this.slots.keys()],
      regimeOrder: [...this.regimes.keys()],
      nextAutoId: this.nextAutoId,
      nextReservationId: this.nextReservationId,
    };
  }

  /** A book holding exactly `state`; throws a SnapshotError when its parts disagree. */
  static fromState(state: BookState, mode: PositionMode, prices: PriceBook): PositionBook {
    checkBookState(state, mode);
    const book = new PositionBook(mode, prices);
    for (const p of state.positions) {
      const position = Object.freeze({ ...p });
      book.byId.set(p.id, position);
      if (mode === 'netting') book.netPositions.set(p.symbol, position);
      if (p.unit === 'quantity') book.quantityHoldings += 1;
    }
    for (const r of state.reservations) {
      book.reserved.set(r.id, Object.freeze({ ...r }));
      if (r.unit === 'quantity') book.quantityHoldings += 1;
      if (r.expiresAt < book.nextExpiry) book.nextExpiry = r.expiresAt;
    }
    for (const name of state.symbolOrder) book.slots.set(name, new SymbolSlot(name));
    for (const name of state.regimeOrder) book.regimes.set(name, new Sum());
    book.resum();
    book.nextAutoId = state.nextAutoId;
    book.nextReservationId = state.nextReservationId;
    return book;
  }

  private dropReservations(gone: readonly ReservationHolding[]): void {
    if (gone.length === 0) return;
    for (const r of gone) {
      this.reserved.delete(r.id);
      if (r.unit === 'quantity') this.quantityHoldings -= 1;
    }
    this.nextExpiry = Number.POSITIVE_INFINITY;
    for (const r of this.reserved.values()) if (r.expiresAt < this.nextExpiry) this.nextExpiry = r.expiresAt;
    this.resum();
    for (const r of gone) this.leave(r);
  }

  /** Creates the symbol's and the regime's entries if new; true when the symbol entered the book. */
  private enter(h: Holding): boolean {
    if (h.regime !== undefined && !this.regimes.has(h.regime)) this.regimes.set(h.regime, new Sum());
    if (this.slots.has(h.symbol)) return false;
    this.slots.set(h.symbol, new SymbolSlot(h.symbol));
    this.symbolSetVersion += 1;
    return true;
  }

  /** Drops the symbol's and the regime's entries once nothing holds them (sums already recomputed). */
  private leave(h: Holding): void {
    if (this.slots.get(h.symbol)?.holdings === 0) {
      this.slots.delete(h.symbol);
      this.symbolSetVersion += 1;
    }
    if (h.regime !== undefined && this.regimes.get(h.regime)?.count === 0) this.regimes.delete(h.regime);
  }

  /** Hedge mode, after mark(): the sums are current, so adding one at the current prices keeps them so. */
  private append(h: Holding): void {
    this.sumsVersion += 1;
    this.accumulate(h);
    this.markedAt = this.prices.version;
  }

  /** Hedge mode: adds one holding to the sums of its symbol, side and regime (their entries exist). */
  private accumulate(h: Holding): void {
    const v = this.counted(h);
    const slot = this.slots.get(h.symbol)!;
    slot.holdings += 1;
    if (h.side === 'long') {
      slot.long += v;
      slot.longCount += 1;
      this.longSum.add(v);
    } else {
      slot.short += v;
      slot.shortCount += 1;
      this.shortSum.add(v);
    }
    if (h.regime !== undefined) this.regimes.get(h.regime)!.add(v);
  }

  /** What a holding adds to the sums: its value, or 0 (counted as unpriced) without a price. */
  private counted(h: Holding): number {
    const v = this.value(h);
    if (!Number.isNaN(v)) return v;
    this.unpriced += 1;
    return 0;
  }

  /** Netting mode: folds one holding into its symbol's signed net. */
  private fold(h: Holding): void {
    const v = this.counted(h);
    const slot = this.slots.get(h.symbol)!;
    slot.holdings += 1;
    if (h.regime !== undefined) this.regimes.get(h.regime)!.count += 1;
    const before = slot.net;
    const after = before + (h.side === 'long' ? v : -v);
    slot.net = after;
    // The net's regime is that of the holding that opened its current side.
    if (after !== 0 && (before === 0 || before > 0 !== after > 0)) slot.netRegime = h.regime;
  }

  /** Netting mode: one symbol's net into the side and regime sums. */
  private settle(slot: SymbolSlot): void {
    const net = slot.net;
    if (net === 0) return;
    if (net > 0) {
      slot.long = net;
      slot.longCount = 1;
      this.longSum.total += net;
    } else {
      slot.short = -net;
      slot.shortCount = 1;
      this.shortSum.total += -net;
    }
    if (slot.netRegime !== undefined) this.regimes.get(slot.netRegime)!.total += net > 0 ? net : -net;
  }

  /** Every sum afresh from the holdings, in book order, at the current prices; entries keep their places. */
  private resum(): void {
    this.sumsVersion += 1;
    for (const slot of this.slots.values()) {
      slot.long = slot.short = 0;
      slot.longCount = slot.shortCount = slot.holdings = 0;
      slot.net = 0;
      slot.netRegime = undefined;
    }
    for (const sum of this.regimes.values()) sum.clear();
    this.longSum.clear();
    this.shortSum.clear();
    this.unpriced = 0;
    if (this.mode === 'hedge') {
      for (const p of this.byId.values()) this.accumulate(p);
      for (const r of this.reserved.values()) this.accumulate(r);
    } else {
      for (const p of this.byId.values()) this.fold(p);
      for (const r of this.reserved.values()) this.fold(r);
      for (const slot of this.slots.values()) this.settle(slot);
    }
    this.markedAt = this.prices.version;
  }
}
