/**
 * The open book's covariance risk, per bar: weights w (signed notional / equity per symbol,
 * reservations included), wᵀΣw, Σw and each symbol's variance, computed by the core in one
 * call over the whole book and cached. The cache is current while the book view's stamp is
 * (the same symbol set, and no open symbol's engine version changed: the keys the
 * correlation caches use) and the weights are the same numbers; a change of one weight is
 * folded in with O(P) work (one covariance column), anything else recomputes.
 */
import type { CovarianceCore } from '../../covariance-core.js';
import { BookStamp, type BookView } from '../book-view.js';
import { ABSENT } from '../correlation-source.js';

/** Folded updates between full computations (each adds a few ulps of rounding to the sums). */
const MAX_FOLDS = 32;

export class BookRisk {
  private readonly stamp = new BookStamp();
  /** Open symbols with an engine id, in book order: their view index, id and weight. */
  private indices: number[] = [];
  ids: number[] = [];
  weights: number[] = [];
  /** Σw per symbol, per-bar variance per symbol (NaN: unknown, left out). */
  sums = new Float64Array(0);
  variances = new Float64Array(0);
  /** wᵀΣw per bar. */
  total = 0;
  /** Pairs whose covariance was unknown and taken at correlation 1. */
  unknownPairs = 0;
  /** Open symbols without candles (no variance): left out of every risk number. */
  count = 0;
  private valid = false;
  /** Diagnostics for benchmarks: full recomputations and O(P) folds of one changed weight. */
  recomputes = 0;
  folds = 0;
  private scratchWeights: number[] = [];

  constructor(
    private readonly view: BookView,
    private readonly core: CovarianceCore,
  ) {}

  invalidate(): void {
    this.valid = false;
  }

  /** The k-th risk symbol's name. */
  symbolAt(k: number): string {
    return this.view.slot(this.indices[k]!).name;
  }

  /** Brings the cache up to date for `equity`; returns this. */
  update(equity: number): this {
    const view = this.view;
    const stampCurrent = this.valid && view.isCurrent(this.stamp);
    if (!stampCurrent) view.stamp(this.stamp);
    // Weights as the book holds them now, in the order of the cached ids.
    const next = this.scratchWeights;
    let p = 0;
    for (let k = 0; k < view.count; k++) {
      if (view.id(k) === ABSENT) continue;
      const slot = view.slot(k);
      next[p++] = (slot.long - slot.short) / equity;
    }
    next.length = p;
    if (stampCurrent && p === this.count) {
      let changed = -1;
      let changes = 0;
      for (let k = 0; k < p; k++) if (!Object.is(next[k], this.weights[k])) { changed = k; changes += 1; }
      if (changes === 0) return this;
      if (changes === 1 && this.sinceRecompute < MAX_FOLDS) {
        this.fold(changed, next[changed]!);
        return this;
      }
    }
    this.recompute(p, next);
    return this;
  }

  private recompute(p: number, next: readonly number[]): void {
    const view = this.view;
    const indices: number[] = [];
    const ids: number[] = [];
    for (let k = 0; k < view.count; k++) {
      const id = view.id(k);
      if (id === ABSENT) continue;
      indices.push(k);
      ids.push(id);
    }
    this.indices = indices;
    this.ids = ids;
    this.weights = next.slice();
    if (this.sums.length < p) {
      this.sums = new Float64Array(p);
      this.variances = new Float64Array(p);
    }
    const { total, unknownPairs } = this.core.bookRisk(ids, this.weights, p, this.sums, this.variances);
    this.total = total;
    this.unknownPairs = unknownPairs;
    this.count = p;
    this.valid = true;
    this.recomputes += 1;
    this.sinceRecompute = 0;
  }

  /**
   * One weight moved by δ: wᵀΣw gains 2δ(Σw)ₖ + δ²Σₖₖ and Σw gains δ·Σ·eₖ, one covariance
   * column (O(P) core work). The column comes from the same bounding as the full computation, so a
   * pair unknown here is bounded exactly as the full computation bounds it.
   */
  private fold(k: number, weight: number): void {
    const delta = weight - this.weights[k]!;
    const vk = this.variances[k]!;
    this.weights[k] = weight;
    this.folds += 1;
    this.sinceRecompute += 1;
    if (Number.isNaN(vk)) return; // left out of every sum
    this.total += delta * (2 * this.sums[k]! + delta * vk);
    const column = this.column.length < this.count ? (this.column = new Float64Array(this.count)) : this.column;
    this.core.covarianceColumn(this.ids[k]!, this.ids, this.count, column);
    for (let m = 0; m < this.count; m++) this.sums[m]! += delta * column[m]!;
  }

  private column = new Float64Array(0);
  /** Folds since the last full computation: rounding in the folded sums stays bounded by a periodic recompute. */
  private sinceRecompute = 0;
}
