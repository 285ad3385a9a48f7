import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PortfolioRiskManager } from 'portfolio-guard';
import type { ParsedCandles } from '../src/replay/candle-files.js';
import { loadCandleDir } from '../src/replay/candle-files.js';
import { adjustSplits, cleanCandles, DEFAULT_HYGIENE, matchSplit, splitAtBreaks } from '../src/replay/hygiene.js';
import { curveMetrics } from '../src/replay/metrics.js';
import { simulate } from '../src/replay/simulate.js';
import { DEFAULT_STRATEGY } from '../src/replay/strategy.js';
import { generateSyntheticMarket } from '../src/simulation/synthetic-market.js';
import { inferPeriodsPerYear } from '../src/simulation/market.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 1);

function candles(symbol: string, closes: number[], opens?: number[], times?: number[]): ParsedCandles {
  const n = closes.length;
  return {
    symbol,
    file: `${symbol}.csv`,
    time: Float64Array.from(times ?? closes.map((_, k) => T0 + k * DAY)),
    open: Float64Array.from(opens ?? closes.map(() => Number.NaN)),
    high: new Float64Array(n).fill(Number.NaN),
    low: new Float64Array(n).fill(Number.NaN),
    close: Float64Array.from(closes),
    volume: new Float64Array(n).fill(100),
  };
}

describe('splits', () => {
  it('reads the listed ratios and their inverses, not moves between them', () => {
    expect(matchSplit(2)?.label).toBe('2:1');
    expect(matchSplit(1.5)?.label).toBe('3:2');
    expect(matchSplit(0.1)?.label).toBe('1:10');
    expect(matchSplit(2.015)?.label).toBe('2:1');
    expect(matchSplit(2.05)).toBeNull();
    // A 40% crash (÷1.67) and a 60% one (÷2.5) are moves, not splits.
    expect(matchSplit(1 / 0.6)).toBeNull();
    expect(matchSplit(1 / 0.4)).toBeNull();
    // The small ratios need a closer match: a 21% gap is not a 5:4 split.
    expect(matchSplit(1.25)?.label).toBe('5:4');
    expect(matchSplit(1 / 0.79)).toBeNull();
  });

  it('a synthetic 2:1 split is adjusted forward: no return at the split, the past untouched', () => {
    const c = candles('X', [100, 101, 102, 51.5, 52], [100, 100.5, 101.5, 51, 51.6]);
    const found = adjustSplits(c, DEFAULT_HYGIENE.splitTolerance);
    expect(found.map((s) => [s.ratio, s.time])).toEqual([['2:1', T0 + 3 * DAY]]);
    expect(Array.from(c.close)).toEqual([100, 101, 102, 103, 104]);
    expect(Array.from(c.open)).toEqual([100, 100.5, 101.5, 102, 103.2]);
    expect(Array.from(c.volume)).toEqual([100, 100, 100, 50, 50]);
  });

  it('a 1:20 reverse split multiplies the price, and is read on its own bar only', () => {
    const c = candles('Y', [1.2, 1.13, 18.08, 18.5], [1.2, 1.2, 19.7, 18.1]);
    const found = adjustSplits(c, DEFAULT_HYGIENE.splitTolerance);
    expect(found.map((s) => s.ratio)).toEqual(['1:20']);
    expect(c.close[2]).toBeCloseTo(18.08 / 20, 12);
  });

  it('a genuine crash bar stays a return', () => {
    // AIG-like: −61% in one day.
    const c = candles('Z', [22.76, 22.7, 4.76, 3.75], [22.7, 22.7, 8.83, 4.5]);
    expect(adjustSplits(c, DEFAULT_HYGIENE.splitTolerance)).toEqual([]);
    expect(c.close[2]).toBe(4.76);
  });

  it('decides without future bars: cleaning a prefix gives the prefix of the cleaned whole', () => {
    const closes = [100, 101, 50.2, 51, 52, 26.3, 26, 12.9, 13, 13.5];
    const whole = cleanCandles([candles('W', closes)]).files[0];
    for (let n = 2; n < closes.length; n++) {
      const prefix = cleanCandles([candles('W', closes.slice(0, n))]).files[0];
      expect(Array.from(prefix.close)).toEqual(Array.from(whole.close.subarray(0, n)));
    }
  });

  it('on the committed real subset: AIG’s 1:20 of 2009-07-01 is a split, its September 2008 collapse is P&L', () => {
    const dir = fileURLToPath(new URL('../data/lean-daily/', import.meta.url));
    const m = loadCandleDir(dir);
    expect(m.hygiene.splits.map((s) => `${s.symbol} ${new Date(s.time).toISOString().slice(0, 10)} ${s.ratio}`)).toContain('AIG 2009-07-01 1:20');
    expect(m.hygiene.splits.filter((s) => s.symbol === 'AIG' && new Date(s.time).toISOString().startsWith('2008'))).toEqual([]);
    const aig = m.series.find((s) => s.symbol === 'AIG')!;
    const at = (day: string): number => aig.close[m.timestamps.indexOf(Date.parse(day))];
    // 2008-09-15 closed at 5.09 after 12.16: a −58% day the replay keeps.
    expect(at('2008-09-15') / at('2008-09-12')).toBeCloseTo(5.09 / 12.16, 12);
    expect(m.quote).toBe('USD');
  });
});

describe('data breaks', () => {
  it('a long hole ends the series; the rows after it are a new symbol, and the move across it is reported', () => {
    const times = [0, 1, 2, 3, 200, 201, 202].map((d) => T0 + d * DAY);
    const report = { splits: [], breaks: [], extreme: [] };
    const pieces = splitAtBreaks(candles('USO', [10, 10, 10, 10, 80, 81, 82], undefined, times), DEFAULT_HYGIENE, report);
    expect(pieces.map((p) => [p.symbol, p.close.length])).toEqual([
      ['USO', 4],
      ['USO#2', 3],
    ]);
    expect(report.breaks).toEqual([{ symbol: 'USO', from: times[3], to: times[4], logMove: Math.log(8), newSymbol: 'USO#2' }]);
  });

  it('an outage of hours in 5-minute bars is a gap, not a break (34 missing bars, as in a real pair)', () => {
    const times = Array.from({ length: 100 }, (_, k) => T0 + (k < 50 ? k : k + 34) * 300_000);
    const report = { splits: [], breaks: [], extreme: [] };
    const pieces = splitAtBreaks(candles('ADA/BTC', times.map(() => 1), undefined, times), DEFAULT_HYGIENE, report);
    expect(pieces).toHaveLength(1);
    expect(report.breaks).toEqual([]);
  });
});

describe('annualisation from the rows observed', () => {
  it('a 7-hour session on weekdays is about 7 × 261 bars a year, not 8,766', () => {
    const times: number[] = [];
    for (let d = 0; d < 364; d++) {
      const day = Date.UTC(2021, 0, 4) + d * DAY; // a Monday
      const dow = new Date(day).getUTCDay();
      if (dow === 0 || dow === 6) continue;
      for (let h = 14; h < 21; h++) times.push(day + h * 3_600_000);
    }
    const { periodsPerYear, barLabel } = inferPeriodsPerYear(Float64Array.from(times));
    // 260 weekdays × 7 bars in 364 days (less the last session's evening): per 365.25 days.
    expect(periodsPerYear).toBeGreaterThan(1810);
    expect(periodsPerYear).toBeLessThan(1840);
    expect(barLabel).toMatch(/^1h \(1,8\d\d rows a year\)$/);
    // Sharpe and volatility scale with √(bars per year): calendar time would overstate them ×2.19.
    const curve = [100, 101, 100.5, 101.2, 100.9];
    expect(curveMetrics(curve, 8766).sharpe / curveMetrics(curve, periodsPerYear).sharpe).toBeCloseTo(Math.sqrt(8766 / periodsPerYear), 9);
    expect(Math.sqrt(8766 / periodsPerYear)).toBeCloseTo(2.19, 1);
  });

  it('trading days come out near 252, 24/7 hourly bars at 8,766', () => {
    const days: number[] = [];
    for (let d = 0; d < 730; d++) {
      const t = Date.UTC(2021, 0, 4) + d * DAY;
      const dow = new Date(t).getUTCDay();
      if (dow !== 0 && dow !== 6 && d % 37 !== 5) days.push(t);
    }
    const daily = inferPeriodsPerYear(Float64Array.from(days)).periodsPerYear;
    expect(daily).toBeGreaterThan(245);
    expect(daily).toBeLessThan(262);
    const hourly = Float64Array.from({ length: 2000 }, (_, k) => T0 + k * 3_600_000);
    expect(inferPeriodsPerYear(hourly).periodsPerYear).toBeCloseTo(8766, 6);
  });
});

describe('ruin', () => {
  it('stops the run at the bar equity reaches 0; the curve stays at 0 and no bar loses more than 100%', () => {
    // One symbol breaks out long at full equity, then loses 99.99% in a bar: the fee makes it ruin.
    const m = generateSyntheticMarket({ seed: 1, bars: 10, symbols: 2 });
    m.series[0].close.set([10, 10.1, 10.05, 10.2, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001]);
    m.series[0].open.fill(Number.NaN);
    m.series[1].close.fill(7);
    const r = simulate({
      market: m,
      runs: [{ name: 'x', manager: PortfolioRiskManager.createSync({ enabled: false }) }],
      strategy: { ...DEFAULT_STRATEGY, lookback: 3, holdBars: 5, sizeFraction: 1, stopSigmas: 100 },
      feeBps: 10,
    }).runs[0];
    expect(r.ruinedAtBar).toBe(4);
    expect(Array.from(r.equity.subarray(4))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.metrics.finalEquity).toBe(0);
    expect(r.metrics.worstBar).toBe(-1);
    expect(r.metrics.worstBarIndex).toBe(4);
    // No proposal after ruin is taken.
    for (let k = 0; k < r.decisions.binding.length; k++) if (r.decisions.binding[k] === 'ruined') expect(r.decisions.multiplier[k]).toBe(0);
  });
});
