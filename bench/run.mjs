/**
 * `npm run bench` (node --expose-gc bench/run.mjs): every suite, one after another, in this
 * process (memory and cold start-up spawn their own). Prints markdown to stdout and writes
 * bench/results.json: the machine, the Node version, every figure's median and p99, every
 * ratio (with its per-round values) and every target check.
 *
 *   --quick          the short settings every suite uses under bench:ci
 *   --only a,b       run only the named suites (bot-loop, after-bar, update, matrix, startup,
 *                    validate, queries, memory, ceiling, restore,
 *                    latency, risk)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine, machineLine } from './lib/machine.mjs';
import { checksTable } from './lib/format.mjs';
import * as botLoop from './bot-loop.mjs';
import * as afterBar from './after-bar.mjs';
import * as update from './update.mjs';
import * as matrix from './matrix.mjs';
import * as startup from './startup.mjs';
import * as validate from './validate.mjs';
import * as queries from './queries.mjs';
import * as memory from './memory.mjs';
import * as ceiling from './ceiling.mjs';
import * as restore from './restore.mjs';
import * as latency from './latency.mjs';
import * as portfolioRisk from './portfolio-risk.mjs';

export const SUITES = { 'bot-loop': botLoop, 'after-bar': afterBar, update, matrix, startup, validate, queries, memory, ceiling, restore, latency, risk: portfolioRisk };

function args(argv) {
  const only = argv.find((a) => a.startsWith('--only'));
  const list = only === undefined ? undefined : (only.includes('=') ? only.split('=')[1] : argv[argv.indexOf(only) + 1]).split(',');
  return { quick: argv.includes('--quick'), only: list };
}

/** JSON-friendly copy of a section: figures keep their summary statistics, not their samples. */
function serialise(s) {
  return {
    suite: s.suite,
    title: s.title,
    figures: Object.fromEntries(Object.entries(s.figures).map(([k, f]) => [k, {
      label: f.label, unit: f.unit, medianMs: f.median, p99Ms: f.p99, meanMs: f.mean, minMs: f.min, samples: f.count,
      ...(f.roundMedians ? { roundMediansMs: f.roundMedians } : {}),
    }])),
    ratios: s.ratios,
    checks: s.checks,
    skipped: s.skipped,
    notes: s.notes,
    extra: s.extra,
  };
}

async function main() {
  const { quick, only } = args(process.argv.slice(2));
  const m = machine();
  const started = new Date();
  console.log(`# portfolio-guard benchmarks\n\nMachine: ${machineLine(m)}\nCommand: node --expose-gc bench/run.mjs${quick ? ' --quick' : ''}\n`);
  const sections = [];
  for (const [name, suite] of Object.entries(SUITES)) {
    if (only && !only.includes(name)) continue;
    const t0 = performance.now();
    const s = await suite.run({ quick });
    s.extra.suiteSeconds = Math.round((performance.now() - t0) / 100) / 10;
    sections.push(s);
    console.log(`${suite.markdown(s)}\n`);
    for (const sk of s.skipped) console.log(`Skipped: ${sk.what} — ${sk.reason}\n`);
  }
  const checks = sections.flatMap((s) => s.checks);
  console.log(`### Goals\n\n${checksTable(checks)}\n`);
  for (const s of sections) for (const n of s.notes) console.log(`- ${s.suite}: ${n}`);

  const results = {
    date: started.toISOString(),
    command: `node --expose-gc bench/run.mjs${quick ? ' --quick' : ''}`,
    machine: m,
    node: process.version,
    quick,
    sections: sections.map(serialise),
    checks,
  };
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${out}`);
}

await main();
