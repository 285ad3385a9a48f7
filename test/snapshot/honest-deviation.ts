/**
 * Honest engines, run through the scenarios that stress their running sums most, measured by
 * the restore check itself (restore-probe.ts): the worst deviation of any running sum from its
 * exact recomputation, in units of its scale, over snapshots taken along the way. The
 * tolerance tests hold it far below SUM_TOLERANCE, so that no honest snapshot is refused.
 */
import { CorrelationEngine } from '../../bindings/engine.js';
import { DriftMarket, mulberry32 } from '../reference/random-market.js';
import { sumDeviation } from './restore-probe.js';

const T0 = 1_500_000_000_000;
const MINUTE = 60_000;

/** The drift test's market (spikes, gaps, flat runs, a 1000× volatility drop, mean/σ = 1e3), `rows` rows. */
export function driftScenario(rows: number, every = 997): number {
  const engine = CorrelationEngine.createSync({ window: 100, minPeriods: 20 });
  for (let s = 0; s < DriftMarket.N; s++) engine.addSymbol(`S${s}`);
  const market = new DriftMarket(20240601, rows / 2);
  let worst = 0;
  for (let row = 0; row < rows; row++) {
    engine.pushRow(T0 + row * 300_000, market.next());
    if ((row + 1) % every === 0) worst = Math.max(worst, sumDeviation(engine.exportState()));
  }
  return worst;
}

/**
 * A bot that re-sends its in-progress bar many times before the next one opens: every revision
 * moves a return in the window, so between two exact refreshes of a pair its sums take
 * `revisions` one-symbol updates per row on top of the row's own.
 */
export function revisionScenario(symbols: number, window: number, rows: number, revisions: number): number {
  const engine = CorrelationEngine.createSync({ window, minPeriods: 2 });
  const next = mulberry32(11);
  const logs = new Float64Array(symbols).fill(Math.log(100));
  let worst = 0;
  for (let row = 0; row < rows; row++) {
    const timestamp = T0 + row * MINUTE;
    for (let r = 0; r < revisions; r++) {
      const s = r % symbols;
      engine.setCandles(`S${s}`, [{ timestamp, close: Math.exp(logs[s]! + 0.02 * (next() - 0.5)) }]);
    }
    for (let s = 0; s < symbols; s++) logs[s] += 0.02 * (next() - 0.5);
    if ((row + 1) % Math.max(1, Math.floor(rows / 40)) === 0) worst = Math.max(worst, sumDeviation(engine.exportState()));
  }
  return worst;
}

/**
 * Many symbols through pushRow, so every pair goes 10·W rows between exact refreshes; a shared
 * factor, per-symbol drifts, 3% gaps, and volatility that collapses 100-fold and recovers.
 */
export function manySymbolsScenario(symbols: number, window: number, rows: number): number {
  const engine = CorrelationEngine.createSync({ window, minPeriods: 2, initialCapacity: symbols });
  for (let s = 0; s < symbols; s++) engine.addSymbol(`S${s}`);
  const next = mulberry32(7);
  const logs = new Float64Array(symbols).fill(Math.log(100));
  const closes = new Float64Array(symbols);
  let worst = 0;
  for (let row = 0; row < rows; row++) {
    const common = 0.02 * (next() - 0.5);
    const vol = row % (30 * window) < 15 * window ? 1 : 0.01;
    for (let s = 0; s < symbols; s++) {
      logs[s] += vol * (common + 0.01 * (1 + (s % 5)) * (next() - 0.5)) + 1e-4 * (s % 3);
      closes[s] = next() < 0.03 ? Number.NaN : Math.exp(logs[s]!);
    }
    engine.pushRow(T0 + row * MINUTE, closes);
    if ((row + 1) % Math.max(1, Math.floor(rows / 12)) === 0) worst = Math.max(worst, sumDeviation(engine.exportState()));
  }
  return worst;
}
