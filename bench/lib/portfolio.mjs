/**
 * The portfolio the validation and query suites run against: 1,000 symbols with a full
 * window of candles fed through `updateMarketData`, 50 open positions, $1M equity, and a
 * pool of requests built up front (half on a near-duplicate of an open symbol, so the
 * correlation rule cuts, half on random symbols). Bars are one minute apart; `timeframe`
 * ('1m') configures the manager as a bot on a bar clock does; `config` adds keys to the manager's.
 */
import { PortfolioRiskManager } from './dist.mjs';
import { candleSets, closeRowPool, rowCursor, rng, T0, MINUTE } from './inputs.mjs';

const W = 100;
const REGIMES = ['trend', 'range', 'volatile'];

export function buildPortfolio({ symbols = 1000, positions = 50, requests = 4096, seed = 5, timeframe, config = {} } = {}) {
  const manager = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: W, ...(timeframe ? { timeframe } : {}), ...config });
  manager.updateEquity(1_000_000);
  const names = Array.from({ length: symbols }, (_, i) => `C${i}/USDT`);
  const bars = W + 21;
  const sets = candleSets(symbols, bars, seed, { twins: true });
  for (let i = 0; i < symbols; i++) manager.updateMarketData(names[i], sets[i]);

  const step = Math.floor(symbols / positions) & ~1; // even ids: each has a twin at id + 1
  const open = [];
  for (let p = 0; p < positions; p++) {
    const id = p * step;
    open.push(id);
    manager.registerPosition({
      symbol: names[id],
      side: p % 2 === 0 ? 'long' : 'short',
      size: 10_000,
      regime: REGIMES[p % REGIMES.length],
      strategy: 'bench',
    });
  }

  const next = rng(seed + 1);
  const pool = [];
  for (let k = 0; k < requests; k++) {
    const id = k % 2 === 0 ? open[Math.floor(next() * open.length)] + 1 : Math.floor(next() * symbols);
    pool.push({
      symbol: names[id],
      side: next() < 0.5 ? 'long' : 'short',
      proposedSize: 20_000,
      regime: REGIMES[Math.floor(next() * REGIMES.length)],
      strategy: 'bench',
    });
  }

  // New rows continue each symbol's series from its last close.
  const pool256 = closeRowPool(symbols, 256, seed + 2, { twins: true, startLogPrices: sets.lastLog });
  const rows = rowCursor(pool256);
  let ts = T0 + bars * MINUTE;
  const newRow = () => manager.engine.pushRow(ts += MINUTE, rows());
  /** The next bar: its timestamp and one close per symbol in id order (the same cursor as newRow). */
  const nextBar = () => ({ timestamp: (ts += MINUTE), closes: rows() });

  // The next bar through updateMarketBar, as a bot sends it: Maps built on first use from the
  // pool's rows (the cursor then cycles through them).
  let maps = null;
  let m = 0;
  const newBar = () => {
    if (maps === null) {
      maps = Array.from({ length: pool256.length }, () => {
        const { closes } = nextBar();
        return new Map(names.map((n, i) => [n, closes[i]]));
      });
    }
    manager.updateMarketBar(ts += MINUTE, maps[m]);
    m = m + 1 === maps.length ? 0 : m + 1;
  };

  return { manager, names, open, requests: pool, newRow, newBar, nextBar, rowPool: pool256 };
}
