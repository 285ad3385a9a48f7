/**
 * Suite 4: validateNewPosition latency, 1,000 symbols and 50 open positions.
 *
 * Per call, honestly: tinybench times every single call (one timer read either side) and
 * subtracts its calibrated timer overhead; median and p99 are over those per-call samples.
 * A batch-mean run (100 calls per sample) cross-checks the median without any timer
 * correction. Two states:
 *   current     correlations current (every request's cache row already filled)
 *   after-row   right after a new row arrived for every symbol (tinybench's untimed
 *               beforeEach pushes it through the engine's one-pass pushRow, which leaves the
 *               same state as 1,000 updateMarketData calls): each call must re-read its
 *               50 correlations from the core.
 */
import { Bench } from 'tinybench';
import { buildPortfolio } from './lib/portfolio.mjs';
import { summarize } from './lib/stats.mjs';
import { check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, time } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

/** Per-call samples of fn, timer overhead subtracted; beforeEach runs untimed before each. */
export function perCall(fn, { iterations, beforeEach, warmupIterations = 2000 }) {
  const bench = new Bench({
    time: 0, iterations, warmupTime: 0, warmupIterations, retainSamples: true, throws: true,
    subtractTimerOverhead: true,
  });
  bench.add('call', fn, { async: false, ...(beforeEach ? { beforeEach } : {}) });
  bench.runSync();
  const result = bench.tasks[0].result;
  return { summary: summarize(result.latency.samples), timerOverhead: bench.timerOverhead ?? 0 };
}

/** Median of per-call means over batches of `batch` calls (no timer correction needed). */
export function batchMeans(fn, { batch = 100, batches = 1000 }) {
  const bench = new Bench({ time: 0, iterations: batches, warmupTime: 0, warmupIterations: 20, retainSamples: true, throws: true });
  bench.add('batch', () => {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) fn();
    const elapsed = performance.now() - t0;
    return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
  }, { async: false });
  bench.runSync();
  return summarize(bench.tasks[0].result.latency.samples);
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('validate', 'validateNewPosition latency: 1,000 symbols, 50 open positions');
  const { manager, requests, newRow } = buildPortfolio({ symbols: 1000, positions: 50 });
  const mask = requests.length - 1;
  let k = 0;
  const codes = new Map();
  const validate = () => {
    const { code } = manager.validateNewPosition(requests[k++ & mask]);
    codes.set(code, (codes.get(code) ?? 0) + 1);
  };
  for (let r = 0; r < requests.length; r++) validate(); // every cache row filled

  const current = perCall(validate, { iterations: quick ? 20_000 : 200_000 });
  figure(s, 'current', 'correlations current', current.summary, 'ms per call');
  const batched = batchMeans(validate, { batch: 100, batches: quick ? 200 : 2000 });
  figure(s, 'current-batched', 'correlations current, mean per call in batches of 100', batched, 'ms per call');
  const after = perCall(validate, { iterations: quick ? 1_000 : 20_000, beforeEach: newRow, warmupIterations: 50 });
  figure(s, 'after-row', 'right after a new row (50 correlations re-read)', after.summary, 'ms per call');

  s.checks.push(check({ ...TARGETS.validateMedian, value: current.summary.median }));
  s.checks.push(check({ ...TARGETS.validateP99, value: current.summary.p99 }));
  s.extra.timerOverheadMs = current.timerOverhead;
  s.extra.codes = Object.fromEntries(codes);
  const share = [...codes].map(([code, count]) => `${Math.round((100 * count) / k)}% ${code}`).join(', ');
  s.notes.push(
    `Per-call samples have tinybench's calibrated timer overhead (${time(current.timerOverhead)}) subtracted; the batched median needs no correction.`,
    `Requests: half on a near-duplicate of an open symbol (the correlation rule cuts them), half random: ${share}. Calls are counted (not dry runs).`,
  );
  return s;
}

export function markdown(s) {
  const rows = ['current', 'current-batched', 'after-row'].map((key) => [s.figures[key].label, times(s.figures[key]), String(s.figures[key].count)]);
  return `### ${s.title}\n\n${table(['State', 'Median (p99)', 'Samples'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
