// Without a positive equity there is nothing to size against: validation blocks, it does not guess.
import { expect, test } from 'vitest';
import { ValidationError } from '../../bindings/errors.js';
import { enabledManager } from './helpers.js';

const request = { symbol: 'BTC/USDT', side: 'long', proposedSize: 1_000, regime: 'TRENDING' } as const;

test('before updateEquity: blocked with a reason that says what to do', () => {
  const m = enabledManager();
  const r = m.validateNewPosition(request);
  expect(r).toEqual({
    allowed: false,
    sizeMultiplier: 0,
    code: 'NO_EQUITY',
    binding: 'no_equity',
    reason: 'no_equity: call updateEquity() with the account equity (> 0) before validating',
    allowedSize: 0,
    details: null,
  });
  expect(m.getStats()).toMatchObject({ blockedTrades: 1, blockedByRule: { noEquity: 1 }, equity: Number.NaN });
});

test('equity 0 or negative (a blown account) blocks the same way; a positive equity unblocks', () => {
  const m = enabledManager();
  m.updateEquity(0);
  expect(m.validateNewPosition(request).code).toBe('NO_EQUITY');
  m.updateEquity(-5_000);
  expect(m.validateNewPosition(request).code).toBe('NO_EQUITY');
  m.updateEquity(100_000);
  expect(m.validateNewPosition(request)).toMatchObject({ allowed: true, sizeMultiplier: 1 });
});

test('a non-finite equity is bad input, not "no equity": it throws and keeps the old equity', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '100000', undefined]) {
    expect(() => m.updateEquity(bad as number)).toThrow(ValidationError);
  }
  expect(m.equity).toBe(100_000);
});
