/**
 * The open book as the correlation caches read it: its symbols in book order, each resolved
 * to its engine id (ABSENT while the engine has no candles for it), and stamps that say
 * whether what a cache computed from them is still current.
 *
 * A stamp is current while the book holds the same set of symbols (`symbolSetVersion`; sides
 * and sizes are read live, so they need no stamp) and the engine's `symbolVersion` of every
 * open symbol is unchanged (an absent symbol must still be absent). Checking that is O(open
 * symbols) lookups and allocates nothing, so a cached answer always equals a fresh one.
 *
 * One view serves every cache of a manager: the names are resolved once per change of the
 * book, and an id, once the engine gives it out, never changes.
 */
import type { PositionBook, SymbolSlot } from './positions.js';
import { ABSENT, resolveId, type CorrelationSource } from './correlation-source.js';

/** What a cached answer was computed from. */
export class BookStamp {
  bookVersion = -1;
  /** The engine version of each open symbol, in book order; ABSENT for one without candles. */
  readonly versions: number[] = [];

  /** Makes the stamp current for nothing, so the next read recomputes. */
  invalidate(): void {
    this.bookVersion = -1;
  }
}

export class BookView {
  private syncedVersion = -1;
  private readonly slots: SymbolSlot[] = [];
  private readonly ids: number[] = [];

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
    let id = this.ids[k]!;
    if (id === ABSENT) {
      id = resolveId(this.source, this.slots[k]!.name);
      this.ids[k] = id;
    }
    return id;
  }

  /** Records into `stamp` what the book and the engine hold now; read slot(k) and id(k) after it. */
  stamp(stamp: BookStamp): void {
    this.sync();
    stamp.bookVersion = this.book.symbolSetVersion;
    const n = this.slots.length;
    for (let k = 0; k < n; k++) stamp.versions[k] = this.versionOf(k);
    stamp.versions.length = n;
  }

  /** True while nothing recorded in `stamp` has changed. */
  isCurrent(stamp: BookStamp): boolean {
    if (stamp.bookVersion !== this.book.symbolSetVersion) return false;
    this.sync();
    const n = this.slots.length;
    for (let k = 0; k < n; k++) {
      const recorded = stamp.versions[k]!;
      const id = this.id(k);
      // Absent must still be absent, whatever number the engine's versions start from.
      if (id === ABSENT ? recorded !== ABSENT : recorded === ABSENT || this.source.symbolVersion(id) !== recorded) return false;
    }
    return true;
  }

  private versionOf(k: number): number {
    const id = this.id(k);
    return id === ABSENT ? ABSENT : this.source.symbolVersion(id);
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
        this.ids[n] = ABSENT;
      }
      n += 1;
    }
    // Shrink so that closed symbols' slots are not kept alive.
    this.slots.length = this.ids.length = n;
  }
}
