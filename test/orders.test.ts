// Order sides and amounts in ccxt's words. Expected amounts are worked by hand: amount ×
// sizeMultiplier, then down to a whole number of steps, never above what the answer allowed.
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../bindings/errors.js';
import { orderAmount, orderSideToClose, orderSideToOpen, sideOpenedBy } from '../bindings/orders.js';
import { enabledManager } from './manager/helpers.js';

describe('order sides', () => {
  test('buy opens a long and closes a short; sell the reverse', () => {
    expect([sideOpenedBy('buy'), sideOpenedBy('sell')]).toEqual(['long', 'short']);
    expect([orderSideToOpen('long'), orderSideToOpen('short')]).toEqual(['buy', 'sell']);
    expect([orderSideToClose('long'), orderSideToClose('short')]).toEqual(['sell', 'buy']);
    for (const side of ['long', 'short'] as const) expect(sideOpenedBy(orderSideToOpen(side))).toBe(side);
  });

  test('anything else is a ValidationError naming the argument', () => {
    expect(() => sideOpenedBy('long')).toThrow(new ValidationError('orderSide', 'must be "buy" or "sell", got "long"', 'long'));
    expect(() => orderSideToOpen('buy' as 'long')).toThrow(new ValidationError('side', 'must be "long" or "short", got "buy"', 'buy'));
    expect(() => orderSideToClose(undefined as unknown as 'long')).toThrow(ValidationError);
  });
});

describe('orderAmount', () => {
  test('amount × sizeMultiplier, unrounded without a step', () => {
    expect(orderAmount({ sizeMultiplier: 1 }, 0.25)).toBe(0.25);
    expect(orderAmount({ sizeMultiplier: 0.5 }, 0.25)).toBe(0.125);
    expect(orderAmount({ sizeMultiplier: 0 }, 0.25)).toBe(0);
  });

  test('rounded down to the step, never up', () => {
    // 0.25 × 0.7 = 0.175 → 0.17 with a 0.01 step; 0.3 (2.9999… steps of 0.1 in floats) stays 0.3.
    expect(orderAmount({ sizeMultiplier: 0.7 }, 0.25, 0.01)).toBe(0.17);
    expect(orderAmount({ sizeMultiplier: 1 }, 0.3, 0.1)).toBe(0.3);
    expect(orderAmount({ sizeMultiplier: 1 }, 0.29999999999, 0.1)).toBe(0.2);
    expect(orderAmount({ sizeMultiplier: 0.5 }, 7, 1)).toBe(3);
    expect(orderAmount({ sizeMultiplier: 1 }, 0.0009, 0.001)).toBe(0);
    expect(orderAmount({ sizeMultiplier: 0.5 }, 250, 25)).toBe(125);
  });

  test('is never above amount × sizeMultiplier, nor below 0, for any step (a sweep)', () => {
    const steps = [1e-8, 1e-3, 0.01, 0.1, 0.5, 1, 3, 25];
    for (let k = 1; k <= 400; k++) {
      const amount = k * 0.0137;
      const multiplier = (k % 21) / 20;
      for (const step of steps) {
        const out = orderAmount({ sizeMultiplier: multiplier }, amount, step);
        expect(out).toBeGreaterThanOrEqual(0);
        expect(out).toBeLessThanOrEqual(amount * multiplier);
        // …and less than one step below it (to float noise).
        expect(amount * multiplier - out).toBeLessThan(step * (1 + 1e-9));
      }
    }
  });

  test('from a real answer: a reduced trade, a blocked one', () => {
    const m = enabledManager({ maxSymbolExposurePct: 0.1 });
    m.updateEquity(100_000);
    m.updateMarketData('BTC/USDT', [[1_700_000_000_000, 0, 0, 0, 40_000, 1]]);
    // 0.5 BTC = $20,000 against a $10,000 symbol cap: multiplier 0.5, 0.25 BTC.
    const reduced = m.validateNewPosition({ symbol: 'BTC/USDT', side: sideOpenedBy('buy'), proposedQuantity: 0.5 });
    expect([reduced.code, reduced.sizeMultiplier]).toEqual(['REDUCED', 0.5]);
    expect(orderAmount(reduced, 0.5, 0.001)).toBe(0.25);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', quantity: 0.25 });
    const blocked = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedQuantity: 0.5 });
    expect(orderAmount(blocked, 0.5, 0.001)).toBe(0);
  });

  test('bad arguments are ValidationErrors naming them', () => {
    expect(() => orderAmount({ sizeMultiplier: 1.5 }, 1)).toThrow(new ValidationError('answer.sizeMultiplier', 'must be a number in [0, 1], got 1.5', 1.5));
    expect(() => orderAmount(null as never, 1)).toThrow(new ValidationError('answer', 'must be an object, got null', null));
    expect(() => orderAmount({ sizeMultiplier: 1 }, -1)).toThrow(new ValidationError('amount', 'must be a finite number ≥ 0, got -1', -1));
    expect(() => orderAmount({ sizeMultiplier: 1 }, 1, 0)).toThrow(new ValidationError('step', 'must be a finite number > 0, got 0', 0));
  });
});
