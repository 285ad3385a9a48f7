/**
 * Suite 5: getCorrelation and getStats latency on the validation suite's portfolio
 * (1,000 symbols, 50 open positions). Per call, timer overhead subtracted (see validate.mjs);
 * getCorrelation is near the timer's own cost, so a batch-mean figure is given beside it.
 *   getCorrelation   a random pair by name (two name lookups, one core query)
 *   getStats         current: the book's max correlation is cached
 *   getStats after a new row: the max correlation over the 50 open symbols (1,225 pairs)
 *                    is recomputed once, in the first call after the row
 */
import { buildPortfolio } from './lib/portfolio.mjs';
import { rng } from './lib/inputs.mjs';
import { check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times } from './lib/format.mjs';
import { perCall, batchMeans } from './validate.mjs';

export async function run({ quick = false } = {}) {
  settle();
  const s = section('queries', 'getCorrelation and getStats latency: 1,000 symbols, 50 open positions');
  const { manager, names, newRow } = buildPortfolio({ symbols: 1000, positions: 50 });
  const next = rng(17);
  const pairs = Array.from({ length: 4096 }, () => [names[Math.floor(next() * names.length)], names[Math.floor(next() * names.length)]]);
  let k = 0;
  let sink = 0;
  const getCorrelation = () => { const p = pairs[k++ & 4095]; sink += manager.getCorrelation(p[0], p[1]); };
  const getStats = () => { sink += manager.getStats().openPositions; };
  getStats();

  figure(s, 'getCorrelation', 'getCorrelation(a, b), random pair', perCall(getCorrelation, { iterations: quick ? 20_000 : 200_000 }).summary);
  figure(s, 'getCorrelation-batched', 'getCorrelation(a, b), mean per call in batches of 100', batchMeans(getCorrelation, { batch: 100, batches: quick ? 200 : 2000 }));
  figure(s, 'getStats', 'getStats(), current', perCall(getStats, { iterations: quick ? 20_000 : 100_000 }).summary);
  figure(s, 'getStats-after-row', 'getStats(), first call after a new row', perCall(getStats, { iterations: quick ? 500 : 5_000, beforeEach: newRow, warmupIterations: 20 }).summary);
  if (Number.isNaN(sink)) s.notes.push('(some sampled pairs had no correlation yet)');
  return s;
}

export function markdown(s) {
  const rows = Object.values(s.figures).map((f) => [f.label, times(f), String(f.count)]);
  return `### ${s.title}\n\n${table(['Query', 'Median (p99)', 'Samples'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
