/**
 * The stats' `maxCorrelation`: the highest raw pairwise correlation among the symbols of the
 * open book (NaN when no pair is known). O(S²) engine reads for S open symbols, so it is
 * cached under the same keys as the per-symbol rows: the book's symbol set and the engine
 * version of every symbol in it.
 */
import type { PositionBook } from './positions.js';
import { ABSENT, resolveId, type CorrelationSource } from './correlation-source.js';

export class BookMaxCorrelation {
  private bookVersion = -1;
  private names: string[] = [];
  private ids: number[] = [];
  private versions: number[] = [];
  private value = Number.NaN;

  constructor(
    private readonly source: CorrelationSource,
    private readonly book: PositionBook,
  ) {}

  get(): number {
    if (!this.isCurrent()) this.recompute();
    return this.value;
  }

  clear(): void {
    this.bookVersion = -1;
  }

  private versionOf(k: number): number {
    const id = this.ids[k]!;
    if (id !== ABSENT) return this.source.symbolVersion(id);
    return this.source.symbolId(this.names[k]!) === undefined ? ABSENT : Number.NaN;
  }

  private isCurrent(): boolean {
    if (this.bookVersion !== this.book.symbolSetVersion) return false;
    for (let k = 0; k < this.ids.length; k++) {
      if (this.versionOf(k) !== this.versions[k]) return false;
    }
    return true;
  }

  private recompute(): void {
    const { source } = this;
    this.bookVersion = this.book.symbolSetVersion;
    this.names = [];
    this.ids = [];
    this.versions = [];
    for (const slot of this.book.symbolSlots()) {
      const id = resolveId(source, slot.name);
      this.names.push(slot.name);
      this.ids.push(id);
      this.versions.push(id === ABSENT ? ABSENT : source.symbolVersion(id));
    }
    let best = Number.NaN;
    for (let a = 0; a < this.ids.length; a++) {
      const i = this.ids[a]!;
      if (i === ABSENT) continue;
      for (let b = a + 1; b < this.ids.length; b++) {
        const j = this.ids[b]!;
        if (j === ABSENT) continue;
        const r = source.correlationById(i, j);
        // NaN pairs are unknown, not small: they never become the maximum.
        if (!Number.isNaN(r) && !(r <= best)) best = r;
      }
    }
    this.value = best;
  }
}
