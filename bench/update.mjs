/**
 * Suite 1: the per-row all-pairs update (W = 100), N ∈ {50, 200, 500, 1000, 2000}.
 *
 * One call = one new row for every symbol (a close each), after which every pair's state is
 * current. Implementations, all fed the same rows from a pool built before timing:
 *   pg-simd, pg-scalar   CorrelationEngine.pushRow (public API: validation, copy, wasm)
 *   js-same              bench/baselines/js-shifted-comoment.mjs, the same algorithm in tight JS
 *   js-same-plain        the same with the rank-2 loop written one element at a time
 *   js-two-pass          bench/baselines/js-two-pass.mjs, every pair recomputed two-pass
 *   stdlib               one @stdlib/stats-incr-mpcorr accumulator per pair
 * Every implementation is first filled past one window, so each timed row also evicts one.
 */
import { engineWith } from './lib/dist.mjs';
import { JsShiftedComoment } from './baselines/js-shifted-comoment.mjs';
import { JsTwoPass } from './baselines/js-two-pass.mjs';
import { StdlibMpcorr } from './baselines/stdlib-mpcorr.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { ratioOf, check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, ratio } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

export const W = 100;
/** Rows pushed before timing: past one window, so each timed row also evicts one. */
export const FILL = W + 20;
/** A baseline whose fill plus timing is estimated past this is skipped, and the table says so. */
const BUDGET_MS = 60_000;

export const IMPLEMENTATIONS = [
  { id: 'pg-simd', label: 'portfolio-guard (wasm SIMD)' },
  { id: 'pg-scalar', label: 'portfolio-guard (wasm scalar)' },
  { id: 'js-same', label: 'plain JS, same algorithm' },
  { id: 'js-same-plain', label: 'plain JS, same algorithm, naive loop' },
  { id: 'js-two-pass', label: 'plain JS two-pass recompute' },
  { id: 'stdlib', label: '@stdlib/stats-incr-mpcorr per pair' },
];

export function engineTask(n, simd, pool) {
  const engine = engineWith(n, { window: W, simd });
  const next = rowCursor(pool);
  let ts = 1;
  for (let k = 0; k < FILL; k++) engine.pushRow(ts++, next());
  return { fn: () => engine.pushRow(ts++, next()), state: engine };
}

export function baselineTask(impl, pool, fill = (row) => impl.pushRow(row)) {
  const next = rowCursor(pool);
  for (let k = 0; k < FILL; k++) fill(next());
  return { fn: () => impl.pushRow(next()), state: impl };
}

/**
 * @param {{ quick?: boolean, sizes?: number[] }} [options]
 *   quick: the CI subset (N = 500; pg-simd, js-same, js-two-pass; fewer, shorter rounds)
 */
export async function run({ quick = false, sizes } = {}) {
  const s = section('update', 'Per-row all-pairs update (W = 100): one new row for every symbol');
  const ns = sizes ?? (quick ? [500] : [50, 200, 500, 1000, 2000]);
  const wanted = quick ? ['pg-simd', 'js-same', 'js-two-pass'] : IMPLEMENTATIONS.map((x) => x.id);
  const rounds = 7;
  const time = quick ? 120 : 300;
  let stdlibCost; // { n, ms } of one stdlib row at the last size it ran
  s.extra.sizes = ns;
  s.extra.implementations = IMPLEMENTATIONS.filter((x) => wanted.includes(x.id));

  for (const n of ns) {
    settle();
    const pool = closeRowPool(n, 256, 11);
    const tasks = [];
    const add = (id, made) => tasks.push({ key: id, fn: made.fn });
    if (wanted.includes('pg-simd')) add('pg-simd', engineTask(n, 'auto', pool));
    if (wanted.includes('pg-scalar')) add('pg-scalar', engineTask(n, false, pool));
    if (wanted.includes('js-same')) add('js-same', baselineTask(new JsShiftedComoment(n, { window: W }), pool));
    if (wanted.includes('js-same-plain')) add('js-same-plain', baselineTask(new JsShiftedComoment(n, { window: W, kernel: 'plain' }), pool));
    if (wanted.includes('js-two-pass')) {
      const tp = new JsTwoPass(n, { window: W });
      add('js-two-pass', baselineTask(tp, pool, (row) => tp.appendRow(row)));
    }
    if (wanted.includes('stdlib')) {
      const estimate = stdlibCost ? stdlibCost.ms * (n / stdlibCost.n) ** 2 : 0;
      const projected = estimate * (FILL + rounds * 4);
      if (projected > BUDGET_MS) {
        s.skipped.push({
          what: `stdlib at N=${n}`,
          n,
          reason: `one accumulator per pair would need ~${Math.round(projected / 1000)} s (≈${Math.round(estimate)} ms per row, scaled as N² from N=${stdlibCost.n}, × ${FILL} rows to fill the window plus the timed rows), past the one-minute budget; its ${(n * (n - 1)) / 2} accumulators would also hold ~${Math.round((n * (n - 1)) / 2 * (16 * W + 600) / 2 ** 20)} MB`,
        });
      } else {
        const sp = new StdlibMpcorr(n, { window: W });
        const made = baselineTask(sp, pool);
        const t0 = performance.now();
        made.fn();
        stdlibCost = { n, ms: performance.now() - t0 };
        add('stdlib', made);
      }
    }

    const slow = (key) => key === 'js-two-pass' || key === 'stdlib';
    const measured = measureRounds(tasks, {
      rounds,
      time: n >= 1000 ? time * 2 : time,
      iterations: tasks.some((t) => slow(t.key)) && n >= 500 ? 3 : 8,
      warmupTime: 50,
      warmupIterations: 2,
    });
    for (const [key, m] of measured) {
      const label = IMPLEMENTATIONS.find((x) => x.id === key).label;
      figure(s, `${key}@${n}`, `${label}, N=${n}`, { ...m.summary, roundMedians: m.roundMedians, n, impl: key }, 'ms per row');
    }
    for (const subject of ['pg-simd', 'pg-scalar']) {
      if (!measured.has(subject)) continue;
      for (const baseline of ['js-same', 'js-same-plain', 'js-two-pass', 'stdlib']) {
        if (!measured.has(baseline)) continue;
        s.ratios[`${baseline}/${subject}@${n}`] = {
          n, subject, baseline,
          ...ratioOf(measured.get(baseline).roundMedians, measured.get(subject).roundMedians),
        };
      }
    }
    tasks.length = 0;
  }

  const r500 = (b) => s.ratios[`${b}/pg-simd@500`];
  if (r500('js-same')) s.checks.push(check({ ...TARGETS.updateVsSame, value: r500('js-same').value }));
  if (r500('js-two-pass')) s.checks.push(check({ ...TARGETS.updateVsTwoPass, value: r500('js-two-pass').value }));
  const f2000 = s.figures['pg-simd@2000'];
  if (f2000) s.checks.push(check({ ...TARGETS.update2000, value: f2000.median }));
  s.notes.push(
    'Ratios are the median over interleaved rounds of (baseline median ÷ portfolio-guard median), all in one process.',
    'js-same is the honest baseline: the same state and per-row work as the wasm core, with its rank-2 loop register-blocked (4 rows × 4 columns) — the fastest plain JavaScript found; js-same-plain shows the loop as usually written.',
  );
  return s;
}

const RATIO_COLUMNS = ['js-same', 'js-same-plain', 'js-two-pass', 'stdlib'];

export function markdown(s) {
  const impls = s.extra.implementations;
  const rows = s.extra.sizes.map((n) => [
    String(n),
    ...impls.map((x) => times(s.figures[`${x.id}@${n}`])),
    ...RATIO_COLUMNS.filter((b) => impls.some((x) => x.id === b))
      .map((b) => ratio(s.ratios[`${b}/pg-simd@${n}`]?.value)),
  ]);
  const header = ['N', ...impls.map((x) => x.label),
    ...RATIO_COLUMNS.filter((b) => impls.some((x) => x.id === b)).map((b) => `${b} ÷ pg-simd`)];
  return `### ${s.title}\n\nMedian per row (p99 in brackets).\n\n${table(header, rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
