/**
 * The simulation model the replay and the browser simulator share. Browser-safe: nothing in
 * this module's import graph touches Node built-ins (test/build/bundle.test.ts bundles it for
 * the browser to make sure).
 */
export { emptySeries, inferPeriodsPerYear, REGIMES, type Market, type Regime, type SymbolSeries } from './market.js';
export { Rng } from './random.js';
export { generateSyntheticMarket, SECTORS, type SyntheticMarket, type SyntheticOptions } from './synthetic-market.js';
