// The external definition of correctness is pandas' rolling correlation on the outer-joined
// log-return grid (docs/design.md). The fixture holds real freqtrade candles with a 40-bar hole
// (ADA) and one-bar gaps (TRX, ZEC, DASH, XMR), and pandas' matrices at checkpoints inside
// and after them; scripts/make-pandas-fixture.py regenerates it. pandas uses its own
// (moment-based) formula, hence 1e-9 rather than the 1e-12 used against the two-pass reference.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../bindings/engine.js';

interface Checkpoint {
  label: string;
  ts: number;
  matrix: (number | null)[][];
  counts: number[][];
}
interface Scenario {
  name: string;
  symbols: string[];
  candles: Record<string, Array<[number, number]>>;
  checkpoints: Checkpoint[];
}
interface Fixture {
  window: number;
  minPeriods: number;
  scenarios: Scenario[];
}

const fixture: Fixture = JSON.parse(readFileSync(new URL('./fixtures/pandas-freqtrade.json', import.meta.url), 'utf8'));
const TOL = 1e-9;

function expectMatchesPandas(engine: CorrelationEngine, sc: Scenario, cp: Checkpoint): void {
  const m = engine.matrix();
  const ids = sc.symbols.map((s) => engine.symbolId(s)!);
  const N = engine.symbols().length;
  sc.symbols.forEach((a, i) => {
    sc.symbols.forEach((b, j) => {
      const want = cp.matrix[i][j];
      const where = `${sc.name}@${cp.label} ${a}/${b}`;
      const got = m[ids[i] * N + ids[j]];
      if (want === null) expect(got, where).toBeNaN();
      else expect(Math.abs(got - want), `${where}: engine ${got} pandas ${want}`).toBeLessThanOrEqual(TOL);
      // the scalar accessor reads the same window as the matrix (bit-equality is the property test's job)
      const single = engine.correlation(a, b);
      if (want === null) expect(single, where).toBeNaN();
      else expect(Math.abs(single - want), `${where} correlation()`).toBeLessThanOrEqual(TOL);
      expect(engine.pairObservations(a, b), `${where} observations`).toBe(cp.counts[i][j]);
    });
  });
}

const asCcxt = (c: Array<[number, number]>) => c.map(([ts, close]) => [ts, close, close, close, close, 1]);
const asObjects = (c: Array<[number, number]>) => c.map(([ts, close]) => ({ timestamp: ts, close }));

describe.each(fixture.scenarios)('engine vs pandas: $name', (sc) => {
  it('start-up load, symbol after symbol, matches at every checkpoint', () => {
    for (const cp of sc.checkpoints) {
      const engine = CorrelationEngine.createSync({ window: fixture.window, minPeriods: fixture.minPeriods });
      for (const s of sc.symbols) engine.setCandles(s, asCcxt(sc.candles[s].filter(([ts]) => ts <= cp.ts)));
      expectMatchesPandas(engine, sc, cp);
    }
  });

  it('reverse symbol order (late symbols back-fill the grid) matches too', () => {
    for (const cp of sc.checkpoints) {
      const engine = CorrelationEngine.createSync({ window: fixture.window, minPeriods: fixture.minPeriods });
      for (const s of [...sc.symbols].reverse()) engine.setCandles(s, asObjects(sc.candles[s].filter(([ts]) => ts <= cp.ts)));
      expectMatchesPandas(engine, sc, cp);
    }
  });

  it('live loop (one bar per symbol per tick, re-sending the previous bar) matches at every checkpoint', () => {
    const engine = CorrelationEngine.createSync({ window: fixture.window, minPeriods: fixture.minPeriods });
    for (const s of sc.symbols) engine.addSymbol(s);
    const grid = [...new Set(sc.symbols.flatMap((s) => sc.candles[s].map(([ts]) => ts)))].sort((a, b) => a - b);
    const byTs = new Map(sc.symbols.map((s) => [s, new Map(sc.candles[s])] as const));
    let next = 0;
    let prev: number | undefined;
    for (const ts of grid) {
      for (const s of sc.symbols) {
        const bars = [prev, ts].filter((t): t is number => t !== undefined && byTs.get(s)!.has(t));
        if (bars.length > 0) engine.setCandles(s, asObjects(bars.map((t) => [t, byTs.get(s)!.get(t)!])));
      }
      prev = ts;
      while (next < sc.checkpoints.length && sc.checkpoints[next].ts === ts) expectMatchesPandas(engine, sc, sc.checkpoints[next++]);
    }
    expect(next).toBe(sc.checkpoints.length);
  });
});
