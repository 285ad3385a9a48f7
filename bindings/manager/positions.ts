/**
 * The position book: open positions by id (several per symbol, long and short) and the
 * exposures the caps read, kept up to date on every change so that a validation reads them in
 * O(1). Keyed by Map, never by object properties: symbol and regime names are user data.
 *
 * Running sums collect rounding residue as positions come and go; each sum carries its count
 * and restarts from exactly 0 when its last position leaves, so the residue never outlives
 * the positions that caused it.
 */
import { NotFoundError, ValidationError, quote } from '../errors.js';
import type { Position, Side } from './types.js';

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
  remove(size: number): void {
    this.count -= 1;
    this.total = this.count === 0 ? 0 : this.total - size;
  }
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
    this.account(position, +1);
    return position;
  }

  /** Removes one position by id. */
  remove(id: string): Position {
    const position = this.byId.get(id);
    if (position === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    this.byId.delete(id);
    this.account(position, -1);
    return position;
  }

  /** The ids of a symbol's open positions, oldest first. */
  idsOfSymbol(symbol: string): string[] {
    const ids: string[] = [];
    for (const p of this.byId.values()) if (p.symbol === symbol) ids.push(p.id);
    return ids;
  }

  /** Replaces a position's size (> 0); returns the new record. */
  resize(id: string, size: number): Position {
    const before = this.byId.get(id);
    if (before === undefined) throw new NotFoundError('id', `no open position ${quote(id)}`, id);
    const after: Position = Object.freeze({ ...before, size });
    // Remove-then-add keeps every sum's count right; the symbol never leaves the book here.
    this.account(before, -1, false);
    this.byId.set(id, after);
    this.account(after, +1, false);
    return after;
  }

  private freshId(): string {
    let id: string;
    do id = `p${this.nextAutoId++}`; while (this.byId.has(id));
    return id;
  }

  private account(p: Position, sign: 1 | -1, mayChangeSymbolSet = true): void {
    this.version += 1;
    let slot = this.slots.get(p.symbol);
    if (slot === undefined) {
      slot = new SymbolSlot(p.symbol);
      this.slots.set(p.symbol, slot);
      if (mayChangeSymbolSet) this.symbolSetVersion += 1;
    }
    let regime = this.regimes.get(p.regime);
    if (regime === undefined) {
      regime = new Sum();
      this.regimes.set(p.regime, regime);
    }
    const direction = p.side === 'long' ? this.longSum : this.shortSum;
    if (sign > 0) {
      if (p.side === 'long') { slot.long += p.size; slot.longCount += 1; } else { slot.short += p.size; slot.shortCount += 1; }
      regime.add(p.size);
      direction.add(p.size);
      return;
    }
    if (p.side === 'long') {
      slot.longCount -= 1;
      slot.long = slot.longCount === 0 ? 0 : slot.long - p.size;
    } else {
      slot.shortCount -= 1;
      slot.short = slot.shortCount === 0 ? 0 : slot.short - p.size;
    }
    regime.remove(p.size);
    direction.remove(p.size);
    if (regime.count === 0) this.regimes.delete(p.regime);
    if (slot.count === 0 && mayChangeSymbolSet) {
      this.slots.delete(p.symbol);
      this.symbolSetVersion += 1;
    }
  }
}
