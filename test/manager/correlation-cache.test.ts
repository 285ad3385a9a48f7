// The per-symbol correlation rows: reused while the data version and the book they read are unchanged, and
// recomputed the moment one changes (a cached answer always equals a fresh one).
import { describe, expect, test, vi } from 'vitest';
import { LIST_QUERIES } from '../../bindings/engine.js';
import { BookView } from '../../bindings/manager/book-view.js';
import { CorrelationCache } from '../../bindings/manager/correlation-cache.js';
import { ScriptedSource, emptyBook, openOn } from './scripted-source.js';
import { enabledManager, loadCorrelatedPair } from './helpers.js';

function setup() {
  const source = new ScriptedSource();
  const book = emptyBook();
  const cache = new CorrelationCache(new BookView(source, book));
  for (const s of ['A', 'B', 'C']) source.add(s);
  source.set('A', 'B', 0.9);
  openOn(book, 'B', 'long');
  return { source, book, cache };
}

describe('CorrelationCache', () => {
  test('a current row is reused without reading a correlation', () => {
    const { source, cache } = setup();
    expect(cache.get('A').correlations).toEqual([0.9]);
    const reads = source.reads;
    expect(cache.get('A').correlations).toEqual([0.9]);
    expect(source.reads).toBe(reads);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  test('a new version of the symbol or of an open symbol refreshes the row', () => {
    const { source, cache } = setup();
    cache.get('A');
    source.set('A', 'B', 0.5);
    expect(cache.get('A').correlations).toEqual([0.5]);
    // Only the open symbol moves (a revised B bar): A's own version is unchanged.
    source.corr.set('0:1', 0.4);
    source.versions[1]! += 1;
    expect(cache.get('A').correlations).toEqual([0.4]);
    source.corr.set('0:1', 0.3);
    source.versions[0]! += 1;
    expect(cache.get('A').correlations).toEqual([0.3]);
  });

  test('a symbol entering or leaving the book refreshes it; a resize does not need to', () => {
    const { source, book, cache } = setup();
    cache.get('A');
    const c = openOn(book, 'C', 'short');
    expect(cache.get('A').slots.map((s) => s.name)).toEqual(['B', 'C']);
    expect(cache.get('A').unknown).toEqual([{ symbol: 'C', observations: 3 }]);
    const reads = source.reads;
    book.resize(c.id, 5);
    cache.get('A');
    expect(source.reads).toBe(reads);
    book.remove(c.id);
    expect(cache.get('A').slots.map((s) => s.name)).toEqual(['B']);
  });

  test('a symbol the source did not know refreshes once the source learns it', () => {
    const { source, book, cache } = setup();
    openOn(book, 'D', 'long');
    expect(cache.get('A').unknown).toEqual([{ symbol: 'D', observations: 0 }]);
    source.add('D');
    source.set('A', 'D', 0.2);
    expect(cache.get('A').correlations).toEqual([0.9, 0.2]);
    expect(cache.get('A').unknown).toEqual([]);
  });
});

test('end to end: repeated validations read no correlation; a new candle makes the next one read again', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  const reads = vi.spyOn(m.engine[LIST_QUERIES], 'correlationsWith');
  const request = { symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'T' } as const;
  const first = m.validateNewPosition(request);
  expect(reads).toHaveBeenCalledTimes(1);
  for (let k = 0; k < 5; k++) expect(m.validateNewPosition(request)).toEqual(first);
  expect(reads).toHaveBeenCalledTimes(1);
  m.updateMarketData('ETH/USDT', [{ timestamp: 1_800_000_000_000, close: 80 }]);
  const after = m.validateNewPosition(request);
  expect(reads).toHaveBeenCalledTimes(2);
  expect(after.details!.correlation.correlation).toBe(m.getCorrelation('BTC/USDT', 'ETH/USDT'));
});
