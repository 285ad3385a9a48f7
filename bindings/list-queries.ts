/**
 * The engine's queries over a list of symbol ids, one crossing of the wasm boundary each (the
 * core's list area, assembly/book.ts): one symbol's correlations with every listed symbol,
 * and the highest correlation among the listed symbols. The manager asks them about its open
 * book before a trade and for its stats. An id of −1 stands for a symbol the engine does not
 * hold (every pair with it unknown, no rows). Each answer equals the pair-by-pair
 * `correlationById` values bit for bit.
 */
import type { SymbolTable } from './symbol-table.js';
import type { CoreExports } from './wasm/load.js';
import type { MemoryView } from './wasm/memory-view.js';

/** Also the manager's correlation source (bindings/manager/correlation-source.ts), by shape. */
export class ListQueries {
  private readonly idsAt: number;
  private readonly correlationsAt: number;
  private readonly observationsAt: number;
  private readonly capacity: number;

  constructor(
    private readonly core: CoreExports,
    private readonly mem: MemoryView,
    private readonly table: SymbolTable,
  ) {
    // The list's ids borrow ingest's candle area (assembly/layout.ts).
    this.idsAt = core.inputTsPtr() >>> 2;
    this.correlationsAt = core.rowOutputPtr() >>> 3;
    this.observationsAt = core.listObservationsPtr() >>> 3;
    this.capacity = core.MAX_SYMBOLS.value;
  }

  /** The engine's id for a symbol it holds. */
  symbolId(name: string): number | undefined {
    return this.table.id(name);
  }

  /** Changes whenever any correlation or pair count may have changed (one read). */
  dataVersion(): number {
    return this.core.dataVersion();
  }

  /**
   * Correlations of `self` with ids[0..count) into `correlations`, pair counts into
   * `observations` (index k answers ids[k]).
   */
  correlationsWith(self: number, ids: readonly number[], count: number, correlations: number[], observations: number[]): void {
    // The list area holds MAX_SYMBOLS ids; a book of more names (most without candles) takes several calls.
    for (let start = 0; start < count; start += this.capacity) {
      const end = Math.min(count, start + this.capacity);
      const area = this.mem.i32();
      for (let k = start; k < end; k++) area[this.idsAt + k - start] = ids[k]!;
      this.core.correlationsWithList(self, end - start);
      const out = this.mem.f64();
      const c = this.correlationsAt - start;
      const o = this.observationsAt - start;
      for (let k = start; k < end; k++) {
        correlations[k] = out[c + k]!;
        observations[k] = out[o + k]!;
      }
    }
  }

  /** The highest known correlation among pairs of distinct listed symbols; NaN when none is known. */
  maxCorrelation(ids: readonly number[], count: number): number {
    // Only ids the engine holds can pair, and they are distinct: at most MAX_SYMBOLS of them.
    const area = this.mem.i32();
    let held = 0;
    for (let k = 0; k < count; k++) if (ids[k]! >= 0) area[this.idsAt + held++] = ids[k]!;
    return this.core.maxCorrelationInList(held);
  }
}
