/**
 * fast-check arbitraries for the manager's property tests: a small market whose symbols share
 * a common factor (so correlations above 0.85, below −0.85 and unknown all occur), a book of
 * positions, a request, and a random risk configuration.
 */
import fc from 'fast-check';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { MINUTE, T0, rng } from './helpers.js';

export const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', '__proto__', 'constructor'];
export const REGIMES = ['TRENDING', 'RANGING', 'constructor'];

export interface SymbolSeries {
  /** Candles to load (0: the symbol has no data; < 21: its pairs stay unknown). */
  length: number;
  /** Loading on the common factor, and idiosyncratic noise weight. */
  beta: number;
  noise: number;
}

export const marketArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  series: fc.array(
    fc.record({
      length: fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 2, max: 18 }), weight: 1 },
        { arbitrary: fc.integer({ min: 22, max: 60 }), weight: 5 },
      ),
      // Strong loadings with little noise give |ρ| above any threshold, often with sign −.
      beta: fc.oneof(fc.constantFrom(1, -1, 0.9, -0.9), fc.double({ min: -1, max: 1, noNaN: true })),
      noise: fc.oneof(fc.double({ min: 0.01, max: 0.15, noNaN: true }), fc.double({ min: 0.02, max: 1, noNaN: true })),
    }),
    { minLength: SYMBOLS.length, maxLength: SYMBOLS.length },
  ),
});

export type Market = { seed: number; series: SymbolSeries[] };

/** The bar after the market's last: where a test's next bar goes. */
export const NEXT_BAR_TIME = T0 + 60 * MINUTE;

/**
 * Loads every symbol's candles; all series end at the same bar so windows overlap. Returns
 * each loaded symbol's last close (what its quantities are worth per unit).
 */
export function loadMarket(m: PortfolioRiskManager, market: Market): Map<string, number> {
  const next = rng(market.seed);
  const bars = 60;
  const factor = Array.from({ length: bars }, () => next() - 0.5);
  const last = new Map<string, number>();
  market.series.forEach((s, k) => {
    if (s.length === 0) return;
    let logClose = Math.log(100 + k);
    const candles: [number, number, number, number, number, number][] = [];
    for (let b = 0; b < bars; b++) {
      logClose += 0.02 * (s.beta * factor[b]! + s.noise * (next() - 0.5));
      if (b >= bars - s.length) candles.push([T0 + b * MINUTE, 0, 0, 0, Math.exp(logClose), 0]);
    }
    m.updateMarketData(SYMBOLS[k]!, candles);
    last.set(SYMBOLS[k]!, candles.at(-1)![4]);
  });
  return last;
}

export const sideArb = fc.constantFrom<'long' | 'short'>('long', 'short');

export const positionArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: sideArb,
  fraction: fc.oneof(fc.double({ min: 0.001, max: 0.05, noNaN: true }), fc.double({ min: 0.001, max: 0.4, noNaN: true })),
  regime: fc.constantFrom(...REGIMES),
});

export const requestArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: sideArb,
  baseFraction: fc.oneof(fc.double({ min: 1e-4, max: 0.1, noNaN: true }), fc.double({ min: 1e-4, max: 1, noNaN: true })),
  upstream: fc.double({ min: 0.05, max: 3, noNaN: true }),
  regime: fc.constantFrom(...REGIMES),
});

export const configArb = fc.record({
  enabled: fc.constant(true),
  maxPairwiseCorrelation: fc.double({ min: 0.3, max: 1, noNaN: true }),
  maxCorrelationReduction: fc.double({ min: 0, max: 1, noNaN: true }),
  maxSymbolExposurePct: fc.double({ min: 0.01, max: 1.5, noNaN: true }),
  maxDirectionalExposurePct: fc.double({ min: 0.01, max: 2, noNaN: true }),
  maxRegimeExposurePct: fc.double({ min: 0.01, max: 2, noNaN: true }),
  minFillRatio: fc.double({ min: 0, max: 0.5, noNaN: true }),
  hedgeAwareCorrelation: fc.boolean(),
});

export const equityArb = fc.double({ min: 100, max: 1e8, noNaN: true });
