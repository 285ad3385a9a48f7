// Symbol, regime and position-id names are data. Names that are Object.prototype members,
// unicode in every awkward form (astral, combining vs precomposed, right-to-left, a lone
// surrogate, NUL) work as symbols, regimes and ids: candles, register, validate, exposures,
// stats, unregister, and a snapshot/restore that keeps every one of them exactly.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { answersOf } from '../snapshot/answers.js';

const AWKWARD_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '比特币/USDT',
  '🚀/USDT',
  'e\u0301', // e + combining acute: a different name from the precomposed one below
  '\u00e9',
  'عملة/دولار',
  '\uD800', // a lone surrogate: not valid UTF-16 text, still a JavaScript string
  'a\u0000b',
  ' ',
];

function candles(k: number): [number, number, number, number, number, number][] {
  // A shared factor plus a per-name wobble: known, distinct correlations for every pair.
  return Array.from({ length: 30 }, (_, b) => {
    const close = 100 * Math.exp(0.02 * Math.sin(b * 0.9) + 0.01 * Math.sin(b * (k + 2) * 0.37));
    return [1_700_000_000_000 + b * 60_000, close, close, close, close, 1];
  });
}

test('awkward names work as symbols, regimes and ids, and survive a snapshot', () => {
  const m = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: 20, minPeriods: 5, maxSymbolExposurePct: 0.05 });
  AWKWARD_NAMES.forEach((name, k) => m.updateMarketData(name, candles(k)));
  m.updateEquity(1_000_000);
  AWKWARD_NAMES.forEach((name, k) => {
    const regime = AWKWARD_NAMES[(k + 1) % AWKWARD_NAMES.length]!;
    expect(m.registerPosition({ id: name, symbol: name, side: k % 2 ? 'short' : 'long', size: 10_000 + k, regime })).toBe(name);
  });

  expect(m.engine.symbols()).toEqual(AWKWARD_NAMES);
  expect(m.getPositions().map((p) => p.id)).toEqual(AWKWARD_NAMES);
  const stats = m.getStats();
  expect(Object.keys(stats.symbolExposures)).toEqual(AWKWARD_NAMES);
  expect(Object.keys(stats.regimeExposures)).toEqual([...AWKWARD_NAMES.slice(1), AWKWARD_NAMES[0]]);
  AWKWARD_NAMES.forEach((name, k) => {
    expect(stats.symbolExposures[name]).toBe((10_000 + k) / 1_000_000);
    expect(m.getSymbolExposure(name)).toBe((10_000 + k) / 1_000_000);
  });
  expect(m.getCorrelation('e\u0301', '\u00e9')).toBeGreaterThan(-1);
  expect(m.getCorrelation('__proto__', '\uD800')).not.toBeNaN();

  // The symbol cap (5% = 50,000) knows each name's own exposure: 10,000 + k is open.
  const answer = m.validateNewPosition({ symbol: '__proto__', side: 'long', proposedSize: 50_000, regime: 'toString' });
  expect(answer.details!.symbol.current).toBe(10_000);
  expect(answer.details!.symbol.headroom).toBe(40_000);

  const restored = PortfolioRiskManager.restoreSync(m.snapshot());
  expect(answersOf(restored, AWKWARD_NAMES, AWKWARD_NAMES)).toEqual(answersOf(m, AWKWARD_NAMES, AWKWARD_NAMES));
  expect(restored.getPosition('\uD800')).toEqual(m.getPosition('\uD800'));

  // An id that is also a symbol's name: the id wins, as documented.
  expect(restored.unregisterPosition('toString').map((p) => p.id)).toEqual(['toString']);
  expect(restored.unregisterPosition('e\u0301').map((p) => p.symbol)).toEqual(['e\u0301']);
  expect(restored.getSymbolExposure('\u00e9')).toBe(10_008 / 1_000_000);
});
