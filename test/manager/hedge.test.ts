// Hedge-aware correlation: a short against a correlated long is a hedge, not a concentration.
import { expect, test } from 'vitest';
import { enabledManager, loadCorrelatedPair } from './helpers.js';

function withOpenBtcLong(config: Record<string, unknown> = {}) {
  const m = enabledManager(config);
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  return m;
}

test('hedge-aware (default): an ETH short against a BTC long (ρ 0.92) is not cut; effective ρ is −0.92', () => {
  const r = withOpenBtcLong().validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 9_000, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: true, sizeMultiplier: 1, binding: 'none', reason: 'ok' });
  expect(r.details!.correlation.effective).toBeCloseTo(-0.92, 12);
  expect(r.details!.correlation.correlation).toBeCloseTo(0.92, 12);
  expect(r.details!.correlation.cut).toBe(0);
});

test('not hedge-aware: the same short is cut to 0.53× like a long', () => {
  const r = withOpenBtcLong({ hedgeAwareCorrelation: false })
    .validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 9_000, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: true, binding: 'correlation', reason: 'high_correlation_with_BTC/USDT' });
  expect(r.sizeMultiplier).toBeCloseTo(8 / 15, 10);
});

test('hedge-aware, ρ −0.92: a short against the long is concentration (effective +0.92) and is cut', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', -0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  const short = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 9_000, regime: 'TRENDING' });
  expect(short.binding).toBe('correlation');
  expect(short.sizeMultiplier).toBeCloseTo(8 / 15, 10);
  const long = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING' });
  expect(long.sizeMultiplier).toBe(1);
});

test('a symbol held both ways counts its same-side position: the hedge does not excuse the long', () => {
  const m = withOpenBtcLong();
  m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 2_000, regime: 'TRENDING' });
  const long = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING' });
  expect(long.sizeMultiplier).toBeCloseTo(8 / 15, 10);
  const short = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 9_000, regime: 'TRENDING' });
  expect(short.sizeMultiplier).toBeCloseTo(8 / 15, 10);
});

test('positions on the same symbol are the symbol cap’s business, not the correlation rule’s', () => {
  const r = withOpenBtcLong().validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING' });
  expect(r.binding).toBe('none');
  expect(r.details!.correlation.symbol).toBeNull();
});
