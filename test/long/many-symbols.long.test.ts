// 10,000 distinct symbols (awkward names among them), each with a position: candles, register,
// validate, stats and snapshot/restore all work. The engine keeps a co-moment per pair, so
// this holds a 400 MB triangle; each symbol gets only three candles to keep it quick.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';

const N = 10_000;
const SPECIAL = ['__proto__', 'constructor', 'toString', '比特币/USDT', '🚀', '\uD800', 'e\u0301', '\u00e9'];
const NAMES = [...SPECIAL, ...Array.from({ length: N - SPECIAL.length }, (_, k) => (k % 3 === 0 ? `币${k}` : k % 3 === 1 ? `S${k}/USDT` : `__proto__${k}`))];
const T0 = 1_700_000_000_000;

test('10,000 symbols: candles, positions, validation, stats, snapshot and restore', () => {
  expect(new Set(NAMES).size).toBe(N);
  const m = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: 5, minPeriods: 2 }, { maxSymbols: N });
  NAMES.forEach((name, k) => {
    // Three bars: two returns, so every pair is known; the sign pattern varies by symbol.
    const a = 100 + (k % 7);
    m.updateMarketData(name, [[T0, a, a, a, a, 1], [T0 + 60_000, a * 1.01, 0, 0, a * (k % 2 ? 1.01 : 0.99), 1], [T0 + 120_000, 0, 0, 0, a * (k % 4 < 2 ? 1.02 : 0.97), 1]]);
  });
  m.updateEquity(1e9);
  NAMES.forEach((name, k) => m.registerPosition({ symbol: name, side: k % 2 ? 'short' : 'long', size: 1_000, regime: `R${k % 10}` }));

  const stats = m.getStats();
  expect(stats.openPositions).toBe(N);
  expect(Object.keys(stats.symbolExposures)).toEqual(NAMES);
  expect(stats.symbolExposures['__proto__']).toBe(1e-6);
  expect(stats.maxCorrelation).toBe(1);
  const answer = m.validateNewPosition({ symbol: '\uD800', side: 'long', proposedSize: 5_000, regime: 'R1' });
  expect(answer.details!.correlation.unknown).toEqual([]);
  expect(answer.code).toBe('REDUCED');

  const bytes = m.snapshot();
  const restored = PortfolioRiskManager.restoreSync(bytes);
  expect(Buffer.compare(restored.snapshot(), bytes)).toBe(0);
  expect(restored.getStats()).toEqual(m.getStats());
  expect(restored.validateNewPosition({ symbol: '\uD800', side: 'long', proposedSize: 5_000, regime: 'R1' })).toEqual(answer);
  for (const name of [...SPECIAL, NAMES[N - 1]!]) {
    expect(Object.is(restored.getCorrelation(name, '__proto__'), m.getCorrelation(name, '__proto__'))).toBe(true);
  }
});
