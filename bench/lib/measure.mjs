/**
 * Timing through tinybench, in interleaved rounds. In each round every task gets its own
 * short tinybench run (warm-up, then at least `iterations` calls and `time` ms of calls),
 * and the task order rotates between rounds; inputs are built by the caller beforehand, and
 * per-iteration preparation goes in `beforeEach`, which tinybench keeps out of the timing.
 */
import { Bench } from 'tinybench';
import { summarize, median } from './stats.mjs';

/**
 * @param {{ key: string, fn: () => unknown, beforeEach?: () => void }[]} tasks
 * @param {{ rounds?: number, time?: number, iterations?: number, warmupTime?: number, warmupIterations?: number }} [options]
 * @returns {Map<string, { summary: ReturnType<typeof summarize>, roundMedians: number[] }>}
 */
export function measureRounds(tasks, options = {}) {
  const { rounds = 5, time = 300, iterations = 8, warmupTime = 100, warmupIterations = 4 } = options;
  const samples = new Map(tasks.map((t) => [t.key, []]));
  const roundMedians = new Map(tasks.map((t) => [t.key, []]));
  for (let r = 0; r < rounds; r++) {
    const order = tasks.map((_, k) => tasks[(k + r) % tasks.length]);
    for (const task of order) {
      const bench = new Bench({ time, iterations, warmupTime, warmupIterations, retainSamples: true, throws: true });
      bench.add(task.key, task.fn, { async: false, ...(task.beforeEach ? { beforeEach: task.beforeEach } : {}) });
      bench.runSync();
      const result = bench.tasks[0].result;
      if (result.state !== 'completed') throw new Error(`${task.key}: tinybench ended in state ${result.state}`);
      const got = result.latency.samples;
      const all = samples.get(task.key);
      for (let k = 0; k < got.length; k++) all.push(got[k]);
      roundMedians.get(task.key).push(median(got));
    }
  }
  const out = new Map();
  for (const t of tasks) out.set(t.key, { summary: summarize(samples.get(t.key)), roundMedians: roundMedians.get(t.key) });
  return out;
}

/** Milliseconds of a single call of fn (for cost estimates before deciding to skip). */
export function timeOnce(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
