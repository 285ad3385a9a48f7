/**
 * bench/ceiling.mjs times parts of a row through a probe build (bench/probe/row-parts.ts).
 * Its figures mean something only if the probe is the shipped core and its extra entry
 * points do what they claim: the same correlations as the engine, bit for bit, after the
 * same rows; a floor loop that changes no bit; a kernel entry that applies exactly the
 * rank-2 update the same-algorithm JS baseline applies.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../reference/random-market.js';
import { CorrelationEngine } from '../../bindings/engine.js';
import { JsShiftedComoment } from '../../bench/baselines/js-shifted-comoment.mjs';
import { loadRowParts, type RowParts } from '../../bench/lib/probe.mjs';

const N = 23;
const W = 30;
const ROWS = 80;

function rows(): Float64Array[] {
  const next = mulberry32(5);
  const logp = new Float64Array(N);
  return Array.from({ length: ROWS }, () => {
    const market = next() - 0.5;
    return Float64Array.from(logp, (_, i) => {
      logp[i] += 0.02 * (0.6 * market + (next() - 0.5));
      return Math.exp(logp[i]);
    });
  });
}

function correlations(at: (i: number, j: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < N; i++) for (let j = 0; j < i; j++) out.push(at(i, j));
  return out;
}

describe('bench probe', () => {
  const input = rows();
  let probe: RowParts;

  beforeAll(async () => {
    probe = await loadRowParts();
    probe.init(W, 20, N);
    for (let i = 0; i < N; i++) probe.addSymbol();
    input.forEach((row, t) => {
      new Float64Array(probe.memory.buffer).set(row, probe.rowInputPtr() >>> 3);
      probe.pushRow(t + 1);
    });
  }, 60_000);

  test('is the shipped SIMD core: the same correlations, bit for bit', () => {
    const engine = CorrelationEngine.createSync({ window: W, minPeriods: 20, initialCapacity: N, simd: true });
    for (let i = 0; i < N; i++) engine.addSymbol(`S${i}`);
    input.forEach((row, t) => engine.pushRow(t + 1, row));
    expect(probe.simdEnabled()).toBe(1);
    const fromEngine = correlations((i, j) => engine.correlationById(i, j));
    expect(fromEngine.every(Number.isFinite)).toBe(true);
    expect(correlations((i, j) => probe.correlation(i, j))).toEqual(fromEngine);
  });

  test('the streaming floor changes no bit', () => {
    const before = correlations((i, j) => probe.correlation(i, j));
    probe.triangleStreamFloor();
    expect(correlations((i, j) => probe.correlation(i, j))).toEqual(before);
  });

  test('the kernel entry applies the last row’s rank-2 update once more, as the JS kernel does', () => {
    const js = new JsShiftedComoment(N, { window: W, minPeriods: 20 });
    for (const row of input) js.pushRow(row);
    const before = correlations((i, j) => probe.correlation(i, j));
    probe.rankTwoOnly();
    js.applyRankTwo();
    const after = correlations((i, j) => probe.correlation(i, j));
    const expected = correlations((i, j) => js.correlation(i, j));
    expect(after.some((r, k) => Math.abs(r - before[k]) > 1e-6)).toBe(true);
    after.forEach((r, k) => expect(Math.abs(r - expected[k])).toBeLessThan(1e-9));
  });
});
