/** What every suite file shares: its result shape and running it on its own. */
import { pathToFileURL } from 'node:url';
import { machine, machineLine } from './machine.mjs';
import { checksTable } from './format.mjs';

/** A suite's result: figures (timings), ratios, target checks, skipped cases and notes. */
export function section(suite, title) {
  return { suite, title, figures: {}, ratios: {}, checks: [], skipped: [], notes: [], extra: {} };
}

export function figure(sectionObj, key, label, summary, unit = 'ms per call') {
  sectionObj.figures[key] = { label, unit, ...summary };
  return sectionObj.figures[key];
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url) {
  return process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === url;
}

export function parseFlags(argv = process.argv.slice(2)) {
  return { quick: argv.includes('--quick') };
}

/** `node bench/<suite>.mjs [--quick]`: run one suite and print its table. */
export async function runStandalone(url, run, markdown) {
  if (!isMain(url)) return;
  const flags = parseFlags();
  console.log(`Machine: ${machineLine(machine())}\n`);
  const result = await run(flags);
  console.log(markdown(result));
  if (result.checks.length) console.log(`\n${checksTable(result.checks)}`);
  for (const s of result.skipped) console.log(`\nSkipped: ${s.what} — ${s.reason}`);
  for (const n of result.notes) console.log(`\nNote: ${n}`);
}

/** Lets the host settle between heavy phases and drops garbage from earlier suites. */
export function settle() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}
