// Sizing after an optimizer: final = base × optimization × portfolio, with the
// portfolio multiplier computed on the post-optimization size, so caps hold whatever
// upstream did.
import { expect, test } from 'vitest';
import { composeSize } from '../../bindings/manager/index.js';
import { ValidationError } from '../../bindings/errors.js';
import { enabledManager } from './helpers.js';

test('base 1000 × optimization 1.5 = 1500; symbol cap leaves 0.67× → final 1005', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  // $23,995 already on BTC/USDT leaves $1,005 of the $25,000 symbol cap.
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 23_995, regime: 'TRENDING' });
  const afterOptimization = composeSize(1000, 1.5);
  expect(afterOptimization).toBe(1500);
  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: afterOptimization, regime: 'TRENDING' });
  expect(r.reason).toBe('symbol_exposure_reduced_0.67');
  expect(r.sizeMultiplier).toBe(0.67);
  expect(r.details!.allowedSize).toBe(1005);
  // 1500 × 0.67 is 1005.0000000000001 in binary floating point (in Python too):
  // equal to 1005 within the 1e-9 relative tolerance every cap check uses.
  expect(Math.abs(m.composeSize(1000, 1.5, r.sizeMultiplier) - 1005)).toBeLessThanOrEqual(1005 * 1e-9);
});

test('optimization 2.0× on $20,000 = $40,000; portfolio 0.625 → exactly $25,000, the symbol cap', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  const afterOptimization = composeSize(20_000, 2.0);
  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: afterOptimization, regime: 'TRENDING' });
  expect(r).toMatchObject({ allowed: true, binding: 'symbol', sizeMultiplier: 0.625 });
  const finalSize = composeSize(20_000, 2.0, r.sizeMultiplier);
  expect(finalSize).toBe(25_000);
  expect(finalSize).toBeLessThanOrEqual(m.config.maxSymbolExposurePct * m.equity);
});

test('composeSize multiplies left to right and rejects non-finite or negative factors', () => {
  expect(composeSize(1000)).toBe(1000);
  expect(composeSize(1000, 1.5, 0.8, 0.5)).toBe(600);
  expect(() => composeSize(Number.NaN)).toThrow(ValidationError);
  expect(() => composeSize(1000, 1, -0.5)).toThrow(/multipliers\[1\]/);
});
