/**
 * Suite 7 (the update target's headroom): where one row's time goes, and the most that
 * any implementation of this algorithm in WebAssembly could gain over the JS baseline.
 *
 * At N = 500, in interleaved rounds, one process:
 *   pg-row      CorrelationEngine.pushRow, as in the update suite (the figure the target uses)
 *   pg-kernel   the wasm rank-2 kernel alone (assembly/comoment.ts applyRankTwo, release
 *               SIMD flags), re-run on the same a and b vectors
 *   pg-refresh  the rotating exact refresh of one row alone (reseed.ts refreshSlice)
 *   pg-maintain the per-symbol reseed checks of one row alone (reseed.ts maintain × N)
 *   pg-floor    a loop that only loads, adds 0 to and stores every triangle element:
 *               what streaming the triangle costs, whatever the arithmetic
 *   js-row      bench/baselines/js-shifted-comoment.mjs pushRow
 *   js-kernel   its rank-2 kernel alone, re-run on the same a and b vectors
 * The ratio js-row ÷ pg-kernel is what the update ratio would be if every other part of the
 * wasm row (logs, ring and mask upkeep, the rotating exact refresh, reseed checks, the call
 * from JS) cost nothing: a ceiling on the update target for this algorithm.
 *
 * Then the kernel's time per co-moment at N = 256 (a 260 KB triangle, cache-resident) and
 * N = 1,000 (4 MB): equal times mean arithmetic, not memory traffic, sets the kernel's speed,
 * so no reordering of memory (deferring rows into a rank-2k pass, another layout) can lift
 * the ceiling. Skipped under --quick.
 */
import { engineWith } from './lib/dist.mjs';
import { W, FILL, engineTask, baselineTask } from './update.mjs';
import { loadRowParts } from './lib/probe.mjs';
import { JsShiftedComoment } from './baselines/js-shifted-comoment.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { ratioOf } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times } from './lib/format.mjs';

export const PARTS = [
  { id: 'pg-row', label: 'portfolio-guard pushRow (wasm SIMD)' },
  { id: 'pg-kernel', label: 'portfolio-guard rank-2 kernel alone' },
  { id: 'pg-refresh', label: 'portfolio-guard exact refresh slice alone' },
  { id: 'pg-maintain', label: 'portfolio-guard reseed checks alone' },
  { id: 'pg-floor', label: 'load + add 0 + store of the triangle' },
  { id: 'js-row', label: 'plain JS, same algorithm: pushRow' },
  { id: 'js-kernel', label: 'plain JS, same algorithm: rank-2 kernel alone' },
];

/** A probe core filled past one window with the pool's rows (its own memory, its own state). */
async function filledProbe(n, pool) {
  const core = await loadRowParts();
  core.init(W, 20, n);
  for (let i = 0; i < n; i++) core.addSymbol();
  const next = rowCursor(pool);
  const input = core.rowInputPtr() >>> 3;
  for (let k = 0; k < FILL; k++) {
    new Float64Array(core.memory.buffer).set(next(), input);
    core.pushRow(k + 1);
  }
  return core;
}

/**
 * The probe must be the production core: after the same rows it has to hold the same
 * correlations, bit for bit, as the engine's release SIMD build.
 */
function assertProbeIsProduction(probe, engine, n) {
  for (let i = 0; i < n; i += 7) {
    for (let j = 0; j < i; j += 11) {
      const a = probe.correlation(i, j);
      const b = engine.correlationById(i, j);
      if (!Object.is(a, b)) throw new Error(`bench probe differs from the release core at (${i}, ${j}): ${a} vs ${b}`);
    }
  }
}

const CACHE_SIZES = [256, 1000];

/** The kernel's median time per co-moment (ns) at a cache-resident and a larger N. */
async function perCoMoment(s, pool) {
  const tasks = [];
  for (const size of CACHE_SIZES) {
    const core = await filledProbe(size, closeRowPool(size, 256, 11));
    tasks.push({ key: `pg-kernel@${size}`, fn: () => core.rankTwoOnly() });
  }
  const measured = measureRounds(tasks, { rounds: 7, time: 150, iterations: 16, warmupTime: 50, warmupIterations: 4 });
  for (const size of CACHE_SIZES) {
    const m = measured.get(`pg-kernel@${size}`);
    const pairs = (size * (size + 1)) / 2;
    const triangleKb = Math.round((pairs * 8) / 1024);
    figure(s, `pg-kernel@${size}`, `rank-2 kernel alone, N = ${size} (${triangleKb} KB triangle), per co-moment`,
      { ...m.summary, roundMedians: m.roundMedians, perCoMomentNs: (m.summary.median * 1e6) / pairs }, 'ms per call');
  }
  const [small, large] = CACHE_SIZES;
  const perPair = (size) => measured.get(`pg-kernel@${size}`).roundMedians.map((ms) => ms / ((size * (size + 1)) / 2));
  s.ratios.largeOverSmall = { what: `kernel time per co-moment, N = ${large} ÷ N = ${small}`, ...ratioOf(perPair(large), perPair(small)) };
}

/** @param {{ quick?: boolean, n?: number }} [options] */
export async function run({ quick = false, n = 500 } = {}) {
  settle();
  const s = section('ceiling', `Where one row's time goes (N = ${n}, W = ${W}), and the ceiling on the update ratio`);
  const pool = closeRowPool(n, 256, 11);

  const engine = engineWith(n, { window: W, simd: 'auto' });
  const check = await filledProbe(n, pool);
  const nextCheck = rowCursor(pool);
  for (let k = 0; k < FILL; k++) engine.pushRow(k + 1, nextCheck());
  assertProbeIsProduction(check, engine, n);

  const pgRow = engineTask(n, 'auto', pool);
  const kernelCore = await filledProbe(n, pool);
  const partsCore = await filledProbe(n, pool);
  const jsRow = baselineTask(new JsShiftedComoment(n, { window: W }), pool);
  const jsKernel = baselineTask(new JsShiftedComoment(n, { window: W }), pool).state;

  const tasks = [
    { key: 'pg-row', fn: pgRow.fn },
    { key: 'pg-kernel', fn: () => kernelCore.rankTwoOnly() },
    { key: 'pg-refresh', fn: () => partsCore.refreshOnly() },
    { key: 'pg-maintain', fn: () => partsCore.maintainOnly() },
    { key: 'pg-floor', fn: () => kernelCore.triangleStreamFloor() },
    { key: 'js-row', fn: jsRow.fn },
    { key: 'js-kernel', fn: () => jsKernel.rankTwoBlocked() },
  ];
  const measured = measureRounds(tasks, {
    rounds: 7, time: quick ? 100 : 250, iterations: 8, warmupTime: 50, warmupIterations: 2,
  });
  for (const [key, m] of measured) {
    const label = PARTS.find((p) => p.id === key).label;
    figure(s, key, label, { ...m.summary, roundMedians: m.roundMedians }, 'ms per call');
  }
  const r = (a, b) => ratioOf(measured.get(a).roundMedians, measured.get(b).roundMedians);
  s.ratios.row = { what: 'js-row ÷ pg-row: the update ratio', ...r('js-row', 'pg-row') };
  s.ratios.kernel = { what: 'js-kernel ÷ pg-kernel: the kernels alone', ...r('js-kernel', 'pg-kernel') };
  s.ratios.ceiling = { what: 'js-row ÷ pg-kernel: the update ratio if the rest of the wasm row were free', ...r('js-row', 'pg-kernel') };
  s.ratios.kernelOverFloor = { what: 'pg-kernel ÷ pg-floor: the kernel in units of streaming the triangle', ...r('pg-kernel', 'pg-floor') };
  s.ratios.jsKernelShare = { what: 'js-kernel ÷ js-row: the kernel’s share of a JS row', unit: '%', ...r('js-kernel', 'js-row') };
  s.ratios.pgKernelShare = { what: 'pg-kernel ÷ pg-row: the kernel’s share of a wasm row', unit: '%', ...r('pg-kernel', 'pg-row') };
  s.ratios.pgRefreshShare = { what: 'pg-refresh ÷ pg-row: the exact refresh’s share of a wasm row', unit: '%', ...r('pg-refresh', 'pg-row') };
  s.ratios.pgMaintainShare = { what: 'pg-maintain ÷ pg-row: the reseed checks’ share of a wasm row', unit: '%', ...r('pg-maintain', 'pg-row') };
  s.extra.n = n;
  if (!quick) await perCoMoment(s, pool);
  s.notes.push(
    'The wasm kernel does 2 multiplies and 2 adds per f64x2 (two pairs) and nothing else; WebAssembly has no wider vector, and Node 20 gives wasm no fused multiply-add (relaxed SIMD is behind a flag). The JS kernel does the same 4 operations per pair.',
  );
  return s;
}

export function markdown(s) {
  const rows = PARTS.map((p) => [p.label, times(s.figures[p.id])]);
  for (const size of CACHE_SIZES) {
    const f = s.figures[`pg-kernel@${size}`];
    if (f) rows.push([f.label, `${times(f)}: ${f.perCoMomentNs.toFixed(3)} ns per co-moment`]);
  }
  const ratios = Object.values(s.ratios).map((x) => [x.what, x.unit === '%' ? `${Math.round(x.value * 100)}%` : `${x.value.toFixed(2)}×`]);
  return `### ${s.title}\n\nMedian per call (p99 in brackets).\n\n${table(['Part', 'Time'], rows)}\n\n${table(['Ratio', 'Value'], ratios)}`;
}

await runStandalone(import.meta.url, run, markdown);
