// The direction cap: equity $100k, direction cap 60% = $60k. Longs BTC/USDT $30k + ETH/USDT
// $15k = $45k; an LTC/USDT long of $20k would make $65k. Reduced to $15k: 0.75×.
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('$45k long + $20k long → cut to $15k (0.75×), long exposure exactly 60%', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  // Different regimes, so that the 50% regime cap does not bind first.
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 30_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 15_000, regime: 'RANGING' });
  const r = m.validateNewPosition({ symbol: 'LTC/USDT', side: 'long', proposedSize: 20_000, regime: 'VOLATILE' });

  expect(r).toMatchObject({ allowed: true, code: 'REDUCED', binding: 'direction', reason: 'directional_exposure_reduced_0.75' });
  expect(r.sizeMultiplier).toBe(0.75);
  expect(r.details!.direction).toEqual({ limitPct: 0.6, limit: 60_000, current: 45_000, headroom: 15_000 });
  // No candles were loaded: both correlations are unknown, and said so.
  expect(r.details!.correlation.unknown).toEqual([
    { symbol: 'BTC/USDT', observations: 0 },
    { symbol: 'ETH/USDT', observations: 0 },
  ]);

  m.registerPosition({ symbol: 'LTC/USDT', side: 'long', size: 20_000 * r.sizeMultiplier, regime: 'VOLATILE' });
  expect(m.getDirectionalExposure('long')).toBe(0.6);
});

test('the short side has its own 60%: a short is not limited by the longs', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 30_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 15_000, regime: 'RANGING' });
  const r = m.validateNewPosition({ symbol: 'LTC/USDT', side: 'short', proposedSize: 20_000, regime: 'VOLATILE' });
  expect(r).toMatchObject({ allowed: true, sizeMultiplier: 1, binding: 'none' });
  expect(r.details!.direction.current).toBe(0);
});
