// A trade cut below minFillRatio (10%) of its proposal is blocked outright, multiplier 0.
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('a cap leaving 9% of the proposal blocks; the reason keeps the 0.09 it would have been', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 24_100, regime: 'TRENDING' });
  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 10_000, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: false, sizeMultiplier: 0, code: 'BLOCKED', binding: 'symbol', reason: 'symbol_exposure_blocked_0.09' });
  expect(r.details!.allowedSize).toBe(0);
  expect(r.details!.rawMultiplier).toBeCloseTo(0.09, 12);
  expect(m.getStats()).toMatchObject({ blockedTrades: 1, reducedTrades: 0, blockedByRule: { symbol: 1 } });
});

test('exactly 10% left is allowed at 0.10×', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 24_000, regime: 'TRENDING' });
  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 10_000, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: true, sizeMultiplier: 0.1, code: 'REDUCED', reason: 'symbol_exposure_reduced_0.10' });
});

test('a full cap blocks with multiplier 0; a configured minFillRatio of 0.5 blocks at 40%', () => {
  const m = enabledManager({ min_fill_ratio: 0.5 });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'A', side: 'short', size: 60_000, regime: 'R1' });
  expect(m.validateNewPosition({ symbol: 'B', side: 'short', proposedSize: 1, regime: 'R2' })).toMatchObject({
    allowed: false,
    binding: 'direction',
    reason: 'directional_exposure_blocked_0.00',
  });
  m.registerPosition({ symbol: 'C', side: 'long', size: 46_000, regime: 'R3' });
  expect(m.validateNewPosition({ symbol: 'D', side: 'long', proposedSize: 10_000, regime: 'R3' })).toMatchObject({
    allowed: false,
    binding: 'regime',
    reason: 'regime_exposure_blocked_0.40',
  });
});
