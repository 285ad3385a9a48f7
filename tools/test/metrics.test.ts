import { describe, expect, it } from 'vitest';
import {
  BookCorrelation,
  barReturns,
  countDecision,
  curveMetrics,
  emptyCounts,
  latencySummary,
  maxDrawdown,
  meanStd,
} from '../src/replay/metrics.js';

/** Builds an equity curve from bar returns, starting at `start`. */
function curveFrom(start: number, returns: number[]): number[] {
  const out = [start];
  for (const r of returns) out.push(out[out.length - 1] * (1 + r));
  return out;
}

describe('maxDrawdown', () => {
  it('finds the deepest fall from a running peak, worked by hand', () => {
    // Peaks 120 then 130: falls 120→90 = 25%, 130→65 = 50%; the later high 140 does not undo it.
    expect(maxDrawdown([100, 120, 90, 130, 65, 140])).toBeCloseTo(0.5, 15);
  });

  it('is 0 for a curve that never falls', () => {
    expect(maxDrawdown([1, 1, 2, 3, 3, 10])).toBe(0);
  });

  it('measures a fall that starts at the very first bar', () => {
    expect(maxDrawdown([200, 150, 100, 180])).toBeCloseTo(0.5, 15);
  });
});

describe('curveMetrics', () => {
  // Returns 1%, −1%, 2%, 0%: mean 0.005; deviations ±0.005, ±0.015 → sample variance
  // (2·25e-6 + 2·225e-6) / 3 = 500e-6 / 3; so mean/std = √0.15 exactly.
  const returns = [0.01, -0.01, 0.02, 0];
  const equity = curveFrom(1000, returns);

  it('computes Sharpe and volatility of a known series with the sample (n − 1) deviation', () => {
    const m = curveMetrics(equity, 252);
    expect(m.sharpe).toBeCloseTo(Math.sqrt(0.15 * 252), 10);
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt((500e-6 / 3) * 252), 10);
  });

  it('reports the worst bar and where it is', () => {
    const m = curveMetrics(equity, 252);
    expect(m.worstBar).toBeCloseTo(-0.01, 12);
    expect(m.worstBarIndex).toBe(2);
  });

  it('reports final equity and total return', () => {
    const m = curveMetrics(equity, 252);
    const final = 1000 * 1.01 * 0.99 * 1.02 * 1.0;
    expect(m.finalEquity).toBeCloseTo(final, 9);
    expect(m.totalReturn).toBeCloseTo(final / 1000 - 1, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.01, 12);
  });

  it('gives NaN Sharpe (not ±∞) for a flat curve', () => {
    const m = curveMetrics([5, 5, 5, 5], 365);
    expect(m.annualVolatility).toBe(0);
    expect(Number.isNaN(m.sharpe)).toBe(true);
  });

  it('annualises with the square root of the bar count', () => {
    const daily = curveMetrics(equity, 252);
    const hourly = curveMetrics(equity, 8766);
    expect(hourly.sharpe / daily.sharpe).toBeCloseTo(Math.sqrt(8766 / 252), 10);
  });

  it('rejects an empty curve', () => {
    expect(() => curveMetrics([], 252)).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('barReturns and meanStd agree with direct arithmetic', () => {
    const r = barReturns([100, 110, 99]);
    expect(r.length).toBe(2);
    expect(r[0]).toBeCloseTo(0.1, 14);
    expect(r[1]).toBeCloseTo(-0.1, 14);
    const { mean, std } = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    // Population σ of this classic set is 2; the sample one is 2·√(8/7).
    expect(std).toBeCloseTo(2 * Math.sqrt(8 / 7), 14);
  });

  it('countDecision separates full, reduced and blocked, per rule', () => {
    const c = emptyCounts();
    countDecision(c, true, 1, 'none');
    countDecision(c, true, 0.5, 'regime');
    countDecision(c, true, 0.25, 'regime');
    countDecision(c, false, 0, 'direction');
    countDecision(c, true, 0.6, 'correlation');
    expect(c).toEqual({
      proposed: 5,
      allowedFull: 1,
      reduced: 3,
      blocked: 1,
      reducedBy: { regime: 2, correlation: 1 },
      blockedBy: { direction: 1 },
    });
  });

  it('BookCorrelation averages per bar, then over bars, skipping unknown pairs', () => {
    const b = new BookCorrelation();
    b.addBar([0.5, 0.1, Number.NaN]); // bar mean 0.3
    b.addBar([Number.NaN]); // nothing known: not a sampled bar
    b.addBar([-0.2]); // bar mean −0.2
    expect(b.sampledBars).toBe(2);
    expect(b.value).toBeCloseTo(0.05, 15);
    expect(Number.isNaN(new BookCorrelation().value)).toBe(true);
  });

  it('latencySummary converts ms samples to µs', () => {
    const s = latencySummary([0.001, 0.002, 0.003, 0.004]);
    expect(s.checks).toBe(4);
    expect(s.meanUs).toBeCloseTo(2.5, 12);
    expect(s.p50Us).toBeCloseTo(3, 12); // index floor(0.5·4) = 2 of the sorted samples
    expect(s.p99Us).toBeCloseTo(4, 12);
    expect(s.totalMs).toBeCloseTo(0.01, 15);
  });
});
