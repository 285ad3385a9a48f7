// `regime` is optional: a position without one counts in no regime cap, and a proposal without
// one is not held to any (its answer's regime detail is null).
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('positions without a regime count in symbol and direction caps, in no regime cap', () => {
  const m = enabledManager(); // regime cap 50%
  m.updateEquity(100_000);
  const id = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
  expect(m.getPosition(id)).toEqual({ id, symbol: 'BTC/USDT', side: 'long', size: 20_000, strategy: '' });
  expect(m.getRegimeExposure('TRENDING')).toBe(0.2);
  expect(m.getStats()).toMatchObject({ longExposure: 0.4, regimeExposures: { TRENDING: 0.2 } });
  expect(Object.keys(m.getStats().regimeExposures)).toEqual(['TRENDING']);

  const tagged = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 20_000, regime: 'TRENDING' });
  expect(tagged.details!.regime).toEqual({ limitPct: 0.5, limit: 50_000, current: 20_000, headroom: 30_000 });
});

test('a proposal without a regime: no regime cap applies', () => {
  const m = enabledManager({ maxRegimeExposurePct: 0.1 });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  const untagged = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 20_000 });
  expect([untagged.code, untagged.sizeMultiplier, untagged.details!.regime]).toEqual(['ALLOWED', 1, null]);
  const tagged = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 20_000, regime: 'TRENDING' });
  expect([tagged.code, tagged.binding]).toEqual(['BLOCKED', 'regime']);
});
