/**
 * The open book's covariance risk, per bar: weights w (signed notional / equity per symbol,
 * reservations included), wᵀΣw, Σw and each symbol's variance, computed by the core in one
 * call over the whole book and cached, with each proposed symbol's covariance column against
 * the book. Σ is current while the book holds the same symbols and the engine's epoch (bumped
 * by any change of candles) is unchanged: one core read per validation. The weights are read
 * from the book on every use; one changed weight is folded into wᵀΣw and Σw in O(P) (one
 * covariance column), anything else recomputes.
 */
import type { CovarianceCore } from '../../covariance-core.js';
import type { BookView } from '../book-view.js';
import { ABSENT } from '../correlation-source.js';
import type { PositionBook } from '../positions.js';

/** Folded updates between full computations (each adds a few ulps of rounding to the sums). */
const MAX_FOLDS = 32;

/** One symbol's covariance column against the book, for the Σ generation it was read in. */
export interface CovarianceColumn {
  generation: number;
  column: Float64Array;
  variance: number;
  unknownPairs: number;
  /** (Σw)ₖ for the symbol: the column times the weights of `weightsStamp`. */
  sum: number;
  weightsStamp: number;
}

export class BookRisk {
  private bookVersion = -1;
  private epoch = -1;
  /** The book's sums and the equity the weights were read at. */
  private sumsVersion = -1;
  private weightEquity = Number.NaN;
  /** Open symbols without candles when the risk book was listed: one may have gained an id since. */
  private absent = 0;
  /** The view index of each risk symbol (the risk book lists them by ascending engine id). */
  private viewIndex: number[] = [];
  /** Bumped whenever Σ is recomputed: cached columns of another generation are stale. */
  generation = 0;
  /** Bumped whenever a weight changes: a column's cached product with them is then stale. */
  private weightsStamp = 0;
  private indexOf = new Map<string, number>();
  private names: string[] = [];
  ids: number[] = [];
  weights: number[] = [];
  /** Σw per symbol, per-bar variance per symbol (NaN: unknown, left out). */
  sums = new Float64Array(0);
  variances = new Float64Array(0);
  /** wᵀΣw per bar. */
  total = 0;
  /** Pairs whose covariance was unknown and taken at correlation 1. */
  unknownPairs = 0;
  /** Open symbols whose own variance is unknown (left out of every risk number). */
  unknownVolatility: readonly string[] = [];
  /** Open symbols with candles: the risk book's size. */
  count = 0;
  /** Diagnostics for tests and benchmarks: full recomputations and O(P) folds of one changed weight. */
  recomputes = 0;
  folds = 0;
  private sinceRecompute = 0;
  private scratchWeights: number[] = [];
  private column = new Float64Array(0);
  private readonly columns = new Map<string, CovarianceColumn>();

  constructor(
    private readonly view: BookView,
    private readonly book: PositionBook,
    private readonly core: CovarianceCore,
  ) {}

  invalidate(): void {
    this.bookVersion = -1;
    this.columns.clear();
  }

  /** The engine's data version Σ is current for (the present one right after update). */
  get dataVersion(): number {
    return this.epoch;
  }

  /** The k-th risk symbol's name. */
  symbolAt(k: number): string {
    return this.names[k]!;
  }

  /** The traded symbol's place in the risk book, or −1. */
  indexOfSymbol(symbol: string): number {
    return this.indexOf.get(symbol) ?? -1;
  }

  /**
   * Brings Σ and the weights up to date for `equity`; returns this. `exact`: recompute if any
   * weight was folded in since the last computation, so that the numbers carry no fold's
   * rounding (the stats, which must not depend on the order the book was built in).
   */
  update(equity: number, exact = false): this {
    const { book } = this;
    book.mark();
    const epoch = this.core.epoch();
    if (this.bookVersion !== book.symbolSetVersion || this.epoch !== epoch || (exact && this.sinceRecompute > 0)) {
      this.recompute(equity, epoch);
      return this;
    }
    if (this.sumsVersion === book.sumsVersion && this.weightEquity === equity) return this;
    this.sumsVersion = book.sumsVersion;
    this.weightEquity = equity;
    const next = this.readWeights(equity);
    let changed = -1;
    let changes = 0;
    for (let k = 0; k < this.count; k++) if (!Object.is(next[k], this.weights[k])) { changed = k; changes += 1; }
    if (changes === 1 && !exact && this.sinceRecompute < MAX_FOLDS) this.fold(changed, next[changed]!);
    else if (changes > 0) this.recompute(equity, epoch);
    return this;
  }

  /** `symbol`'s covariance column against the book (engine id `id`), cached for this Σ. */
  columnOf(symbol: string, id: number): CovarianceColumn {
    let entry = this.columns.get(symbol);
    if (entry !== undefined && entry.generation === this.generation) return entry;
    if (entry === undefined || entry.column.length < this.count) {
      entry = { generation: -1, column: new Float64Array(this.count), variance: Number.NaN, unknownPairs: 0, sum: Number.NaN, weightsStamp: -1 };
      this.columns.set(symbol, entry);
    }
    const read = this.core.covarianceColumn(id, this.ids, this.count, entry.column);
    entry.generation = this.generation;
    entry.variance = read.variance;
    entry.unknownPairs = read.unknownPairs;
    entry.weightsStamp = -1;
    return entry;
  }

  /** (Σw)ₖ for a symbol outside the book: its current column times the weights, left to right. */
  columnDotWeights(entry: CovarianceColumn): number {
    if (entry.weightsStamp === this.weightsStamp) return entry.sum;
    const { column } = entry;
    const { weights } = this;
    let sum = 0;
    for (let m = 0; m < this.count; m++) sum += column[m]! * weights[m]!;
    entry.sum = sum;
    entry.weightsStamp = this.weightsStamp;
    return sum;
  }

  /** Weights in the order of the risk book (open symbols with candles, in book order). */
  private readWeights(equity: number): number[] {
    const next = this.scratchWeights;
    const { view, viewIndex } = this;
    for (let k = 0; k < viewIndex.length; k++) {
      const slot = view.slot(viewIndex[k]!);
      next[k] = (slot.long - slot.short) / equity;
    }
    next.length = viewIndex.length;
    return next;
  }

  /**
   * Lists the risk book: open symbols with candles, by ascending engine id (the order the
   * core's triangle is fastest to read in). Only when the book's symbols changed, or one
   * without candles may have gained them.
   */
  private list(): void {
    const { view } = this;
    view.sync();
    if (this.bookVersion === this.book.symbolSetVersion && this.absent === 0) return;
    const order: number[] = [];
    let absent = 0;
    for (let k = 0; k < view.count; k++) {
      if (view.id(k) === ABSENT) absent += 1;
      else order.push(k);
    }
    order.sort((a, b) => view.id(a) - view.id(b));
    this.viewIndex = order;
    this.absent = absent;
    this.names = order.map((k) => view.slot(k).name);
    this.ids = order.map((k) => view.id(k));
    this.indexOf = new Map(this.names.map((name, k) => [name, k]));
  }

  private recompute(equity: number, epoch: number): void {
    this.list();
    const { names, ids } = this;
    const p = ids.length;
    this.weights = this.readWeights(equity).slice();
    this.weightsStamp += 1;
    this.sumsVersion = this.book.sumsVersion;
    this.weightEquity = equity;
    if (this.sums.length < p) {
      this.sums = new Float64Array(p);
      this.variances = new Float64Array(p);
    }
    const { total, unknownPairs } = this.core.bookRisk(ids, this.weights, p, this.sums, this.variances);
    this.total = total;
    this.unknownPairs = unknownPairs;
    const unknown: string[] = [];
    for (let k = 0; k < p; k++) if (Number.isNaN(this.variances[k]!)) unknown.push(names[k]!);
    this.unknownVolatility = Object.freeze(unknown);
    this.count = p;
    this.bookVersion = this.book.symbolSetVersion;
    this.epoch = epoch;
    this.generation += 1;
    this.recomputes += 1;
    this.sinceRecompute = 0;
  }

  /**
   * One weight moved by δ: wᵀΣw gains δ(2(Σw)ₖ + δΣₖₖ) and Σw gains δ·Σ·eₖ, one covariance
   * column (O(P) core work, bounded for unknown pairs exactly as the full computation).
   */
  private fold(k: number, weight: number): void {
    const delta = weight - this.weights[k]!;
    const vk = this.variances[k]!;
    this.weights[k] = weight;
    this.weightsStamp += 1;
    this.folds += 1;
    this.sinceRecompute += 1;
    if (Number.isNaN(vk)) return; // left out of every sum
    this.total += delta * (2 * this.sums[k]! + delta * vk);
    const column = this.column.length < this.count ? (this.column = new Float64Array(this.count)) : this.column;
    this.core.covarianceColumn(this.ids[k]!, this.ids, this.count, column);
    for (let m = 0; m < this.count; m++) this.sums[m]! += delta * column[m]!;
  }
}
