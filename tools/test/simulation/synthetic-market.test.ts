import { describe, expect, it } from 'vitest';
import { generateSyntheticMarket } from '../../src/simulation/synthetic-market.js';

/** Plain two-pass Pearson correlation over the given rows, independent of the engine. */
function pearson(a: Float64Array, b: Float64Array, rows: number[]): number {
  let ma = 0;
  let mb = 0;
  for (const t of rows) {
    ma += a[t];
    mb += b[t];
  }
  ma /= rows.length;
  mb /= rows.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const t of rows) {
    sab += (a[t] - ma) * (b[t] - mb);
    saa += (a[t] - ma) ** 2;
    sbb += (b[t] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('generateSyntheticMarket', () => {
  const market = generateSyntheticMarket({ seed: 11, bars: 4000 });
  const logReturns = market.series.map((s) => {
    const r = new Float64Array(s.close.length);
    for (let t = 1; t < r.length; t++) r[t] = Math.log(s.close[t] / s.close[t - 1]);
    return r;
  });
  const averageCorrelation = (rows: number[]): number => {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < logReturns.length; i++) {
      for (let j = i + 1; j < logReturns.length; j++) {
        sum += pearson(logReturns[i], logReturns[j], rows);
        pairs++;
      }
    }
    return sum / pairs;
  };

  it('is bit-for-bit reproducible from its seed, and another seed gives another market', () => {
    const again = generateSyntheticMarket({ seed: 11, bars: 4000 });
    expect(again.series.map((s) => Array.from(s.close))).toEqual(market.series.map((s) => Array.from(s.close)));
    expect(again.truth.regimes).toEqual(market.truth.regimes);
    const other = generateSyntheticMarket({ seed: 12, bars: 4000 });
    expect(other.series[0].close[3999]).not.toBe(market.series[0].close[3999]);
  });

  it('has 48 uniquely named symbols on an hourly grid by default', () => {
    expect(market.series.length).toBe(48);
    expect(new Set(market.series.map((s) => s.symbol)).size).toBe(48);
    expect(market.timestamps[1] - market.timestamps[0]).toBe(3_600_000);
    expect(market.periodsPerYear).toBeCloseTo(8766, 6);
  });

  it('produces consistent candles: positive prices, low ≤ open, close ≤ high', () => {
    const bad: string[] = [];
    for (const s of market.series) {
      for (let t = 0; t < s.close.length; t++) {
        const ok = s.close[t] > 0 && s.low[t] <= Math.min(s.open[t], s.close[t]) && s.high[t] >= Math.max(s.open[t], s.close[t]);
        if (!ok) bad.push(`${s.symbol}@${t}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('visits all three regimes and schedules one crash episode per 2,000 bars', () => {
    expect(new Set(market.truth.regimes)).toEqual(new Set(['TRENDING', 'RANGING', 'VOLATILE']));
    let episodes = 0;
    market.truth.crash.forEach((c, t) => {
      if (c === 1 && (t === 0 || market.truth.crash[t - 1] === 0)) episodes++;
    });
    expect(episodes).toBe(2);
  });

  it('pushes correlations toward 1 in crashes, far above calm markets', () => {
    const crash: number[] = [];
    const ranging: number[] = [];
    for (let t = 1; t < market.timestamps.length; t++) {
      if (market.truth.crash[t] === 1) crash.push(t);
      else if (market.truth.regimes[t] === 'RANGING') ranging.push(t);
    }
    expect(averageCorrelation(crash)).toBeGreaterThan(0.9);
    expect(averageCorrelation(ranging)).toBeLessThan(0.5);
  });

  it('rejects degenerate sizes', () => {
    expect(() => generateSyntheticMarket({ seed: 1, bars: 1 })).toThrow(RangeError);
    expect(() => generateSyntheticMarket({ seed: 1, bars: 10, symbols: 1 })).toThrow(RangeError);
  });
});
