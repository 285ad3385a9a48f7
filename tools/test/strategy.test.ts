import { describe, expect, it } from 'vitest';
import { BreakoutSignals, DEFAULT_STRATEGY, exitReason, type StrategyParams } from '../src/replay/strategy.js';
import { marketOf } from './market-of.js';

const params: StrategyParams = { ...DEFAULT_STRATEGY, lookback: 3, holdBars: 2, stopSigmas: 2, jumpThreshold: 0.6, regimeWindow: 2, regimeLongWindow: 4 };

describe('BreakoutSignals', () => {
  // bar:      0   1   2   3   4     5  6   7   8   9   10
  const closes = [10, 9, 10, 11, 11.5, 8, 20, 21, 22, 23, 24];
  const run = () => {
    const s = new BreakoutSignals(marketOf({ A: closes }), params);
    return closes.map((_, t) => s.step(t));
  };

  it('goes long on a close above the previous `lookback` closes, short below them', () => {
    const bars = run();
    // Bar 3: 11 > max(10, 9, 10). Bar 4 would also break out (11.5) but is in the quiet period.
    expect(bars[3].proposals.map((p) => [p.symbol, p.side, p.bar])).toEqual([['A', 'long', 3]]);
    expect(bars[4].proposals).toEqual([]);
    // Bar 5: 8 < min(10, 11, 11.5), the quiet period (bars 3–4) is over.
    expect(bars[5].proposals.map((p) => p.side)).toEqual(['short']);
    expect(bars[3].proposals[0].sizeFraction).toBe(params.sizeFraction);
  });

  it('scales the stop with the volatility of the channel returns', () => {
    const [p] = run()[3].proposals;
    const r = [Math.log(9 / 10), Math.log(10 / 9), Math.log(11 / 10)];
    const mean = (r[0] + r[1] + r[2]) / 3;
    const sigma = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    expect(p.stopDistance).toBeCloseTo(2 * sigma * Math.sqrt(2), 14);
  });

  it('treats a jump beyond the threshold as a discontinuity and restarts the history', () => {
    const bars = run();
    // ln(20 / 8) = 0.92 > 0.6.
    expect(bars[6].discontinuities).toEqual([0]);
    expect(bars[6].proposals).toEqual([]);
    // After the restart the channel needs 3 new closes (20, 21, 22): bar 9 is the first breakout.
    expect(bars[7].proposals).toEqual([]);
    expect(bars[8].proposals).toEqual([]);
    expect(bars[9].proposals.map((p) => p.side)).toEqual(['long']);
  });

  it('trades a symbol only on rows where it has a candle', () => {
    const s = new BreakoutSignals(marketOf({ A: [10, 11, 12, Number.NaN, 13, 14], B: [5, 5, 5, 5, 5, 5] }), { ...params, holdBars: 1 });
    const longs = [0, 1, 2, 3, 4, 5].map((t) => s.step(t).proposals.map((p) => `${p.symbol}@${p.bar}`));
    // A's channel is its own last three closes (10, 11, 12), skipping the missing row; B never breaks out.
    expect(longs).toEqual([[], [], [], [], ['A@4'], ['A@5']]);
  });

  it('must be stepped in order', () => {
    const s = new BreakoutSignals(marketOf({ A: [1, 2, 3] }), params);
    expect(() => s.step(1)).toThrow(RangeError);
  });

  it('rejects nonsensical parameters', () => {
    expect(() => new BreakoutSignals(marketOf({ A: [1] }), { ...params, sizeFraction: 1.5 })).toThrow(/sizeFraction/);
    expect(() => new BreakoutSignals(marketOf({ A: [1] }), { ...params, lookback: 1 })).toThrow(/lookback/);
  });
});

describe('exitReason', () => {
  const long = { side: 'long' as const, openedAt: 10, entryPrice: 100, stopDistance: 0.1 };
  const short = { ...long, side: 'short' as const };

  it('stops a long whose log move reaches −stopDistance', () => {
    expect(exitReason(long, 11, 90, 5)).toBe('stop'); // ln(0.9) = −0.105
    expect(exitReason(long, 11, 91, 5)).toBeNull(); // ln(0.91) = −0.094
  });

  it('stops a short on the way up', () => {
    expect(exitReason(short, 11, 111, 5)).toBe('stop'); // ln(1.11) = 0.104
    expect(exitReason(short, 11, 90, 5)).toBeNull();
  });

  it('exits on time, with or without a candle on that row', () => {
    expect(exitReason(long, 15, 101, 5)).toBe('time');
    expect(exitReason(long, 15, Number.NaN, 5)).toBe('time');
    expect(exitReason(long, 14, Number.NaN, 5)).toBeNull();
  });
});
