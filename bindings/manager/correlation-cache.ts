/**
 * Correlations of one symbol against every other symbol in the open book, cached per symbol.
 *
 * A row is current while the engine's data version and the book view's stamp are unchanged
 * (see book-view.ts), so a cached answer always equals a fresh one and costs one engine read;
 * a stale row is recomputed with one engine call for the whole book.
 *
 * Rows are kept only for symbols the engine holds candles for, so there are at most
 * `maxSymbols` of them however many names are validated. A symbol without candles has no
 * correlation to cache (every pair is unknown): its row is built for the one answer and
 * dropped, and a bot that dry-runs a million made-up symbols keeps no memory for them.
 */
import type { SymbolSlot } from './positions.js';
import type { UnknownCorrelation } from './types.js';
import { ABSENT, resolveId } from './correlation-source.js';
import { BookStamp, type BookView } from './book-view.js';

const NO_UNKNOWN: readonly UnknownCorrelation[] = Object.freeze([]);

/** The open book as seen from one symbol. Read-only for callers. */
export class CorrelationRow {
  readonly stamp = new BookStamp();
  count = 0;
  slots: SymbolSlot[] = [];
  /** Raw correlation per slot, NaN when unknown. */
  correlations: number[] = [];
  observations: number[] = [];
  /** Frozen and shared between answers, so handing it out allocates nothing. */
  unknown: readonly UnknownCorrelation[] = NO_UNKNOWN;
  /** Each slot's engine id (ABSENT without candles), listed when the book's symbols last changed. */
  ids: number[] = [];
  /** The book version the slots were listed at, and how many of them had no engine id then. */
  listedAt = -1;
  absent = 0;
  /** `selfId`: the symbol's engine id, or ABSENT when the engine has no candles for it. */
  constructor(
    readonly symbol: string,
    readonly selfId: number,
  ) {}
}

export class CorrelationCache {
  private readonly rows = new Map<string, CorrelationRow>();
  /** Diagnostics for benchmarks: how often a row had to be recomputed. */
  hits = 0;
  misses = 0;

  constructor(private readonly view: BookView) {}

  /** Rows held: at most one per symbol the engine knows. */
  get size(): number {
    return this.rows.size;
  }

  /** The current row for `symbol`, recomputed only when something it read has changed. */
  get(symbol: string): CorrelationRow {
    const version = this.view.dataVersion();
    let row = this.rows.get(symbol);
    if (row !== undefined && this.view.isCurrent(row.stamp, version)) {
      this.hits += 1;
      return row;
    }
    this.misses += 1;
    if (row === undefined) {
      // Ids are final once given, so a kept row's selfId never goes stale.
      const selfId = resolveId(this.view.source, symbol);
      row = new CorrelationRow(symbol, selfId);
      if (selfId !== ABSENT) this.rows.set(symbol, row);
    }
    this.fill(row, version);
    return row;
  }

  /** Drops every row (tests compare against this; also frees memory after a symbol purge). */
  clear(): void {
    this.rows.clear();
  }

  private fill(row: CorrelationRow, version: number): void {
    const { view } = this;
    view.stamp(row.stamp, version);
    // The slots change only with the book's symbols (or when an absent one gets candles).
    if (row.listedAt !== row.stamp.bookVersion || row.absent > 0) this.list(row);
    const { count, correlations, observations } = row;
    if (row.selfId !== ABSENT && count > 0) {
      view.source.correlationsWith(row.selfId, row.ids, count, correlations, observations);
    } else {
      correlations.fill(Number.NaN);
      observations.fill(0);
    }
    let unknown: UnknownCorrelation[] | undefined;
    for (let k = 0; k < count; k++) {
      if (Number.isNaN(correlations[k]!)) {
        (unknown ??= []).push(Object.freeze({ symbol: row.slots[k]!.name, observations: observations[k]! }));
      }
    }
    row.unknown = unknown === undefined ? NO_UNKNOWN : Object.freeze(unknown);
  }

  /** Lists the open symbols other than the row's own, with their engine ids. */
  private list(row: CorrelationRow): void {
    const { view } = this;
    const n = view.count;
    let count = 0;
    let absent = 0;
    for (let k = 0; k < n; k++) {
      const slot = view.slot(k);
      const id = view.id(k);
      // Ids name symbols one to one: comparing them spares a string comparison per slot.
      if (row.selfId !== ABSENT ? id === row.selfId : slot.name === row.symbol) continue;
      row.slots[count] = slot;
      row.ids[count] = id;
      if (id === ABSENT) absent += 1;
      count += 1;
    }
    // Shrink so stale slots are not kept alive by the arrays; the answers start packed and whole.
    row.slots.length = row.ids.length = count;
    row.correlations = Array.from({ length: count }, () => Number.NaN);
    row.observations = Array.from({ length: count }, () => 0);
    row.count = count;
    row.listedAt = row.stamp.bookVersion;
    row.absent = absent;
  }
}
