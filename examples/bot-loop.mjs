// A complete bot loop with portfolio-guard: create, load candles, register, validate, read stats.
// Run it after `npm run build`:  node examples/bot-loop.mjs
// It is the README's bot loop (README.md), which imports 'portfolio-guard' instead.
import { PortfolioRiskManager, composeSize } from '../dist/index.js';

// 1. Create the manager from a config file's `portfolio_risk:` block (as yaml.parse returns it).
const risk = await PortfolioRiskManager.create(
  {
    portfolio_risk: {
      enabled: true,
      correlation_lookback: 100,
      max_pairwise_correlation: 0.85,
      max_symbol_exposure_pct: 0.25,
      max_directional_exposure_pct: 0.6,
      max_regime_exposure_pct: 0.5,
    },
  },
  { logger: { info: console.log, warn: console.log } }, // console or pino; prints [PORTFOLIO_RISK] lines
);

// 2. Load candles. These are ccxt OHLCV rows [timestamp, open, high, low, close, volume], the
//    shape exchange.fetchOHLCV(symbol, '1h') returns; here a small deterministic market so the
//    example runs offline: ETH follows BTC closely, SOL only loosely.
let seed = 42;
const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
const HOUR = 3_600_000;
const start = Date.UTC(2024, 0, 1);
const market = { 'BTC/USDT': [], 'ETH/USDT': [], 'SOL/USDT': [] };
const price = { 'BTC/USDT': 42_000, 'ETH/USDT': 2_300, 'SOL/USDT': 100 };
for (let bar = 0; bar < 120; bar++) {
  const common = noise();
  const moves = { 'BTC/USDT': common + 0.2 * noise(), 'ETH/USDT': common + 0.3 * noise(), 'SOL/USDT': 0.3 * common + noise() };
  for (const symbol of Object.keys(market)) {
    const open = price[symbol];
    price[symbol] = open * Math.exp(moves[symbol]);
    market[symbol].push([start + bar * HOUR, open, Math.max(open, price[symbol]), Math.min(open, price[symbol]), price[symbol], 1]);
  }
}
for (const [symbol, ohlcv] of Object.entries(market)) risk.updateMarketData(symbol, ohlcv.slice(0, 110));

// 3. Tell it the account equity and what is already open.
risk.updateEquity(100_000);
const btcLong = risk.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING', strategy: 'breakout' });
console.log(`BTC/ETH correlation ${risk.getCorrelation('BTC/USDT', 'ETH/USDT').toFixed(4)}`); // prints: BTC/ETH correlation 0.9291

// 4. The loop: each iteration re-sends recent candles (overlap is fine: re-sent bars are
//    ignored, new ones append), sizes the signal, applies upstream multipliers, then asks.
const signals = [
  { symbol: 'ETH/USDT', side: 'long', base: 10_000, optimization: 1.2, regime: 'TRENDING', strategy: 'breakout' },
  { symbol: 'BTC/USDT', side: 'short', base: 15_000, optimization: 1.0, regime: 'RANGING', strategy: 'mean_revert' },
  { symbol: 'SOL/USDT', side: 'long', base: 20_000, optimization: 1.5, regime: 'TRENDING', strategy: 'breakout' },
];
signals.forEach((signal, k) => {
  for (const [symbol, ohlcv] of Object.entries(market)) risk.updateMarketData(symbol, ohlcv.slice(0, 110 + 3 * (k + 1)).slice(-50));
  const proposedSize = composeSize(signal.base, signal.optimization); // base × optimization (× drawdown …)
  const verdict = risk.validateNewPosition({
    symbol: signal.symbol,
    side: signal.side,
    proposedSize,
    regime: signal.regime,
    strategy: signal.strategy,
  });
  if (!verdict.allowed) {
    console.log(`skip ${signal.symbol}: ${verdict.reason}`);
    return;
  }
  const size = composeSize(signal.base, signal.optimization, verdict.sizeMultiplier);
  // … send the order for `size` to the exchange here, then record the fill:
  risk.registerPosition({ symbol: signal.symbol, side: signal.side, size, regime: signal.regime, strategy: signal.strategy });
  console.log(`open ${signal.side} ${signal.symbol} ${size.toFixed(2)} (${verdict.sizeMultiplier.toFixed(2)}x, ${verdict.binding}: ${verdict.reason})`);
});
// prints: open long ETH/USDT 5764.66 (0.48x, correlation: high_correlation_with_BTC/USDT)
// prints: open short BTC/USDT 10000.00 (0.67x, symbol: symbol_exposure_reduced_0.67)
// prints: open long SOL/USDT 25000.00 (0.83x, symbol: symbol_exposure_reduced_0.83)

// 5. Read the stats (fractions of equity), then close the original BTC long.
const stats = risk.getStats();
console.log(
  `open=${stats.openPositions} long=${stats.longExposure.toFixed(4)} short=${stats.shortExposure.toFixed(4)} ` +
    `reduced=${stats.reducedTrades} blocked=${stats.blockedTrades} maxCorrelation=${stats.maxCorrelation.toFixed(4)}`,
);
// prints: open=4 long=0.4576 short=0.1000 reduced=3 blocked=0 maxCorrelation=0.9287
console.log('symbols', JSON.stringify(stats.symbolExposures));
risk.unregisterPosition(btcLong);
console.log(`BTC/USDT exposure after close: ${risk.getSymbolExposure('BTC/USDT').toFixed(4)}`); // prints: BTC/USDT exposure after close: 0.1000
