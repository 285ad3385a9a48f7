/**
 * Suite: the first validation and the first getStats() right after a new bar, against the
 * same call on current caches — 1,000 symbols, 50 open positions (bench/lib/portfolio.mjs).
 *
 * A bot validates right after each bar, when every cached correlation is stale: that first
 * call re-reads its symbol's correlations against the open book (one wasm call); getStats()
 * after a bar re-reads the book's pairs for maxCorrelation (one wasm call). Both are timed per
 * call (tinybench, timer overhead subtracted); the bar arrives through updateMarketBar in
 * tinybench's untimed beforeEach.
 *
 * The bar itself evicts the CPU caches: its one pass writes the whole co-moment triangle and
 * every symbol's record (the engine's memory, ~6 MB at 1,000 symbols), so the first call
 * after it finds its own JavaScript objects out of cache as well. A third state measures that
 * floor: current caches, after streaming through as many bytes as the engine's memory holds
 * (an untimed beforeEach that changes nothing the call reads). after-bar ÷ evicted is what
 * re-reading the correlations costs; evicted ÷ current is what the memory hierarchy costs.
 *
 * The three states run in interleaved rounds; each ratio is the median over rounds of the
 * ratio of per-round medians.
 */
import { buildPortfolio } from './lib/portfolio.mjs';
import { median } from './lib/stats.mjs';
import { check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, ratio } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';
import { perCall } from './validate.mjs';

export const SYMBOLS = 1000;
export const POSITIONS = 50;

export async function run({ quick = false } = {}) {
  settle();
  const s = section('after-bar', `Right after a new bar vs current caches: ${SYMBOLS} symbols, ${POSITIONS} open positions`);
  const { manager, requests, newBar } = buildPortfolio({ symbols: SYMBOLS, positions: POSITIONS });
  const mask = requests.length - 1;
  let k = 0;
  let sink = 0; // answers are read, so no call can be optimised away
  const validate = () => { sink += manager.validateNewPosition(requests[k++ & mask]).allowedSize; };
  const stats = () => { sink += manager.getStats().maxCorrelation; };
  for (let r = 0; r < requests.length; r++) validate(); // every cache row filled
  stats();

  // As many bytes as the engine's memory, streamed through one cache line at a time.
  const junk = new Float64Array(Math.ceil(manager.engine.stats().memoryBytes / 8));
  const evict = () => { for (let i = 0; i < junk.length; i += 8) junk[i] += 1; };

  const rounds = quick ? 5 : 7;
  const samples = { validateCurrent: [], validateAfter: [], validateEvicted: [], statsCurrent: [], statsAfter: [], statsEvicted: [] };
  const per = { validate: [], stats: [], validateVsEvicted: [], statsVsEvicted: [] };
  const cold = { iterations: quick ? 300 : 1500, warmupIterations: 20 };
  for (let r = 0; r < rounds; r++) {
    const vc = perCall(validate, { iterations: quick ? 4000 : 20_000, warmupIterations: 500 }).summary;
    const va = perCall(validate, { ...cold, beforeEach: newBar }).summary;
    const ve = perCall(validate, { ...cold, beforeEach: evict }).summary;
    const sc = perCall(stats, { iterations: quick ? 4000 : 20_000, warmupIterations: 500 }).summary;
    const sa = perCall(stats, { ...cold, beforeEach: newBar }).summary;
    const se = perCall(stats, { ...cold, beforeEach: evict }).summary;
    samples.validateCurrent.push(vc); samples.validateAfter.push(va); samples.validateEvicted.push(ve);
    samples.statsCurrent.push(sc); samples.statsAfter.push(sa); samples.statsEvicted.push(se);
    per.validate.push(va.median / vc.median);
    per.stats.push(sa.median / sc.median);
    per.validateVsEvicted.push(va.median / ve.median);
    per.statsVsEvicted.push(sa.median / se.median);
  }
  const fig = (key, label, list) => figure(s, key, label, {
    median: median(list.map((x) => x.median)), p99: median(list.map((x) => x.p99)), mean: median(list.map((x) => x.mean)),
    min: Math.min(...list.map((x) => x.min)), count: list.reduce((a, x) => a + x.count, 0), roundMedians: list.map((x) => x.median),
  });
  fig('validate-current', 'validateNewPosition, correlations current', samples.validateCurrent);
  fig('validate-after-bar', 'validateNewPosition, first call after a new bar', samples.validateAfter);
  fig('validate-evicted', 'validateNewPosition, correlations current, CPU caches evicted', samples.validateEvicted);
  fig('stats-current', 'getStats(), current', samples.statsCurrent);
  fig('stats-after-bar', 'getStats(), first call after a new bar', samples.statsAfter);
  fig('stats-evicted', 'getStats(), current, CPU caches evicted', samples.statsEvicted);
  const ratioFrom = (values) => ({ value: median(values), rounds: values, min: Math.min(...values), max: Math.max(...values) });
  s.ratios.validate = ratioFrom(per.validate);
  s.ratios.stats = ratioFrom(per.stats);
  s.ratios.validateVsEvicted = ratioFrom(per.validateVsEvicted);
  s.ratios.statsVsEvicted = ratioFrom(per.statsVsEvicted);
  s.checks.push(check({ ...TARGETS.validateAfterBar, value: s.ratios.validate.value }));
  s.checks.push(check({ ...TARGETS.validateAfterBarVsEvicted, value: s.ratios.validateVsEvicted.value }));
  s.checks.push(check({ ...TARGETS.statsAfterBar, value: s.ratios.stats.value }));
  s.notes.push(
    'Each figure is the median over rounds of per-call medians (p99: median of per-round p99s); tinybench\'s timer overhead is subtracted from every sample.',
  );
  return s;
}

export function markdown(s) {
  const row = (label, key, r) => [label, times(s.figures[`${key}-current`]), times(s.figures[`${key}-evicted`]), times(s.figures[`${key}-after-bar`]),
    ratio(s.ratios[r].value), ratio(s.ratios[`${r}VsEvicted`].value)];
  const rows = [row('validateNewPosition', 'validate', 'validate'), row('getStats()', 'stats', 'stats')];
  return `### ${s.title}\n\n${table(['Call', 'Current caches', 'Current, CPU caches evicted', 'First call after a new bar', 'After ÷ current', 'After ÷ evicted'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
