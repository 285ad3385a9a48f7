/**
 * Correlations of one symbol against every other symbol in the open book, cached per symbol.
 *
 * An entry is current while (a) the book holds the same set of symbols (`symbolSetVersion`;
 * sides and sizes are read live, so they need no key) and (b) the engine's `symbolVersion`
 * of the symbol and of every symbol read is unchanged (a symbol still absent from the engine
 * must still be absent). Checking that is O(open symbols) lookups and allocates nothing, so
 * a cached answer always equals a fresh one and costs no engine correlation reads.
 */
import type { SymbolSlot, PositionBook } from './positions.js';
import type { UnknownCorrelation } from './types.js';
import { ABSENT, resolveId, type CorrelationSource } from './correlation-source.js';

const NO_UNKNOWN: readonly UnknownCorrelation[] = Object.freeze([]);

/** The open book as seen from one symbol. Read-only for callers. */
export class CorrelationRow {
  selfId = ABSENT;
  selfVersion = ABSENT;
  bookVersion = -1;
  count = 0;
  slots: SymbolSlot[] = [];
  ids: number[] = [];
  versions: number[] = [];
  /** Raw correlation per slot, NaN when unknown. */
  correlations: number[] = [];
  observations: number[] = [];
  /** Frozen and shared between answers, so handing it out allocates nothing. */
  unknown: readonly UnknownCorrelation[] = NO_UNKNOWN;
  constructor(readonly symbol: string) {}
}

export class CorrelationCache {
  private readonly rows = new Map<string, CorrelationRow>();
  /** Diagnostics for benchmarks: how often a row had to be recomputed. */
  hits = 0;
  misses = 0;

  constructor(
    private readonly source: CorrelationSource,
    private readonly book: PositionBook,
  ) {}

  /** The current row for `symbol`, recomputed only when something it read has changed. */
  get(symbol: string): CorrelationRow {
    let row = this.rows.get(symbol);
    if (row === undefined) {
      row = new CorrelationRow(symbol);
      this.rows.set(symbol, row);
    } else if (this.isCurrent(row)) {
      this.hits += 1;
      return row;
    }
    this.misses += 1;
    this.fill(row);
    return row;
  }

  /** Drops every row (tests compare against this; also frees memory after a symbol purge). */
  clear(): void {
    this.rows.clear();
  }

  private versionOf(id: number, name: string): number {
    if (id !== ABSENT) return this.source.symbolVersion(id);
    // Absent stays ABSENT until the engine learns the symbol; then the row must refill.
    return this.source.symbolId(name) === undefined ? ABSENT : Number.NaN;
  }

  private isCurrent(row: CorrelationRow): boolean {
    if (row.bookVersion !== this.book.symbolSetVersion) return false;
    if (this.versionOf(row.selfId, row.symbol) !== row.selfVersion) return false;
    for (let k = 0; k < row.count; k++) {
      if (this.versionOf(row.ids[k]!, row.slots[k]!.name) !== row.versions[k]) return false;
    }
    return true;
  }

  private fill(row: CorrelationRow): void {
    const { source } = this;
    const selfId = resolveId(source, row.symbol);
    row.selfId = selfId;
    row.selfVersion = selfId === ABSENT ? ABSENT : source.symbolVersion(selfId);
    row.bookVersion = this.book.symbolSetVersion;
    let count = 0;
    let unknown: UnknownCorrelation[] | undefined;
    for (const slot of this.book.symbolSlots()) {
      if (slot.name === row.symbol) continue;
      const id = resolveId(source, slot.name);
      let correlation = Number.NaN;
      let observations = 0;
      if (id !== ABSENT && selfId !== ABSENT) {
        correlation = source.correlationById(selfId, id);
        observations = source.pairObservationsById(selfId, id);
      }
      if (Number.isNaN(correlation)) {
        (unknown ??= []).push(Object.freeze({ symbol: slot.name, observations }));
      }
      row.slots[count] = slot;
      row.ids[count] = id;
      row.versions[count] = id === ABSENT ? ABSENT : source.symbolVersion(id);
      row.correlations[count] = correlation;
      row.observations[count] = observations;
      count += 1;
    }
    // Shrink so stale slots are not kept alive by the arrays.
    row.slots.length = row.ids.length = row.versions.length = count;
    row.correlations.length = row.observations.length = count;
    row.count = count;
    row.unknown = unknown === undefined ? NO_UNKNOWN : Object.freeze(unknown);
  }
}
