/**
 * Suite: single-call latency in the two markets that used to stall one call for seconds,
 * at N = 2,000 symbols, W = 100, each as a ratio to a normal row measured in the same round.
 *
 *   halt      every close frozen for W + 30 rows, then trading again for W + 60 rows. As the
 *             last real return leaves the window every symbol is due a reseed (O(N·W) each);
 *             they are spread over calls under a per-call budget (assembly/reseed.ts).
 *             Reported: the worst single pushRow of the halt and the recovery ÷ the median
 *             pushRow of normal rows. bench:ci gates it (lib/targets.mjs haltWorstCall).
 *   halt (bot loop, full run only)  the same market through PortfolioRiskManager.updateMarketData,
 *             one candle per symbol per call: the worst single call ÷ the median row-appending
 *             call (the first symbol's) of normal rows.
 *   catch-up  one updateMarketData call carrying K new bars for one symbol after downtime
 *             (K = 1,440 and 10,080: a day and a week of minutes). All but the last W + 1
 *             pass through the grid within the call and cost O(N) each (assembly/catch-up.ts).
 *             Reported: that call ÷ the median normal pushRow, the next symbol's call, and
 *             the same call into a manager of 2 symbols (reading K candles, the part no
 *             engine work can avoid).
 *
 * Each round builds its engine or manager before timing and replays the same rows. A worst
 * call is a maximum, which one preemption on a shared machine can set, so for the halt each
 * call's cost is the fastest of the rounds (the work of call k is the same in every round);
 * the worst of those ÷ the median of the normal rows is the ratio. For catch-up, the ratio
 * is the median over rounds of the call ÷ that round's median normal row.
 */
import { CorrelationEngine, PortfolioRiskManager } from './lib/dist.mjs';
import { closeRowPool, rowCursor } from './lib/inputs.mjs';
import { median, summarize } from './lib/stats.mjs';
import { check } from './lib/ratio.mjs';
import { section, figure, runStandalone, settle } from './lib/suite.mjs';
import { table, time, ratio } from './lib/format.mjs';
import { TARGETS } from './lib/targets.mjs';

const N = 2000;
const W = 100;
const MINUTE = 60_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE);
const NORMAL_ROWS = 40;
const HALT_ROWS = W + 30;
const RECOVERY_ROWS = W + 60;
const CATCH_UP = [1440, 10_080];

function timed(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Per-call times of one halt through pushRow, in call order: NORMAL_ROWS normal rows, then the
 * halt and the recovery. Every round replays the same rows into a fresh engine, so call k does
 * the same work in every round.
 */
function haltRound(pool) {
  const engine = CorrelationEngine.createSync({ window: W, initialCapacity: N });
  for (let i = 0; i < N; i++) engine.addSymbol(`S${i}`);
  const next = rowCursor(pool);
  let ts = 1;
  for (let k = 0; k < W + 20; k++) engine.pushRow(ts++, next());
  const times = new Float64Array(NORMAL_ROWS + HALT_ROWS + RECOVERY_ROWS);
  let c = 0;
  for (let k = 0; k < NORMAL_ROWS; k++) {
    const row = next();
    times[c++] = timed(() => engine.pushRow(ts++, row));
  }
  const frozen = Float64Array.from(next());
  for (let k = 0; k < HALT_ROWS + RECOVERY_ROWS; k++) {
    const row = k < HALT_ROWS ? frozen : next();
    times[c++] = timed(() => engine.pushRow(ts++, row));
  }
  return times;
}

function managerWith(n) {
  return PortfolioRiskManager.createSync({ enabled: true, correlation_lookback: W }, { initialCapacity: n });
}

/**
 * Per-call times of the halt through updateMarketData, one candle per symbol per call:
 * NORMAL_ROWS·N calls of normal rows, then the halt and the recovery.
 */
function botLoopHaltRound(pool) {
  const manager = managerWith(N);
  const names = Array.from({ length: N }, (_, i) => `S${i}`);
  const next = rowCursor(pool);
  const candles = Array.from({ length: N }, () => [[0, 0, 0, 0, 0, 1]]);
  let bar = 0;
  const times = new Float64Array((NORMAL_ROWS + HALT_ROWS + RECOVERY_ROWS) * N);
  let c = 0;
  const send = (row, timedRow) => {
    const timestamp = T0 + MINUTE * bar++;
    for (let i = 0; i < N; i++) {
      const candle = candles[i];
      const bar0 = candle[0];
      bar0[0] = timestamp;
      bar0[1] = bar0[2] = bar0[3] = bar0[4] = row[i];
      if (timedRow) times[c++] = timed(() => manager.updateMarketData(names[i], candle));
      else manager.updateMarketData(names[i], candle);
    }
  };
  for (let k = 0; k < W + 20; k++) send(next(), false);
  for (let k = 0; k < NORMAL_ROWS; k++) send(next(), true);
  const frozen = Float64Array.from(next());
  for (let k = 0; k < HALT_ROWS + RECOVERY_ROWS; k++) send(k < HALT_ROWS ? frozen : next(), true);
  return times;
}

/**
 * The cost of each call with scheduling noise filtered out: the fastest of the rounds for
 * each call. A preempted call is slow in one round, not in all of them, while the work a
 * call does is the same in every round.
 */
function fastestPerCall(rounds) {
  const out = Float64Array.from(rounds[0]);
  for (const r of rounds.slice(1)) for (let k = 0; k < out.length; k++) out[k] = Math.min(out[k], r[k]);
  return out;
}

/** { normal: median of the normal calls picked by `isNormal`, worst, worstAt (call index past the normal ones) }. */
function worstVsNormal(perCall, normalCalls, isNormal = () => true) {
  const normal = [];
  for (let k = 0; k < normalCalls; k++) if (isNormal(k)) normal.push(perCall[k]);
  let worst = 0;
  let worstAt = -1;
  for (let k = normalCalls; k < perCall.length; k++) if (perCall[k] > worst) { worst = perCall[k]; worstAt = k - normalCalls; }
  return { normal: median(normal), worst, worstAt };
}

/** One round of catch-up: a manager at N symbols, then K bars for S0 in one call, then S1's. */
function catchUpRound(pool, k) {
  const manager = managerWith(N);
  const next = rowCursor(pool);
  let ts = 1;
  for (let i = 0; i < N; i++) manager.engine.addSymbol(`S${i}`);
  for (let r = 0; r < W + 20; r++) manager.engine.pushRow(T0 + MINUTE * ts++, next());
  const normal = [];
  for (let r = 0; r < NORMAL_ROWS; r++) {
    const row = next();
    normal.push(timed(() => manager.engine.pushRow(T0 + MINUTE * ts++, row)));
  }
  const walk = (seed) => {
    let p = 100 + seed;
    return Array.from({ length: k }, (_, j) => {
      p *= Math.exp(Math.sin(j * 0.7 + seed) * 0.01);
      return [T0 + MINUTE * (ts + j), p, p, p, p, 1];
    });
  };
  const first = walk(0);
  const second = walk(1);
  const call = timed(() => manager.updateMarketData('S0', first));
  const nextCall = timed(() => manager.updateMarketData('S1', second));
  // The same K candles into a manager of 2 symbols: reading and checking K candles, which no
  // engine work can avoid, measured in the same round.
  const small = managerWith(2);
  small.engine.addSymbol('S0');
  small.engine.addSymbol('S1');
  for (let r = 0; r < W + 20; r++) small.engine.pushRow(T0 + MINUTE * (ts - W - 20 + r), [100, 100 + Math.sin(r)]);
  const parse = timed(() => small.updateMarketData('S0', first));
  return { normal: median(normal), call, nextCall, parse };
}

export async function run({ quick = false } = {}) {
  const s = section('latency', `Single-call latency in a market-wide halt and a catch-up, N = ${N.toLocaleString('en')}, W = ${W}`);
  const pool = closeRowPool(N, 512, 41);
  const rounds = 5;

  const haltRounds = [];
  for (let r = 0; r < rounds; r++) { settle(); haltRounds.push(haltRound(pool)); }
  const halt = worstVsNormal(fastestPerCall(haltRounds), NORMAL_ROWS);
  figure(s, 'normalRow', `pushRow, normal row, N=${N}`, { ...summarize([halt.normal]) }, 'ms per row');
  figure(s, 'haltWorst', `pushRow, worst call of the halt and recovery, N=${N}`, { ...summarize([halt.worst]) }, 'ms per call');
  // Per round as well (the raw worst call of each round ÷ its median normal row), for the spread.
  const raw = haltRounds.map((r) => worstVsNormal(r, NORMAL_ROWS)).map((h) => h.worst / h.normal);
  s.ratios.haltWorst = { n: N, value: halt.worst / halt.normal, rounds: raw, min: Math.min(...raw), max: Math.max(...raw) };
  s.extra.haltWorstAt = halt.worstAt;
  s.checks.push(check({ ...TARGETS.haltWorstCall, value: s.ratios.haltWorst.value }));

  if (!quick) {
    const botRounds = [];
    for (let r = 0; r < 3; r++) { settle(); botRounds.push(botLoopHaltRound(pool)); }
    // The normal row's cost in the bot loop is its row-appending call (the first symbol's).
    const bot = worstVsNormal(fastestPerCall(botRounds), NORMAL_ROWS * N, (k) => k % N === 0);
    figure(s, 'botNormal', `updateMarketData, row-appending call, N=${N}`, { ...summarize([bot.normal]) }, 'ms per call');
    figure(s, 'botWorst', `updateMarketData, worst call of the halt and recovery, N=${N}`, { ...summarize([bot.worst]) }, 'ms per call');
    s.ratios.botHaltWorst = { n: N, value: bot.worst / bot.normal };
    s.extra.botWorstAt = { row: Math.floor(bot.worstAt / N), symbol: bot.worstAt % N };
  }

  for (const k of quick ? [CATCH_UP[0]] : CATCH_UP) {
    const cu = [];
    for (let r = 0; r < (quick ? 2 : 3); r++) { settle(); cu.push(catchUpRound(pool, k)); }
    const ratios = cu.map((c) => c.call / c.normal);
    figure(s, `catchUp@${k}`, `updateMarketData with ${k} new bars, N=${N}`, { ...summarize(cu.map((c) => c.call)), roundMedians: cu.map((c) => c.call) }, 'ms per call');
    figure(s, `catchUpNext@${k}`, `the next symbol's ${k} bars, N=${N}`, { ...summarize(cu.map((c) => c.nextCall)) }, 'ms per call');
    figure(s, `catchUpSmall@${k}`, `the same ${k} bars, N=2`, { ...summarize(cu.map((c) => c.parse)) }, 'ms per call');
    s.ratios[`catchUp@${k}`] = { n: N, value: median(ratios), rounds: ratios, min: Math.min(...ratios), max: Math.max(...ratios) };
    s.ratios[`catchUpNext@${k}`] = { n: N, value: median(cu.map((c) => c.nextCall / c.normal)) };
    s.ratios[`catchUpSmall@${k}`] = { n: 2, value: median(cu.map((c) => c.parse / c.normal)) };
  }
  s.notes.push(`halt: each call's cost is the fastest of ${rounds} rounds of the same rows; the worst came ${s.extra.haltWorstAt} rows after the freeze (W = ${W}: the last real return leaves at row ${W - 1}).`);
  return s;
}

export function markdown(s) {
  const f = s.figures;
  const rows = [
    ['pushRow, a normal row', time(f.normalRow?.median), '1×'],
    [`pushRow, worst call of a ${HALT_ROWS}-row halt and ${RECOVERY_ROWS} rows of recovery`, time(f.haltWorst?.median), ratio(s.ratios.haltWorst?.value)],
  ];
  if (f.botWorst) {
    rows.push(['updateMarketData per symbol, the row-appending call', time(f.botNormal.median), '1×']);
    rows.push(['updateMarketData per symbol, worst call of the halt and recovery', time(f.botWorst.median), ratio(s.ratios.botHaltWorst.value)]);
  }
  for (const k of CATCH_UP) {
    if (!f[`catchUp@${k}`]) continue;
    rows.push([`updateMarketData carrying ${k.toLocaleString('en')} new bars (catch-up)`, time(f[`catchUp@${k}`].median), ratio(s.ratios[`catchUp@${k}`].value)]);
    rows.push([`the next symbol's ${k.toLocaleString('en')} bars`, time(f[`catchUpNext@${k}`].median), ratio(s.ratios[`catchUpNext@${k}`].value)]);
    rows.push([`the same ${k.toLocaleString('en')} bars into 2 symbols (reading the candles)`, time(f[`catchUpSmall@${k}`].median), ratio(s.ratios[`catchUpSmall@${k}`].value)]);
  }
  return `### ${s.title}\n\n${table(['Call', 'Time', '÷ a normal row'], rows)}`;
}

await runStandalone(import.meta.url, run, markdown);
