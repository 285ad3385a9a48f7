/**
 * The position book: open positions by id (several per symbol, long and short) and the
 * exposures the caps read, kept up to date on every change so that a validation reads them in
 * O(1). Keyed by Map, never by object properties: symbol and regime names are user data.
 *
 * Every sum is, bit for bit, the left-to-right sum of the open positions' sizes in the order
 * they were opened. Opening a position adds its size at the end, which is exactly that; a
 * close or a resize recomputes the sums from the positions (O(open positions)), because
 * subtracting a size leaves rounding residue: 16,514.4 + 25,000 − 16,514.4 is not 25,000, and
 * a cap that is exactly full would then show a dust of headroom. So the exposures depend only
 * on the open book, never on its history, and a restored book has the very same sums.
 */
import { NotFoundError, ValidationError, quote } from '../errors.js';
import type { Position, Side } from './types.js';
import { checkBookState, type BookState } from './book-state.js';

/** Per-symbol aggregate. Identity is stable while the symbol stays in the book. */
export class SymbolSlot {
  long = 0;
  short = 0;
  longCount = 0;
  shortCount = 0;
  constructor(readonly name: string) {}
  get gross(): number { return this.long + this.short; }
  get count(): number { return this.longCount + this.shortCount; }
}

class Sum {
  total = 0;
  count = 0;
  add(size: number): void { this.total += size; this.count += 1; }
  clear(): void { this.total = 0; this.count = 0; }
}

export class PositionBook {
  private readonly byId = new Map<string, Position>();
  private readonly slots = new Map<string, SymbolSlot>();
  private readonly regimes = new Map<string, Sum>();
  private readonly longSum = new Sum();
  private readonly shortSum = new Sum();
  private nextAutoId = 1;
  /** Bumped by every change to any position. */
  version = 0;
  /** Bumped only when a symbol enters or leaves the book (what correlation caches read). */
  symbolSetVersion = 0;

  get size(): number { return this.byId.size; }
  has(id: string): boolean { return this.byId.has(id); }
  get(id: string): Position | undefined { return this.byId.get(id); }
  positions(): IterableIterator<Position> { return this.byId.values(); }
  symbolSlots(): IterableIterator<SymbolSlot> { return this.slots.values(); }
  slot(symbol: string): SymbolSlot | undefined { return this.slots.get(symbol); }

  symbolGross(symbol: string): number { return this.slots.get(symbol)?.gross ?? 0; }
  regimeGross(regime: string): number { return this.regimes.get(regime)?.total ?? 0; }
  directional(side: Side): number { return side === 'long' ? this.longSum.total : this.shortSum.total; }
  regimeEntries(): IterableIterator<[string, { readonly total: number }]> { return this.regimes.entries(); }

  /** Records a position (arguments already checked). Throws if `id` is taken. */
  add(id: string | undefined, symbol: string, side: Side, size: number, regime: string, strategy: string): Position {
    if (id !== undefined && this.byId.has(id)) {
      throw new ValidationError('id', `position ${quote(id)} is already open`, id);
    }
    const position: Position = Object.freeze({ id: id ?? this.freshId(), symbol, side, size, regime, strategy });
    this.byId.set(position.id, position);
    this.version += 1;
    if (!this.slots.has(symbol)) {
      this.slots.set(symbol, new SymbolSlot(symbol));
      this.symbolSetVersion += 1;
    }
    if (!this.regimes.has(regime)) this.regimes.set(regime, new Sum());
    this.accumulate(position);
    return position;
  }

  /** Removes one position by id. */
  remove(id: string): Position {
    const position = this.byId.get(id);
    if (position === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    this.byId.delete(id);
    this.version += 1;
    this.resum();
    if (this.slots.get(position.symbol)!.count === 0) {
      this.slots.delete(position.symbol);
      this.symbolSetVersion += 1;
    }
    if (this.regimes.get(position.regime)!.count === 0) this.regimes.delete(position.regime);
    return position;
  }

  /** The ids of a symbol's open positions, oldest first. */
  idsOfSymbol(symbol: string): string[] {
    const ids: string[] = [];
    for (const p of this.byId.values()) if (p.symbol === symbol) ids.push(p.id);
    return ids;
  }

  /** Replaces a position's size (> 0); returns the new record. It keeps its place in every order. */
  resize(id: string, size: number): Position {
    const before = this.byId.get(id);
    if (before === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    const after: Position = Object.freeze({ ...before, size });
    this.byId.set(id, after);
    this.version += 1;
    this.resum();
    return after;
  }

  /**
   * Everything the book holds, in its own orders: positions as opened, symbols and regimes as
   * they entered the book (a symbol whose positions all closed and that reopens goes last).
   * The sums are not stored: they are a function of the positions (see the top of the file).
   */
  exportState(): BookState {
    return {
      positions: [...this.byId.values()],
      symbolOrder: [...this.slots.keys()],
      regimeOrder: [...this.regimes.keys()],
      nextAutoId: this.nextAutoId,
    };
  }

  /** A book holding exactly `state`; throws a SnapshotError when its parts disagree. */
  static fromState(state: BookState): PositionBook {
    checkBookState(state);
    const book = new PositionBook();
    for (const p of state.positions) book.byId.set(p.id, Object.freeze({ ...p }));
    for (const name of state.symbolOrder) book.slots.set(name, new SymbolSlot(name));
    for (const name of state.regimeOrder) book.regimes.set(name, new Sum());
    book.resum();
    book.nextAutoId = state.nextAutoId;
    return book;
  }

  private freshId(): string {
    let id: string;
    do id = `p${this.nextAutoId++}`; while (this.byId.has(id));
    return id;
  }

  /** Adds one position to the sums of its symbol, side and regime (their entries exist). */
  private accumulate(p: Position): void {
    const slot = this.slots.get(p.symbol)!;
    if (p.side === 'long') {
      slot.long += p.size;
      slot.longCount += 1;
      this.longSum.add(p.size);
    } else {
      slot.short += p.size;
      slot.shortCount += 1;
      this.shortSum.add(p.size);
    }
    this.regimes.get(p.regime)!.add(p.size);
  }

  /** Every sum afresh from the open positions, in order; entries keep their places. */
  private resum(): void {
    for (const slot of this.slots.values()) {
      slot.long = slot.short = 0;
      slot.longCount = slot.shortCount = 0;
    }
    for (const sum of this.regimes.values()) sum.clear();
    this.longSum.clear();
    this.shortSum.clear();
    for (const p of this.byId.values()) this.accumulate(p);
  }
}
