// Hand-built edge cases: windows where a correlation is undefined must be NaN (never a bogus
// finite number), and badly scaled but well-defined inputs must still be exact.
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../bindings/engine.js';
import { referenceCorrelation, SeriesRecorder } from './reference/pearson-reference.js';
import { gaussian, mulberry32 } from './reference/random-market.js';

type Closes = Array<number | undefined>; // undefined = no candle at that row

/** Feeds each symbol's closes (row k at timestamp t0 + 60_000 k) and records them for the reference. */
function load(W: number, minPeriods: number, series: Record<string, Closes>) {
  const engine = CorrelationEngine.createSync({ window: W, minPeriods });
  const rec = new SeriesRecorder();
  for (const [name, closes] of Object.entries(series)) {
    const candles = closes.flatMap((c, k) => (c === undefined ? [] : [[1_700_000_000_000 + 60_000 * k, c] as [number, number]]));
    engine.setCandles(name, candles.map(([timestamp, close]) => ({ timestamp, close })));
    rec.add(name, candles);
  }
  const ref = (a: string, b: string) => referenceCorrelation(rec.series, a, b, W, minPeriods);
  return { engine, ref };
}

function walk(n: number, seed: number, start = 100, sigma = 0.01): number[] {
  const rng = mulberry32(seed);
  const out = [start];
  for (let k = 1; k < n; k++) out.push(out[k - 1] * Math.exp(sigma * gaussian(rng)));
  return out;
}

describe('undefined correlations are NaN', () => {
  it('a constant small return at a high price level (1e-7 a bar at 1e6) gives NaN: its variance is rounding noise', () => {
    // ln(1e6) = 13.8, whose ulp is 1.8e-15: returns of 1e-7 come out as 1e-7 ± a few ulps,
    // so their variance is what rounding the log closes makes up, not a movement of the price.
    const W = 30;
    const n = 2 * W;
    const A = Array.from({ length: n }, (_, k) => 1e6 * (1 + 1e-7) ** k);
    const B = walk(n, 4);
    const { engine, ref } = load(W, 5, { A, B });
    const r = A.slice(-W).map((c, k) => Math.log(c) - Math.log(A[n - W - 1 + k]!));
    const mean = r.reduce((s, x) => s + x, 0) / W;
    const m2 = r.reduce((s, x) => s + (x - mean) ** 2, 0);
    // The premise, checked independently: a variance within rounding of 13.8-sized log closes,
    // yet far above the relative rule (M2 ≤ 1e-20·Σx²) that flat and exactly constant returns meet,
    // so that a two-pass without the noise rule reports a number.
    expect(m2 / W).toBeLessThanOrEqual((2 * Number.EPSILON * Math.log(1e6)) ** 2);
    expect(m2).toBeGreaterThan(1e-20 * r.reduce((s, x) => s + x * x, 0));
    expect(ref('A', 'B')).toBeNaN();
    expect(engine.correlation('A', 'B')).toBeNaN();
    expect(engine.correlation('A', 'A')).toBeNaN();
    expect(engine.row('A')[1]).toBeNaN();
    expect(engine.matrix()[1]).toBeNaN();
    // One more bar that moves the price by a real amount makes the window well defined again.
    engine.setCandles('A', [{ timestamp: 1_700_000_000_000 + 60_000 * n, close: A[n - 1]! * 1.01 }]);
    engine.setCandles('B', [{ timestamp: 1_700_000_000_000 + 60_000 * n, close: B[n - 1]! * 0.99 }]);
    expect(engine.correlation('A', 'B')).toBeLessThan(0);
  });

  it('a flat run of >= W identical closes (after a volatile history) gives NaN, and recovers on the next move', () => {
    const W = 30;
    const history = walk(60, 1);
    const flat = Array<number>(W + 1).fill(history[59]);
    const { engine, ref } = load(W, 5, { A: [...history, ...flat], B: walk(60 + W + 1, 2) });
    expect(ref('A', 'B')).toBeNaN(); // the test premise, checked independently
    expect(engine.correlation('A', 'B')).toBeNaN();
    expect(engine.correlation('A', 'A')).toBeNaN();
    expect(engine.correlation('B', 'B')).toBe(1);

    const t = 1_700_000_000_000 + 60_000 * (60 + W + 1);
    engine.setCandles('A', [{ timestamp: t, close: history[59] * 1.01 }]);
    engine.setCandles('B', [{ timestamp: t, close: 100 }]);
    const rec = new SeriesRecorder();
    rec.add('A', [...history, ...flat, history[59] * 1.01].map((c, k) => [1_700_000_000_000 + 60_000 * k, c]));
    rec.add('B', [...walk(60 + W + 1, 2), 100].map((c, k) => [1_700_000_000_000 + 60_000 * k, c]));
    const want = referenceCorrelation(rec.series, 'A', 'B', W, 5);
    expect(Number.isFinite(want)).toBe(true);
    expect(Math.abs(engine.correlation('A', 'B') - want)).toBeLessThanOrEqual(1e-12);
  });

  it('fewer than minPeriods pairwise-complete returns gives NaN; exactly minPeriods does not', () => {
    const minPeriods = 8;
    const A = walk(40, 3);
    // B has minPeriods + 1 closes -> minPeriods returns; C has one fewer
    const B: Closes = [...Array<undefined>(40 - minPeriods - 1), ...walk(minPeriods + 1, 4)];
    const C: Closes = [...Array<undefined>(40 - minPeriods), ...walk(minPeriods, 5)];
    const { engine, ref } = load(30, minPeriods, { A, B, C });
    expect(engine.pairObservations('A', 'B')).toBe(minPeriods);
    expect(engine.pairObservations('A', 'C')).toBe(minPeriods - 1);
    expect(Math.abs(engine.correlation('A', 'B') - ref('A', 'B'))).toBeLessThanOrEqual(1e-12);
    expect(engine.correlation('A', 'C')).toBeNaN();
    expect(engine.correlation('C', 'C')).toBeNaN();
  });

  it.each([
    [100, 1.01],
    [1e4, 0.95],
    [5e-5, 1.003],
  ])('a constant non-zero return (geometric price %d x %d per bar) gives NaN', (p0, g) => {
    const W = 40;
    const history = walk(50, 6, p0);
    const geom = Array.from({ length: W + 1 }, (_, k) => history[49] * g ** (k + 1));
    const { engine, ref } = load(W, 5, { A: [...history, ...geom], B: walk(50 + W + 1, 7) });
    // two-pass variance of these returns is rounding noise, ~1e-26 of their sum of squares
    expect(ref('A', 'B')).toBeNaN();
    expect(engine.correlation('A', 'B')).toBeNaN();
    expect(engine.correlation('A', 'A')).toBeNaN();
  });

  it('a series constant over the pairwise-complete rows (though not over its own window) gives NaN', () => {
    // S moves early (6e-5 <-> 5e-5), then is flat; E only exists during S's flat part.
    // Over the rows both have, S's returns are exactly 0: the pair's correlation is undefined.
    const { engine, ref } = load(10, 3, {
      S: [6e-5, 5e-5, 6e-5, 5e-5, 5e-5, 5e-5, 5e-5],
      E: [undefined, undefined, undefined, 9700, 1e4, 1e4, 1e4],
    });
    expect(engine.pairObservations('S', 'E')).toBe(3);
    expect(ref('S', 'E')).toBeNaN();
    expect(engine.correlation('S', 'E')).toBeNaN();
  });
});

describe('badly scaled but well-defined inputs', () => {
  it('perfectly correlated returns of ~1e-9 give 1 (and -1), not 0 and not NaN', () => {
    // Prices near 1 so that ln's last ulp (~1e-25 there) is negligible next to 1e-9 returns.
    const rng = mulberry32(8);
    const steps = Array.from({ length: 60 }, () => Math.round(gaussian(rng) * 4));
    const level = steps.map((_, k) => steps.slice(0, k + 1).reduce((a, b) => a + b, 0));
    const { engine, ref } = load(50, 10, {
      A: level.map((s) => 1 + 1e-9 * s),
      Same: level.map((s) => 1 + 1e-9 * s),
      Double: level.map((s) => 1 + 2e-9 * s),
      Mirror: level.map((s) => 1 - 1e-9 * s),
    });
    expect(Math.abs(engine.correlation('A', 'Same') - 1)).toBeLessThanOrEqual(1e-12);
    expect(engine.correlation('A', 'Double')).toBeGreaterThan(1 - 1e-9);
    expect(engine.correlation('A', 'Mirror')).toBeLessThan(-1 + 1e-9);
    for (const b of ['Same', 'Double', 'Mirror']) expect(Math.abs(engine.correlation('A', b) - ref('A', b))).toBeLessThanOrEqual(1e-12);
  });

  it('returns with mean/sigma = 1e3 match the two-pass reference within 1e-12 (also after the window slides)', () => {
    // A drifts 1e-9 per bar with 1e-12 noise: a raw-moment formula loses ~6 digits to
    // cancellation here. A's price is 1 + e (|e| < 1e-7): at ordinary prices the ramp would put
    // ln's last ulp at ~1e-11 of the noise, and V8's and the wasm's ln differ in that ulp.
    const W = 50;
    const n = 3 * W;
    const rng = mulberry32(9);
    const A: number[] = [];
    const B: number[] = [];
    let ea = -1e-9 * (n / 2);
    let lb = Math.log(30);
    for (let k = 0; k < n; k++) {
      const z = gaussian(rng);
      ea += 1e-9 + 1e-12 * z;
      lb += 0.01 * (0.6 * z + 0.8 * gaussian(rng));
      A.push(1 + ea);
      B.push(Math.exp(lb));
    }
    const { engine, ref } = load(W, 10, { A, B });
    const want = ref('A', 'B');
    expect(want).toBeGreaterThan(0.3); // the premise: a real, well-defined correlation
    expect(Math.abs(engine.correlation('A', 'B') - want)).toBeLessThanOrEqual(1e-12);
  });

  it("pairwise-complete Pearson is a true two-pass even when a symbol's own window is dominated by a spike", () => {
    // S: small returns -e,-e,0,-e on the rows E has, then a x0.5 spike and -e where E is missing.
    // E: returns a,b,b,a with a = ln 0.98 > b = ln 0.5. By hand (x = S, y = E, 4 rows):
    //   mean x = -3e/4, dx = e(-1/4,-1/4,3/4,-1/4); dy = d(1,-1,-1,1), d = (a-b)/2 > 0
    //   Sxy = e*d(-1/4+1/4-3/4-1/4) = -e*d, Sxx = 3e^2/4, Syy = 4d^2 -> r = -1/sqrt(3)
    // S's own-window mean (~ -0.12) is far from its pairwise mean (~ -7.5e-4): a formula that
    // centres on the own-window mean cancels catastrophically.
    const e = 1e-3;
    const L = [0, -e, -2 * e, -2 * e, -3 * e, -3 * e - Math.LN2, -4 * e - Math.LN2];
    const Ec = [1, 0.98, 0.49, 0.245, 0.2401];
    const { engine, ref } = load(10, 3, { S: L.map((l) => Math.exp(l)), E: [...Ec, undefined, undefined] });
    expect(engine.pairObservations('S', 'E')).toBe(4);
    expect(Math.abs(ref('S', 'E') + 1 / Math.sqrt(3))).toBeLessThanOrEqual(1e-13);
    expect(Math.abs(engine.correlation('S', 'E') - ref('S', 'E'))).toBeLessThanOrEqual(1e-12);
  });
});

describe('hand-worked examples', () => {
  it('closes 1,2,4,4,8 vs 1,2,2,4,8 give -1/3', () => {
    // returns in units of ln 2: A = (1,1,0,1), B = (1,0,1,1); means 3/4
    // dA = (1/4,1/4,-3/4,1/4), dB = (1/4,-3/4,1/4,1/4)
    // S_AB = (1 - 3 - 3 + 1)/16 = -1/4, S_AA = S_BB = (1+1+9+1)/16 = 3/4 -> r = -1/3
    const { engine } = load(4, 3, { A: [1, 2, 4, 4, 8], B: [1, 2, 2, 4, 8] });
    expect(engine.pairObservations('A', 'B')).toBe(4);
    expect(Math.abs(engine.correlation('A', 'B') + 1 / 3)).toBeLessThanOrEqual(1e-12);
    expect(engine.correlation('A', 'A')).toBe(1);
  });

  it('a missing close removes both returns that touch it: 1,2,4,4,8,8 vs 1,2,_,4,4,8 give -1/2', () => {
    // A returns (ln 2 units) rows 1..5: 1,1,0,1,0. B: 1, NaN, NaN (no previous close), 0, 1.
    // pairwise rows 1,4,5: x = (1,1,0), y = (1,0,1); means 2/3
    // dx = (1/3,1/3,-2/3), dy = (1/3,-2/3,1/3): Sxy = (1-2-2)/9 = -1/3, Sxx = Syy = 6/9 -> r = -1/2
    const { engine } = load(5, 3, { A: [1, 2, 4, 4, 8, 8], B: [1, 2, undefined, 4, 4, 8] });
    expect(engine.pairObservations('A', 'B')).toBe(3);
    expect(Math.abs(engine.correlation('A', 'B') + 0.5)).toBeLessThanOrEqual(1e-12);
  });
});
