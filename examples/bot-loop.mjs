// A complete bot loop with portfolio-guard: create, load candles, register, validate, read stats.
// Run it after `npm run build`:  node examples/bot-loop.mjs
// It is the README's bot loop (README.md), which imports 'portfolio-guard' instead.
import { PortfolioRiskManager, composeSize } from '../dist/index.js';

// 1. Create the manager from a config file's `portfolio_risk:` block (as yaml.parse returns it).
//    `timeframe` floors every candle time to its hour, so feeds stamped a little apart line up.
const risk = await PortfolioRiskManager.create(
  {
    portfolio_risk: {
      enabled: true,
      timeframe: '1h',
      account_currency: 'USDT',
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
//    example runs offline: ETH follows BTC closely, SOL only loosely. ETH's feed stamps its
//    candles 1.5 s into the hour: on the exact-timestamp grid it would share no bar with BTC.
let seed = 42;
const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
const HOUR = 3_600_000;
const start = Date.UTC(2024, 0, 1);
const stamp = { 'BTC/USDT': 0, 'ETH/USDT': 1_500, 'SOL/USDT': 0 };
const market = { 'BTC/USDT': [], 'ETH/USDT': [], 'SOL/USDT': [] };
const price = { 'BTC/USDT': 42_000, 'ETH/USDT': 2_300, 'SOL/USDT': 100 };
for (let bar = 0; bar < 120; bar++) {
  const common = noise();
  const moves = { 'BTC/USDT': common + 0.2 * noise(), 'ETH/USDT': common + 0.3 * noise(), 'SOL/USDT': 0.3 * common + noise() };
  for (const symbol of Object.keys(market)) {
    const open = price[symbol];
    price[symbol] = open * Math.exp(moves[symbol]);
    market[symbol].push([start + bar * HOUR + stamp[symbol], open, Math.max(open, price[symbol]), Math.min(open, price[symbol]), price[symbol], 1]);
  }
}
for (const [symbol, ohlcv] of Object.entries(market)) risk.updateMarketData(symbol, ohlcv.slice(0, 110));

// 3. Tell it the account equity and what is already open: ccxt amounts, in base units. The
//    manager values them at the latest close and re-marks them on every new one.
risk.updateEquity(100_000);
const btcLong = risk.registerPosition({ symbol: 'BTC/USDT', side: 'long', quantity: 0.35, regime: 'TRENDING', strategy: 'breakout' });
console.log(`BTC/ETH correlation ${risk.getCorrelation('BTC/USDT', 'ETH/USDT').toFixed(4)}`); // prints: BTC/ETH correlation 0.9291

// 4. The loop: every bar, one call with every symbol's close; then size the signal in base
//    units (after upstream multipliers), ask with { reserve: true } so that the answer's size
//    is held until the order fills, send the order, and record the fill.
const signals = [
  { symbol: 'ETH/USDT', side: 'long', base: 10_000, optimization: 1.2, regime: 'TRENDING', strategy: 'breakout' },
  { symbol: 'BTC/USDT', side: 'short', base: 15_000, optimization: 1.0, regime: 'RANGING', strategy: 'mean_revert' },
  { symbol: 'SOL/USDT', side: 'long', base: 20_000, optimization: 1.5, regime: 'TRENDING', strategy: 'breakout' },
];
signals.forEach((signal, k) => {
  const bar = 110 + k;
  risk.updateMarketBar(start + bar * HOUR, Object.fromEntries(Object.entries(market).map(([symbol, ohlcv]) => [symbol, ohlcv[bar][4]])));
  const close = market[signal.symbol][bar][4];
  const amount = composeSize(signal.base, signal.optimization) / close; // base × optimization (× drawdown …), in base units
  const verdict = risk.validateNewPosition(
    { symbol: signal.symbol, side: signal.side, proposedQuantity: amount, regime: signal.regime, strategy: signal.strategy },
    { reserve: true },
  );
  if (!verdict.allowed) {
    console.log(`skip ${signal.symbol}: ${verdict.reason}`);
    return;
  }
  // … await exchange.createOrder(signal.symbol, 'market', signal.side === 'long' ? 'buy' : 'sell', verdict.allowedQuantity)
  //   here; the order's `filled` is what to record (a partial fill records less, and frees the rest):
  const filled = verdict.allowedQuantity;
  risk.fillReservation(verdict.reservationId, filled);
  console.log(
    `open ${signal.side} ${signal.symbol} ${filled.toFixed(4)} = ${(filled * close).toFixed(2)} USDT ` +
      `(${verdict.sizeMultiplier.toFixed(2)}x, ${verdict.binding}: ${verdict.reason}); symbol now ${risk.getSymbolExposure(signal.symbol).toFixed(4)}`,
  );
});
// prints: open long ETH/USDT 2.4328 = 5665.80 USDT (0.47x, correlation: high_correlation_with_BTC/USDT); symbol now 0.0567
// prints: open short BTC/USDT 0.2461 = 10322.17 USDT (0.69x, symbol: symbol_exposure_reduced_0.69); symbol now 0.2500
// prints: open long SOL/USDT 260.1360 = 25000.00 USDT (0.83x, symbol: symbol_exposure_reduced_0.83); symbol now 0.2500

// 5. Read the stats (fractions of equity at the latest closes: the bar after its fill moved BTC,
//    so the BTC long and short now sum to a little over the 25% cap), then close the BTC long.
const stats = risk.getStats();
console.log(
  `open=${stats.openPositions} long=${stats.longExposure.toFixed(4)} short=${stats.shortExposure.toFixed(4)} ` +
    `reduced=${stats.reducedTrades} blocked=${stats.blockedTrades} in flight=${stats.reservations.length} maxCorrelation=${stats.maxCorrelation.toFixed(4)}`,
);
// prints: open=4 long=0.4548 short=0.1039 reduced=3 blocked=0 in flight=0 maxCorrelation=0.9279
console.log('symbols', JSON.stringify(stats.symbolExposures));
risk.unregisterPosition(btcLong);
console.log(`BTC/USDT exposure after close: ${risk.getSymbolExposure('BTC/USDT').toFixed(4)}`); // prints: BTC/USDT exposure after close: 0.1039
