/**
 * `npm run bench:ci`: the short run `.ci/run` calls (well under three minutes).
 * It measures the ratio goals — at N = 500: update vs the plain-JS same algorithm, update vs
 * plain-JS two-pass, full matrix refresh vs plain-JS two-pass, the bot's per-bar ingest
 * (updateMarketBar, and one updateMarketData per symbol) vs the engine's pushRow; at 1,000
 * symbols and 50 open positions: the first validateNewPosition and getStats() after a new bar
 * vs the same calls on current caches; at N = 2,000: the worst single call of a market-wide
 * halt ÷ a normal row (latency.mjs); what the volatility cap costs a validation (with ÷
 * without, ≤ 2×, caches current and right after a new row) — and the wasm memory at N = 1,000 (a byte count: no
 * noise, no margin), and exits 1 when a target is missed by more than its margin.
 *
 * Noise margin (lib/targets.mjs CI_MARGIN = 20%): a ratio may read up to 20% under its goal.
 * Each ratio is already the median of 7 interleaved rounds; on this 2-core shared machine
 * the medians moved by up to 6% between runs (see targets.mjs). A suite with a ratio below
 * goal × (1 − margin) is measured once more and the better of the two readings counts, so
 * one burst of load on a shared runner does not fail CI, while a real shortfall (it shows
 * in both readings) does. The halt's worst call is a maximum, so each call's cost there is
 * first the fastest of 5 replays of the same rows (latency.mjs); with the same 20% margin it
 * is gated at 12× a normal row against a goal of 10×, and it reads 3–5× on this machine
 * under load (docs/performance.md), so the margin covers noise, not a budget that grew.
 * Absolute times are printed for the log and never asserted. A goal the project does not
 * reach is gated at the floor reached instead (lib/targets.mjs CI_FLOORS), and printed as
 * missed, followed by the ceiling suite's table, which shows why (docs/performance.md).
 */
import { machine, machineLine } from './lib/machine.mjs';
import { checksTable } from './lib/format.mjs';
import { CI_FLOORS, CI_MARGIN } from './lib/targets.mjs';
import * as update from './update.mjs';
import * as matrix from './matrix.mjs';
import * as botLoop from './bot-loop.mjs';
import * as afterBar from './after-bar.mjs';
import * as memory from './memory.mjs';
import * as ceiling from './ceiling.mjs';
import * as latency from './latency.mjs';
import * as portfolioRisk from './portfolio-risk.mjs';

const started = performance.now();
console.log(`bench:ci — ${machineLine(machine())}\n`);

function withMargin(checks) {
  return checks.map((c) => {
    const gate = CI_FLOORS[c.key] ?? c.goal;
    const withinMargin = c.kind === 'ratio'
      ? (c.op === '>=' ? c.value >= gate * (1 - CI_MARGIN) : c.value <= gate * (1 + CI_MARGIN))
      : c.met;
    return { ...c, margin: c.kind === 'ratio' ? CI_MARGIN : 0, withinMargin, gate };
  });
}

const failed = (c) => !c.met && !c.withinMargin;

async function measure(suite) {
  let s = await suite.run({ quick: true });
  let checks = withMargin(s.checks);
  if (checks.some(failed)) {
    console.log(`${s.suite}: a target read below its margin; measuring once more.`);
    const again = await suite.run({ quick: true });
    const second = withMargin(again.checks);
    checks = checks.map((c, k) => (second[k].op === '>=' ? (second[k].value > c.value ? second[k] : c) : (second[k].value < c.value ? second[k] : c)));
    s = again;
  }
  console.log(`${suite.markdown(s)}\n`);
  return checks;
}

const checks = [
  ...await measure(update), ...await measure(matrix), ...await measure(botLoop), ...await measure(afterBar),
  ...await measure(latency), ...await measure(portfolioRisk), ...withMargin((await memory.run({ quick: true })).checks),
];
console.log(checksTable(checks));
// Not gated: why the update goal is out of reach, measured on the runner that gates it.
console.log(`\n${ceiling.markdown(await ceiling.run({ quick: true }))}`);
const misses = checks.filter(failed);
console.log(`\n${Math.round((performance.now() - started) / 1000)} s.`);
if (misses.length > 0) {
  console.log(`\nFAILED: ${misses.map((c) => c.label).join('; ')}`);
  process.exitCode = 1;
} else {
  const floored = checks.filter((c) => !c.met && c.gate !== c.goal);
  for (const c of floored) console.log(`\nNot reached: ${c.label} ${c.value.toFixed(2)} ${c.op === '<=' ? '>' : '<'} goal ${c.goal} (gated at the floor ${c.gate}; see docs/performance.md).`);
  console.log('\nEvery gate holds (within the noise margin).');
}
