#!/usr/bin/env node
/**
 * How long `import 'portfolio-guard'` takes in a fresh Node process, and how much of that is
 * zod. A module loads once per process, so each sample is a new process (what a bot pays at
 * start); the figure is the median of ROUNDS samples, with the fastest in brackets.
 *
 *   node bench/import-time.mjs                       this checkout's built entry (dist/index.js)
 *   node bench/import-time.mjs A/dist/index.js B/…   several builds, e.g. an older checkout
 *
 * Several builds are sampled in turn, round by round, so that a busy machine slows them all
 * alike. The zod lines import zod's two forms from this checkout's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROUNDS = 21;
const root = fileURLToPath(new URL('..', import.meta.url));
const entries = (process.argv.length > 2 ? process.argv.slice(2) : [resolve(root, 'dist/index.js')]).map((e) => resolve(e));
for (const entry of entries) {
  if (!existsSync(entry)) {
    console.error(`import-time: ${entry} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** ms from `import(specifier)` to its promise, in a fresh process started in `cwd`. */
function importMs(specifier, cwd) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' }));
}

const subjects = [
  ...entries.map((entry) => ({ label: entry, specifier: pathToFileURL(entry).href, cwd: resolve(entry, '../..') })),
  { label: 'zod/mini alone', specifier: 'zod/mini', cwd: root },
  { label: 'zod (classic) alone', specifier: 'zod', cwd: root },
];
const samples = subjects.map(() => []);
for (let r = 0; r < ROUNDS; r++) subjects.forEach((s, k) => samples[k].push(importMs(s.specifier, s.cwd)));

console.log(`import time in a fresh process, median (fastest) of ${ROUNDS}, Node ${process.versions.node}:`);
subjects.forEach((s, k) => {
  const sorted = samples[k].sort((a, b) => a - b);
  console.log(`  ${sorted[ROUNDS >> 1].toFixed(1).padStart(6)} ms (${sorted[0].toFixed(1)})  ${s.label}`);
});
