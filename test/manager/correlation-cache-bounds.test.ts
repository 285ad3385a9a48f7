// The correlation cache keeps rows only for symbols the engine holds candles for: validating
// any number of other names (a dry-run sweep over made-up symbols) leaves the row count where
// it was, and their answers are the same as before (every open symbol unknown, 0 observations).
import { expect, test } from 'vitest';
import { CorrelationCache } from '../../bindings/manager/correlation-cache.js';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { scriptedBook } from './scripted-source.js';
import { enabledManager, loadCorrelatedPair } from './helpers.js';

const MADE_UP = 20_000;

test('names without candles get an answer and no row; each known symbol gets one row', () => {
  const cache = new CorrelationCache(scriptedBook().view);
  for (let k = 0; k < MADE_UP; k++) {
    const row = cache.get(`FAKE${k}`);
    expect(row.count).toBe(2);
    expect(row.unknown).toEqual([{ symbol: 'B', observations: 0 }, { symbol: 'C', observations: 0 }]);
  }
  expect(cache.size).toBe(0);
  for (const s of ['A', 'B', 'C', 'A', 'B']) cache.get(s);
  expect(cache.size).toBe(3);
  expect(cache.get('A').correlations).toEqual([0.9, Number.NaN]);
});

/** The manager's cache, read for its row count only (it is not part of the public surface). */
const rowsOf = (m: PortfolioRiskManager) => (m as unknown as { correlations: CorrelationCache }).correlations.size;

test('a dry-run sweep over made-up symbols leaves the manager with one row per engine symbol at most', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  for (const symbol of ['BTC/USDT', 'ETH/USDT']) m.validateNewPosition({ symbol, side: 'long', proposedSize: 1_000, regime: 'T' });
  expect(rowsOf(m)).toBe(2);
  const request = { symbol: '', side: 'long', proposedSize: 1_000, regime: 'T' } as const;
  for (let k = 0; k < MADE_UP; k++) {
    const answer = m.validateNewPosition({ ...request, symbol: `DRY${k}/USDT` }, { dryRun: true });
    expect(answer.details!.correlation.unknown).toEqual([{ symbol: 'BTC/USDT', observations: 0 }]);
  }
  expect(rowsOf(m)).toBe(2);
  expect(m.engine.symbolCount).toBe(2);
});

test('a symbol that gets candles later gets its row then', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  const request = { symbol: 'SOL/USDT', side: 'long', proposedSize: 1_000, regime: 'T' } as const;
  expect(m.validateNewPosition(request).details!.correlation.unknown).toEqual([{ symbol: 'BTC/USDT', observations: 0 }]);
  expect(rowsOf(m)).toBe(0);
  loadCorrelatedPair(m, 'BTC/USDT', 'SOL/USDT', 0.5);
  const answer = m.validateNewPosition(request);
  expect(rowsOf(m)).toBe(1);
  expect(answer.details!.correlation.correlation).toBe(m.getCorrelation('BTC/USDT', 'SOL/USDT'));
});
