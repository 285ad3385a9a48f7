/**
 * Suite: the bot's loop, per bar, at N = 500 symbols with 50 open positions — what a trading
 * bot pays each bar through the public API, as a ratio to the engine's own `pushRow` (one
 * row for every symbol, no manager) measured in the same interleaved rounds.
 *
 *   pushRow         engine.pushRow on a bare engine of 500 symbols: the baseline
 *   bar             manager.updateMarketBar(timestamp, Map of 500 closes)
 *   per-symbol      500 manager.updateMarketData(symbol, [candle]) calls, one candle each
 *   loop-bar        bar, then 20 validateNewPosition calls, then getStats()
 *   loop-per-symbol per-symbol, then 20 validateNewPosition calls, then getStats()
 *
 * The managers are configured as the README's bot loop is, on a bar clock (timeframe '1m').
 * Inputs are built before timing: a Map of closes per bar (the bar's timestamp is an
 * argument, so the Maps are reused as the row pool cycles) and, for the per-symbol path, one
 * ccxt candle array per symbol whose timestamp and close are overwritten each bar (what a bot
 * receiving candles from an exchange already holds).
 */
import { engineWith } from './lib/dist.mjs';
import { buildPortfolio } from './lib/portfolio.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { measureRounds } from './lib/measure.mjs';
import { ratioOf, check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, times, ratio } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

export const N = 500;
export const POSITIONS = 50;
export const VALIDATIONS = 20;
const W = 100;

const TASKS = [
  { id: 'pushRow', label: 'engine.pushRow (bare engine, the baseline)' },
  { id: 'bar', label: 'updateMarketBar (one call per bar)' },
  { id: 'per-symbol', label: `${N} updateMarketData calls (one candle each)` },
  { id: 'loop-bar', label: `bot loop: updateMarketBar + ${VALIDATIONS} validations + getStats()` },
  { id: 'loop-per-symbol', label: `bot loop: ${N} updateMarketData + ${VALIDATIONS} validations + getStats()` },
];

/** A bare engine fed rows past one window: the engine's own per-row cost. */
function pushRowTask() {
  const engine = engineWith(N, { window: W });
  const next = rowCursor(closeRowPool(N, 256, 11));
  let ts = 1;
  for (let k = 0; k < W + 20; k++) engine.pushRow(ts++, next());
  return () => engine.pushRow(ts++, next());
}

/** A manager holding the portfolio, and its per-bar ingest by `way` ('bar' or 'per-symbol'). */
function ingestOf(way) {
  const p = buildPortfolio({ symbols: N, positions: POSITIONS, timeframe: '1m' });
  const { manager, names, rowPool } = p;
  let ingest;
  if (way === 'bar') {
    const maps = rowPool.map((row) => new Map(names.map((name, i) => [name, row[i]])));
    let k = 0;
    ingest = () => {
      const { timestamp } = p.nextBar();
      manager.updateMarketBar(timestamp, maps[k]);
      k = k + 1 === maps.length ? 0 : k + 1;
    };
  } else {
    const candles = names.map(() => [[0, 1, 1, 1, 1, 1]]);
    ingest = () => {
      const { timestamp, closes } = p.nextBar();
      for (let i = 0; i < N; i++) {
        const c = candles[i][0];
        c[0] = timestamp;
        c[4] = closes[i];
        manager.updateMarketData(names[i], candles[i]);
      }
    };
  }
  return { ...p, ingest };
}

/** ingest, then VALIDATIONS counted validations and a getStats(), as a bot does each bar. */
function loopOf(way) {
  const { manager, requests, ingest } = ingestOf(way);
  const mask = requests.length - 1;
  let k = 0;
  let sink = 0;
  return () => {
    ingest();
    for (let v = 0; v < VALIDATIONS; v++) sink += manager.validateNewPosition(requests[k++ & mask]).allowedSize;
    sink += manager.getStats().maxCorrelation;
    return sink;
  };
}

export async function run({ quick = false } = {}) {
  settle();
  const s = section('bot-loop', `The bot's loop per bar: ${N} symbols, ${POSITIONS} open positions`);
  const tasks = [
    { key: 'pushRow', fn: pushRowTask() },
    { key: 'bar', fn: ingestOf('bar').ingest },
    { key: 'per-symbol', fn: ingestOf('per-symbol').ingest },
    { key: 'loop-bar', fn: loopOf('bar') },
    { key: 'loop-per-symbol', fn: loopOf('per-symbol') },
  ];
  const measured = measureRounds(tasks, {
    rounds: 7, time: quick ? 100 : 300, iterations: 8, warmupTime: 50, warmupIterations: 4,
  });
  for (const t of TASKS) {
    const m = measured.get(t.id);
    figure(s, t.id, t.label, { ...m.summary, roundMedians: m.roundMedians }, 'ms per bar');
    // Cost relative to pushRow: (task median ÷ pushRow median) per round, median over rounds.
    if (t.id !== 'pushRow') s.ratios[`${t.id}/pushRow`] = ratioOf(m.roundMedians, measured.get('pushRow').roundMedians);
  }
  s.checks.push(check({ ...TARGETS.barVsPushRow, value: s.ratios['bar/pushRow'].value }));
  s.checks.push(check({ ...TARGETS.perSymbolVsPushRow, value: s.ratios['per-symbol/pushRow'].value }));
  s.notes.push('Ratios are the median over interleaved rounds of (path median ÷ pushRow median), all in one process.');
  return s;
}

export function markdown(s) {
  const rows = TASKS.map((t) => [t.label, times(s.figures[t.id]), t.id === 'pushRow' ? '1×' : ratio(s.ratios[`${t.id}/pushRow`].value)]);
  return `### ${s.title}\n\nMedian per bar (p99 in brackets), and the same as a multiple of pushRow.\n\n${table(['Path', 'Per bar', '÷ pushRow'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
