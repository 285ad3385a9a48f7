/**
 * The simulation model the replay and the browser simulator share: the market (synthetic or
 * read from files), the regime every trade is tagged with, and an account — a book of
 * positions traded through a risk manager. Browser-safe: nothing in this module's import
 * graph touches Node built-ins (test/build/bundle.test.ts bundles it for the browser).
 */
export { Account, type AccountOptions, type RiskManagerLike, type TradeOutcome, type TradeProposal } from './account.js';
export { Book, type Caps, type OpenSpec, type Position, type Side, type TradeTally, type Trim } from './book.js';
export { emptySeries, inferPeriodsPerYear, REGIMES, type Market, type Regime, type SymbolSeries } from './market.js';
export { Rng } from './random.js';
export { classifyRegime, DEFAULT_REGIME, MarketRegime, type BarRegime, type RegimeParams } from './regime.js';
export { generateSyntheticMarket, SECTORS, type SyntheticMarket, type SyntheticOptions } from './synthetic-market.js';
