// Symbol and regime names are data: `__proto__` and `constructor` work like any other name.
import { expect, test } from 'vitest';
import { enabledManager, loadCorrelatedPair } from './helpers.js';

test('__proto__ and constructor as symbols and regimes: exposures, caps, stats and correlation', () => {
  const m = enabledManager();
  loadCorrelatedPair(m, '__proto__', 'constructor', 0.92);
  expect(m.getCorrelation('__proto__', 'constructor')).toBeCloseTo(0.92, 12);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: '__proto__', side: 'long', size: 15_000, regime: 'constructor' });
  m.registerPosition({ symbol: 'toString', side: 'short', size: 5_000, regime: '__proto__' });

  expect(m.getSymbolExposure('__proto__')).toBe(0.15);
  expect(m.getSymbolExposure('constructor')).toBe(0);
  expect(m.getSymbolExposure('hasOwnProperty')).toBe(0);
  expect(m.getRegimeExposure('constructor')).toBe(0.15);
  expect(m.getRegimeExposure('__proto__')).toBe(0.05);

  const symbolCap = m.validateNewPosition({ symbol: '__proto__', side: 'short', proposedSize: 15_000, regime: 'constructor' });
  expect(symbolCap).toMatchObject({ binding: 'symbol', reason: 'symbol_exposure_reduced_0.67' });
  const correlated = m.validateNewPosition({ symbol: 'constructor', side: 'long', proposedSize: 9_000, regime: 'valueOf' });
  expect(correlated.reason).toBe('high_correlation_with___proto__');
  expect(correlated.sizeMultiplier).toBeCloseTo(8 / 15, 10);

  const stats = m.getStats();
  expect(Object.keys(stats.symbolExposures)).toEqual(['__proto__', 'toString']);
  expect(stats.symbolExposures['__proto__']).toBe(0.15);
  expect(stats.regimeExposures['constructor']).toBe(0.15);
  expect(stats.regimeExposures['__proto__']).toBe(0.05);
  expect(JSON.parse(JSON.stringify(stats.symbolExposures))).toEqual({ ['__proto__']: 0.15, toString: 0.05 });

  expect(m.unregisterPosition('__proto__').map((p) => p.symbol)).toEqual(['__proto__']);
  expect(m.getStats().openPositions).toBe(1);
});
