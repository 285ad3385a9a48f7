// Restore parses the engine's state block and record block as untrusted bytes: an edit that
// keeps the CRC-32 valid (anyone can recompute it) is refused with a SnapshotError naming the
// field, whether it would have thrown a RuntimeError later (a row count past the grid, a slot
// out of range) or silently changed an answer (a minPeriods the config does not say, a
// co-moment that turns a correlation of 0.68 into 1.0).
import { describe, expect, test } from 'vitest';
import { CorrelationEngine, type EngineState } from '../../bindings/engine.js';
import { SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../../bindings/snapshot/manager-snapshot.js';
import { candlesFromReturns, enabledManager, MINUTE, returnsWithCorrelation, T0 } from '../manager/helpers.js';
import { EngineLayout, editState } from './engine-layout.js';

const W = 30;
const G = EngineLayout.global;

/**
 * SOL with gaps over 41 bars, so the grid is full and has evicted 10 rows; BTC and ETH over
 * the 31 bars it keeps, their 30 returns correlated 0.676 by construction.
 */
function sample(): PortfolioRiskManager {
  const m = enabledManager({ correlationLookback: W, minPeriods: 10 });
  m.updateMarketData('SOL/USDT', Array.from({ length: 41 }, (_, k) => ({ timestamp: T0 + k * MINUTE, close: 20 + ((k * 7) % 5) })).filter((_, k) => k % 4 !== 1));
  const { x, y } = returnsWithCorrelation(0.676, W);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x, 100, T0 + 10 * MINUTE));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y, 50, T0 + 10 * MINUTE));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  return m;
}

const original = sample();
const base: ManagerState = decodeManagerSnapshot(original.snapshot());

function refusal(state: ManagerState): SnapshotError {
  try {
    PortfolioRiskManager.restoreSync(encodeManagerSnapshot(state));
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw new Error(`expected a SnapshotError, got ${String(error)}`);
  }
  throw new Error('expected a SnapshotError, the snapshot was accepted');
}

const withEngine = (engine: EngineState): ManagerState => ({ ...base, engine });
const core = (edit: (v: DataView, l: EngineLayout) => void) => withEngine(editState(base.engine, 'core', edit));
const records = (edit: (v: DataView, l: EngineLayout) => void) => withEngine(editState(base.engine, 'records', edit));
const slotAt = (v: DataView, l: EngineLayout, p: number) => v.getInt32(l.order + 4 * p, true);
/** A slot of a row inside the window where SOL (id 0) has no candle. */
const gapSlot = (records: DataView, l: EngineLayout): number => {
  const order = new DataView(base.engine.core.buffer, base.engine.core.byteOffset);
  for (let p = 2; p < W; p++) {
    const slot = slotAt(order, l, p);
    if (Number.isNaN(records.getFloat64(l.close(0, slot), true))) return slot;
  }
  throw new Error('SOL has no gap in the window');
};

test('the sample is what the cases below assume: a full grid, three symbols, ρ = 0.676', () => {
  const v = new DataView(base.engine.core.buffer, base.engine.core.byteOffset);
  expect(v.getInt32(G.rows, true)).toBe(W + 1);
  expect(base.engine.symbols).toEqual(['SOL/USDT', 'BTC/USDT', 'ETH/USDT']);
  expect(original.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeCloseTo(0.676, 10);
  expect(PortfolioRiskManager.restoreSync(original.snapshot()).getCorrelation('BTC/USDT', 'ETH/USDT')).toBe(original.getCorrelation('BTC/USDT', 'ETH/USDT'));
});

describe('the state block', () => {
  const cases: [string, ManagerState, string | RegExp][] = [
    ['a window the config does not say', core((v) => v.setInt32(G.window, W + 1, true)), 'core.window'],
    ['a slot count that is not W + 1', core((v) => v.setInt32(G.slots, W + 9, true)), 'core.slots'],
    ['a mask word count that is not ⌈(W+1)/64⌉', core((v) => v.setInt32(G.maskWords, 3, true)), 'core.maskWords'],
    ['a row count past the grid', core((v) => v.setInt32(G.rows, W + 2, true)), 'core.rows'],
    ['a negative row count', core((v) => v.setInt32(G.rows, -1, true)), 'core.rows'],
    ['a row count one short of the full grid it orders', core((v) => v.setInt32(G.rows, W, true)), /^core\.(order\[\d+\]|timestamps)$/],
    ['a symbol count the names do not match', core((v) => v.setInt32(G.symbols, 2, true)), 'symbols'],
    ['a refresh cursor past its triangle row', core((v) => { v.setInt32(G.cursorRow, 1, true); v.setInt32(G.cursorCol, 2, true); }), 'core.cursor'],
    ['a refresh cursor past the last symbol', core((v) => v.setInt32(G.cursorRow, 3, true)), 'core.cursor'],
    ['a fractional too-old count', core((v) => v.setFloat64(G.ignoredTooOld, 0.5, true)), 'core.ignoredTooOld'],
    ['an epoch at 2^53 − 1', core((v) => v.setFloat64(G.epoch, 2 ** 53 - 1, true)), 'core.epoch'],
    ['an appended-row count of NaN', core((v) => v.setFloat64(G.appendedRows, Number.NaN, true)), 'core.appendedRows'],
    ['a non-zero byte where no field is', core((v) => v.setUint8(G.unused + 3, 1)), 'core'],
    ['a slot listed twice in the row order', core((v, l) => v.setInt32(l.order + 4, slotAt(v, l, 0), true)), 'core.order[1]'],
    ['a slot outside the grid', core((v, l) => v.setInt32(l.order + 12, W + 1, true)), 'core.order[3]'],
    ['a negative slot past the rows in use', core((v, l) => v.setInt32(l.order + 4 * W, -7, true)), `core.order[${W}]`],
    ['timestamps out of order', core((v, l) => v.setFloat64(l.timestamps + 8 * slotAt(v, l, 5), v.getFloat64(l.timestamps + 8 * slotAt(v, l, 4), true), true)), 'core.timestamps[5]'],
    ['a fractional timestamp', core((v, l) => v.setFloat64(l.timestamps + 8 * slotAt(v, l, 7), T0 + 0.5, true)), 'core.timestamps[7]'],
    ['position 0 marked as in the window', core((v, l) => { const s = slotAt(v, l, 0); v.setUint8(l.windowMask + (s >> 3), v.getUint8(l.windowMask + (s >> 3)) | (1 << (s & 7))); }), 'core.windowMask'],
    ['a window-mask bit past the last slot', core((v, l) => v.setUint8(l.windowMask + 7, 0x80)), 'core'],
  ];
  test.each(cases)('%s', (_name, state, field) => {
    const e = refusal(state);
    if (typeof field === 'string') expect(e.field).toBe(field);
    else expect(e.field).toMatch(field);
  });

  test('minPeriods 2 in the block while the config says 10 (it would report correlations from 2 returns)', () => {
    const e = refusal(core((v) => v.setInt32(G.minPeriods, 2, true)));
    expect(e.message).toBe('core.minPeriods: is 2, the configuration says 10');
  });
});

describe('the record block', () => {
  const cases: [string, ManagerState, string | RegExp][] = [
    ['a shift of NaN', records((v, l) => v.setFloat64(l.shift(0), Number.NaN, true)), 'records[0].shift'],
    ['a shift no mean of log returns can reach', records((v, l) => v.setFloat64(l.shift(0), 1e6, true)), 'records[0].shift'],
    ['a shift moved without its sums (they no longer match their returns)', records((v, l) => v.setFloat64(l.shift(1), v.getFloat64(l.shift(1), true) + 0.01, true)), 'records[1].sum'],
    ['a fractional version', records((v, l) => v.setFloat64(l.version(1), 1.5, true)), 'records[1].version'],
    ['a version at 2^53 − 1', records((v, l) => v.setFloat64(l.version(1), 2 ** 53 - 1, true)), 'records[1].version'],
    ['a log close of no finite price', records((v, l) => v.setFloat64(l.close(0, 0), 1e6, true)), 'records[0].closes[0]'],
    ['a close where the symbol had no candle (the returns it lends to disagree)', records((v, l) => v.setFloat64(l.close(0, gapSlot(v, l)), Math.log(20), true)), /^records\[0\]\.returns\[\d+\]$/],
    ['a return its closes do not give', records((v, l) => v.setFloat64(l.return(1, 4), 0.25, true)), 'records[1].returns[4]'],
    ['a missing-return bit flipped', records((v, l) => v.setUint8(l.missing(0, 0), v.getUint8(l.missing(0, 0)) ^ 0x10)), 'records[0].missing'],
    ['a non-zero byte between the mask and the co-moments', records((v, l) => v.setUint8(l.comoment(0, 0) - 1, 9)), 'records[0]'],
    ['Σu off by 1e-3', records((v, l) => v.setFloat64(l.sum(0), v.getFloat64(l.sum(0), true) + 1e-3, true)), 'records[0].sum'],
    ['Σu² a millionth of itself short', records((v, l) => v.setFloat64(l.comoment(2, 2), v.getFloat64(l.comoment(2, 2), true) * (1 - 1e-6), true)), 'records[2].comoments[2]'],
    ['Σu² a millionth of itself over (and so over hi)', records((v, l) => v.setFloat64(l.comoment(2, 2), v.getFloat64(l.comoment(2, 2), true) * (1 + 1e-6), true)), 'records[2].hi'],
    ['a cross co-moment off by a millionth of itself', records((v, l) => v.setFloat64(l.comoment(2, 1), v.getFloat64(l.comoment(2, 1), true) * (1 + 1e-6), true)), 'records[2].comoments[1]'],
    ['hi below the symbol\'s Σu²', records((v, l) => v.setFloat64(l.hi(1), 0, true)), 'records[1].hi'],
    ['hi of infinity', records((v, l) => v.setFloat64(l.hi(1), Number.POSITIVE_INFINITY, true)), 'records[1].hi'],
  ];
  test.each(cases)('%s', (_name, state, field) => {
    const e = refusal(state);
    if (typeof field === 'string') expect(e.field).toBe(field);
    else expect(e.field).toMatch(field);
  });

  test('a co-moment edited to 1e6 (it would restore ρ = 0.676 as 1.0)', () => {
    const e = refusal(records((v, l) => v.setFloat64(l.comoment(2, 1), 1e6, true)));
    expect(e.field).toBe('records[2].comoments[1]');
    expect(e.message).toMatch(/^records\[2\]\.comoments\[1\]: of "ETH\/USDT" with "BTC\/USDT" is 1000000, their returns give -?[\d.e-]+: further apart than rounding can take a running sum$/);
  });

  // A shift or hi that makes a symbol look due for a reseed is what an engine holds while a
  // reseed waits for its budget (a market-wide halt): accepted, and such a symbol's pairs are
  // answered by the two-pass until a later call reseeds it, so every answer stays the
  // original's.
  test('a shift moved far from its returns, with every sum recomputed to match it: answered by the two-pass', () => {
    const l = new EngineLayout(W);
    const v = new DataView(base.engine.records.buffer, base.engine.records.byteOffset);
    const windowed = (i: number) => Array.from({ length: l.slots }, (_, s) => v.getFloat64(l.return(i, s), true));
    const r0 = windowed(0);
    const present = r0.filter((x) => !Number.isNaN(x));
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const sigma = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
    const k = mean + 10 * sigma;
    answersAsOriginal(records((edit) => {
      const u = (x: number, shift: number) => (Number.isNaN(x) ? 0 : x - shift);
      const sumProducts = (j: number) => {
        const kj = j === 0 ? k : v.getFloat64(l.shift(j), true);
        return windowed(j).reduce((s, x, slot) => s + u(r0[slot]!, k) * u(x, kj), 0);
      };
      edit.setFloat64(l.shift(0), k, true);
      edit.setFloat64(l.sum(0), r0.reduce((s, x) => s + u(x, k), 0), true);
      for (let j = 0; j < 3; j++) edit.setFloat64(j === 0 ? l.comoment(0, 0) : l.comoment(j, 0), sumProducts(j), true);
      edit.setFloat64(l.hi(0), sumProducts(0), true);
    }));
  });

  test('hi far above Σu² (a 16-fold scale drop waiting for its reseed): answered by the two-pass', () => {
    answersAsOriginal(records((v, l) => v.setFloat64(l.hi(0), 100 * v.getFloat64(l.comoment(0, 0), true), true)));
  });
});

/**
 * Restores `state` (SOL edited so that it is due a reseed) and checks every pair against the
 * original, then after one more bar for every symbol, which reseeds SOL: its hi is its Σu² again.
 */
function answersAsOriginal(state: ManagerState): void {
  const restored = PortfolioRiskManager.restoreSync(encodeManagerSnapshot(state));
  const twin = PortfolioRiskManager.restoreSync(original.snapshot());
  const names = ['SOL/USDT', 'BTC/USDT', 'ETH/USDT'];
  const agree = () => {
    for (const a of names) for (const b of names) {
      const want = twin.getCorrelation(a, b);
      const got = restored.getCorrelation(a, b);
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12);
    }
  };
  agree();
  const t = T0 + 41 * MINUTE;
  for (const m of [restored, twin]) names.forEach((name, i) => m.updateMarketData(name, [{ timestamp: t, close: 10 + i + 0.5 }]));
  agree();
  const l = new EngineLayout(W);
  const after = restored.engine.exportState();
  const v = new DataView(after.records.buffer, after.records.byteOffset);
  expect(v.getFloat64(l.hi(0), true)).toBe(v.getFloat64(l.comoment(0, 0), true));
}

describe('the engine API checks the same state', () => {
  const state = original.engine.exportState();

  test('an exported state restores, and an edited one is refused with the same field', () => {
    expect(CorrelationEngine.fromStateSync(state).matrix()).toEqual(original.engine.matrix());
    const edited = editState(state, 'records', (v, l) => v.setFloat64(l.comoment(1, 0), 1e6, true));
    expect(() => CorrelationEngine.fromStateSync(edited)).toThrow(SnapshotError);
    expect(() => CorrelationEngine.fromStateSync(edited)).toThrow(/^records\[1\]\.comoments\[0\]: /);
  });

  test.each([
    ['a state that is not an object', 7, 'state'],
    ['another layout version', { ...state, layout: state.layout + 1 }, 'layout'],
    ['a window of 0', { ...state, window: 0 }, 'window'],
    ['minPeriods above the window', { ...state, minPeriods: W + 1 }, 'minPeriods'],
    ['an empty symbol name', { ...state, symbols: ['BTC/USDT', '', 'SOL/USDT'] }, 'symbols[1]'],
    ['a symbol name over 256 characters', { ...state, symbols: ['BTC/USDT', 'E'.repeat(257), 'SOL/USDT'] }, 'symbols[1]'],
    ['a symbol named twice', { ...state, symbols: ['BTC/USDT', 'BTC/USDT', 'SOL/USDT'] }, 'symbols'],
    ['records that are not bytes', { ...state, records: [1, 2, 3] }, 'records'],
  ] as const)('%s', (_name, bad, field) => {
    let caught: unknown;
    try {
      CorrelationEngine.fromStateSync(bad as unknown as EngineState);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SnapshotError);
    expect((caught as SnapshotError).field).toBe(field);
  });

  test('a maxSymbols below the symbols the state holds is the caller\'s ValidationError', () => {
    expect(() => CorrelationEngine.fromStateSync(state, { maxSymbols: 2 })).toThrow('maxSymbols: must be at least the 3 symbols the state holds, got 2');
  });
});
