// The book's risk in one core call against the same sums taken pair by pair here, over the
// engine's own per-pair covariances (themselves checked against pandas in
// covariance-pandas.test.ts): wᵀΣw and Σw for a book listed by ascending id (the order the
// manager lists it in), the same book in another order, and books with symbols that have gaps,
// are too young for a variance, or have no pair with enough shared rows (taken at correlation 1).
// Tolerance: 1e-12 relative to the sums' scale Σ|wᵢwⱼ|σᵢσⱼ, since the one call groups the same
// products differently.
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { MINUTE, T0 } from '../manager/helpers.js';

const W = 40;
const MIN_PERIODS = 10;

/** Random-walk closes for `count` symbols over `rows` bars sharing one factor; gaps where asked. */
function market(count: number, rows: number, seed: number, gappy: ReadonlySet<number>, young: ReadonlySet<number>): CorrelationEngine {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS });
  const level = Array.from({ length: count }, () => Math.log(10 + next() * 500));
  const candles: { timestamp: number; close: number }[][] = level.map(() => []);
  for (let t = 0; t < rows; t++) {
    const common = next() - 0.5;
    for (let k = 0; k < count; k++) {
      level[k]! += 0.01 * ((k % 3) * common + next() - 0.5);
      if (young.has(k) && t < rows - 6) continue;
      if (gappy.has(k) && t > 0 && next() < 0.2) continue;
      candles[k]!.push({ timestamp: T0 + t * MINUTE, close: Math.exp(level[k]!) });
    }
  }
  candles.forEach((c, k) => engine.setCandles(`S${k}`, c));
  return engine;
}

/** wᵀΣw, Σw and the scale, pair by pair, with an unknown pair of known variances at correlation 1. */
function pairByPair(engine: CorrelationEngine, ids: number[], w: number[]) {
  const cov = (a: number, b: number) => engine.covariances.covariance(ids[a]!, ids[b]!);
  const variance = ids.map((_, a) => cov(a, a));
  const sums = ids.map(() => 0);
  let total = 0;
  let scale = 0;
  let unknownPairs = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let b = 0; b < ids.length; b++) {
      if (Number.isNaN(variance[a]!) || Number.isNaN(variance[b]!)) continue;
      let c = cov(a, b);
      if (Number.isNaN(c)) {
        c = Math.sqrt(variance[a]!) * Math.sqrt(variance[b]!);
        if (a < b) unknownPairs += 1;
      }
      sums[a]! += c * w[b]!;
      total += w[a]! * c * w[b]!;
      scale += Math.abs(w[a]! * w[b]!) * Math.sqrt(variance[a]! * variance[b]!);
    }
  }
  return { total, sums, variance, scale, unknownPairs };
}

function check(engine: CorrelationEngine, names: string[], w: number[]): void {
  const ids = names.map((n) => engine.symbolId(n)!);
  const sums = new Float64Array(ids.length);
  const variances = new Float64Array(ids.length);
  const got = engine.covariances.bookRisk(ids, w, ids.length, sums, variances);
  const want = pairByPair(engine, ids, w);
  expect(want.scale).toBeGreaterThan(0);
  expect(got.unknownPairs).toBe(want.unknownPairs);
  expect(Math.abs(got.total - want.total)).toBeLessThanOrEqual(1e-12 * want.scale);
  ids.forEach((_, k) => {
    if (Number.isNaN(want.variance[k]!)) {
      expect(variances[k]).toBeNaN();
      return;
    }
    expect(Math.abs(variances[k]! - want.variance[k]!)).toBeLessThanOrEqual(1e-14 * want.variance[k]!);
    expect(Math.abs(sums[k]! - want.sums[k]!)).toBeLessThanOrEqual(1e-12 * want.scale);
  });
  // Each proposal's column against the book: the same covariances, one call.
  for (const target of ids) {
    const column = new Float64Array(ids.length);
    const read = engine.covariances.covarianceColumn(target, ids, ids.length, column);
    const vt = engine.covariances.covariance(target, target);
    expect(Object.is(read.variance, vt)).toBe(true);
    ids.forEach((id, k) => {
      const vk = engine.covariances.covariance(id, id);
      let want = engine.covariances.covariance(target, id);
      if (Number.isNaN(vt) || Number.isNaN(vk)) want = 0;
      else if (Number.isNaN(want)) want = Math.sqrt(vt) * Math.sqrt(vk);
      expect(Math.abs(column[k]! - want), `column of ${target} at ${id}`).toBeLessThanOrEqual(1e-14 * Math.abs(want) + 1e-300);
    });
  }
}

const weights = (n: number) => Array.from({ length: n }, (_, k) => (k % 2 === 0 ? 1 : -0.6) * (0.05 + k / 50));

describe('bookRisk in one call', () => {
  it('a gap-free book listed by ascending id', () => {
    const engine = market(12, W + 15, 5, new Set(), new Set());
    const names = Array.from({ length: 12 }, (_, k) => `S${k}`);
    check(engine, names, weights(12));
  });

  it('the same book listed in another order', () => {
    const engine = market(12, W + 15, 5, new Set(), new Set());
    const names = [7, 2, 11, 0, 5, 9, 1, 4, 10, 3, 8, 6].map((k) => `S${k}`);
    check(engine, names, weights(12));
  });

  it('symbols with gaps and one too young for a variance among gap-free ones', () => {
    const engine = market(12, W + 15, 9, new Set([1, 4, 8]), new Set([10]));
    const names = Array.from({ length: 12 }, (_, k) => `S${k}`);
    check(engine, names, weights(12));
    check(engine, [...names].reverse(), weights(12));
  });

  it('a pair without enough shared rows is taken at correlation 1 and counted', () => {
    // S2 trades only the first half of the window, S3 only the second: each has a variance,
    // the pair has no shared row.
    const engine = CorrelationEngine.createSync({ window: W, minPeriods: MIN_PERIODS });
    const walk = (from: number, to: number, seed: number) => {
      let level = Math.log(50 + seed);
      return Array.from({ length: to - from }, (_, t) => {
        level += 0.01 * Math.sin(seed * 7.3 + t * 1.7);
        return { timestamp: T0 + (from + t) * MINUTE, close: Math.exp(level) };
      });
    };
    engine.setCandles('S0', walk(0, W + 1, 1));
    engine.setCandles('S1', walk(0, W + 1, 2));
    engine.setCandles('S2', walk(0, 20, 3));
    engine.setCandles('S3', walk(21, W + 1, 4));
    const ids = ['S2', 'S3'].map((n) => engine.symbolId(n)!);
    expect(engine.covariances.covariance(ids[0]!, ids[1]!)).toBeNaN();
    check(engine, ['S0', 'S1', 'S2', 'S3'], [0.3, -0.2, 0.25, 0.1]);
  });
});
