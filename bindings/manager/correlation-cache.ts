/**
 * Correlations of one symbol against every other symbol in the open book, cached per symbol.
 *
 * A row is current while its symbol's engine version and the book view's stamp are unchanged
 * (see book-view.ts), so a cached answer always equals a fresh one and costs no engine
 * correlation reads.
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
  selfVersion = ABSENT;
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
    let row = this.rows.get(symbol);
    if (row !== undefined && this.isCurrent(row)) {
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
    this.fill(row);
    return row;
  }

  /** Drops every row (tests compare against this; also frees memory after a symbol purge). */
  clear(): void {
    this.rows.clear();
  }

  private isCurrent(row: CorrelationRow): boolean {
    return this.view.source.symbolVersion(row.selfId) === row.selfVersion && this.view.isCurrent(row.stamp);
  }

  private fill(row: CorrelationRow): void {
    const { view } = this;
    const { source } = view;
    const { selfId } = row;
    row.selfVersion = selfId === ABSENT ? ABSENT : source.symbolVersion(selfId);
    view.stamp(row.stamp);
    let count = 0;
    let unknown: UnknownCorrelation[] | undefined;
    for (let k = 0; k < view.count; k++) {
      const slot = view.slot(k);
      if (slot.name === row.symbol) continue;
      const id = view.id(k);
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
      row.correlations[count] = correlation;
      row.observations[count] = observations;
      count += 1;
    }
    // Shrink so stale slots are not kept alive by the arrays.
    row.slots.length = row.correlations.length = row.observations.length = count;
    row.count = count;
    row.unknown = unknown === undefined ? NO_UNKNOWN : Object.freeze(unknown);
  }
}
