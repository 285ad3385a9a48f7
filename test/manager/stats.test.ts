// getStats(): every field of a get_stats() report in camelCase, plus counts per rule.
import { expect, test } from 'vitest';
import { candlesFromReturns, enabledManager, returnsWithCorrelation } from './helpers.js';

test('3 positions, 35% deployed: exposures by symbol and regime', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'LTC/USDT', side: 'short', size: 5_000, regime: 'RANGING' });
  m.registerPosition({ symbol: 'LTC/USDT', side: 'long', size: 5_000, regime: 'RANGING' });

  const stats = m.getStats();
  expect(stats).toEqual({
    enabled: true,
    equity: 100_000,
    openPositions: 4,
    totalExposure: 0.35,
    longExposure: 0.3,
    shortExposure: 0.05,
    maxCorrelation: Number.NaN,
    validations: 0,
    allowedTrades: 0,
    reducedTrades: 0,
    blockedTrades: 0,
    errors: 0,
    observerErrors: 0,
    reducedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0 },
    blockedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0, noEquity: 0, noPrice: 0, error: 0 },
    unknownCorrelationDecisions: 0,
    unpricedPositions: [],
    reservations: [],
    reservedExposure: 0,
    regimeExposures: { TRENDING: 0.25, RANGING: 0.1 },
    symbolExposures: { 'BTC/USDT': 0.15, 'ETH/USDT': 0.1, 'LTC/USDT': 0.1 },
    reducedByPortfolioRule: { reducing: 0, positions: 0, gross: 0, net: 0, group: 0, asset: 0, volatility: 0, shock: 0 },
    blockedByPortfolioRule: { reducing: 0, positions: 0, gross: 0, net: 0, group: 0, asset: 0, volatility: 0, shock: 0, halted: 0 },
    tradingState: 'active',
    // 30,000 long + 5,000 short of 100,000; net 25,000 long.
    grossExposure: 0.35,
    netExposure: 0.25,
    // No candles: no grid rows to annualise by, and no covariance.
    portfolioVolatility: Number.NaN,
    shockRisk: Number.NaN,
    diversificationRatio: Number.NaN,
    riskContributions: {},
  });
  expect(Object.getPrototypeOf(stats.symbolExposures)).toBeNull();
});

test('counts per outcome and per rule', () => {
  const m = enabledManager();
  m.validateNewPosition({ symbol: 'X', side: 'long', proposedSize: 1, regime: 'R' }); // no equity
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'A' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 30_000, regime: 'B' });
  const v = (symbol: string, proposedSize: number, regime = 'C') => m.validateNewPosition({ symbol, side: 'long', proposedSize, regime });
  v('SOL/USDT', 1_000); // allowed
  v('BTC/USDT', 10_000); // symbol → 0.5
  v('SOL/USDT', 20_000); // direction → 0.5
  v('SOL/USDT', 8_000, 'A'); // regime? A holds 20k of 50k: headroom 30k, so allowed
  v('BTC/USDT', 100_000); // symbol → 0.05: blocked
  expect(m.getStats()).toMatchObject({
    validations: 6,
    allowedTrades: 2,
    reducedTrades: 2,
    blockedTrades: 2,
    reducedByRule: { correlation: 0, symbol: 1, direction: 1, regime: 0 },
    blockedByRule: { symbol: 1, noEquity: 1 },
  });
});

test('maxCorrelation is the highest raw correlation among the open symbols, unknown pairs left out', () => {
  const m = enabledManager();
  const { x, y } = returnsWithCorrelation(0.72, 40, 3);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y));
  m.updateMarketData('DOGE/USDT', candlesFromReturns(x.slice(0, 5))); // too short: unknown
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 1, regime: 'R' });
  expect(m.getStats().maxCorrelation).toBeNaN(); // one symbol: no pair
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 1, regime: 'R' });
  m.registerPosition({ symbol: 'DOGE/USDT', side: 'short', size: 1, regime: 'R' });
  expect(m.getStats().maxCorrelation).toBeCloseTo(0.72, 12);
  m.unregisterPosition('ETH/USDT');
  expect(m.getStats().maxCorrelation).toBeNaN();
});
