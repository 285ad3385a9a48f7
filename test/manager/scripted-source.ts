/** A correlation source whose symbols, correlations and versions a test sets by hand, and a small book read through it. */
import { BookView } from '../../bindings/manager/book-view.js';
import type { CorrelationSource } from '../../bindings/manager/correlation-source.js';
import { PositionBook, type Holding } from '../../bindings/manager/positions.js';
import { PriceBook } from '../../bindings/manager/prices.js';
import type { Side } from '../../bindings/manager/types.js';

export class ScriptedSource implements CorrelationSource {
  readonly ids = new Map<string, number>();
  readonly corr = new Map<string, number>();
  readonly versions: number[] = [];
  reads = 0;
  add(name: string): number {
    const id = this.ids.size;
    this.ids.set(name, id);
    this.versions.push(0);
    return id;
  }
  set(a: string, b: string, r: number): void {
    const i = this.ids.get(a)!;
    const j = this.ids.get(b)!;
    this.corr.set(`${Math.min(i, j)}:${Math.max(i, j)}`, r);
    this.versions[i]! += 1;
    this.versions[j]! += 1;
  }
  symbolId(name: string) { return this.ids.get(name); }
  correlationById(i: number, j: number) {
    this.reads += 1;
    return this.corr.get(`${Math.min(i, j)}:${Math.max(i, j)}`) ?? Number.NaN;
  }
  pairObservationsById(i: number, j: number) { return this.corr.has(`${Math.min(i, j)}:${Math.max(i, j)}`) ? 50 : 3; }
  symbolVersion(id: number) { return this.versions[id]!; }
  /** Moves with every symbol added and every version bumped. */
  dataVersion() { return this.ids.size + this.versions.reduce((a, v) => a + v, 0); }
  correlationsWith(self: number, ids: readonly number[], count: number, correlations: number[], observations: number[]) {
    for (let k = 0; k < count; k++) {
      const j = ids[k]!;
      correlations[k] = j < 0 ? Number.NaN : this.correlationById(self, j);
      observations[k] = j < 0 ? 0 : this.pairObservationsById(self, j);
    }
  }
  maxCorrelation(ids: readonly number[], count: number) {
    let best = Number.NaN;
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        if (ids[a]! < 0 || ids[b]! < 0) continue;
        const r = this.correlationById(ids[a]!, ids[b]!);
        if (!Number.isNaN(r) && !(r <= best)) best = r;
      }
    }
    return best;
  }
}


/** An empty hedge-mode book with no prices (every holding a notional). */
export function emptyBook(): PositionBook {
  return new PositionBook('hedge', new PriceBook(undefined));
}

/** Opens a notional position with a generated id in regime R; returns it. */
export function openOn(book: PositionBook, symbol: string, side: Side, size = 1): Holding {
  const position: Holding = { id: book.freshId(), symbol, side, unit: 'size', amount: size, regime: 'R', strategy: '' };
  book.open(position);
  return position;
}

/** A book holding B and C, read through one view of a source that knows A, B, C with corr(A, B) = 0.9. */
export function scriptedBook() {
  const source = new ScriptedSource();
  const book = emptyBook();
  const view = new BookView(source, book);
  for (const s of ['A', 'B', 'C']) source.add(s);
  source.set('A', 'B', 0.9);
  openOn(book, 'B', 'long');
  openOn(book, 'C', 'short');
  return { source, book, view };
}
