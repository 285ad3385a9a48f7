/**
 * Suite: what the ex-ante volatility cap costs, 1,000 symbols, 50 open positions.
 * Two managers are built from the same candles, positions and requests; one adds
 * `maxPortfolioVolatility` of 34% (annualised by barsPerYear; the book's own is 33%, so the cap
 * binds about half the requests). Their calls are timed in interleaved rounds
 * (lib/measure.mjs), so a burst of load hits both alike:
 *   current     validations with every cache current: the book's wᵀΣw is cached, each proposal
 *               reads one covariance column (O(P), one core call) when its symbol is not held
 *   after-bar   validations right after a bar sent with updateMarketBar (untimed, beforeEach):
 *               the capped manager recomputed the book's wᵀΣw with the bar, both re-read
 *               every correlation row
 *   bar         the updateMarketBar call itself: what the cap adds to a bar
 *   after-row   validations right after a row pushed to the manager's engine (engine.pushRow),
 *               which recomputes the book's wᵀΣw with the row as updateMarketBar does
 * The with ÷ without ratios of the validations are gated at 2× by bench:ci, the bar's at 1.1×.
 */
import { buildPortfolio } from './lib/portfolio.mjs';
import { measureRounds } from './lib/measure.mjs';
import { check } from './lib/ratio.mjs';
import { median } from './lib/stats.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times } from './lib/format.mjs';

export const TARGETS = {
  current: { key: 'risk.volCurrent', label: 'validateNewPosition with maxPortfolioVolatility ÷ without, caches current', goal: 2, op: '<=', unit: 'x', kind: 'ratio' },
  afterBar: { key: 'risk.volAfterBar', label: 'validateNewPosition with maxPortfolioVolatility ÷ without, right after a new bar (updateMarketBar)', goal: 2, op: '<=', unit: 'x', kind: 'ratio' },
  bar: { key: 'risk.volBar', label: 'updateMarketBar with maxPortfolioVolatility ÷ without', goal: 1.1, op: '<=', unit: 'x', kind: 'ratio' },
  afterRow: { key: 'risk.volAfterRow', label: 'validateNewPosition with maxPortfolioVolatility ÷ without, right after engine.pushRow', goal: 2, op: '<=', unit: 'x', kind: 'ratio' },
};

/** Per-round ratio of medians (subject ÷ baseline), and its median over rounds. */
function costRatio(baseline, subject) {
  const per = baseline.roundMedians.map((b, r) => subject.roundMedians[r] / b);
  return { value: median(per), rounds: per };
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('risk', 'ex-ante volatility cap: cost per call, 1,000 symbols, 50 open positions');
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
  const afterBar = measureRounds([
    { key: 'plain', fn: plainCall, beforeEach: plain.newBar },
    { key: 'capped', fn: cappedCall, beforeEach: capped.newBar },
  ], { rounds, time: quick ? 60 : 200, iterations: quick ? 30 : 100, warmupIterations: 4 });
  const bar = measureRounds([
    { key: 'plain', fn: plain.newBar },
    { key: 'capped', fn: capped.newBar },
  ], { rounds, time: quick ? 60 : 200, iterations: quick ? 30 : 100, warmupIterations: 4 });
  const afterRow = measureRounds([
    { key: 'plain', fn: plainCall, beforeEach: plain.newRow },
    { key: 'capped', fn: cappedCall, beforeEach: capped.newRow },
  ], { rounds, time: quick ? 60 : 200, iterations: quick ? 30 : 100, warmupIterations: 4 });

  const states = [
    ['current', 'caches current', current],
    ['after-bar', 'right after updateMarketBar', afterBar],
    ['bar', 'the updateMarketBar call', bar],
    ['after-row', 'right after engine.pushRow', afterRow],
  ];
  for (const [key, label, m] of states) {
    figure(s, `${key}-plain`, `${label}, without the cap`, m.get('plain').summary, 'ms per call');
    figure(s, `${key}-capped`, `${label}, with maxPortfolioVolatility`, m.get('capped').summary, 'ms per call');
  }
  s.ratios = {};
  for (const [key, target, m] of [['current', 'current', current], ['afterBar', 'afterBar', afterBar], ['bar', 'bar', bar], ['afterRow', 'afterRow', afterRow]]) {
    const r = costRatio(m.get('plain'), m.get('capped'));
    s.ratios[key] = r;
    s.checks.push(check({ ...TARGETS[target], value: r.value }));
  }
  s.notes.push(
    `Ratios are medians over ${rounds} interleaved rounds of (median with ÷ median without); the cap bound ${bound} of ${capped.requests.length} requests.`,
  );
  return s;
}

const STATES = [['current', 'caches current'], ['after-bar', 'right after updateMarketBar'], ['bar', 'the updateMarketBar call'], ['after-row', 'right after engine.pushRow']];

export function markdown(s) {
  const rows = STATES.flatMap(([key]) => ['plain', 'capped'].map((m) => {
    const f = s.figures[`${key}-${m}`];
    return [f.label, times(f), String(f.count)];
  }));
  const ratioKeys = { current: 'current', 'after-bar': 'afterBar', bar: 'bar', 'after-row': 'afterRow' };
  const ratios = STATES.map(([key, label]) => [label, `${s.ratios[ratioKeys[key]].value.toFixed(2)}×`]);
  return `### ${s.title}\n\n${table(['State', 'Median (p99)', 'Samples'], rows)}\n\n${table(['with ÷ without', 'ratio'], ratios)}\n\n${s.notes.join('\n')}`;
}

await runStandalone(import.meta.url, run, markdown);
