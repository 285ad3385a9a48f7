// Every scalar a snapshot carries outside the engine is held to what the API itself accepts:
// equity as updateEquity takes it, positions as registerPosition takes them (the same name and
// size checks), counters and the generated-id counter far from 2^53, maxSymbols as create()
// takes it. A value the API would refuse is refused on restore with a SnapshotError naming the
// snapshot field, so the restart recipe's `catch (SnapshotError)` covers it.
import { describe, expect, test } from 'vitest';
import { PortfolioGuardError, SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import type { Holding } from '../../bindings/manager/positions.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../../bindings/snapshot/manager-snapshot.js';
import { enabledManager, loadCorrelatedPair } from '../manager/helpers.js';

function sample(): PortfolioRiskManager {
  const m = enabledManager({ correlationLookback: 20, minPeriods: 5 });
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.5, 25);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING', strategy: 'breakout' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 4_000, regime: 'RANGING' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 5_000, regime: 'TRENDING' });
  return m;
}

const base = decodeManagerSnapshot(sample().snapshot());

function refusal(state: ManagerState): SnapshotError {
  let caught: unknown;
  try {
    PortfolioRiskManager.restoreSync(encodeManagerSnapshot(state));
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error('expected a SnapshotError, the snapshot was accepted');
  expect(caught, String(caught)).toBeInstanceOf(SnapshotError);
  return caught as SnapshotError;
}

/** The state with position 0 replaced; the book's orders follow its symbol and regime. */
function withPosition(change: Partial<Holding>): ManagerState {
  const [first, ...rest] = base.book.positions;
  const p = { ...first!, ...change };
  const positions = [p, ...rest];
  return {
    ...base,
    book: {
      ...base.book,
      positions,
      symbolOrder: [...new Set(positions.map((q) => q.symbol))],
      regimeOrder: [...new Set(positions.flatMap((q) => (q.regime === undefined ? [] : [q.regime])))],
    },
  };
}

describe('equity', () => {
  test.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%s is refused (every cap would have NaN headroom and never bind)', (equity) => {
    const e = refusal({ ...base, equity });
    expect(e.field).toBe('equity');
    expect(e.message).toBe(`equity: must be a finite number (or NaN before updateEquity), got ${equity}`);
  });

  test('NaN (never set), 0 and a negative equity restore as the API allows them', () => {
    for (const equity of [Number.NaN, 0, -5_000]) {
      const m = PortfolioRiskManager.restoreSync(encodeManagerSnapshot({ ...base, equity }));
      expect(m.equity).toBe(equity);
      expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 1e12, regime: 'X' }).code).toBe('NO_EQUITY');
    }
  });
});

describe('positions are what registerPosition accepts', () => {
  const long = 'x'.repeat(257);
  test.each([
    ['an empty id (a position that could never be closed)', { id: '' }, 'positions[0].id', 'positions[0].id: must be a non-empty string, got ""'],
    ['an id over 256 characters', { id: long }, 'positions[0].id', 'positions[0].id: must be at most 256 characters, got 257'],
    ['an empty symbol', { symbol: '' }, 'positions[0].symbol', 'positions[0].symbol: must be a non-empty string, got ""'],
    ['a symbol over 256 characters', { symbol: long }, 'positions[0].symbol', 'positions[0].symbol: must be at most 256 characters, got 257'],
    ['an empty regime', { regime: '' }, 'positions[0].regime', 'positions[0].regime: must be a non-empty string, got ""'],
    ['a regime over 256 characters', { regime: long }, 'positions[0].regime', 'positions[0].regime: must be at most 256 characters, got 257'],
    ['a strategy over 256 characters', { strategy: long }, 'positions[0].strategy', 'positions[0].strategy: must be at most 256 characters, got 257'],
    ['an infinite amount', { amount: Number.POSITIVE_INFINITY }, 'positions[0].amount', 'positions[0].amount: must be a finite number > 0, got Infinity'],
    ['a NaN amount', { amount: Number.NaN }, 'positions[0].amount', 'positions[0].amount: must be a finite number > 0, got NaN'],
    ['a negative amount', { amount: -1 }, 'positions[0].amount', 'positions[0].amount: must be a finite number > 0, got -1'],
  ] as const)('%s', (_name, change, field, message) => {
    const e = refusal(withPosition(change));
    expect(e.field).toBe(field);
    expect(e.message).toBe(message);
  });

  test('names at the limits restore and can be closed', () => {
    const name = 'n'.repeat(256);
    const m = PortfolioRiskManager.restoreSync(encodeManagerSnapshot(withPosition({ id: name, symbol: name, regime: name, strategy: '' })));
    expect(m.unregisterPosition(name).map((p) => p.id)).toEqual([name]);
  });
});

describe('counters and the generated-id counter stay far from 2^53', () => {
  test.each([2 ** 53 - 1, 2 ** 50 + 1, 0, 1.5])('nextAutoId %s is refused', (nextAutoId) => {
    const e = refusal({ ...base, book: { ...base.book, nextAutoId } });
    expect(e.field).toBe('nextAutoId');
    expect(e.message).toBe(`nextAutoId: must be a whole number in [1, 2^50], got ${nextAutoId}`);
  });

  test('nextAutoId 2^50, the largest accepted, still generates fresh ids', () => {
    const m = PortfolioRiskManager.restoreSync(encodeManagerSnapshot({ ...base, book: { ...base.book, nextAutoId: 2 ** 50 } }));
    const ids = [0, 1, 2].map(() => m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 10, regime: 'R' }));
    expect(ids).toEqual(['p1125899906842624', 'p1125899906842625', 'p1125899906842626']);
  });

  test.each([
    ['validations at 2^53 − 1', (s: ManagerState) => ({ ...s, counters: { ...s.counters, validations: 2 ** 53 - 1 } }), 'counters.validations'],
    ['allowed negative', (s: ManagerState) => ({ ...s, counters: { ...s.counters, allowed: -1 } }), 'counters.allowed'],
    ['reduced by symbol NaN', (s: ManagerState) => ({ ...s, counters: { ...s.counters, reducedBy: { ...s.counters.reducedBy, symbol: Number.NaN } } }), 'counters.reducedBy.symbol'],
    ['blocked by error infinite', (s: ManagerState) => ({ ...s, counters: { ...s.counters, blockedBy: { ...s.counters.blockedBy, error: Number.POSITIVE_INFINITY } } }), 'counters.blockedBy.error'],
  ] as const)('%s', (_name, edit, field) => {
    expect(refusal(edit(base)).field).toBe(field);
  });
});

describe('maxSymbols is range-checked as the snapshot\'s field, not as a caller\'s option', () => {
  test.each([0, 20_000])('maxSymbols %s is a SnapshotError, so the restart recipe starts fresh instead of crashing', (maxSymbols) => {
    const e = refusal({ ...base, maxSymbols });
    expect(e.field).toBe('maxSymbols');
    expect(e.message).toBe(`maxSymbols: must be an integer in [1, 16384], got ${maxSymbols}`);
  });

  test('a caller\'s own bad maxSymbols is still the ConfigError of that option', () => {
    let caught: unknown;
    try {
      PortfolioRiskManager.restoreSync(encodeManagerSnapshot(base), { maxSymbols: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PortfolioGuardError);
    expect((caught as PortfolioGuardError).name).toBe('ConfigError');
  });
});

test('engine symbol names are checked like every other name', () => {
  const rename = (name: string): ManagerState => ({ ...base, engine: { ...base.engine, symbols: [base.engine.symbols[0]!, name] } });
  expect(refusal(rename('')).message).toBe('symbols[1]: must be a non-empty string, got ""');
  expect(refusal(rename('e'.repeat(300))).message).toBe('symbols[1]: must be at most 256 characters, got 300');
});
