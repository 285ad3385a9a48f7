// The regime cap: equity $100k, regime cap 50% = $50k. TRENDING: BTC/USDT $25k + ETH/USDT
// $15k = $40k; an LTC/USDT TRENDING $15k would make $55k. Reduced to $10k: 0.67×.
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('$40k TRENDING + $15k TRENDING → cut to $10k (0.67×), regime exposure exactly 50%', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 25_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  const r = m.validateNewPosition({ symbol: 'LTC/USDT', side: 'long', proposedSize: 15_000, regime: 'TRENDING' });

  expect(r).toMatchObject({ allowed: true, code: 'REDUCED', binding: 'regime', reason: 'regime_exposure_reduced_0.67' });
  expect(r.sizeMultiplier).toBe(10_000 / 15_000);
  expect(r.details!.regime).toEqual({ limitPct: 0.5, limit: 50_000, current: 40_000, headroom: 10_000 });

  m.registerPosition({ symbol: 'LTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  expect(m.getRegimeExposure('TRENDING')).toBe(0.5);
});

test('another regime has its own 50%', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 25_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  const r = m.validateNewPosition({ symbol: 'LTC/USDT', side: 'long', proposedSize: 15_000, regime: 'RANGING' });
  expect(r).toMatchObject({ sizeMultiplier: 1, binding: 'none' });
});
