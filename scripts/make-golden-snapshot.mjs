// Writes the golden snapshot fixture: a manager snapshot made by this build, and its expected
// answers, for test/snapshot/golden.test.ts.
//
//   test/fixtures/golden-snapshot.bin   manager.snapshot() after the calls below
//   test/fixtures/golden-snapshot.json  the format and layout versions it was written with,
//                                       the candles fed, the positions, and every pair's
//                                       correlation and pair count from a two-pass over the
//                                       same closes, computed here (not by the engine)
//
// Command: npm run build && node scripts/make-golden-snapshot.mjs
// Re-runnable: the output depends only on this file and the build (deterministic, overwritten
// in place). Re-run it when the snapshot format or the core's layout version changes on
// purpose; the test refuses a fixture of another version rather than misreading it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PortfolioRiskManager } from '../dist/index.js';

const WINDOW = 20;
const MIN_PERIODS = 5;
const BARS = 30; // more than W + 1, so the grid has evicted rows
const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
// SOL misses bars 7, 13 and 22: its returns at those bars and the next are missing.
const SOL_GAPS = new Set([7, 13, 22]);

/** Closes in cents from a fixed linear congruential generator: one shared move, one own. */
function candles() {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cents = [4_200_000, 230_000, 9_800];
  const out = SYMBOLS.map(() => []);
  for (let bar = 0; bar < BARS; bar++) {
    const common = next() - 0.5;
    SYMBOLS.forEach((symbol, k) => {
      const own = next() - 0.5;
      cents[k] = Math.round(cents[k] * (1 + 0.02 * common + 0.01 * (k + 1) * own));
      if (symbol === 'SOL/USDT' && SOL_GAPS.has(bar)) return;
      out[k].push([T0 + bar * HOUR, cents[k] / 100]);
    });
  }
  return out;
}

/** Pearson over the pairwise-complete returns of the last W rows of the outer-joined grid, two passes. */
function twoPass(series, a, b) {
  const grid = [...new Set(series.flatMap((s) => s.map(([ts]) => ts)))].sort((x, y) => x - y).slice(-(WINDOW + 1));
  const returns = (s) => {
    const close = new Map(s);
    return grid.slice(1).map((ts, k) => {
      const now = close.get(ts);
      const before = close.get(grid[k]);
      return now === undefined || before === undefined ? undefined : Math.log(now) - Math.log(before);
    });
  };
  const x = returns(series[a]);
  const y = returns(series[b]);
  const rows = x.map((xi, k) => [xi, y[k]]).filter(([xi, yi]) => xi !== undefined && yi !== undefined);
  const n = rows.length;
  if (n < Math.max(MIN_PERIODS, 2)) return { r: null, n };
  const mx = rows.reduce((s, [xi]) => s + xi, 0) / n;
  const my = rows.reduce((s, [, yi]) => s + yi, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [xi, yi] of rows) {
    sxy += (xi - mx) * (yi - my);
    sxx += (xi - mx) ** 2;
    syy += (yi - my) ** 2;
  }
  return { r: a === b ? 1 : sxy / Math.sqrt(sxx * syy), n };
}

const series = candles();
const manager = PortfolioRiskManager.createSync({
  enabled: true,
  correlation_lookback: WINDOW,
  min_periods: MIN_PERIODS,
  max_symbol_exposure_pct: 0.3,
  max_pairwise_correlation: 0.8,
});
SYMBOLS.forEach((symbol, k) => manager.updateMarketData(symbol, series[k].map(([timestamp, close]) => ({ timestamp, close }))));
manager.updateEquity(100_000);
const positions = [
  { symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING', strategy: 'breakout' },
  { symbol: 'BTC/USDT', side: 'short', size: 2_500, regime: 'RANGING' },
  { id: 'eth-swing', symbol: 'ETH/USDT', side: 'long', size: 5_000, regime: 'TRENDING' },
  { symbol: 'SOL/USDT', side: 'short', size: 7_500, regime: 'RANGING' },
];
for (const p of positions) manager.registerPosition(p);
for (const proposedSize of [1_000, 40_000]) manager.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize, regime: 'TRENDING' });

const bytes = manager.snapshot();
const view = new DataView(bytes.buffer, bytes.byteOffset);
const expected = {
  format: view.getUint32(8, true),
  layout: manager.engine.exportState().layout,
  window: WINDOW,
  minPeriods: MIN_PERIODS,
  candles: Object.fromEntries(SYMBOLS.map((symbol, k) => [symbol, series[k]])),
  positions: manager.getPositions(),
  correlations: SYMBOLS.flatMap((a, i) => SYMBOLS.map((b, j) => ({ a, b, ...twoPass(series, i, j) }))),
};

const fixtures = new URL('../test/fixtures/', import.meta.url);
writeFileSync(new URL('golden-snapshot.bin', fixtures), bytes);
// One [timestamp, close] pair per line.
const json = JSON.stringify(expected, null, 1).replace(/\[\s+(\d+),\s+([\d.]+)\s+\]/g, '[$1, $2]');
writeFileSync(new URL('golden-snapshot.json', fixtures), `${json}\n`);
console.log(`wrote ${fileURLToPath(new URL('golden-snapshot.bin', fixtures))} (${bytes.length} bytes, format ${expected.format}, layout ${expected.layout}) and its expected answers`);
