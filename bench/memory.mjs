/**
 * Suite 6: memory by N (W = 100). Each measurement runs in its own Node process (started
 * with --expose-gc) so RSS is not polluted by earlier suites; RSS is read after a full GC
 * and reported as the growth over a process that loaded the same modules and built nothing.
 *   engine   wasm memory (`stats().memoryBytes`) with the window full, then again after one
 *            full N×N matrix (the matrix is laid out in wasm memory on first use)
 *   js-same  the plain-JS same-algorithm baseline's typed arrays, at N = 500
 *   stdlib   one @stdlib/stats-incr-mpcorr accumulator per pair, at N = 500
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { check } from './lib/ratio.mjs';
import { section, runStandalone } from './lib/suite.mjs';
import { table, bytes } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

const W = 100;

function rss() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

async function child(kind, n) {
  const { engineWith } = await import('./lib/dist.mjs');
  const { JsShiftedComoment } = await import('./baselines/js-shifted-comoment.mjs');
  const { StdlibMpcorr } = await import('./baselines/stdlib-mpcorr.mjs');
  const { closeRowPool } = await import('./lib/inputs.mjs');
  const pool = kind === 'none' ? [] : closeRowPool(n, 8, 3);
  const before = rss();
  const out = { kind, n };
  let keep;
  if (kind === 'engine') {
    const engine = engineWith(n, { window: W });
    for (let k = 0; k < W + 1; k++) engine.pushRow(k + 1, pool[k % pool.length]);
    out.wasmBytes = engine.stats().memoryBytes;
    out.rssBytes = rss() - before;
    engine.matrixView();
    out.wasmBytesWithMatrix = engine.stats().memoryBytes;
    out.rssBytesWithMatrix = rss() - before;
    keep = engine;
  } else if (kind === 'js-same') {
    const js = new JsShiftedComoment(n, { window: W });
    for (let k = 0; k < W + 1; k++) js.pushRow(pool[k % pool.length]);
    out.stateBytes = js.stateBytes();
    out.rssBytes = rss() - before;
    keep = js;
  } else if (kind === 'stdlib') {
    // Every accumulator allocates its 2·W buffer when created; two rows exercise them.
    const sp = new StdlibMpcorr(n, { window: W });
    sp.pushRow(pool[0]);
    sp.pushRow(pool[1]);
    out.rssBytes = rss() - before;
    out.heapBytes = process.memoryUsage().heapUsed;
    keep = sp;
  }
  out.keep = keep ? 1 : 0;
  process.stdout.write(JSON.stringify(out));
}

function spawn(kind, n) {
  const text = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', kind, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(text);
}

export async function run({ quick = false } = {}) {
  const s = section('memory', 'Memory by N (W = 100), each in a fresh process');
  const sizes = quick ? [1000] : [50, 200, 500, 1000, 2000];
  s.extra.engine = sizes.map((n) => spawn('engine', n));
  if (!quick) {
    s.extra.jsSame = spawn('js-same', 500);
    s.extra.stdlib = spawn('stdlib', 500);
  }
  const at1000 = s.extra.engine.find((e) => e.n === 1000);
  s.checks.push(check({ ...TARGETS.memory1000, value: at1000.wasmBytesWithMatrix }));
  s.notes.push('RSS is the growth after a full GC over the same process before the structure was built; wasm memory is the instance\'s linear memory (grown in 64 KiB pages).');
  return s;
}

export function markdown(s) {
  const rows = s.extra.engine.map((e) => [
    String(e.n), bytes(e.wasmBytes), bytes(e.wasmBytesWithMatrix), bytes(e.rssBytes), bytes(e.rssBytesWithMatrix),
  ]);
  let text = `### ${s.title}\n\n${table(['N', 'wasm memory', 'wasm memory + N×N matrix', 'RSS growth', 'RSS growth + matrix'], rows)}`;
  if (s.extra.stdlib) {
    text += `\n\nAt N = 500 for comparison: portfolio-guard ${bytes(s.extra.engine.find((e) => e.n === 500)?.wasmBytes)} wasm memory; `
      + `plain-JS same algorithm ${bytes(s.extra.jsSame.stateBytes)} of typed arrays (RSS growth ${bytes(s.extra.jsSame.rssBytes)}); `
      + `@stdlib/stats-incr-mpcorr per pair: RSS growth ${bytes(s.extra.stdlib.rssBytes)} (${(500 * 499) / 2} accumulators).`;
  }
  return text;
}

if (process.argv.includes('--child')) {
  const at = process.argv.indexOf('--child');
  await child(process.argv[at + 1], Number(process.argv[at + 2]));
} else {
  await runStandalone(import.meta.url, run, markdown);
}
