/**
 * Where the core leaves the answers that do not fit a return value: its result area, whose
 * offsets it exports by name (RESULT_…, assembly/layout.ts). Read once per instance, as f64
 * indexes for MemoryView.f64(); the area never moves, so the indexes stay valid across grows.
 */
import type { CoreExports } from './load.js';

export interface ResultSlots {
  /** ingest: rows appended at the head of the grid. */
  readonly appended: number;
  /** ingest: rows inserted inside the grid. */
  readonly inserted: number;
  /** ingest: closes filled where the symbol had none. */
  readonly filled: number;
  /** ingest: closes revised. */
  readonly revised: number;
  /** ingest: closes re-sent unchanged. */
  readonly unchanged: number;
  /** ingest: candles older than the kept grid. */
  readonly ignored: number;
  /** Pairwise-complete rows of the pair the last correlation call evaluated. */
  readonly pairCount: number;
}

export function resultSlots(core: CoreExports): ResultSlots {
  const base = core.resultsPtr();
  const at = (offset: { readonly value: number }): number => (base + offset.value) >>> 3;
  return {
    appended: at(core.RESULT_APPENDED),
    inserted: at(core.RESULT_INSERTED),
    filled: at(core.RESULT_FILLED),
    revised: at(core.RESULT_REVISED),
    unchanged: at(core.RESULT_UNCHANGED),
    ignored: at(core.RESULT_IGNORED),
    pairCount: at(core.RESULT_PAIR_COUNT),
  };
}
