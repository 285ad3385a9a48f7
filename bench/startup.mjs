/**
 * Suite 3: start-up load. 500 symbols × 1,000 one-minute candles (ccxt arrays), fed through
 * the manager's `updateMarketData` one symbol after another — the order a bot uses at
 * start — until every correlation is current, shown by reading the full N×N matrix once.
 *
 * Cold: each run in a fresh Node process (nothing JIT-compiled, wasm compiled on first use),
 * which is what a bot pays at start. Warm: the same in-process through tinybench, each
 * iteration on a fresh manager (created in the untimed beforeEach). Candles are built
 * before any timing in both.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { candleSets } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { summarize } from './lib/stats.mjs';
import { check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

const SYMBOLS = 500;
const BARS = 1000;
const names = Array.from({ length: SYMBOLS }, (_, i) => `C${i}/USDT`);

async function child() {
  const sets = candleSets(SYMBOLS, BARS, 7);
  const t0 = performance.now();
  const { PortfolioRiskManager } = await import('./lib/dist.mjs');
  const t1 = performance.now();
  const manager = PortfolioRiskManager.createSync({ enabled: true });
  const t2 = performance.now();
  for (let i = 0; i < SYMBOLS; i++) manager.updateMarketData(names[i], sets[i]);
  const t3 = performance.now();
  const m = manager.engine.matrixView();
  const t4 = performance.now();
  if (!(m.length === SYMBOLS * SYMBOLS && Number.isFinite(m[1]))) throw new Error('startup: correlations are not current');
  process.stdout.write(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1, loadMs: t3 - t2, matrixMs: t4 - t3 }));
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('startup', `Start-up load: ${SYMBOLS} symbols × ${BARS.toLocaleString('en')} candles through updateMarketData`);
  const cold = [];
  for (let r = 0; r < (quick ? 2 : 5); r++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
    cold.push(JSON.parse(out));
  }
  figure(s, 'cold-create', 'cold process: import + createSync', summarize(cold.map((c) => c.importMs + c.createMs)), 'ms');
  figure(s, 'cold-load', 'cold process: updateMarketData × 500', summarize(cold.map((c) => c.loadMs)), 'ms');
  figure(s, 'cold-current', 'cold process: load + first full matrix (every correlation current)', summarize(cold.map((c) => c.loadMs + c.matrixMs)), 'ms');

  const { PortfolioRiskManager } = await import('./lib/dist.mjs');
  const sets = candleSets(SYMBOLS, BARS, 7);
  let manager;
  const measured = measureRounds([{
    key: 'warm',
    beforeEach: () => { manager = PortfolioRiskManager.createSync({ enabled: true }); },
    fn: () => {
      for (let i = 0; i < SYMBOLS; i++) manager.updateMarketData(names[i], sets[i]);
      manager.engine.matrixView();
    },
  }], { rounds: 1, time: 0, iterations: quick ? 3 : 8, warmupTime: 0, warmupIterations: 1 });
  figure(s, 'warm-current', 'warm, in-process: load + first full matrix', measured.get('warm').summary, 'ms');

  s.checks.push(check({ ...TARGETS.startup, value: s.figures['cold-current'].median }));
  s.notes.push(`Each of the ${SYMBOLS} calls carries ${BARS.toLocaleString('en')} candles: the first symbol appends ${BARS.toLocaleString('en')} rows; each later one fills the 101 rows the grid keeps (W + 1) and counts its older candles as too old (${((BARS - 101) * (SYMBOLS - 1)).toLocaleString('en')} in all), as docs/design.md specifies.`);
  return s;
}

export function markdown(s) {
  const rows = Object.values(s.figures).map((f) => [f.label, times(f), String(f.count)]);
  return `### ${s.title}\n\n${table(['Phase', 'Median (p99)', 'Runs'], rows)}`;
}

if (process.argv.includes('--child')) await child();
else await runStandalone(import.meta.url, run, markdown);
