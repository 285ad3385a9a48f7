import { describe, expect, it } from 'vitest';
import { Rng } from '../src/simulation/random.js';
import { blockBootstrap, bootstrapMean, defaultBlockLength, meanSe, quantileSorted, sharpeOf } from '../src/replay/stats.js';

describe('quantiles, means and Sharpe, worked by hand', () => {
  it('interpolates between order statistics', () => {
    const v = [1, 2, 3, 4];
    expect(quantileSorted(v, 0)).toBe(1);
    expect(quantileSorted(v, 0.5)).toBe(2.5);
    // h = 3 × 0.025 = 0.075: 1 + 0.075 × (2 − 1)
    expect(quantileSorted(v, 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted(v, 1)).toBe(4);
  });

  it('mean and standard error', () => {
    // mean 5, sample variance ((−3)² + (−1)² + 1² + 3²) / 3 = 20/3, SE = √(20/3) / 2
    const { mean, se, n } = meanSe([2, 4, 6, 8]);
    expect(mean).toBe(5);
    expect(se).toBeCloseTo(Math.sqrt(20 / 3) / 2, 12);
    expect(n).toBe(4);
  });

  it('Sharpe of four returns', () => {
    // mean 0.005; deviations ±0.005, ±0.015: Σ² = 5e-4, sample std √(5e-4 / 3)
    const r = [0.01, -0.01, 0.02, 0];
    expect(sharpeOf(r, 252)).toBeCloseTo((0.005 / Math.sqrt(5e-4 / 3)) * Math.sqrt(252), 10);
    expect(sharpeOf([0.01, 0.01], 252)).toBeNaN();
  });

  it('blocks are at least the floor, else n^(1/3)', () => {
    expect(defaultBlockLength(1000)).toBe(10);
    expect(defaultBlockLength(1000, 36)).toBe(36);
  });
});

describe('bootstrap of the mean over seeds', () => {
  it('collapses on constant values and is reproducible from its seed', () => {
    expect(bootstrapMean([0.3, 0.3, 0.3])).toEqual({ estimate: 0.3, low: 0.3, high: 0.3 });
    const v = [0.1, -0.4, 0.2, 0.9, -0.1];
    expect(bootstrapMean(v, 4)).toEqual(bootstrapMean(v, 4));
    expect(bootstrapMean(v, 4)).not.toEqual(bootstrapMean(v, 5));
  });

  it('two values: resample means are 0, ½ or 1, so the 95% interval is [0, 1]', () => {
    const i = bootstrapMean([0, 1]);
    expect(i).toEqual({ estimate: 0.5, low: 0, high: 1 });
  });

  it('has no interval for a single value', () => {
    const i = bootstrapMean([2]);
    expect(i.estimate).toBe(2);
    expect(i.low).toBeNaN();
  });

  it('matches the normal interval of a mean on a large sample', () => {
    const rng = new Rng(3);
    const v = Array.from({ length: 400 }, () => rng.normal());
    const { mean, se } = meanSe(v);
    const i = bootstrapMean(v, 9, 4000);
    expect(i.low).toBeCloseTo(mean - 1.96 * se, 1);
    expect(i.high).toBeCloseTo(mean + 1.96 * se, 1);
    expect((i.high - i.low) / (2 * 1.96 * se)).toBeGreaterThan(0.9);
    expect((i.high - i.low) / (2 * 1.96 * se)).toBeLessThan(1.1);
  });
});

describe('moving-block bootstrap of paired series', () => {
  it('with one block as long as the series, every resample is the series itself', () => {
    const a = [0.01, -0.02, 0.03, 0.0, 0.01];
    const b = [0.0, 0.01, -0.01, 0.02, 0.0];
    const diff = ([x, y]: readonly Float64Array[]): number => sharpeOf(x, 252) - sharpeOf(y, 252);
    const i = blockBootstrap([a, b], diff, { blockLength: 5 });
    const exact = sharpeOf(a, 252) - sharpeOf(b, 252);
    expect(i.estimate).toBeCloseTo(exact, 12);
    expect(i.low).toBeCloseTo(exact, 12);
    expect(i.high).toBeCloseTo(exact, 12);
    expect(i.bars).toBe(5);
  });

  it('keeps the pairs together: a statistic of a − b sees only the paired differences', () => {
    // b = a + 1 bar by bar: any resample of the same bars gives mean(b) − mean(a) = 1 exactly.
    const rng = new Rng(1);
    const a = Array.from({ length: 300 }, () => rng.normal());
    const b = a.map((x) => x + 1);
    const mean = (x: Float64Array): number => x.reduce((s, v) => s + v, 0) / x.length;
    const i = blockBootstrap([a, b], ([x, y]) => mean(y) - mean(x), { blockLength: 7, seed: 2 });
    expect(i.low).toBeCloseTo(1, 12);
    expect(i.high).toBeCloseTo(1, 12);
  });

  it('with blocks of one bar, it is the iid bootstrap of the mean', () => {
    const rng = new Rng(5);
    const a = Array.from({ length: 500 }, () => rng.normal());
    const { mean, se } = meanSe(a);
    const i = blockBootstrap([a], ([x]) => x.reduce((s, v) => s + v, 0) / x.length, { blockLength: 1, seed: 3, resamples: 4000 });
    expect((i.high - i.low) / (2 * 1.96 * se)).toBeGreaterThan(0.9);
    expect((i.high - i.low) / (2 * 1.96 * se)).toBeLessThan(1.1);
    expect(i.estimate).toBeCloseTo(mean, 12);
  });

  it('refuses series of different lengths', () => {
    expect(() => blockBootstrap([[1, 2], [1]], () => 0, { blockLength: 1 })).toThrow(/differ in length/);
  });
});
