#!/usr/bin/env node
/**
 * npm run check:data — real candles through the built package (dist/; `npm run build` first).
 *
 * Every dataset folder under ../shared/data (freqtrade 5-minute JSON, Lean daily CSV: gaps,
 * flat bars, split jumps, files too short for a window) goes through
 * PortfolioRiskManager.updateMarketData in two orders a bot really uses:
 *   start-up  each symbol's whole history in one call, one symbol after another;
 *   live loop walk the union of all timestamps; at each bar every symbol that has started
 *             re-sends its last 3 candles up to that bar (overlapping re-sends).
 * At checkpoints along the grid (and at the end) a start-up manager fed every candle up to the
 * checkpoint must give the live manager's correlation for every pair within 1e-12, NaN where
 * NaN, and the same pairwise-complete bar counts. Nothing may throw on this valid data.
 *
 * Exits 0 with a message when ../shared/data is absent (a user's fresh clone), 1 on any
 * mismatch or throw. Usage: node scripts/check-data.mjs [data-dir]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.argv[2] ?? join(root, '..', 'shared', 'data');
const TOLERANCE = 1e-12;
/** Grid rows between checkpoints: each costs one start-up replay, so this keeps the run short. */
const CHECKPOINT_EVERY = 200;
const RESEND = 3;
/** The default window, and a short one under which many more Lean pairs become known. */
const WINDOWS = [
  { correlationLookback: 100, minPeriods: 20 },
  { correlationLookback: 20, minPeriods: 5 },
];

if (!existsSync(dataDir)) {
  console.log(`check:data: no data at ${dataDir}; nothing to check (it is optional: npm test does not need it).`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'tools', 'dist', 'replay', 'index.js'))) {
  console.error('check:data: dist/ or tools/dist/ is missing; run `npm run build && npm run build:tools` first.');
  process.exit(1);
}
const { PortfolioRiskManager } = await import('../dist/index.js');
// The replay's candle-file reader (the tools workspace, built next to the package).
const { parseCandleFile } = await import('portfolio-guard-tools/replay');

/** One dataset: every .json/.csv file in the folder, one symbol each, rows as ccxt arrays. */
function readDataset(dir) {
  return readdirSync(dir)
    .sort()
    .filter((name) => ['.json', '.csv'].includes(extname(name).toLowerCase()) && statSync(join(dir, name)).isFile())
    .map((name) => {
      const file = join(dir, name);
      const p = parseCandleFile(file, readFileSync(file, 'utf8'));
      const rows = Array.from(p.time, (t, k) => [t, p.open[k], p.high[k], p.low[k], p.close[k], p.volume[k]]);
      return { symbol: p.symbol, rows };
    });
}

/** Start-up order: each symbol's candles up to `until`, one whole-history call per symbol. */
function startUp(window, series, until) {
  const m = PortfolioRiskManager.createSync({ enabled: true, ...window });
  for (const { symbol, rows } of series) {
    const upTo = rows.filter((r) => r[0] <= until);
    if (upTo.length > 0) m.updateMarketData(symbol, upTo);
  }
  return m;
}

/** Every pair's correlation and bar count in both managers; the worst difference and any mismatch. */
function compare(live, reference, symbols) {
  const out = { pairs: 0, known: 0, maxDiff: 0, mismatches: [] };
  const known = (m, s) => m.engine.symbolId(s) !== undefined;
  for (let i = 0; i < symbols.length; i++) {
    for (let j = i + 1; j < symbols.length; j++) {
      const [a, b] = [symbols[i], symbols[j]];
      if (known(live, a) !== known(reference, a) || known(live, b) !== known(reference, b)) {
        out.mismatches.push(`${a}/${b}: known to one manager only`);
        continue;
      }
      out.pairs += 1;
      const x = live.getCorrelation(a, b);
      const y = reference.getCorrelation(a, b);
      if (Number.isNaN(x) || Number.isNaN(y)) {
        if (Number.isNaN(x) !== Number.isNaN(y)) out.mismatches.push(`${a}/${b}: live ${x}, start-up ${y}`);
      } else {
        out.known += 1;
        const d = Math.abs(x - y);
        out.maxDiff = Math.max(out.maxDiff, d);
        if (!(d <= TOLERANCE)) out.mismatches.push(`${a}/${b}: live ${x}, start-up ${y} (|Δ| ${d.toExponential(2)})`);
      }
      if (known(live, a) && known(live, b) && live.engine.pairObservations(a, b) !== reference.engine.pairObservations(a, b)) {
        out.mismatches.push(`${a}/${b}: ${live.engine.pairObservations(a, b)} bars live, ${reference.engine.pairObservations(a, b)} start-up`);
      }
    }
  }
  return out;
}

function checkDataset(window, series) {
  const started = Date.now();
  const symbols = series.map((s) => s.symbol);
  const grid = [...new Set(series.flatMap((s) => s.rows.map((r) => r[0])))].sort((a, b) => a - b);
  const isCheckpoint = (g) => (g + 1) % CHECKPOINT_EVERY === 0 || g === grid.length - 1;
  const totals = { calls: 0, appended: 0, inserted: 0, filled: 0, revised: 0, unchanged: 0, ignoredTooOld: 0 };
  const result = { checkpoints: 0, pairs: 0, known: 0, maxDiff: 0, mismatches: [] };

  const live = PortfolioRiskManager.createSync({ enabled: true, ...window });
  const next = series.map(() => 0); // per symbol: how many of its candles are at or before the bar
  grid.forEach((ts, g) => {
    series.forEach(({ symbol, rows }, s) => {
      while (next[s] < rows.length && rows[next[s]][0] <= ts) next[s] += 1;
      if (next[s] === 0) return;
      const ingest = live.updateMarketData(symbol, rows.slice(Math.max(0, next[s] - RESEND), next[s]));
      totals.calls += 1;
      for (const key of Object.keys(ingest)) totals[key] += ingest[key];
    });
    if (!isCheckpoint(g)) return;
    const c = compare(live, startUp(window, series, ts), symbols);
    result.checkpoints += 1;
    result.pairs += c.pairs;
    result.known += c.known;
    result.maxDiff = Math.max(result.maxDiff, c.maxDiff);
    result.mismatches.push(...c.mismatches.map((m) => `bar ${g} (${new Date(ts).toISOString()}): ${m}`));
  });

  const w = `W=${window.correlationLookback}, minPeriods ${window.minPeriods}`;
  console.log(`  ${w}: live loop ${totals.calls.toLocaleString('en-US')} calls (appended ${totals.appended}, inserted ${totals.inserted}, filled ${totals.filled}, revised ${totals.revised}, re-sent unchanged ${totals.unchanged}, ignored too old ${totals.ignoredTooOld})`);
  console.log(`  ${w}: ${result.checkpoints} checkpoints × ${(symbols.length * (symbols.length - 1)) / 2} pairs: ${result.known} known, ${result.pairs - result.known} NaN in both orders; max |live − start-up| = ${result.maxDiff.toExponential(2)} (limit ${TOLERANCE}); ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

let failed = false;
const datasets = readdirSync(dataDir).sort().filter((name) => statSync(join(dataDir, name)).isDirectory());
for (const name of datasets) {
  try {
    const series = readDataset(join(dataDir, name));
    if (series.length === 0) continue;
    const candles = series.reduce((n, s) => n + s.rows.length, 0);
    const rows = new Set(series.flatMap((s) => s.rows.map((r) => r[0]))).size;
    const short = series.filter((s) => s.rows.length <= 100).map((s) => `${s.symbol} (${s.rows.length})`);
    console.log(`${name}: ${series.length} symbols, ${candles.toLocaleString('en-US')} candles, ${rows.toLocaleString('en-US')} grid rows${short.length ? `; shorter than the default window: ${short.join(', ')}` : ''}`);
    for (const window of WINDOWS) {
      const result = checkDataset(window, series);
      if (result.mismatches.length > 0) {
        failed = true;
        console.log(`  MISMATCH (${result.mismatches.length}):`);
        for (const line of result.mismatches.slice(0, 20)) console.log(`    ${line}`);
      }
    }
  } catch (error) {
    failed = true;
    console.log(`${name}: THREW ${error?.name ?? ''}: ${error?.message ?? error}`);
  }
}
console.log(failed ? 'check:data: FAILED' : `check:data: OK (${datasets.length} datasets: both orders agree, nothing threw)`);
process.exit(failed ? 1 : 0);
