import { describe, expect, it } from 'vitest';
import { classifyRegime, MarketRegime } from '../../src/simulation/regime.js';
import { marketOf } from '../market-of.js';

describe('classifyRegime', () => {
  it('a steady one-way drift is TRENDING', () => {
    expect(classifyRegime([0.01, 0.01, 0.01, 0.01], 0.02)).toBe('TRENDING');
  });

  it('back and forth with no net move is RANGING', () => {
    expect(classifyRegime([0.01, -0.01, 0.01, -0.01], 0.02)).toBe('RANGING');
  });

  it('volatility 1.5× above the long-run level is VOLATILE, whatever the direction', () => {
    // σ of ±0.05 is 0.05 > 1.5 × 0.01.
    expect(classifyRegime([0.05, -0.05, 0.05, -0.05], 0.01)).toBe('VOLATILE');
  });

  it('an efficiency ratio of exactly a quarter is already a trend', () => {
    // Net move 0.25 over a path of 1 (binary fractions: the ratio is exact).
    expect(classifyRegime([0.5, -0.25, 0.125, -0.125], 1)).toBe('TRENDING');
    // Net 0.249 over 1.001: just under a quarter.
    expect(classifyRegime([0.5, -0.25, 0.125, -0.126], 1)).toBe('RANGING');
  });
});

/** Closes starting at 1 whose one-bar log returns are `returns`. */
function pricesFrom(returns: number[]): number[] {
  const closes = [1];
  for (const r of returns) closes.push(closes[closes.length - 1] * Math.exp(r));
  return closes;
}

describe('MarketRegime', () => {
  const params = { window: 2, longWindow: 6, jumpThreshold: 0.6 };
  const run = (columns: Record<string, number[]>) => {
    const regimes = new MarketRegime(marketOf(columns), params);
    return columns[Object.keys(columns)[0]].map((_, t) => regimes.step(t));
  };

  it('indexes the mean log return of the symbols that moved, each against its own previous close', () => {
    const bars = run({ A: [100, 110, Number.NaN, 121, 121], B: [50, 50, 55, 55, Number.NaN] });
    const r = Math.log(1.1);
    expect(bars[0].indexReturn).toBeNaN(); // nothing has a previous close yet
    expect(bars[1].indexReturn).toBeCloseTo((r + 0) / 2, 15);
    expect(bars[2].indexReturn).toBeCloseTo(r, 15); // A has no candle: B alone
    expect(bars[3].indexReturn).toBeCloseTo((r + 0) / 2, 15); // A against bar 1's close, not the hole
    expect(bars[4].indexReturn).toBe(0);
  });

  it('reports a one-bar jump beyond the threshold and leaves it out of the index', () => {
    // ln 3 = 1.10 > 0.6: an unadjusted split, not a return.
    const bars = run({ A: [10, 10, 30, 30], B: [20, 22, 22, 22] });
    expect(bars.map((b) => b.discontinuities)).toEqual([[], [], [0], []]);
    expect(bars[2].indexReturn).toBe(0); // B alone
    expect(bars[3].indexReturn).toBe(0); // A moves on from 30
  });

  it('is RANGING until `window` index returns exist, then classifies the newest window', () => {
    const up = pricesFrom([0.01, 0.02, 0.01, 0.02]);
    const bars = run({ A: up, B: up });
    // Index returns from bar 1 on; the window of 2 is full at bar 2. Every bar up: efficiency 1,
    // and the last window (σ 0.005) is never 1.5× the long run (σ 0.0047, then 0.005).
    expect(bars.map((b) => b.regime)).toEqual(['RANGING', 'RANGING', 'TRENDING', 'TRENDING', 'TRENDING']);
  });

  it('is VOLATILE when the last window swings 1.5× more than the long window', () => {
    // Index returns ±1% four times, then +5%, −5%. Back and forth: RANGING. At the +5%, the
    // window (−1%, +5%) has σ 0.03 against 1.5 × 0.022 over all five, and a net move of
    // 0.04 over a path of 0.06: TRENDING. At the −5%, over the 6 of the long window
    // σ = √(0.0054/6) = 0.03 and the window's σ is 0.05 > 1.5 × 0.03: VOLATILE.
    const bars = run({ A: pricesFrom([0.01, -0.01, 0.01, -0.01, 0.05, -0.05]) });
    expect(bars.map((b) => b.regime)).toEqual(['RANGING', 'RANGING', 'RANGING', 'RANGING', 'RANGING', 'TRENDING', 'VOLATILE']);
  });

  it('keeps only `longWindow` returns: an old swing stops counting', () => {
    // A ±10% swing, then ±1% long enough to push it out of the 6-bar long window: the last
    // window is then as volatile as the long run, not 1.5× more.
    const bars = run({ A: pricesFrom([0.1, -0.1, 0.01, -0.01, 0.01, -0.01, 0.01, -0.01, 0.05, -0.05]) });
    // Long window at the last bar: ±0.01 four times and ±0.05: σ 0.03, so ±0.05 is VOLATILE;
    // had the ±0.1 swing still counted (all ten returns), σ would be √(0.0256/10) = 0.051
    // and it would not be.
    expect(bars[bars.length - 1].regime).toBe('VOLATILE');
  });

  it('must be stepped in order and refuses windows that make no sense', () => {
    const regimes = new MarketRegime(marketOf({ A: [1, 2, 3] }), params);
    expect(() => regimes.step(1)).toThrow(RangeError);
    expect(() => new MarketRegime(marketOf({ A: [1] }), { ...params, window: 1 })).toThrow(/window/);
    expect(() => new MarketRegime(marketOf({ A: [1] }), { ...params, longWindow: 1 })).toThrow(/longWindow/);
    expect(() => new MarketRegime(marketOf({ A: [1] }), { ...params, jumpThreshold: 0 })).toThrow(/jumpThreshold/);
  });
});
