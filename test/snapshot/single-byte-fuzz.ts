/**
 * Single-byte edits of a real snapshot, with the CRC-32 recomputed (anyone can), shared by the
 * fuzz test in `npm test` and its longer variant in `test:long`.
 *
 * Each edit must be either refused with a SnapshotError, or give a manager whose every later
 * call (ingest, revise, validate, stats, matrix, snapshot and restore again) succeeds or throws
 * a typed error, and whose correlations, before and after those calls, equal a fresh engine's
 * fed the closes the restored engine holds, within
 *     1600 · SUM_TOLERANCE · (2 + √(W / max(minPeriods, 2)))  +  1e-12
 * The first term is what an edited running sum that passed the check can move a correlation
 * (docs/reliability.md#what-restore-checks derives it); 1e-12 is the engine's own
 * order-independence bound, since the fresh engine receives the candles in another order.
 */
import { crc32 } from '../../bindings/snapshot/crc32.js';
import { CorrelationEngine } from '../../bindings/engine.js';
import { PortfolioGuardError, SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { decodeManagerSnapshot } from '../../bindings/snapshot/manager-snapshot.js';
import { expect } from 'vitest';
import { MINUTE, T0, enabledManager, rng } from '../manager/helpers.js';
import { candlesOf } from './engine-layout.js';
import { SUM_TOLERANCE } from './restore-probe.js';

/** The tolerance stated above, for a window and minPeriods. */
export function correlationBound(window: number, minPeriods: number): number {
  return 1600 * SUM_TOLERANCE * (2 + Math.sqrt(window / Math.max(minPeriods, 2))) + 1e-12;
}
const HEADER = 20;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', '__proto__', 'ünï/€'];

/**
 * A complete small state: four symbols over W + 8 bars (the grid of W + 1 rows is full and has
 * evicted), gaps, a revised close, an inserted row, positions both ways with a strategy,
 * validations of every outcome, a changed config.
 */
export function fuzzedManager(window: number, minPeriods: number, seed = 2024): PortfolioRiskManager {
  const m = enabledManager({ correlationLookback: window, minPeriods });
  const next = rng(seed);
  SYMBOLS.forEach((symbol, k) => {
    let logClose = Math.log(2 + k);
    const bars = [];
    for (let b = 0; b < window + 8; b++) {
      logClose += 0.02 * (next() - 0.5) + (k % 2 === 0 ? 0.01 : -0.01) * Math.sin(b);
      if (next() < 0.12) continue;
      bars.push({ timestamp: T0 + 2 * b * MINUTE, close: Math.exp(logClose) });
    }
    m.updateMarketData(symbol, bars);
  });
  m.updateMarketData('ETH/USDT', [{ timestamp: T0 + 2 * (window + 7) * MINUTE, close: 3.3 }]);
  m.updateMarketData('ünï/€', [{ timestamp: T0 + (2 * window + 11) * MINUTE, close: 5.1 }]);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 9_000, regime: 'TRENDING', strategy: 'breakout' });
  m.registerPosition({ symbol: '__proto__', side: 'short', size: 3_000, regime: 'RANGING' });
  m.registerPosition({ id: 'hedge', symbol: 'ETH/USDT', side: 'short', size: 1_500, regime: 'TRENDING' });
  for (const proposedSize of [500, 30_000, 200_000]) m.validateNewPosition({ symbol: 'ünï/€', side: 'long', proposedSize, regime: 'TRENDING' });
  m.updateConfig({ maxSymbolExposurePct: 0.3 });
  return m;
}

/** Byte ranges of the payload's sections (offsets into the whole snapshot). */
export function regions(bytes: Uint8Array): { name: string; from: number; to: number }[] {
  const state = decodeManagerSnapshot(bytes);
  const names = state.engine.symbols.reduce((n, s) => n + 4 + 2 * s.length, 4);
  const config = HEADER + 59;
  const equity = config + 8;
  const engineHeader = equity + 16;
  const symbolNames = engineHeader + names;
  const core = symbolNames + 4 + state.engine.core.length;
  const records = core + 4 + state.engine.records.length;
  const counters = bytes.length - 15 * 8;
  return [
    { name: 'config', from: HEADER, to: config },
    { name: 'equity', from: config, to: equity },
    { name: 'engine header', from: equity, to: engineHeader },
    { name: 'symbol names', from: engineHeader, to: symbolNames },
    { name: 'core block', from: symbolNames, to: core },
    { name: 'record block', from: core, to: records },
    { name: 'book', from: records, to: counters },
    { name: 'counters', from: counters, to: bytes.length },
  ];
}

export function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  new DataView(copy.buffer).setUint32(16, crc32(copy.subarray(HEADER)), true);
  return copy;
}

export interface Outcome {
  readonly refused: boolean;
  /** Largest |restored − fresh| over every correlation, before and after the later calls. */
  readonly deviation: number;
}

const typed = (error: unknown): boolean => error instanceof PortfolioGuardError;

/** Runs `call`; a typed refusal is an answer, anything else is a defect and is rethrown with its context. */
function attempt<T>(what: string, call: () => T): T | undefined {
  try {
    return call();
  } catch (error) {
    if (typed(error)) return undefined;
    throw new Error(`${what} threw ${String(error)}`);
  }
}

function largestDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]!) !== Number.isNaN(b[k]!)) return Number.POSITIVE_INFINITY;
    if (!Number.isNaN(a[k]!)) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  }
  return worst;
}

/** The bar the later calls send: k-th after the head, for the symbol with id i. */
const laterBar = (head: number, k: number, i: number) => [{ timestamp: head + (k + 1) * MINUTE, close: 2 + i + 0.05 * Math.sin(3 * k + i) }];
const LATER_ROWS = 3;

/** What a fresh engine fed `held` answers, before and after the later calls the restored manager took. */
interface FreshAnswers {
  readonly before: Float64Array;
  readonly after: Float64Array;
}

// Most accepted edits leave the held candles as they were: their fresh answers are computed once.
const freshByCandles = new Map<string, FreshAnswers>();

/**
 * The fresh engine is sent the later calls the restored manager accepted ('.' in `taken`, in
 * call order, the revision last). The manager may refuse a bar the engine alone would take
 * (its clock's unit rule, for a restored head whose time looks like microseconds): a typed
 * refusal is an allowed outcome, and the correlations must still be the same closes'.
 */
function freshAnswers(window: number, minPeriods: number, symbols: readonly string[], held: [number, number][][], taken: string): FreshAnswers {
  const key = JSON.stringify([window, minPeriods, held, taken]);
  const known = freshByCandles.get(key);
  if (known !== undefined) return known;
  const fresh = CorrelationEngine.createSync({ window, minPeriods });
  symbols.forEach((name, i) => fresh.setCandles(name, held[i]!.map(([timestamp, close]) => ({ timestamp, close }))));
  const before = fresh.matrix();
  const head = Math.max(...held.flat().map(([ts]) => ts));
  let call = 0;
  for (let k = 0; k < LATER_ROWS; k++) {
    symbols.forEach((name, i) => { if (taken[call++] === '.') attempt('fresh setCandles', () => fresh.setCandles(name, laterBar(head, k, i))); });
  }
  if (taken[call] === '.') attempt('fresh revise', () => fresh.setCandles(symbols[0]!, [{ timestamp: head + LATER_ROWS * MINUTE, close: 2.5 }]));
  const answers = { before, after: fresh.matrix() };
  freshByCandles.set(key, answers);
  return answers;
}

/** Restores `bytes` and puts the result through the checks described at the top. */
export function tryEdit(bytes: Uint8Array): Outcome {
  let m: PortfolioRiskManager;
  try {
    m = PortfolioRiskManager.restoreSync(bytes);
  } catch (error) {
    if (error instanceof SnapshotError) return { refused: true, deviation: 0 };
    throw new Error(`restore threw ${String(error)}`);
  }
  const state = m.engine.exportState();
  const held = candlesOf(state);
  const before = m.engine.matrix();

  const head = Math.max(...held.flat().map(([ts]) => ts));
  const symbols = m.engine.symbols();
  let taken = '';
  for (let k = 0; k < LATER_ROWS; k++) {
    symbols.forEach((name, i) => { taken += attempt(`updateMarketData(${name})`, () => m.updateMarketData(name, laterBar(head, k, i))) === undefined ? 'x' : '.'; });
  }
  // A revision of the head bar: the one-symbol delta path.
  taken += attempt('revise', () => m.updateMarketData(symbols[0]!, [{ timestamp: head + LATER_ROWS * MINUTE, close: 2.5 }])) === undefined ? 'x' : '.';
  const fresh = freshAnswers(state.window, state.minPeriods, state.symbols, held, taken);
  let deviation = largestDifference(before, fresh.before);
  attempt('validate', () => m.validateNewPosition({ symbol: symbols[1] ?? 'X', side: 'long', proposedSize: 20_000, regime: 'TRENDING' }));
  attempt('getStats', () => m.getStats());
  attempt('exposures', () => m.getPositions().map((p) => m.getSymbolExposure(p.symbol)));
  deviation = Math.max(deviation, largestDifference(attempt('matrix', () => m.engine.matrix()) ?? new Float64Array(), fresh.after));
  // What the restored manager writes is itself a snapshot it, and any reader, accepts.
  const again = attempt('snapshot', () => m.snapshot());
  if (again === undefined) throw new Error('snapshot() of a restored manager was refused');
  const reread = attempt('restore of the restored manager\'s snapshot', () => PortfolioRiskManager.restoreSync(again));
  if (reread === undefined) throw new Error('the restored manager\'s own snapshot was refused');
  return { refused: false, deviation };
}

export interface RegionTally {
  readonly name: string;
  edits: number;
  refused: number;
  /** Largest deviation of an accepted edit's correlations from the fresh engine's. */
  worst: number;
}

/**
 * Edits every byte of every region of `bytes` `editsPerByte(region)` times, each to a seeded
 * random other value, and holds each outcome to `bound`; a defect names the byte and value.
 */
export function fuzzEveryByte(bytes: Uint8Array, seed: number, bound: number, editsPerByte: (region: string) => number): RegionTally[] {
  const next = rng(seed);
  return regions(bytes).map((region) => {
    const tally: RegionTally = { name: region.name, edits: 0, refused: 0, worst: 0 };
    const span = region.to - region.from;
    for (let k = 0; k < editsPerByte(region.name) * span; k++) {
      const at = region.from + (k % span);
      const value = bytes[at]! ^ (1 + Math.floor(next() * 255));
      const where = `byte ${at} (${region.name}) set to ${value}`;
      let outcome: Outcome;
      try {
        outcome = tryEdit(withByte(bytes, at, value));
      } catch (error) {
        throw new Error(`${where}: ${String(error)}`);
      }
      tally.edits++;
      if (outcome.refused) tally.refused++;
      tally.worst = Math.max(tally.worst, outcome.deviation);
      expect(outcome.deviation, where).toBeLessThanOrEqual(bound);
    }
    return tally;
  });
}
