/**
 * The model's market data: every candle ever received, per symbol, in arrival order (a later
 * close for the same bar wins), and the union of all their timestamps. Correlations come from
 * the two-pass reference over the aligned grid (test/reference/pearson-reference.ts), rebuilt
 * from scratch whenever a candle arrived: no rings, no eviction, nothing incremental.
 *
 * The engine keeps only the newest W+1 rows of that union; the model derives what it needs
 * from the definition instead: a candle is "too old" exactly when the union already has
 * W+1 rows newer than it (the row could never reach the window), and the reference agrees on
 * correlations whether or not such candles are kept, since they lie outside the window.
 */
import { referenceAll, SeriesRecorder, type ReferenceResult } from '../reference/pearson-reference.js';

export interface IngestCounts {
  appended: number;
  inserted: number;
  filled: number;
  revised: number;
  unchanged: number;
  ignoredTooOld: number;
}

export class CandleModel {
  private readonly recorder = new SeriesRecorder();
  private readonly closes = new Map<string, Map<number, number>>();
  /** Every timestamp ever received, sorted. */
  private union: number[] = [];
  private cache: ReferenceResult | null = null;

  constructor(
    readonly window: number,
    readonly minPeriods: number,
  ) {}

  /** Symbols in the order they first received candles (the engine's id order). */
  get symbols(): readonly string[] {
    return this.recorder.order;
  }

  /** The bars a symbol has a close for (none for a symbol never sent). */
  timestamps(symbol: string): Iterable<number> {
    return this.closes.get(symbol)?.keys() ?? [];
  }

  /** Candles already checked (timestamps strictly increasing). */
  ingest(symbol: string, candles: readonly (readonly [number, number])[]): IngestCounts {
    const counts: IngestCounts = { appended: 0, inserted: 0, filled: 0, revised: 0, unchanged: 0, ignoredTooOld: 0 };
    let own = this.closes.get(symbol);
    if (own === undefined) {
      own = new Map();
      this.closes.set(symbol, own);
    }
    const stored: [number, number][] = [];
    for (const [ts, close] of candles) {
      const rows = this.union.length;
      const keptFrom = Math.max(0, rows - (this.window + 1));
      const known = this.union.includes(ts);
      if (known && ts >= this.union[keptFrom]!) {
        const before = own.get(ts);
        if (before === undefined) counts.filled += 1;
        else if (before === close) counts.unchanged += 1;
        else counts.revised += 1;
      } else if (rows === 0 || ts > this.union[rows - 1]!) {
        counts.appended += 1;
        counts.filled += 1;
      } else if (rows >= this.window + 1 && ts < this.union[keptFrom]!) {
        counts.ignoredTooOld += 1;
        continue; // never stored: a later re-send of this bar is too old as well
      } else {
        counts.inserted += 1;
        counts.filled += 1;
      }
      if (!known) this.union = [...this.union, ts].sort((a, b) => a - b);
      own.set(ts, close);
      stored.push([ts, close]);
    }
    this.recorder.add(symbol, stored);
    this.cache = null;
    return counts;
  }

  /** NaN when unknown (a symbol without candles, too few shared bars, a degenerate window). */
  correlation(a: string, b: string): number {
    const ref = this.reference();
    const i = ref.symbols.indexOf(a);
    const j = ref.symbols.indexOf(b);
    return i < 0 || j < 0 ? Number.NaN : ref.matrix[i * ref.symbols.length + j]!;
  }

  observations(a: string, b: string): number {
    const ref = this.reference();
    const i = ref.symbols.indexOf(a);
    const j = ref.symbols.indexOf(b);
    return i < 0 || j < 0 ? 0 : ref.counts[i * ref.symbols.length + j]!;
  }

  private reference(): ReferenceResult {
    this.cache ??= referenceAll(this.recorder.series, this.recorder.order, this.window, this.minPeriods);
    return this.cache;
  }
}
