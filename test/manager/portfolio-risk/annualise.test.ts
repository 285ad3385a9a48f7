// Annualising without a timeframe or barsPerYear: bars per year come from the grid's median
// row spacing (a 365-day year over it). Expectations: a manager given the same hourly candles
// with timeframe '1h', or with barsPerYear 8760, must answer identically; the median itself is
// checked against spacings worked by hand.
import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../../bindings/engine.js';
import { PortfolioRiskManager } from '../../../bindings/manager/index.js';
import { T0, rng } from '../helpers.js';

const HOUR = 3_600_000;
/** An hour boundary, so that timeframe '1h' floors nothing and both grids are the same. */
const H0 = Math.floor(T0 / HOUR) * HOUR;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
// The pairwise and exposure rules out of the way, so that the book-level caps set the sizes.
const BASE = {
  enabled: true, correlationLookback: 40, minPeriods: 10, maxPairwiseCorrelation: 1, maxSymbolExposurePct: 5,
  maxDirectionalExposurePct: 5, maxRegimeExposurePct: 5, maxPortfolioVolatility: 0.9, maxShockRisk: 1.5,
} as const;

/** Correlated hourly candles for every symbol at the hours in `hours` (offsets from H0), in symbol order. */
function series(hours: readonly number[], seed = 5): number[][][] {
  const next = rng(seed);
  const logs = SYMBOLS.map((_, k) => Math.log(100 * (k + 1)));
  const candles: number[][][] = SYMBOLS.map(() => []);
  for (const h of hours) {
    const common = (next() - 0.5) * 0.03;
    SYMBOLS.forEach((_, k) => {
      logs[k]! += common * (1 + k * 0.3) + (next() - 0.5) * 0.01;
      candles[k]!.push([H0 + h * HOUR, 0, 0, 0, Math.exp(logs[k]!), 1]);
    });
  }
  return candles;
}

/** Feeds candles `from` … `to` (exclusive) of each symbol's series. */
function feedSeries(m: PortfolioRiskManager, candles: number[][][], from = 0, to = Infinity): void {
  SYMBOLS.forEach((s, k) => m.updateMarketData(s, candles[k]!.slice(from, to)));
}

function feed(m: PortfolioRiskManager, hours: readonly number[]): void {
  feedSeries(m, series(hours));
}

/** A book of two correlated longs, then a correlated add the caps cut, and a hedge. */
function answers(m: PortfolioRiskManager): unknown[] {
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 40_000 });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 30_000 });
  return [
    m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 80_000 }, { dryRun: true }),
    m.validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 10_000 }, { dryRun: true }),
    m.getStats().portfolioVolatility,
    m.getStats().shockRisk,
  ];
}

const HOURS = Array.from({ length: 60 }, (_, k) => k);

describe('bars per year from the grid', () => {
  test('hourly bars without a timeframe size trades exactly as timeframe 1h and as barsPerYear 8760', () => {
    const fromGrid = PortfolioRiskManager.createSync(BASE);
    const byTimeframe = PortfolioRiskManager.createSync({ ...BASE, timeframe: '1h' });
    const byConfig = PortfolioRiskManager.createSync({ ...BASE, barsPerYear: 8760 });
    for (const m of [fromGrid, byTimeframe, byConfig]) feed(m, HOURS);
    const expected = answers(byTimeframe);
    const got = answers(fromGrid);
    expect(got).toEqual(expected);
    expect(answers(byConfig)).toEqual(expected);
    // The comparison means something only if the volatility rule cut the correlated add.
    expect(got[0]).toMatchObject({ code: 'REDUCED', binding: 'volatility' });
    expect((got[1] as { code: string }).code).toBe('ALLOWED');
    // And a wrong bar length would answer differently: a daily year over the same bars.
    const daily = PortfolioRiskManager.createSync({ ...BASE, barsPerYear: 365 });
    feed(daily, HOURS);
    expect(answers(daily)[0]).not.toEqual(expected[0]);
  });

  test('gaps in the grid do not move the median: missing hours answer as barsPerYear 8760', () => {
    // 60 rows over 75 hours: ten single missing hours and one five-hour halt.
    const gappy = HOURS.map((h) => h + (h >= 10 ? Math.min(10, Math.floor((h - 10) / 4) + 1) : 0) + (h >= 50 ? 5 : 0));
    const spacings = gappy.slice(1).map((h, k) => h - gappy[k]!);
    expect(spacings.filter((s) => s > 1).length).toBeGreaterThan(10);
    const fromGrid = PortfolioRiskManager.createSync(BASE);
    const byConfig = PortfolioRiskManager.createSync({ ...BASE, barsPerYear: 8760 });
    for (const m of [fromGrid, byConfig]) feed(m, gappy);
    expect(fromGrid.engine.medianRowSpacing()).toBe(HOUR);
    expect(answers(fromGrid)).toEqual(answers(byConfig));
  });

  test('below two grid rows no volatility can be annualised: the caps size a new risk to nothing, and say so', () => {
    const m = PortfolioRiskManager.createSync(BASE);
    m.updateEquity(100_000);
    const propose = () => m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 10_000 }, { dryRun: true });
    const candles = series(HOURS);
    // No candles at all, then one row.
    for (const rows of [0, 1]) {
      feedSeries(m, candles, 0, rows);
      expect(m.engine.medianRowSpacing()).toBeNaN();
      const answer = propose();
      expect(answer).toMatchObject({ code: 'BLOCKED', binding: 'volatility', allowedSize: 0 });
      expect(answer.details?.portfolio?.unknownVolatility).toEqual(['SOL/USDT']);
      expect(m.getStats().portfolioVolatility).toBeNaN();
    }
    // Once the grid has rows, the same manager annualises from them (the cached value follows the data).
    feedSeries(m, candles, 1);
    const twin = PortfolioRiskManager.createSync({ ...BASE, timeframe: '1h' });
    twin.updateEquity(100_000);
    feedSeries(twin, candles);
    expect(propose()).toEqual(twin.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 10_000 }, { dryRun: true }));
  });

  test('the median is read once per data version, not per validation', () => {
    const m = PortfolioRiskManager.createSync(BASE);
    feed(m, HOURS);
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 40_000 });
    const engine = m.engine;
    const read = engine.medianRowSpacing.bind(engine);
    let reads = 0;
    engine.medianRowSpacing = () => {
      reads += 1;
      return read();
    };
    for (let k = 0; k < 5; k++) m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 10_000 }, { dryRun: true });
    expect(reads).toBe(1);
    m.updateMarketData('BTC/USDT', [[H0 + 60 * HOUR, 0, 0, 0, 123, 1]]);
    for (let k = 0; k < 5; k++) m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 10_000 }, { dryRun: true });
    expect(reads).toBe(2);
  });
});

describe('CorrelationEngine.medianRowSpacing', () => {
  test('the median of consecutive row spacings, the two middle ones averaged for an even count', () => {
    const e = CorrelationEngine.createSync({ window: 10, minPeriods: 2 });
    e.setCandles('A', [0, 1, 2, 4, 6].map((h) => ({ timestamp: H0 + h * HOUR, close: 100 + h })));
    // Spacings 1, 1, 2, 2 hours.
    expect(e.medianRowSpacing()).toBe(1.5 * HOUR);
    // A row of another symbol inside a gap splits it: 1, 1, 1, 1, 2.
    e.setCandles('B', [{ timestamp: H0 + 3 * HOUR, close: 50 }]);
    expect(e.medianRowSpacing()).toBe(HOUR);
  });

  test('only rows the grid keeps count: once the window holds 2-hour bars only, the median is 2 hours', () => {
    const e = CorrelationEngine.createSync({ window: 4, minPeriods: 2 });
    const hours = [0, 1, 2, 3, 4, 6, 8, 10, 12];
    e.setCandles('A', hours.map((h) => ({ timestamp: H0 + h * HOUR, close: 100 + h })));
    // The grid keeps W + 1 = 5 rows: hours 4, 6, 8, 10, 12.
    expect(e.medianRowSpacing()).toBe(2 * HOUR);
  });
});
