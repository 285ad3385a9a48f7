/**
 * The stats' `maxCorrelation`: the highest raw pairwise correlation among the symbols of the
 * open book (NaN when no pair is known). O(S²) pairs for S open symbols, computed in one
 * engine call and cached under the book view's stamp, as the per-symbol rows are (see
 * book-view.ts).
 */
import { BookStamp, type BookView } from './book-view.js';

export class BookMaxCorrelation {
  private readonly stamp = new BookStamp();
  private value = Number.NaN;

  constructor(private readonly view: BookView) {}

  get(): number {
    const { view } = this;
    const version = view.dataVersion();
    if (!view.isCurrent(this.stamp, version)) {
      view.stamp(this.stamp, version);
      // NaN pairs are unknown, not small: they never become the maximum.
      this.value = view.count < 2 ? Number.NaN : view.source.maxCorrelation(view.ids(), view.count);
    }
    return this.value;
  }

  clear(): void {
    this.stamp.invalidate();
  }
}
