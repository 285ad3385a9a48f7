/**
 * CorrelationEngine: rolling Pearson correlation of log returns for many symbols, on the
 * wasm core. TypeScript owns names, candles and validation; the core owns numbers.
 */
import { loadCore, loadCoreSync, type CoreExports, type LoadedCore } from './wasm/load.js';
import { resolveEngineOptions, type EngineOptions, type ResolvedOptions } from './engine-options.js';
import { MemoryView } from './wasm/memory-view.js';
import { resultSlots, type ResultSlots } from './wasm/result-slots.js';
import { SymbolTable } from './symbol-table.js';
import { CovarianceCore } from './covariance-core.js';
import { parseCandles, checkTimestamp, type Candle, type ParsedCandles } from './candles.js';
import { checkName } from './names.js';
import { CapacityError, NotFoundError, SnapshotError, ValidationError, quote } from './errors.js';
import { checkEngineState, restoreFailure, type EngineState } from './engine-state.js';
import { ListQueries } from './list-queries.js';

export type { EngineOptions } from './engine-options.js';
export type { EngineState } from './engine-state.js';

export interface IngestResult {
  /** New bars at the head of the grid. */
  readonly appended: number;
  /** New bars inside the window (a timestamp no symbol had before). */
  readonly inserted: number;
  /** Bars where this symbol had no close before. */
  readonly filled: number;
  /** Bars whose close changed (an in-progress candle re-sent). */
  readonly revised: number;
  /** Re-sent bars with the same close. */
  readonly unchanged: number;
  /** Bars older than the kept grid: they could not affect the window. */
  readonly ignoredTooOld: number;
}

export interface EngineStats {
  readonly rows: number;
  readonly window: number;
  readonly minPeriods: number;
  readonly symbols: number;
  readonly capacity: number;
  readonly ignoredTooOld: number;
  readonly appendedRows: number;
  readonly memoryBytes: number;
  readonly simd: boolean;
}

/**
 * The manager's way in: candles it has parsed with its own time rules (units, bars) for a
 * symbol it has checked. A module-level symbol, not a method name, so that it is not part of
 * the package's API (the entry point does not export it).
 */
export const INGEST_PARSED: unique symbol = Symbol('ingestParsed');
/** The manager's way to push a bar whose closes it has checked (same rules as pushRow). */
export const PUSH_CHECKED: unique symbol = Symbol('pushChecked');
/**
 * What the owning manager runs after pushRow applied a whole row: it refreshes what it derives
 * from every symbol at once (its book's covariance risk) while the row is at hand.
 */
export const AFTER_ROW: unique symbol = Symbol('afterRow');
/** The manager's queries over its open book, one wasm call each (list-queries.ts). */
export const LIST_QUERIES: unique symbol = Symbol('listQueries');

export class CorrelationEngine {
  readonly window: number;
  readonly minPeriods: number;
  readonly simd: boolean;
  private readonly core: CoreExports;
  private readonly mem: MemoryView;
  private readonly table = new SymbolTable();
  private readonly maxInput: number;
  private readonly slots: ResultSlots;
  private covarianceCore: CovarianceCore | undefined;
  readonly maxSymbols: number;
  readonly [LIST_QUERIES]: ListQueries;
  [AFTER_ROW]: (() => void) | undefined = undefined;

  private constructor(loaded: LoadedCore, options: ResolvedOptions) {
    this.core = loaded.exports;
    this.simd = loaded.simd;
    if (!this.core.init(options.window, options.minPeriods, options.initialCapacity)) {
      throw new CapacityError('initialCapacity', 'could not allocate wasm memory', options.initialCapacity);
    }
    this.mem = new MemoryView(this.core.memory);
    this.window = options.window;
    this.minPeriods = options.minPeriods;
    this.maxInput = this.core.MAX_INPUT.value;
    this.maxSymbols = Math.min(options.maxSymbols, this.core.MAX_SYMBOLS.value);
    this.slots = resultSlots(this.core);
    this[LIST_QUERIES] = new ListQueries(this.core, this.mem, this.table);
  }

  static async create(options?: EngineOptions): Promise<CorrelationEngine> {
    const resolved = resolveEngineOptions(options);
    return new CorrelationEngine(await loadCore(resolved.simd), resolved);
  }

  static createSync(options?: EngineOptions): CorrelationEngine {
    const resolved = resolveEngineOptions(options);
    return new CorrelationEngine(loadCoreSync(resolved.simd), resolved);
  }

  /** Adds a symbol (idempotent) and returns its id. */
  addSymbol(name: string): number {
    return this.intern(checkName(name, 'symbol'));
  }

  /** addSymbol for a name already checked. */
  private intern(name: string): number {
    const known = this.table.id(name);
    if (known !== undefined) return known;
    if (this.table.size >= this.maxSymbols) {
      throw new CapacityError('symbol', `the engine holds at most ${this.maxSymbols} symbols (maxSymbols)`, name);
    }
    const id = this.core.addSymbol();
    if (id < 0) throw new CapacityError('symbol', 'wasm memory could not grow for another symbol', name);
    this.table.add(name, id);
    return id;
  }

  symbolId(name: string): number | undefined {
    return this.table.id(name);
  }

  symbols(): string[] {
    return this.table.list();
  }

  get symbolCount(): number {
    return this.table.size;
  }

  /**
   * Loads or updates one symbol's candles (timestamps strictly increasing within the call).
   * Re-sent bars are ignored, newer bars append, a known bar with a new close is revised,
   * a bar older than the kept grid is ignored and counted. Adds the symbol if new.
   */
  setCandles(symbol: string, candles: readonly Candle[]): IngestResult {
    checkName(symbol, 'symbol');
    return this[INGEST_PARSED](symbol, parseCandles(candles));
  }

  /** Candles from parseCandles for a symbol already checked with checkName. */
  [INGEST_PARSED](symbol: string, parsed: ParsedCandles): IngestResult {
    const id = this.intern(symbol);
    const total = { appended: 0, inserted: 0, filled: 0, revised: 0, unchanged: 0, ignoredTooOld: 0 };
    const tsPtr = this.core.inputTsPtr() >>> 3;
    const closePtr = this.core.inputClosePtr() >>> 3;
    const slots = this.slots;
    const { timestamps, closes, count } = parsed;
    for (let start = 0; start < count; start += this.maxInput) {
      const end = Math.min(start + this.maxInput, count);
      const heap = this.mem.f64();
      // Element by element: a bot's usual call holds one candle, where subarray views cost more than the copy.
      for (let k = start; k < end; k++) {
        heap[tsPtr + k - start] = timestamps[k]!;
        heap[closePtr + k - start] = closes[k]!;
      }
      this.core.ingest(id, end - start);
      const out = this.mem.f64();
      total.appended += out[slots.appended];
      total.inserted += out[slots.inserted];
      total.filled += out[slots.filled];
      total.revised += out[slots.revised];
      total.unchanged += out[slots.unchanged];
      total.ignoredTooOld += out[slots.ignored];
    }
    return total;
  }

  /**
   * The fast path for "every symbol ticked": one close per symbol in id order (NaN where a
   * symbol has no candle). A timestamp newer than the head appends in one pass; an older one
   * is applied symbol by symbol, exactly as setCandles would.
   */
  pushRow(timestamp: number, closes: ArrayLike<number>): void {
    checkTimestamp(timestamp, 'timestamp');
    const n = this.table.size;
    if (closes == null || typeof closes.length !== 'number' || closes.length !== n) {
      throw new ValidationError('closes', `must hold one close per symbol (${n}), got ${quote(closes?.length)}`, closes);
    }
    let present = 0;
    for (let i = 0; i < n; i++) {
      const c = closes[i];
      if (typeof c !== 'number' || (!Number.isNaN(c) && !(Number.isFinite(c) && c > 0))) {
        throw new ValidationError(`closes[${i}]`, `must be a finite price > 0 or NaN, got ${quote(c)}`, c);
      }
      if (!Number.isNaN(c)) present++;
    }
    // The grid is the union of candle timestamps: a row where no symbol has a candle is none.
    if (present === 0) return;
    this[PUSH_CHECKED](timestamp, closes);
    this[AFTER_ROW]?.();
  }

  /** pushRow for a checked timestamp and closes (one per symbol, finite > 0 or NaN, at least one not NaN). */
  [PUSH_CHECKED](timestamp: number, closes: ArrayLike<number>): void {
    const n = this.table.size;
    const head = this.core.headTimestamp();
    if (Number.isNaN(head) || timestamp > head) {
      this.mem.f64().set(closes, this.core.rowInputPtr() >>> 3);
      this.core.pushRow(timestamp);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(closes[i])) this.setCandles(this.table.name(i), [{ timestamp, close: closes[i] }]);
    }
  }

  private idOf(symbol: string, field: string): number {
    const id = this.table.id(symbol);
    if (id === undefined) throw new NotFoundError(field, `unknown symbol ${quote(symbol)}`, symbol);
    return id;
  }

  private checkId(id: number, field: string): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.table.size) {
      throw new NotFoundError(field, `no symbol with id ${quote(id)}`, id);
    }
  }

  /**
   * Pearson correlation of the two symbols' log returns; NaN when unknown. The pair's
   * pairwise-complete count comes with it: see lastPairObservations.
   */
  correlation(a: string, b: string): number {
    return this.core.correlation(this.idOf(a, 'a'), this.idOf(b, 'b'));
  }

  /** By id: the hot path for callers that resolved names once. */
  correlationById(i: number, j: number): number {
    this.checkId(i, 'i');
    this.checkId(j, 'j');
    return this.core.correlation(i, j);
  }

  /**
   * The pairwise-complete returns of the pair that the last correlation() or
   * correlationById() call answered for: what pairObservations would say, without a second
   * call into the core. Valid until the next call on this engine.
   */
  lastPairObservations(): number {
    return this.mem.f64()[this.slots.pairCount];
  }

  /** Pairwise-complete returns in the window for the pair. */
  pairObservations(a: string, b: string): number {
    return this.core.observations(this.idOf(a, 'a'), this.idOf(b, 'b'));
  }

  pairObservationsById(i: number, j: number): number {
    this.checkId(i, 'i');
    this.checkId(j, 'j');
    return this.core.observations(i, j);
  }

  /** Changes whenever the symbol's windowed returns change: a cache key for its correlations. */
  /** Covariances of log returns and the book's wᵀΣw, over preallocated memory (covariance-core.ts). */
  get covariances(): CovarianceCore {
    return (this.covarianceCore ??= new CovarianceCore(this.core, this.mem));
  }

  /**
   * The median spacing of consecutive grid rows in the window (the span a return covers), in
   * the timestamps' unit; NaN with fewer than two rows. A median, so that gaps (a halted
   * market, a missed bar) do not stretch it. One core call; the spacings are sorted here.
   */
  medianRowSpacing(): number {
    const n = this.core.rowSpacings();
    if (n === 0) return Number.NaN;
    const at = this.core.riskSumsPtr() >>> 3;
    const f64 = this.mem.f64();
    // A regular grid (the usual case) needs no sort: every spacing is the median.
    let min = f64[at]!;
    let max = min;
    for (let k = 1; k < n; k++) {
      const v = f64[at + k]!;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    if (min === max) return min;
    const spacings = f64.slice(at, at + n).sort();
    const mid = n >>> 1;
    return n % 2 === 1 ? spacings[mid]! : (spacings[mid - 1]! + spacings[mid]!) / 2;
  }

  symbolVersion(id: number): number {
    this.checkId(id, 'id');
    return this.core.symbolVersion(id);
  }

  /** Correlations of `symbol` with every symbol, in id order. */
  row(symbol: string, out?: Float64Array): Float64Array {
    const id = this.idOf(symbol, 'symbol');
    const n = this.table.size;
    const target = this.outputArray(out, n, 'out');
    this.core.correlationRow(id);
    const start = this.core.rowOutputPtr() >>> 3;
    target.set(this.mem.f64().subarray(start, start + n));
    return target;
  }

  /** The full N×N matrix, row-major, copied into `out` (or a new array). */
  matrix(out?: Float64Array): Float64Array {
    const n = this.table.size;
    const target = this.outputArray(out, n * n, 'out');
    target.set(this.matrixView());
    return target;
  }

  /**
   * The N×N matrix as a view on wasm memory, with no copy. It is valid until the next call on
   * this engine: read it, or copy it, before calling anything else.
   */
  matrixView(): Float64Array {
    const n = this.table.size;
    if (!this.core.correlationMatrix()) {
      throw new CapacityError('matrix', `wasm memory could not grow to hold ${n}×${n} values`, n);
    }
    const start = this.core.matrixPtr() >>> 3;
    return this.mem.f64().subarray(start, start + n * n);
  }

  private outputArray(out: Float64Array | undefined, length: number, field: string): Float64Array {
    if (out === undefined) return new Float64Array(length);
    if (!(out instanceof Float64Array) || out.length !== length) {
      throw new ValidationError(field, `must be a Float64Array of length ${length}`, out);
    }
    return out;
  }

  /**
   * The engine's whole state as plain bytes: the core's layout version, options, symbol
   * names, the core's state block and its symbol records. `CorrelationEngine.fromState`
   * rebuilds an engine whose every answer is bit-identical. Framing and checksums belong to
   * the caller.
   */
  exportState(): EngineState {
    return {
      layout: this.core.LAYOUT_VERSION.value,
      window: this.window,
      minPeriods: this.minPeriods,
      symbols: this.table.list(),
      core: this.mem.bytes(this.core.stateBegin(), this.core.stateFinish()).slice(),
      records: this.mem.bytes(this.core.recordsBegin(), this.core.recordsFinish()).slice(),
    };
  }

  /**
   * An engine holding `state`, or a SnapshotError naming the first field that is wrong. The
   * state is parsed as untrusted bytes (see docs/reliability.md#what-restore-checks): every
   * derivable byte must agree with what it derives from, every running sum must lie within
   * rounding of its exact recomputation, every scalar within what the engine can reach.
   * Nothing is rewritten, so the engine answers bit-identically to the one that exported it.
   */
  static fromStateSync(state: EngineState, options: Pick<EngineOptions, 'simd' | 'maxSymbols'> = {}): CorrelationEngine {
    checkEngineState(state);
    const engine = CorrelationEngine.createSync(CorrelationEngine.optionsFor(state, options));
    engine.importState(state);
    return engine;
  }

  static async fromState(state: EngineState, options: Pick<EngineOptions, 'simd' | 'maxSymbols'> = {}): Promise<CorrelationEngine> {
    checkEngineState(state);
    const engine = await CorrelationEngine.create(CorrelationEngine.optionsFor(state, options));
    engine.importState(state);
    return engine;
  }

  private static optionsFor(state: EngineState, options: Pick<EngineOptions, 'simd' | 'maxSymbols'>): EngineOptions {
    const held = state.symbols.length;
    if (options.maxSymbols !== undefined && options.maxSymbols < held) {
      throw new ValidationError('maxSymbols', `must be at least the ${held} symbols the state holds, got ${quote(options.maxSymbols)}`, options.maxSymbols);
    }
    return { window: state.window, minPeriods: state.minPeriods, initialCapacity: Math.max(1, held), maxSymbols: options.maxSymbols, simd: options.simd };
  }

  /** Copies the blocks into place, then lets the core check all of it in one call. */
  private importState(state: EngineState): void {
    const coreBytes = this.core.stateFinish() - this.core.stateBegin();
    if (state.core.length !== coreBytes) {
      throw new SnapshotError('core', `state block is ${state.core.length} bytes, expected ${coreBytes}`, state.core.length);
    }
    this.mem.bytes(this.core.stateBegin(), this.core.stateFinish()).set(state.core);
    // The block's symbol count sizes the record block: it must match before memory is reserved.
    if (this.core.symbols() !== state.symbols.length) {
      throw new SnapshotError('symbols', `state names ${state.symbols.length} symbols, the core block ${this.core.symbols()}`, state.symbols.length);
    }
    if (!this.core.restoreReserve()) {
      throw new CapacityError('symbols', `wasm memory could not grow for the ${state.symbols.length} symbols of the state`, state.symbols.length);
    }
    const begin = this.core.recordsBegin();
    const end = this.core.recordsFinish();
    if (state.records.length !== end - begin) {
      throw new SnapshotError('records', `record block is ${state.records.length} bytes, expected ${end - begin}`, state.records.length);
    }
    this.mem.bytes(begin, end).set(state.records);
    const code = this.core.restoreCheck(state.symbols.length);
    if (code !== this.core.RESTORE_OK.value) throw restoreFailure(this.core, this.mem.f64(), code, state.symbols);
    state.symbols.forEach((name, id) => this.table.add(name, id));
  }

  stats(): EngineStats {
    return {
      rows: this.core.windowRows(),
      window: this.window,
      minPeriods: this.minPeriods,
      symbols: this.table.size,
      capacity: this.core.symbolCapacity(),
      ignoredTooOld: this.core.ignoredCount(),
      appendedRows: this.core.appendedCount(),
      memoryBytes: this.mem.byteLength,
      simd: this.simd,
    };
  }
}
