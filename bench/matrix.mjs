/**
 * Suite 2: full N×N correlation matrix refresh at N = 500 (W = 100).
 *
 * Before every timed call a new row arrives (tinybench's beforeEach, untimed), so each
 * refresh works on fresh state, as in a bot that redraws its matrix every bar. Timed:
 *   pg-matrixView   CorrelationEngine.matrixView(): the N×N matrix as a view on wasm memory
 *   pg-matrix       CorrelationEngine.matrix(out): the same, copied into a caller's array
 *   js-two-pass     JsTwoPass.matrix(out): every pair recomputed two-pass into an N×N array
 * Before timing, the outputs are checked to agree within 1e-12.
 */
import { engineWith } from './lib/dist.mjs';
import { JsTwoPass } from './baselines/js-two-pass.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { ratioOf, check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, ratio } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

const W = 100;
const N = 500;

const LABELS = {
  'pg-matrixView': 'portfolio-guard matrixView() (zero-copy view)',
  'pg-matrix': 'portfolio-guard matrix(out) (copied out)',
  'js-two-pass': 'plain JS two-pass recompute, N×N',
};

export async function run({ quick = false } = {}) {
  settle();
  const s = section('matrix', `Full N×N correlation matrix refresh, N = ${N}, W = ${W}`);
  const pool = closeRowPool(N, 256, 21);

  const engine = engineWith(N, { window: W });
  const nextE = rowCursor(pool);
  let ts = 1;
  for (let k = 0; k < W + 20; k++) engine.pushRow(ts++, nextE());
  const tp = new JsTwoPass(N, { window: W });
  const nextT = rowCursor(pool);
  for (let k = 0; k < W + 20; k++) tp.appendRow(nextT());

  const outE = new Float64Array(N * N);
  const outT = new Float64Array(N * N);
  engine.matrix(outE);
  tp.matrix(outT);
  let worst = 0;
  for (let k = 0; k < N * N; k++) worst = Math.max(worst, Math.abs(outE[k] - outT[k]));
  if (!(worst <= 1e-12)) throw new Error(`matrix suite: engine and two-pass disagree by ${worst}`);
  s.notes.push(`Outputs checked before timing: engine and two-pass matrices agree within ${worst.toExponential(1)}.`);

  const newEngineRow = () => engine.pushRow(ts++, nextE());
  let sink = 0;
  const measured = measureRounds([
    { key: 'pg-matrixView', fn: () => { sink += engine.matrixView()[1]; }, beforeEach: newEngineRow },
    { key: 'pg-matrix', fn: () => engine.matrix(outE), beforeEach: newEngineRow },
    { key: 'js-two-pass', fn: () => tp.matrix(outT), beforeEach: () => tp.appendRow(nextT()) },
  ], { rounds: 7, time: quick ? 150 : 400, iterations: 5, warmupTime: 50, warmupIterations: 3 });
  if (Number.isNaN(sink)) s.notes.push('(a matrix read NaN)');

  for (const [key, m] of measured) figure(s, key, LABELS[key], { ...m.summary, roundMedians: m.roundMedians, n: N, impl: key }, 'ms per matrix');
  for (const subject of ['pg-matrixView', 'pg-matrix']) {
    s.ratios[`js-two-pass/${subject}@${N}`] = {
      n: N, subject, baseline: 'js-two-pass',
      ...ratioOf(measured.get('js-two-pass').roundMedians, measured.get(subject).roundMedians),
    };
  }
  s.checks.push(check({ ...TARGETS.matrixVsTwoPass, value: s.ratios[`js-two-pass/pg-matrixView@${N}`].value }));
  s.notes.push('Each timed refresh follows a new row (pushed in tinybench\'s untimed beforeEach), so nothing is served from a cache.');
  return s;
}

export function markdown(s) {
  const rows = Object.entries(LABELS).map(([key, label]) => [
    label,
    times(s.figures[key]),
    key === 'js-two-pass' ? '1×' : ratio(s.ratios[`js-two-pass/${key}@${N}`]?.value),
  ]);
  return `### ${s.title}\n\n${table(['Implementation', 'Median (p99)', 'js-two-pass ÷ this'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
