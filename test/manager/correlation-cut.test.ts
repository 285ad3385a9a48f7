// The correlation rule, end to end on the engine: BTC/USDT and ETH/USDT correlate at 0.92 (above
// 0.85); excess (0.92 − 0.85)/(1 − 0.85) = 0.4667; multiplier 1 − 0.4667 = 0.5333 ("0.53x").
import { expect, test } from 'vitest';
import { enabledManager, loadCorrelatedPair } from './helpers.js';

test('correlation 0.92 with an open BTC/USDT long cuts an ETH/USDT long to 0.53×', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  // The construction fixes the sample correlation at 0.92; the engine must see exactly that.
  expect(m.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeCloseTo(0.92, 12);

  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING', strategy: 'trend' });
  const r = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING', strategy: 'trend' });

  expect(r.allowed).toBe(true);
  expect(r.code).toBe('REDUCED');
  expect(r.binding).toBe('correlation');
  expect(r.reason).toBe('high_correlation_with_BTC/USDT');
  expect(r.sizeMultiplier).toBeCloseTo(8 / 15, 10);
  expect(r.sizeMultiplier.toFixed(2)).toBe('0.53');
  expect(r.details!.allowedSize).toBeCloseTo(4_800, 6);
  expect(r.details!.correlation).toMatchObject({ symbol: 'BTC/USDT', observations: 40, threshold: 0.85, maxReduction: 0.75, unknown: [] });
  expect(r.details!.correlation.correlation).toBeCloseTo(0.92, 12);
  expect(r.details!.correlation.cut).toBeCloseTo(0.07 / 0.15, 10);
});

test('below the threshold (0.80) nothing is cut, and the correlation is still reported', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.8);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  const r = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: true, sizeMultiplier: 1, code: 'ALLOWED', binding: 'none', reason: 'ok' });
  expect(r.details!.correlation.effective).toBeCloseTo(0.8, 12);
  expect(r.details!.correlation.cut).toBe(0);
});
