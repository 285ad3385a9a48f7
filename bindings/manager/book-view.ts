/**
 * The open book as the correlation caches read it: its symbols in book order, each resolved
 * to its engine id (ABSENT while the engine has no candles for it), and stamps that say
 * whether what a cache computed from them is still current.
 *
 * A stamp is current while the book holds the same set of symbols (`symbolSetVersion`; sides
 * and sizes are read live, so they need no stamp) and the engine's data version is unchanged:
 * it moves whenever any correlation or pair count may have changed, a symbol's first candles
 * included. Checking that is one read, whatever the size of the book, so a cached answer
 * always equals a fresh one at the cost of a single call.
 *
 * One view serves every cache of a manager: the names are resolved once per change of the
 * book, and an id, once the engine gives it out, never changes.
 */
import type { PositionBook, SymbolSlot } from './positions.js';
import { ABSENT, resolveId, type CorrelationSource } from './correlation-source.js';

/** What a cached answer was computed from. */
export class BookStamp {
  bookVersion = -1;
  dataVersion = Number.NaN;

  /** Makes the stamp current for nothing, so the next read recomputes. */
  invalidate(): void {
    this.bookVersion = -1;
  }
}

export class BookView {
  private syncedVersion = -1;
  private readonly slots: SymbolSlot[] = [];
  private readonly engineIds: number[] = [];

  constructor(
    readonly source: CorrelationSource,
    private readonly book: PositionBook,
  ) {}

  /** Open symbols as of the last `stamp()`. */
  get count(): number {
    return this.slots.length;
  }

  /** The k-th open symbol as of the last `stamp()`. */
  slot(k: number): SymbolSlot {
    return this.slots[k]!;
  }

  /** The k-th open symbol's engine id, or ABSENT while the engine has no candles for it. */
  id(k: number): number {
    let id = this.engineIds[k]!;
    if (id === ABSENT) {
      id = resolveId(this.source, this.slots[k]!.name);
      this.engineIds[k] = id;
    }
    return id;
  }

  /** Every open symbol's engine id, in book order, as of the last `stamp()` (ABSENT ones resolved again). */
  ids(): readonly number[] {
    for (let k = 0; k < this.slots.length; k++) if (this.engineIds[k] === ABSENT) this.id(k);
    return this.engineIds;
  }

  /** The engine's data version now (one call): pass it to isCurrent and stamp. */
  dataVersion(): number {
    return this.source.dataVersion();
  }

  /**
   * Records into `stamp` what the book holds now and `dataVersion` (read just before, with
   * nothing changed since); read slot(k), id(k) and ids() after it.
   */
  stamp(stamp: BookStamp, dataVersion: number): void {
    this.sync();
    stamp.bookVersion = this.book.symbolSetVersion;
    stamp.dataVersion = dataVersion;
  }

  /** True while nothing recorded in `stamp` has changed (`dataVersion`: read just before). */
  isCurrent(stamp: BookStamp, dataVersion: number): boolean {
    return stamp.bookVersion === this.book.symbolSetVersion && stamp.dataVersion === dataVersion;
  }

  /** Brings the symbols and ids up to date with the book (no engine reads beyond new ids). */
  sync(): void {
    if (this.syncedVersion === this.book.symbolSetVersion) return;
    this.syncedVersion = this.book.symbolSetVersion;
    let n = 0;
    for (const slot of this.book.symbolSlots()) {
      // Ids are final once given: keep a resolved one when the symbol stays in place.
      if (this.slots[n] !== slot) {
        this.slots[n] = slot;
        this.engineIds[n] = ABSENT;
      }
      n += 1;
    }
    // Shrink so that closed symbols' slots are not kept alive.
    this.slots.length = this.engineIds.length = n;
  }
}
