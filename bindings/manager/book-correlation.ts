/**
 * The stats' `maxCorrelation`: the highest raw pairwise correlation among the symbols of the
 * open book (NaN when no pair is known). O(S²) engine reads for S open symbols, so it is
 * cached under the book view's stamp, as the per-symbol rows are (see book-view.ts).
 */
import { ABSENT } from './correlation-source.js';
import { BookStamp, type BookView } from './book-view.js';

export class BookMaxCorrelation {
  private readonly stamp = new BookStamp();
  private value = Number.NaN;

  constructor(private readonly view: BookView) {}

  get(): number {
    if (!this.view.isCurrent(this.stamp)) this.recompute();
    return this.value;
  }

  clear(): void {
    this.stamp.invalidate();
  }

  private recompute(): void {
    const { view } = this;
    view.stamp(this.stamp);
    const n = view.count;
    let best = Number.NaN;
    for (let a = 0; a < n; a++) {
      const i = view.id(a);
      if (i === ABSENT) continue;
      for (let b = a + 1; b < n; b++) {
        const j = view.id(b);
        if (j === ABSENT) continue;
        const r = view.source.correlationById(i, j);
        // NaN pairs are unknown, not small: they never become the maximum.
        if (!Number.isNaN(r) && !(r <= best)) best = r;
      }
    }
    this.value = best;
  }
}
