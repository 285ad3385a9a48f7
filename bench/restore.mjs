/**
 * Suite: restoring a snapshot, at N = 500 and 2,000 symbols (W = 100), against what a bot pays
 * without one, in the same process.
 *
 * Restore parses the snapshot as untrusted bytes and re-verifies every running sum against an
 * exact recomputation from the stored returns: one pass over every pair and every window row,
 * O(N²·W) (docs/reliability.md#what-restore-checks). Timed, each on an engine with W + 20 rows
 * of N symbols (built before timing):
 *   snapshot     manager.snapshot()
 *   restore      PortfolioRiskManager.restoreSync(bytes): frame and CRC-32, parse, the core's check
 *   rebuild      a fresh manager fed the last W + 1 rows again (the baseline: a restart with no snapshot)
 */
import { PortfolioRiskManager } from './lib/dist.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { ratioOf } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, ratio, bytes as formatBytes } from './lib/format.mjs';

const W = 100;
const SIZES = [500, 2000];

function managerWith(n, rows) {
  const manager = PortfolioRiskManager.createSync({ enabled: true, correlation_lookback: W }, { initialCapacity: n });
  for (let i = 0; i < n; i++) manager.engine.addSymbol(`S${i}`);
  rows.forEach((closes, k) => manager.engine.pushRow(1 + k, closes));
  return manager;
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('restore', `Restoring a snapshot (every running sum re-verified), W = ${W}`);
  for (const n of SIZES) {
    const pool = closeRowPool(n, W + 20, 31);
    const next = rowCursor(pool);
    const rows = Array.from({ length: W + 20 }, () => next());
    const manager = managerWith(n, rows);
    const snapshot = manager.snapshot();
    const restored = PortfolioRiskManager.restoreSync(snapshot);
    if (!restored.snapshot().every((b, k) => b === snapshot[k])) throw new Error(`restore suite: N=${n} did not restore to the same bytes`);
    s.extra[`snapshotBytes@${n}`] = snapshot.length;
    const last = rows.slice(-(W + 1));
    const measured = measureRounds([
      { key: 'snapshot', fn: () => manager.snapshot() },
      { key: 'restore', fn: () => PortfolioRiskManager.restoreSync(snapshot) },
      { key: 'rebuild', fn: () => managerWith(n, last) },
    ], { rounds: quick ? 2 : 5, time: 0, iterations: quick ? 2 : (n > 1000 ? 3 : 6), warmupTime: 0, warmupIterations: 1 });
    for (const [key, m] of measured) figure(s, `${key}@${n}`, `${key}, N = ${n.toLocaleString('en')}`, { ...m.summary, roundMedians: m.roundMedians, n }, 'ms per call');
    // value = restore ÷ rebuild, per round (ratioOf divides its first argument by its second).
    s.ratios[`restore/rebuild@${n}`] = { n, subject: 'restore', baseline: 'rebuild', ...ratioOf(measured.get('restore').roundMedians, measured.get('rebuild').roundMedians) };
    settle();
  }
  s.notes.push('restore ÷ rebuild: how a restart from a snapshot compares with re-feeding the window (which loses the book and counters).');
  return s;
}

export function markdown(s) {
  const rows = SIZES.flatMap((n) => [
    [`snapshot(), N = ${n.toLocaleString('en')} (${formatBytes(s.extra[`snapshotBytes@${n}`])})`, times(s.figures[`snapshot@${n}`]), ''],
    [`restoreSync(), N = ${n.toLocaleString('en')}`, times(s.figures[`restore@${n}`]), ratio(s.ratios[`restore/rebuild@${n}`]?.value)],
    [`rebuild from the last W + 1 rows, N = ${n.toLocaleString('en')}`, times(s.figures[`rebuild@${n}`]), '1×'],
  ]);
  return `### ${s.title}\n\n${table(['Operation', 'Median (p99)', 'restore ÷ rebuild'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
