// The position book: several positions per symbol by id, partial closes, exposures kept current.
import { describe, expect, test } from 'vitest';
import { NotFoundError, ValidationError } from '../../bindings/errors.js';
import { enabledManager } from './helpers.js';

function book() {
  const m = enabledManager();
  m.updateEquity(100_000);
  return m;
}

describe('registerPosition', () => {
  test('generates ids p1, p2… and records frozen copies', () => {
    const m = book();
    const a = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING', strategy: 'ema' });
    const b = m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 5_000, regime: 'RANGING' });
    expect([a, b]).toEqual(['p1', 'p2']);
    expect(m.getPosition('p1')).toEqual({ id: 'p1', symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING', strategy: 'ema' });
    expect(m.getPosition('p2')?.strategy).toBe('');
    expect(Object.isFrozen(m.getPosition('p1'))).toBe(true);
  });

  test('keeps your id, refuses a duplicate, and never generates one you used', () => {
    const m = book();
    expect(m.registerPosition({ id: 'p1', symbol: 'ETH/USDT', side: 'long', size: 1, regime: 'R' })).toBe('p1');
    expect(() => m.registerPosition({ id: 'p1', symbol: 'ETH/USDT', side: 'long', size: 1, regime: 'R' })).toThrow(ValidationError);
    expect(m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 1, regime: 'R' })).toBe('p2');
  });
});

describe('exposures (fractions of equity)', () => {
  test('symbol is gross long + short, direction sums one side, regime is gross', () => {
    const m = book();
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 5_000, regime: 'TRENDING' });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 10_000, regime: 'RANGING' });
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0.2);
    expect(m.getSymbolExposure('LTC/USDT')).toBe(0);
    expect(m.getDirectionalExposure('long')).toBe(0.25);
    expect(m.getDirectionalExposure('short')).toBe(0.05);
    expect(m.getRegimeExposure('TRENDING')).toBe(0.2);
    expect(m.getRegimeExposure('RANGING')).toBe(0.1);
  });

  test('follow equity: the same notional is a smaller fraction of a larger account', () => {
    const m = book();
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'T' });
    m.updateEquity(150_000);
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0.1);
  });

  test('are NaN without a positive equity (a fraction of nothing is unknown)', () => {
    const m = enabledManager();
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'T' });
    expect(m.getSymbolExposure('BTC/USDT')).toBeNaN();
    m.updateEquity(0);
    expect(m.getDirectionalExposure('long')).toBeNaN();
  });
});

describe('closing', () => {
  test('unregister by id closes one position; by symbol closes all of that symbol', () => {
    const m = book();
    const a = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 4_000, regime: 'T' });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 6_000, regime: 'T' });
    expect(m.unregisterPosition(a).map((p) => p.id)).toEqual(['p1']);
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0.04);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 1_000, regime: 'T' });
    expect(m.unregisterPosition('BTC/USDT').map((p) => p.id)).toEqual(['p2', 'p4']);
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0);
    expect(m.getRegimeExposure('T')).toBe(0.06);
    expect(m.getPositions().map((p) => p.id)).toEqual(['p3']);
  });

  test('an id wins over a symbol of the same name', () => {
    const m = book();
    m.registerPosition({ id: 'ETH/USDT', symbol: 'BTC/USDT', side: 'long', size: 1, regime: 'T' });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 2, regime: 'T' });
    expect(m.unregisterPosition('ETH/USDT').map((p) => p.symbol)).toEqual(['BTC/USDT']);
  });

  test('unknown id or symbol throws NotFoundError', () => {
    const m = book();
    expect(() => m.unregisterPosition('nope')).toThrow(NotFoundError);
    expect(() => m.resizePosition('nope', 1)).toThrow(NotFoundError);
  });

  test('resizePosition is a partial close (or add); 0 closes the position', () => {
    const m = book();
    const id = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'T' });
    expect(m.resizePosition(id, 5_000)).toMatchObject({ id, size: 5_000 });
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0.05);
    expect(m.getDirectionalExposure('long')).toBe(0.05);
    expect(m.resizePosition(id, 0)).toBeNull();
    expect(m.getStats().openPositions).toBe(0);
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0);
  });

  test('sums restart from exactly 0 when their last position leaves (no rounding residue)', () => {
    const m = book();
    const ids = [0.1, 0.2, 0.7].map((size) => m.registerPosition({ symbol: 'X', side: 'short', size, regime: 'R' }));
    ids.forEach((id) => m.unregisterPosition(id));
    expect(m.getDirectionalExposure('short')).toBe(0);
    expect(m.getRegimeExposure('R')).toBe(0);
    expect(m.getStats().symbolExposures).toEqual({});
  });
});
