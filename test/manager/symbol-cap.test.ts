// The symbol cap: equity $100k, symbol cap 25% = $25k. Open BTC/USDT long $15k; a $15k
// short would make $30k gross. Reduced to $10k: multiplier 10,000 / 15,000 = 0.67×.
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('$15k long + $15k short on one symbol → short cut to $10k (0.67×), gross exactly $25k', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  const proposedSize = 15_000;
  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize, regime: 'TRENDING' });

  expect(r).toMatchObject({ allowed: true, code: 'REDUCED', binding: 'symbol', reason: 'symbol_exposure_reduced_0.67' });
  expect(r.sizeMultiplier).toBe(10_000 / 15_000);
  expect(r.details!.symbol).toEqual({ limitPct: 0.25, limit: 25_000, current: 15_000, headroom: 10_000 });
  expect(r.details!.allowedSize).toBe(10_000);

  m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: proposedSize * r.sizeMultiplier, regime: 'TRENDING' });
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.25);
});
