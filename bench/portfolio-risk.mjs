/**
 * Suite: what the ex-ante volatility cap costs a validation, 1,000 symbols, 50 open positions.
 * Two managers are built from the same candles, positions and requests; one adds
 * `maxPortfolioVolatility` of 34% (annualised by barsPerYear; the book's own is 33%, so the cap
 * binds about half the requests). Their validations are timed in
 * interleaved rounds (lib/measure.mjs), so a burst of load hits both alike, in two states:
 *   current     every cache current: the book's wᵀΣw is cached, each proposal reads one
 *               covariance column (O(P), one core call) when its symbol is not in the book
 *   after-row   right after a new row for every symbol (pushed untimed in beforeEach): the
 *               book's wᵀΣw is recomputed, O(P²) pairs in one core call, and every
 *               correlation row re-read, in both managers
 * The ratio (with ÷ without) is gated at 2× by bench:ci.
 */
import { buildPortfolio } from './lib/portfolio.mjs';
import { measureRounds } from './lib/measure.mjs';
import { check } from './lib/ratio.mjs';
import { median } from './lib/stats.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times } from './lib/format.mjs';

export const TARGETS = {
  current: { key: 'risk.volCurrent', label: 'validateNewPosition with maxPortfolioVolatility ÷ without, caches current', goal: 2, op: '<=', unit: 'x', kind: 'ratio' },
  afterRow: { key: 'risk.volAfterRow', label: 'validateNewPosition with maxPortfolioVolatility ÷ without, right after a new row', goal: 2, op: '<=', unit: 'x', kind: 'ratio' },
};

/** Per-round ratio of medians (subject ÷ baseline), and its median over rounds. */
function costRatio(baseline, subject) {
  const per = baseline.roundMedians.map((b, r) => subject.roundMedians[r] / b);
  return { value: median(per), rounds: per };
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('risk', 'ex-ante volatility cap: cost per validation, 1,000 symbols, 50 open positions');
  const plain = buildPortfolio({ symbols: 1000, positions: 50 });
  const capped = buildPortfolio({ symbols: 1000, positions: 50, config: { maxPortfolioVolatility: 0.34, barsPerYear: 525_600 } });
  const caller = ({ manager, requests }) => {
    const mask = requests.length - 1;
    let k = 0;
    return () => manager.validateNewPosition(requests[k++ & mask]);
  };
  const plainCall = caller(plain);
  const cappedCall = caller(capped);
  for (let r = 0; r < plain.requests.length; r++) { plainCall(); cappedCall(); } // every cache filled
  const bound = capped.requests.filter((q) => capped.manager.validateNewPosition(q, { dryRun: true }).binding === 'volatility').length;

  const rounds = quick ? 5 : 9;
  const current = measureRounds([
    { key: 'plain', fn: plainCall },
    { key: 'capped', fn: cappedCall },
  ], { rounds, time: quick ? 150 : 400, iterations: 200 });
  const after = measureRounds([
    { key: 'plain', fn: plainCall, beforeEach: plain.newRow },
    { key: 'capped', fn: cappedCall, beforeEach: capped.newRow },
  ], { rounds, time: quick ? 60 : 200, iterations: quick ? 30 : 100, warmupIterations: 4 });

  figure(s, 'current-plain', 'caches current, without the cap', current.get('plain').summary, 'ms per call');
  figure(s, 'current-capped', 'caches current, with maxPortfolioVolatility', current.get('capped').summary, 'ms per call');
  figure(s, 'after-plain', 'right after a new row, without the cap', after.get('plain').summary, 'ms per call');
  figure(s, 'after-capped', 'right after a new row, with maxPortfolioVolatility', after.get('capped').summary, 'ms per call');
  const rc = costRatio(current.get('plain'), current.get('capped'));
  const ra = costRatio(after.get('plain'), after.get('capped'));
  s.ratios = { current: rc, afterRow: ra };
  s.checks.push(check({ ...TARGETS.current, value: rc.value }));
  s.checks.push(check({ ...TARGETS.afterRow, value: ra.value }));
  s.notes.push(
    `Ratios are medians over ${rounds} interleaved rounds of (median with ÷ median without); the cap bound ${bound} of ${capped.requests.length} requests.`,
  );
  return s;
}

export function markdown(s) {
  const rows = ['current-plain', 'current-capped', 'after-plain', 'after-capped'].map((key) => [s.figures[key].label, times(s.figures[key]), String(s.figures[key].count)]);
  const ratios = [['caches current', `${s.ratios.current.value.toFixed(2)}×`], ['right after a new row', `${s.ratios.afterRow.value.toFixed(2)}×`]];
  return `### ${s.title}\n\n${table(['State', 'Median (p99)', 'Samples'], rows)}\n\n${table(['with ÷ without', 'ratio'], ratios)}\n\n${s.notes.join('\n')}`;
}

await runStandalone(import.meta.url, run, markdown);
