// An unknown correlation (too few pairwise-complete bars) is reported, never treated as 0.
import { expect, test } from 'vitest';
import { candlesFromReturns, enabledManager, returnsWithCorrelation } from './helpers.js';

test('15 shared returns (minPeriods 20): unknown, listed with its 15 observations, and nothing cut', () => {
  const m = enabledManager();
  const { x, y } = returnsWithCorrelation(0.99, 15);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 5_000, regime: 'T' });

  expect(m.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeNaN();
  const r = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'T' });
  expect(r.details!.correlation.unknown).toEqual([
    { symbol: 'BTC/USDT', observations: 15 },
    { symbol: 'SOL/USDT', observations: 0 },
  ]);
  expect(r.details!.correlation.symbol).toBeNull();
  expect(r.details!.correlation.correlation).toBeNaN();
  expect(r.sizeMultiplier).toBe(1);
});

test('once enough bars arrive the same pair becomes known and bites', () => {
  const m = enabledManager();
  const { x, y } = returnsWithCorrelation(0.99, 40);
  const btc = candlesFromReturns(x);
  const eth = candlesFromReturns(y);
  m.updateMarketData('BTC/USDT', btc.slice(0, 16));
  m.updateMarketData('ETH/USDT', eth.slice(0, 16));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  const request = { symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'T' } as const;
  expect(m.validateNewPosition(request).details!.correlation.unknown).toHaveLength(1);

  // The bot's loop re-sends overlapping history; the new bars make the pair known.
  m.updateMarketData('BTC/USDT', btc);
  m.updateMarketData('ETH/USDT', eth);
  const r = m.validateNewPosition(request);
  expect(r.details!.correlation.unknown).toEqual([]);
  expect(r.details!.correlation.correlation).toBeCloseTo(0.99, 12);
  expect(r.details!.correlation.cut).toBe(0.75);
  expect(r.sizeMultiplier).toBe(0.25);
});
