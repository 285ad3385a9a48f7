// Property tests: whatever order, chunking, re-sends and revisions the candles arrive in, the
// engine's correlations equal the naive reference computed from all candles received so far
// (last close wins). Small W and minPeriods so windows fill, slide, and hold gaps quickly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../bindings/engine.js';
import { referenceAll, SeriesRecorder } from './reference/pearson-reference.js';
import { feedPlanArb, marketArb, marketRows, toEngineCandles, type CandleStyle, type FeedCall, type Market } from './reference/random-market.js';

const TOL = 1e-12;

interface Scenario {
  W: number;
  minPeriods: number;
  market: Market;
  plan: FeedCall[];
  style: CandleStyle;
}

const paramsArb = fc.record({ W: fc.integer({ min: 10, max: 30 }), minPeriods: fc.integer({ min: 3, max: 8 }) });

const scenarioArb: fc.Arbitrary<Scenario> = paramsArb.chain(({ W, minPeriods }) =>
  marketArb({ W }).chain((market) =>
    fc.record({
      W: fc.constant(W),
      minPeriods: fc.constant(minPeriods),
      market: fc.constant(market),
      plan: feedPlanArb(market),
      style: fc.constantFrom<CandleStyle>('ccxt', 'timestamp', 'time'),
    }),
  ),
);

/** Engine state vs the reference over everything recorded so far; throws with a precise message. */
function expectMatchesReference(engine: CorrelationEngine, rec: SeriesRecorder, W: number, minPeriods: number, when: string): void {
  expect(engine.symbols(), `${when}: id order`).toEqual(rec.order);
  const ref = referenceAll(rec.series, rec.order, W, minPeriods);
  const m = engine.matrix();
  const N = rec.order.length;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const want = ref.matrix[i * N + j];
      const got = m[i * N + j];
      const where = `${when}: ${rec.order[i]}/${rec.order[j]} engine ${got} reference ${want}`;
      if (Number.isNaN(want)) expect(got, where).toBeNaN();
      else {
        expect(got, where).not.toBeNaN();
        expect(Math.abs(got - want), where).toBeLessThanOrEqual(TOL);
      }
      expect(engine.pairObservationsById(i, j), `${when}: observations ${rec.order[i]}/${rec.order[j]}`).toBe(ref.counts[i * N + j]);
      // The pair query gives the matrix's bits and, from the same call, the pair's count.
      const pair = engine.correlationById(i, j);
      const count = engine.lastPairObservations();
      if (!Object.is(pair, got) || count !== ref.counts[i * N + j]) {
        expect([pair, count], `${where}: correlationById and lastPairObservations`).toEqual([got, ref.counts[i * N + j]]);
      }
    }
  }
}

function bits(m: Float64Array): Uint8Array {
  return new Uint8Array(m.buffer, m.byteOffset, m.byteLength);
}

describe('engine vs reference under arbitrary arrival order', () => {
  it('matches the reference after every setCandles call (chunks, interleaving, re-sends, revisions, back-fill, too-old)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ W, minPeriods, plan, style }) => {
        const engine = CorrelationEngine.createSync({ window: W, minPeriods });
        const rec = new SeriesRecorder();
        plan.forEach((call, k) => {
          engine.setCandles(call.symbol, toEngineCandles(call.candles, style));
          rec.add(call.symbol, call.candles);
          expectMatchesReference(engine, rec, W, minPeriods, `after call ${k} (${call.symbol} x${call.candles.length})`);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('pushRow path equals the setCandles path and the reference', () => {
    fc.assert(
      fc.property(
        paramsArb.chain(({ W, minPeriods }) => marketArb({ W }).map((market) => ({ W, minPeriods, market }))),
        ({ W, minPeriods, market }) => {
          const byRow = CorrelationEngine.createSync({ window: W, minPeriods });
          const byCandles = CorrelationEngine.createSync({ window: W, minPeriods });
          const rec = new SeriesRecorder();
          for (const s of market.symbols) {
            byRow.addSymbol(s);
            rec.add(s, []);
          }
          const { timestamps, rows } = marketRows(market);
          timestamps.forEach((ts, r) => {
            byRow.pushRow(ts, rows[r]);
            market.symbols.forEach((s, j) => {
              if (!Number.isNaN(rows[r][j])) rec.add(s, [[ts, rows[r][j]]]);
            });
            expectMatchesReference(byRow, rec, W, minPeriods, `pushRow ${r}`);
          });
          for (const s of market.symbols) byCandles.setCandles(s, toEngineCandles(market.candles.get(s)!, 'timestamp'));
          expectMatchesReference(byCandles, rec, W, minPeriods, 'setCandles');
          const a = byRow.matrix();
          const b = byCandles.matrix();
          for (let k = 0; k < a.length; k++) {
            if (Number.isNaN(a[k]) || Number.isNaN(b[k])) expect(Number.isNaN(a[k]) && Number.isNaN(b[k]), `entry ${k}`).toBe(true);
            else expect(Math.abs(a[k] - b[k]), `entry ${k}`).toBeLessThanOrEqual(TOL);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a candle older than the kept grid is ignored, counted, and changes nothing', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ W, minPeriods, plan, style }, pick) => {
        const rec = new SeriesRecorder();
        for (const call of plan) rec.add(call.symbol, call.candles);
        const grid = new Set([...rec.series.values()].flatMap((c) => c.map(([ts]) => ts)));
        // with at least W+1 grid rows, a row before all of them cannot reach the window
        fc.pre(grid.size >= W + 1);
        const engine = CorrelationEngine.createSync({ window: W, minPeriods });
        for (const call of plan) engine.setCandles(call.symbol, toEngineCandles(call.candles, style));
        const before = engine.matrix();
        // a symbol the engine already has (a new one would legitimately grow the matrix)
        const symbol = rec.order[pick % rec.order.length];
        const oldest = Math.min(...grid);
        const res = engine.setCandles(symbol, toEngineCandles([[oldest - 7, 123.5]], style));
        expect(res.ignoredTooOld).toBe(1);
        expect(bits(engine.matrix())).toEqual(bits(before));
      }),
      { numRuns: 100 },
    );
  });
});

describe('bit-for-bit determinism', () => {
  it('the same call sequence on fresh engines (SIMD and scalar builds) gives identical bits', () => {
    fc.assert(
      fc.property(scenarioArb, ({ W, minPeriods, plan, style }) => {
        const engines = [
          CorrelationEngine.createSync({ window: W, minPeriods, simd: 'auto' }),
          CorrelationEngine.createSync({ window: W, minPeriods, simd: 'auto' }),
          CorrelationEngine.createSync({ window: W, minPeriods, simd: false }),
        ];
        expect(engines[2].stats().simd).toBe(false);
        plan.forEach((call, k) => {
          const mats = engines.map((e) => {
            e.setCandles(call.symbol, toEngineCandles(call.candles, style));
            return bits(e.matrix());
          });
          expect(mats[1], `repeat run, call ${k}`).toEqual(mats[0]);
          expect(mats[2], `scalar vs auto, call ${k}`).toEqual(mats[0]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('async create() behaves exactly like createSync()', async () => {
    const [market] = fc.sample(marketArb({ W: 20 }), { numRuns: 1, seed: 42 });
    const a = await CorrelationEngine.create({ window: 20, minPeriods: 5 });
    const b = CorrelationEngine.createSync({ window: 20, minPeriods: 5 });
    for (const s of market.symbols) {
      a.setCandles(s, toEngineCandles(market.candles.get(s)!, 'ccxt'));
      b.setCandles(s, toEngineCandles(market.candles.get(s)!, 'ccxt'));
    }
    expect(bits(a.matrix())).toEqual(bits(b.matrix()));
  });

  it('correlation(a, b), correlation(b, a), row() and matrix() report the same number', () => {
    // A risk check compares these against a threshold; argument order must not flip a decision.
    fc.assert(
      fc.property(scenarioArb, ({ W, minPeriods, plan, style }) => {
        const engine = CorrelationEngine.createSync({ window: W, minPeriods });
        for (const call of plan) engine.setCandles(call.symbol, toEngineCandles(call.candles, style));
        const names = engine.symbols();
        const N = names.length;
        const m = engine.matrix();
        names.forEach((a, i) => {
          const row = engine.row(a);
          names.forEach((b, j) => {
            const where = `${a}/${b}: matrix ${m[i * N + j]} corr(a,b) ${engine.correlation(a, b)} corr(b,a) ${engine.correlation(b, a)} row ${row[j]}`;
            expect(Object.is(engine.correlation(a, b), m[i * N + j]), where).toBe(true);
            expect(Object.is(engine.correlation(b, a), m[i * N + j]), where).toBe(true);
            expect(Object.is(row[j], m[i * N + j]), where).toBe(true);
          });
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('grid edge cases, exhaustively', () => {
  const A = Array.from({ length: 11 }, (_, k) => [k * 10, Math.exp(Math.sin(k * 1.7))] as [number, number]);
  const B = Array.from({ length: 11 }, (_, k) => [k * 10, Math.exp(Math.cos(k * 2.3))] as [number, number]);

  it('a candle at every timestamp around the window start (new row, revision, too old), before or after the rest', () => {
    // W=5 over 11 rows: the window's first return needs the close one row earlier, so a row
    // inserted between the two oldest kept rows changes the window while one before them cannot.
    const W = 5;
    for (let t = -5; t <= 105; t++) {
      for (const late of [true, false]) {
        const engine = CorrelationEngine.createSync({ window: W, minPeriods: 2 });
        const rec = new SeriesRecorder();
        const extra: Array<[number, number]> = [[t, 3.25]];
        const calls: Array<[string, Array<[number, number]>]> = late
          ? [['A', A], ['B', B], ['B', extra]]
          : [['A', A], ['B', extra], ['B', B.filter(([ts]) => ts !== t)]];
        for (const [s, c] of calls) {
          engine.setCandles(s, toEngineCandles(c, 'timestamp'));
          rec.add(s, c);
        }
        expectMatchesReference(engine, rec, W, 2, `extra candle at ${t}, ${late ? 'after' : 'before'} B's history`);
      }
    }
  });

  it('pushRow of a row with no close at all adds no grid row (no candle was given)', () => {
    const byRow = CorrelationEngine.createSync({ window: 5, minPeriods: 2 });
    byRow.addSymbol('A');
    byRow.addSymbol('B');
    const rec = new SeriesRecorder();
    rec.add('A', []);
    rec.add('B', []);
    for (let k = 0; k < 11; k++) {
      if (k === 8) {
        byRow.pushRow(A[k][0], new Float64Array([NaN, NaN]));
        continue;
      }
      byRow.pushRow(A[k][0], new Float64Array([A[k][1], B[k][1]]));
      rec.add('A', [A[k]]);
      rec.add('B', [B[k]]);
    }
    expectMatchesReference(byRow, rec, 5, 2, 'after an all-NaN row');
  });
});
