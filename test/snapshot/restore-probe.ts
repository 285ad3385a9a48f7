/**
 * Runs the core's restore check on an exported engine state, on a raw core of its own, and
 * returns the worst deviation of a running sum from its exact recomputation in units of its
 * scale (what the check compares with SUM_TOLERANCE; assembly/restore.ts). The tolerance
 * tests measure honest engines with it.
 */
import type { EngineState } from '../../bindings/engine.js';
import { loadCoreSync } from '../../bindings/wasm/load.js';

export function sumDeviation(state: EngineState): number {
  const core = loadCoreSync(false).exports;
  if (!core.init(state.window, state.minPeriods, Math.max(1, state.symbols.length))) throw new Error('init');
  new Uint8Array(core.memory.buffer).set(state.core, core.stateBegin());
  if (!core.restoreReserve()) throw new Error('reserve');
  new Uint8Array(core.memory.buffer).set(state.records, core.recordsBegin());
  const code = core.restoreCheck(state.symbols.length);
  const heap = new Float64Array(core.memory.buffer);
  const found = heap[(core.resultsPtr() + core.RESULT_RESTORE_FOUND.value) >>> 3]!;
  if (code !== core.RESTORE_OK.value) throw new Error(`an honest state was refused: check ${code}, found ${found}`);
  return found;
}

/** SUM_TOLERANCE as the core exports it. */
export const SUM_TOLERANCE: number = loadCoreSync(false).exports.SUM_TOLERANCE.value;
