// A market-wide halt: every close frozen for longer than the window. As the last real return
// leaves, every symbol's scale collapses in the same row and every symbol is due a reseed
// (O(N·W) each). One call must not pay for all of them: it reseeds at most its budget, about
// three rank-2 passes' worth (assembly/reseed.ts), and the symbols left waiting are answered by
// the exact two-pass meanwhile. So at every row every correlation equals a two-pass over the
// same window, no call reseeds more than the budget, and the backlog drains.
//
// Reseeds are read from the engine's state: a reseed moves a symbol's shift K to its window
// mean (docs/design.md), and nothing else writes K. A symbol whose condition clears by itself
// (volatility comes back before its turn) needs no reseed, so the halt is seen as the number of
// symbols not at rest at once, not as a count of reseeds.
import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { pairwisePearson } from '../reference/pearson-reference.js';
import { gaussian, mulberry32 } from '../reference/random-market.js';
import { EngineLayout } from '../snapshot/engine-layout.js';

const N = 60;
const W = 20;
const MIN_PERIODS = 5;
/** Rows of trading after the halt: enough for every waiting reseed to be made. */
const RECOVERY = 4 * W;
/** Reseeds one call may make: ⌊one rank-2 pass (N(N+1)/2) / one reseed (N·(W+1))⌋, at least 1. */
const BUDGET = Math.max(1, Math.floor((N + 1) / (2 * (W + 1))));

/** Rows of closes: a random walk, then the same closes for W + 15 rows, then a walk again. */
function haltMarket(seed: number): Float64Array[] {
  const rng = mulberry32(seed);
  const price = Float64Array.from({ length: N }, (_, i) => 50 + i);
  const rows: Float64Array[] = [];
  const walk = (count: number) => {
    for (let k = 0; k < count; k++) {
      const common = gaussian(rng) * 0.01;
      for (let i = 0; i < N; i++) price[i]! *= Math.exp(common * (i % 3) + gaussian(rng) * 0.01);
      rows.push(Float64Array.from(price));
    }
  };
  walk(W + 10);
  for (let k = 0; k < W + 15; k++) rows.push(Float64Array.from(price));
  walk(RECOVERY);
  return rows;
}

/** Two-pass correlations over the last W returns of `rows` (the reference the engine must match). */
function twoPass(rows: readonly Float64Array[]): Float64Array {
  const kept = rows.slice(-(W + 1));
  const returns = Array.from({ length: N }, (_, i) =>
    Float64Array.from({ length: kept.length - 1 }, (_, k) => Math.log(kept[k + 1]![i]!) - Math.log(kept[k]![i]!)));
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[i * N + j] = pairwisePearson(returns[i]!, returns[j]!, MIN_PERIODS);
  return out;
}

/** Each symbol's shift K, and how many symbols are not at rest (a reseed is due, or waits). */
function inspect(engine: CorrelationEngine): { shifts: Float64Array; unrested: number } {
  const state = engine.exportState();
  const l = new EngineLayout(W);
  const v = new DataView(state.records.buffer, state.records.byteOffset, state.records.byteLength);
  let unrested = 0;
  for (let i = 0; i < N; i++) {
    // At rest (docs/design.md): Σu² ≥ hi/16 and var ≥ Σu²/2, over the symbol's window returns.
    let present = 0;
    for (let s = 0; s < l.slots; s++) if (!Number.isNaN(v.getFloat64(l.return(i, s), true))) present++;
    if (present < MIN_PERIODS) continue;
    const sxx = v.getFloat64(l.comoment(i, i), true);
    const sx = v.getFloat64(l.sum(i), true);
    if (sxx < v.getFloat64(l.hi(i), true) / 16 || !(sxx - (sx * sx) / present >= 0.5 * sxx)) unrested++;
  }
  return { shifts: Float64Array.from({ length: N }, (_, i) => v.getFloat64(l.shift(i), true)), unrested };
}

function expectTwoPass(engine: CorrelationEngine, rows: readonly Float64Array[], at: number): void {
  const want = twoPass(rows);
  const got = engine.matrix();
  for (let k = 0; k < N * N; k++) {
    const a = got[k]!;
    const b = want[k]!;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) throw new Error(`row ${at}, pair ${k}: engine ${a}, two-pass ${b}`);
    } else if (Math.abs(a - b) > 1e-12) {
      throw new Error(`row ${at}, pair ${k}: engine ${a}, two-pass ${b}`);
    }
  }
}

/** Feeds the rows, each as the calls `callsOf` makes, and tallies the reseeds of each call. */
function feed(engine: CorrelationEngine, rows: readonly Float64Array[], callsOf: (row: Float64Array, ts: number) => (() => void)[]) {
  let before = inspect(engine).shifts;
  let most = 0;
  let waiting = 0;
  let unrestedAtEnd = 0;
  rows.forEach((row, t) => {
    for (const call of callsOf(row, t + 1)) {
      call();
      const { shifts, unrested } = inspect(engine);
      let moved = 0;
      for (let i = 0; i < N; i++) if (!Object.is(shifts[i], before[i])) moved++;
      most = Math.max(most, moved);
      waiting = Math.max(waiting, unrested);
      unrestedAtEnd = unrested;
      before = shifts;
    }
    expectTwoPass(engine, rows.slice(0, t + 1), t);
  });
  return { most, waiting, unrestedAtEnd };
}

describe.each([false, 'auto'] as const)('simd: %s', (simd) => {
  test(`pushRow: no call reseeds more than ${BUDGET} of ${N} symbols, and every answer is the two-pass at every row`, () => {
    const rows = haltMarket(3);
    const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS, simd });
    for (let i = 0; i < N; i++) engine.addSymbol(`S${i}`);
    const { most, waiting, unrestedAtEnd } = feed(engine, rows, (row, ts) => [() => engine.pushRow(ts, row)]);
    expect(most).toBeLessThanOrEqual(BUDGET);
    // The halt really did make (nearly) every symbol due at once, far past one call's budget.
    expect(waiting).toBeGreaterThanOrEqual(N - BUDGET);
    // The backlog drained: every symbol is at rest again.
    expect(unrestedAtEnd).toBe(0);
  });

  test('one candle per symbol per call (the bot loop): at most the budget per call, two-pass answers', () => {
    const rows = haltMarket(5).slice(0, 3 * W + 30);
    const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS, simd });
    const names = Array.from({ length: N }, (_, i) => `S${i}`);
    names.forEach((name) => engine.addSymbol(name));
    const { most, waiting } = feed(engine, rows, (row, ts) =>
      names.map((name, i) => () => engine.setCandles(name, [{ timestamp: ts, close: row[i]! }])));
    expect(most).toBeLessThanOrEqual(BUDGET);
    expect(waiting).toBeGreaterThanOrEqual(N / 2);
  });
});
