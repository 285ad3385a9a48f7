// Long run (npm run test:long): does the incremental state drift? 10^6 rows through pushRow
// with spikes, gaps, flat runs longer than W, a 1000x volatility drop and a mean/sigma = 1e3
// series, checked every 997 rows against an exact two-pass over the same window, which the
// test keeps itself (a ring of the last W+1 closes). Symbols are described in DriftMarket.
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { pairwiseCount, pairwisePearson } from '../reference/pearson-reference.js';
import { DriftMarket } from '../reference/random-market.js';

const N = DriftMarket.N;
const W = 100;
const MIN_PERIODS = 20;
const ROWS = 1_000_000;
const CHECK_EVERY = 997; // prime, so checks do not phase-lock with any periodic refresh in the engine
const T0 = 1_500_000_000_000;
const BAR = 300_000;

/** The last W+1 closes of every symbol, oldest first on read. */
class CloseRing {
  private readonly buf = new Float64Array((W + 1) * N).fill(NaN);
  private rows = 0;

  push(closes: Float64Array): void {
    this.buf.set(closes, (this.rows % (W + 1)) * N);
    this.rows++;
  }

  /** Per symbol, the window's W returns (NaN where either close is missing or before row 0). */
  windowReturns(): Float64Array[] {
    const kept = Math.min(this.rows, W + 1);
    const first = this.rows - kept;
    return Array.from({ length: N }, (_, s) => {
      const r = new Float64Array(W).fill(NaN);
      for (let k = 1; k < kept; k++) {
        const prev = this.buf[((first + k - 1) % (W + 1)) * N + s];
        const cur = this.buf[((first + k) % (W + 1)) * N + s];
        r[W - kept + k] = Math.log(cur) - Math.log(prev);
      }
      return r;
    });
  }
}

interface Tally {
  checks: number;
  compared: number;
  maxErr: number;
  worst: string;
  bogus: string[];
  falseNaN: string[];
  countMismatch: string[];
  maxErrByPair: Float64Array;
}

function check(engine: CorrelationEngine, ring: CloseRing, row: number, t: Tally): void {
  const rets = ring.windowReturns();
  const m = engine.matrix();
  t.checks++;
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      const want = pairwisePearson(rets[i], rets[j], MIN_PERIODS);
      const got = m[i * N + j];
      const where = `row ${row} pair ${i}/${j}: engine ${got} two-pass ${want}`;
      const obs = engine.pairObservationsById(i, j);
      if (obs !== pairwiseCount(rets[i], rets[j]) && t.countMismatch.length < 5) t.countMismatch.push(`${where} obs ${obs}`);
      if (Number.isNaN(want)) {
        if (!Number.isNaN(got) && t.bogus.length < 5) t.bogus.push(where);
        continue;
      }
      if (Number.isNaN(got)) {
        if (t.falseNaN.length < 5) t.falseNaN.push(where);
        continue;
      }
      const err = Math.abs(got - want);
      t.compared++;
      if (err > t.maxErrByPair[i * N + j]) t.maxErrByPair[i * N + j] = err;
      if (err > t.maxErr) {
        t.maxErr = err;
        t.worst = where;
      }
    }
  }
}

describe('long-run drift', () => {
  it(`${ROWS} rows, N=${N}, W=${W}: every pair within 1e-12 of a two-pass, no bogus values, no false NaN`, () => {
    const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS });
    for (let s = 0; s < N; s++) engine.addSymbol(`S${s}`);
    const market = new DriftMarket(20240601, ROWS / 2);
    const ring = new CloseRing();
    const t: Tally = { checks: 0, compared: 0, maxErr: 0, worst: '', bogus: [], falseNaN: [], countMismatch: [], maxErrByPair: new Float64Array(N * N) };
    const started = performance.now();
    for (let row = 0; row < ROWS; row++) {
      const closes = market.next();
      engine.pushRow(T0 + row * BAR, closes);
      ring.push(closes);
      if ((row + 1) % CHECK_EVERY === 0 || row === ROWS - 1) check(engine, ring, row, t);
    }
    const byPair = [];
    for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) byPair.push(`${i}/${j}:${t.maxErrByPair[i * N + j].toExponential(1)}`);
    console.log(
      `drift: ${t.checks} checks, ${t.compared} finite comparisons, max abs error ${t.maxErr.toExponential(3)} (${t.worst}); ` +
        `bogus ${t.bogus.length}, false NaN ${t.falseNaN.length}; ${((performance.now() - started) / 1000).toFixed(1)} s\n  max by pair ${byPair.join(' ')}`,
    );
    expect(t.bogus, 'engine finite where the two-pass is NaN').toEqual([]);
    expect(t.falseNaN, 'engine NaN where the two-pass is finite').toEqual([]);
    expect(t.countMismatch, 'pairwise-complete counts').toEqual([]);
    expect(t.maxErr, t.worst).toBeLessThanOrEqual(1e-12);
    // the run must actually have compared things in every regime, not just produced NaN
    expect(t.compared).toBeGreaterThan(t.checks * 10);
  });

  it('a 20,000-row prefix gives identical bits on fresh engines (twice on auto, once scalar)', () => {
    const engines = [
      CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS }),
      CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS }),
      CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS, simd: false }),
    ];
    for (const e of engines) for (let s = 0; s < N; s++) e.addSymbol(`S${s}`);
    // every engine gets its own generator with the same seed: same inputs, independently made
    const markets = engines.map(() => new DriftMarket(777, 10_000));
    const ROWS_PREFIX = 20_000;
    for (let row = 0; row < ROWS_PREFIX; row++) {
      engines.forEach((e, k) => e.pushRow(T0 + row * BAR, markets[k].next()));
      if ((row + 1) % CHECK_EVERY === 0 || row === ROWS_PREFIX - 1) {
        const [a, b, c] = engines.map((e) => new Uint8Array(e.matrix().buffer));
        expect(b, `repeat run at row ${row}`).toEqual(a);
        expect(c, `scalar build at row ${row}`).toEqual(a);
      }
    }
  });
});
