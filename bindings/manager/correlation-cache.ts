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
  /** `selfId`: the symbol's engine id, or ABSENT when the engine has no candles for it. */
  constructor(
    readonly symbol: string,
    readonly selfId: number,
  ) {}
}

export class CorrelationCache {
  private readonly rows = new Map<string, CorrelationRow>();
  /** The engine's answers for the whole book, index k for the book's k-th symbol. */
  private readonly bookCorrelations: number[] = [];
  private readonly bookObservations: number[] = [];
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
    const { selfId } = row;
    view.stamp(row.stamp, version);
    const n = view.count;
    const correlations = this.bookCorrelations;
    const observations = this.bookObservations;
    if (selfId !== ABSENT && n > 0) view.source.correlationsWith(selfId, view.ids(), n, correlations, observations);
    let count = 0;
    let unknown: UnknownCorrelation[] | undefined;
    for (let k = 0; k < n; k++) {
      const slot = view.slot(k);
      if (slot.name === row.symbol) continue;
      const correlation = selfId === ABSENT ? Number.NaN : correlations[k]!;
      const pairRows = selfId === ABSENT ? 0 : observations[k]!;
      if (Number.isNaN(correlation)) {
        (unknown ??= []).push(Object.freeze({ symbol: slot.name, observations: pairRows }));
      }
      row.slots[count] = slot;
      row.correlations[count] = correlation;
      row.observations[count] = pairRows;
      count += 1;
    }
    // Shrink so stale slots are not kept alive by the arrays.
    row.slots.length = row.correlations.length = row.observations.length = count;
    row.count = count;
    row.unknown = unknown === undefined ? NO_UNKNOWN : Object.freeze(unknown);
  }
}
