// The correlation rows and the book's max-correlation read the book through one shared view
// (symbols resolved to engine ids, version stamps). Each reader still notices every change,
// whichever of them looked first: one reader resolving a new id or refreshing its own answer
// must not make the other's stale answer look current.
import { expect, test } from 'vitest';
import { BookMaxCorrelation } from '../../bindings/manager/book-correlation.js';
import { CorrelationCache } from '../../bindings/manager/correlation-cache.js';
import { openOn, scriptedBook } from './scripted-source.js';

function scripted() {
  const { source, book, view } = scriptedBook();
  return { source, book, cache: new CorrelationCache(view), max: new BookMaxCorrelation(view) };
}

test('both readers of the shared view see a change, whichever reads first', () => {
  for (const first of ['rows', 'max'] as const) {
    const { source, book, cache, max } = scripted();
    openOn(book, 'D', 'long'); // no candles yet
    expect(cache.get('A').unknown.map((u) => u.symbol)).toEqual(['C', 'D']);
    expect(max.get()).toBeNaN();

    // D gets candles: whoever reads first resolves its id in the shared view; the other must
    // still see that what it computed from "D is absent" is stale.
    source.add('D');
    source.set('A', 'D', 0.4);
    source.set('B', 'D', 0.7);
    const readRows = () => expect(cache.get('A').correlations).toEqual([0.9, Number.NaN, 0.4]);
    const readMax = () => expect(max.get()).toBe(0.7);
    if (first === 'rows') { readRows(); readMax(); } else { readMax(); readRows(); }

    // A new version of one open symbol, then one reader refreshes: the other must too.
    source.corr.set('1:3', 0.95);
    source.versions[3]! += 1;
    expect(max.get()).toBe(0.95);
    source.corr.set('0:3', 0.1);
    source.corr.set('1:3', 0.2);
    source.versions[3]! += 1;
    expect(cache.get('A').correlations).toEqual([0.9, Number.NaN, 0.1]);
    expect(max.get()).toBe(0.2); // the book holds B, C and D: only B–D is known
  }
});
