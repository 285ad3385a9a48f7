#!/usr/bin/env node
/**
 * How long `import 'portfolio-guard'` takes in a fresh Node process, and how much of it is
 * zod: each figure is the median of ROUNDS fresh processes (a module loads once per process,
 * so only a new process shows the cost a bot pays at start).
 *
 *   node bench/import-time.mjs                  the built package entry (dist/index.js)
 *   node bench/import-time.mjs path/to/index.js another build of it, e.g. an older checkout
 *
 * Lines: the package entry; `zod/mini` alone (what the config module imports); full `zod`
 * alone, for comparison. Times are wall-clock ms from the `import()` call to its promise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROUNDS = 15;
const entry = resolve(process.argv[2] ?? new URL('../dist/index.js', import.meta.url).pathname);
if (!existsSync(entry)) {
  console.error(`import-time: ${entry} is missing; run \`npm run build\` first.`);
  process.exit(1);
}

/** Median ms of `import(specifier)` over ROUNDS fresh processes started in `cwd`. */
function importMs(specifier, cwd) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    samples.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' })));
  }
  samples.sort((a, b) => a - b);
  return { median: samples[ROUNDS >> 1], min: samples[0] };
}

const root = resolve(entry, '../..');
const rows = [
  ['package entry', importMs(pathToFileURL(entry).href, root)],
  ['zod/mini alone', importMs('zod/mini', root)],
  ['zod (classic) alone', importMs('zod', root)],
];
console.log(`import time, median (min) of ${ROUNDS} fresh processes, Node ${process.versions.node}: ${entry}`);
for (const [label, { median, min }] of rows) console.log(`  ${label.padEnd(20)} ${median.toFixed(1).padStart(6)} ms  (${min.toFixed(1)})`);
