/**
 * One bar's closes for many symbols, on their way to the engine's whole-row path: read from a
 * record, a Map or an iterable of `[symbol, close]` pairs, every name and close checked and
 * the engine's symbol limit respected before anything changes; then new symbols are added and
 * one close per symbol, in id order (NaN where a symbol has none), goes to `pushRow`.
 *
 * Per-bar work allocates nothing in the steady state: the names and closes go into arrays
 * reused from bar to bar, and the row buffer is replaced only when symbols were added. A bot
 * sends the same symbols in the same order bar after bar, so each position remembers the name
 * it held and that name's engine id: a name found again at its position was checked when it
 * was first read there, and its id is final, so it costs one comparison instead of a check
 * and a lookup.
 */
import { PUSH_CHECKED, type CorrelationEngine } from '../engine.js';
import { CapacityError, ValidationError, quote } from '../errors.js';
import { checkName } from '../names.js';

export type BarCloses = Readonly<Record<string, number>> | ReadonlyMap<string, number> | Iterable<readonly [string, number]>;

const closeField = (symbol: string): string => `closes[${quote(symbol)}]`;

export class BarInput {
  /** The bar just read: `count` symbols and their closes, in the order given. */
  readonly symbols: string[] = [];
  readonly closes: number[] = [];
  /** The engine id of the name at each position, −1 for a name the engine does not hold yet. */
  readonly ids: number[] = [];
  count = 0;
  private row = new Float64Array(0);
  /** Names already in this bar (only iterables can repeat one). */
  private readonly seen = new Set<string>();
  private fresh = 0;
  /** Map.forEach's callback, made once rather than per bar. */
  private readonly takeEntry = (close: unknown, symbol: unknown): void => {
    this.take(symbol, close, this.count);
  };

  constructor(private readonly engine: CorrelationEngine) {}

  /** Reads and checks a bar; changes nothing outside this object. */
  read(input: unknown): this {
    this.count = 0;
    this.fresh = 0;
    if (input instanceof Map) {
      input.forEach(this.takeEntry);
    } else if (input !== null && typeof input === 'object' && typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
      this.seen.clear();
      let k = 0;
      for (const entry of input as Iterable<unknown>) {
        if (!Array.isArray(entry) || entry.length !== 2) {
          throw new ValidationError(`closes[${k}]`, `must be a [symbol, close] pair, got ${quote(entry)}`, entry);
        }
        const symbol = this.take(entry[0], entry[1], k);
        if (this.seen.has(symbol)) throw new ValidationError(closeField(symbol), 'is given twice in one bar', entry[1]);
        this.seen.add(symbol);
        k += 1;
      }
    } else if (input !== null && typeof input === 'object') {
      const record = input as Record<string, unknown>;
      for (const symbol in record) if (Object.hasOwn(record, symbol)) this.take(symbol, record[symbol], this.count);
    } else {
      throw new ValidationError('closes', `must be a record of closes by symbol, a Map or an iterable of [symbol, close] pairs, got ${quote(input)}`, input);
    }
    const { engine } = this;
    if (engine.symbolCount + this.fresh > engine.maxSymbols) {
      const beyond = this.symbols.slice(0, this.count).filter((s) => engine.symbolId(s) === undefined)[engine.maxSymbols - engine.symbolCount];
      throw new CapacityError('symbol', `the engine holds at most ${engine.maxSymbols} symbols (maxSymbols)`, beyond);
    }
    return this;
  }

  /** Sends the bar read last to the engine at `timestamp` (milliseconds, already checked). */
  push(timestamp: number): void {
    if (this.count === 0) return;
    const { engine, ids, symbols, closes } = this;
    for (let k = 0; k < this.count; k++) if (ids[k]! < 0) ids[k] = engine.addSymbol(symbols[k]!);
    const n = engine.symbolCount;
    if (this.row.length !== n) this.row = new Float64Array(n);
    const row = this.row;
    row.fill(Number.NaN);
    for (let k = 0; k < this.count; k++) row[ids[k]!] = closes[k]!;
    engine[PUSH_CHECKED](timestamp, row);
  }

  /** Checks one entry and appends it at position `k` (its place, for the error's field); returns its name. */
  private take(symbol: unknown, close: unknown, k: number): string {
    let name: string;
    let id: number;
    if (symbol === this.symbols[k]) {
      name = symbol as string;
      id = this.ids[k]!;
      if (id < 0) id = this.ids[k] = this.engine.symbolId(name) ?? -1;
    } else {
      name = checkName(symbol, `closes[${k}]`);
      id = this.engine.symbolId(name) ?? -1;
      this.symbols[k] = name;
      this.ids[k] = id;
    }
    if (typeof close !== 'number' || !Number.isFinite(close) || close <= 0) {
      throw new ValidationError(closeField(name), `must be a finite price > 0, got ${quote(close)}`, close);
    }
    this.closes[k] = close;
    this.count += 1;
    if (id < 0) this.fresh += 1;
    return name;
  }
}
