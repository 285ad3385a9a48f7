/**
 * Reads a folder of candle files into a Market (the union grid of all their timestamps, each
 * symbol NaN where it has no row), for `portfolio-guard replay --candles DIR`.
 *
 * Accepted, one symbol per file:
 * - `.json`: ccxt / freqtrade OHLCV arrays `[[ts_ms, open, high, low, close, volume], …]`, or
 *   objects `[{ timestamp | time | date, close, open?, high?, low?, volume? }, …]`.
 * - `.csv` (also `;` or tab separated): a header naming a time column (time, date, datetime,
 *   timestamp, ts) and a close column; or no header, in Lean's column order
 *   `time,open,high,low,close[,volume]`.
 * Times: epoch ms, epoch seconds, `YYYY-MM-DD[ HH:MM[:SS]]`, ISO 8601 with `T` and zone,
 * `YYYYMMDD[ HH:MM[:SS]]` (Lean). Times without a zone are UTC.
 *
 * A bad file stops the load with one line naming the file and the row (CandleFileError): a
 * replay on silently skipped rows would report numbers for data the user does not have.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { PortfolioGuardError } from 'portfolio-guard';
import { emptySeries, inferPeriodsPerYear, type Market, type SymbolSeries } from '../simulation/market.js';
import { iso, parseTime } from './candle-time.js';
import { cleanCandles, DEFAULT_HYGIENE, type HygieneOptions, type HygieneReport } from './hygiene.js';
import { jsonErrorWhere } from './json-error-position.js';

export { parseTime } from './candle-time.js';

/** A value read from a file, quoted for a one-line message (long strings cut short). */
function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `array(${value.length})`;
  return value !== null && typeof value === 'object' ? 'object' : String(value);
}

/** A candle file that cannot be read as promised. The message is one line: file, row, problem. */
export class CandleFileError extends PortfolioGuardError {
  readonly file: string;
  /** 1-based data row (CSV: excluding the header), or 0 for problems with the whole file. */
  readonly row: number;
  /** The file holds no candles at all (empty, a bare header, or []). */
  empty = false;
  constructor(file: string, row: number, message: string, value?: unknown, line?: number) {
    const where = row > 0 ? (line !== undefined ? `${file} line ${line} (row ${row})` : `${file} row ${row}`) : file;
    super(where, message, value);
    this.file = file;
    this.row = row;
  }
}

/** One file's candles, sorted strictly by time. NaN where the file has no such field. */
export interface ParsedCandles {
  symbol: string;
  file: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface LoadedMarket extends Market {
  files: { file: string; symbol: string; rows: number }[];
  /** Entries of the folder that are not candle files, for the user's information. */
  ignored: string[];
  /** Candle files left out, and why (empty, too short to trade). */
  skipped: { file: string; reason: string }[];
  /** The one quote currency every symbol is priced in: the account's currency. */
  quote: string;
  hygiene: HygieneReport;
}

export interface LoadOptions {
  /** Files with fewer candles are skipped with a note. Default 1. */
  minRows?: number;
  /** Quote currency of symbols whose names carry none (no "BASE/QUOTE"). Default "USD". */
  quote?: string;
  /** Split, break and extreme-move handling (hygiene.ts); false reads the files as they are. */
  hygiene?: HygieneOptions | false;
}

/** The quote currency a symbol is priced in: after the "/" of BASE/QUOTE, else `fallback`. */
export function quoteOf(symbol: string, fallback: string): string {
  const slash = symbol.lastIndexOf('/');
  return slash > 0 && slash < symbol.length - 1 ? symbol.slice(slash + 1) : fallback;
}

const TIME_COLUMNS = ['time', 'date', 'datetime', 'timestamp', 'ts', 'date_time', 'open_time'];

/** Reads every .json and .csv file in `dir` (not recursive), in name order. */
export function loadCandleDir(dir: string, options: LoadOptions = {}): LoadedMarket {
  const minRows = options.minRows ?? 1;
  const fallbackQuote = options.quote ?? 'USD';
  const skipped: { file: string; reason: string }[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new CandleFileError(dir, 0, `cannot read the folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const parsed: ParsedCandles[] = [];
  const ignored: string[] = [];
  const bySymbol = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const ext = extname(name).toLowerCase();
    if ((ext !== '.json' && ext !== '.csv') || !statSync(file).isFile()) {
      ignored.push(name);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    let candles: ParsedCandles;
    try {
      candles = parseCandleFile(file, text);
    } catch (err) {
      // An empty download is a common real-world file: nothing to replay, not a bad row.
      if (err instanceof CandleFileError && err.empty) {
        skipped.push({ file: name, reason: 'empty' });
        continue;
      }
      throw err;
    }
    if (candles.time.length < minRows) {
      skipped.push({ file: name, reason: `${candles.time.length} candles, fewer than ${minRows}` });
      continue;
    }
    const earlier = bySymbol.get(candles.symbol);
    if (earlier !== undefined) {
      throw new CandleFileError(file, 0, `symbol ${quote(candles.symbol)} is also given by ${earlier}; keep one file per symbol`);
    }
    bySymbol.set(candles.symbol, file);
    parsed.push(candles);
  }
  if (parsed.length === 0) {
    throw new CandleFileError(
      dir,
      0,
      skipped.length > 0
        ? `no usable candle file in this folder (skipped: ${skipped.map((f) => `${f.file}: ${f.reason}`).join(', ')})`
        : 'no .json or .csv candle files in this folder',
    );
  }
  // Prices in two currencies cannot share one equity: refuse rather than add BTC to USD.
  const quotes = new Map<string, string[]>();
  for (const p of parsed) {
    const q = quoteOf(p.symbol, fallbackQuote);
    if (!quotes.has(q)) quotes.set(q, []);
    quotes.get(q)!.push(p.symbol);
  }
  if (quotes.size > 1) {
    const list = [...quotes].map(([q, syms]) => `${q} (${syms.slice(0, 3).join(', ')}${syms.length > 3 ? ', …' : ''})`).join(', ');
    throw new CandleFileError(dir, 0, `symbols are quoted in different currencies: ${list}; replay one quote currency at a time`);
  }
  const currency = [...quotes.keys()][0];
  const cleaned =
    options.hygiene === false ? { files: parsed, report: { splits: [], breaks: [], extreme: [] } } : cleanCandles(parsed, options.hygiene ?? DEFAULT_HYGIENE);
  return {
    ...alignOnUnionGrid(cleaned.files),
    files: parsed.map((p) => ({ file: p.file, symbol: p.symbol, rows: p.time.length })),
    ignored,
    skipped,
    quote: currency,
    hygiene: cleaned.report,
  };
}

/** Outer join of several files' candles on the union of their timestamps. */
export function alignOnUnionGrid(files: readonly ParsedCandles[]): Market {
  const all = new Set<number>();
  for (const f of files) for (const t of f.time) all.add(t);
  const timestamps = Float64Array.from(all).sort();
  const rowOf = new Map<number, number>();
  timestamps.forEach((t, i) => rowOf.set(t, i));
  const series: SymbolSeries[] = files.map((f) => {
    const s = emptySeries(f.symbol, f.file, timestamps.length);
    for (let k = 0; k < f.time.length; k++) {
      const row = rowOf.get(f.time[k])!;
      s.open[row] = f.open[k];
      s.high[row] = f.high[k];
      s.low[row] = f.low[k];
      s.close[row] = f.close[k];
      s.volume[row] = f.volume[k];
    }
    return s;
  });
  return { timestamps, series, ...inferPeriodsPerYear(timestamps) };
}

/**
 * The symbol a file stands for. Freqtrade names its files `<BASE>_<QUOTE>-<timeframe>.json`
 * (the pair with "/" replaced), so that form maps back to `BASE/QUOTE`; anything else is the
 * file name without its extension.
 */
export function symbolFromFileName(file: string): string {
  const stem = basename(file, extname(file));
  const freqtrade = /^([^_]+)_([^_-]+)-\d+[smhdwM]$/.exec(stem);
  return freqtrade ? `${freqtrade[1]}/${freqtrade[2]}` : stem;
}

/** Parses one file's text; `file` is only used in messages and for the symbol name. */
export function parseCandleFile(file: string, text: string): ParsedCandles {
  const ext = extname(file).toLowerCase();
  const symbol = symbolFromFileName(file);
  if (ext === '.json') return parseJsonCandles(file, symbol, text);
  if (ext === '.csv') return parseCsvCandles(file, symbol, text);
  throw new CandleFileError(file, 0, `unsupported file type ${quote(ext)} (expected .json or .csv)`);
}

class Builder {
  readonly time: number[] = [];
  readonly open: number[] = [];
  readonly high: number[] = [];
  readonly low: number[] = [];
  readonly close: number[] = [];
  readonly volume: number[] = [];
  constructor(
    private readonly file: string,
    private readonly symbol: string,
  ) {}

  /** Checks order and close; the other fields are kept when they are finite numbers. */
  push(row: number, line: number | undefined, time: number, o: number, h: number, l: number, c: number, v: number, rawClose: unknown): void {
    if (!(c > 0) || !Number.isFinite(c)) {
      throw new CandleFileError(this.file, row, `close must be a positive number, got ${quote(rawClose)}`, rawClose, line);
    }
    const prev = this.time.length > 0 ? this.time[this.time.length - 1] : -Infinity;
    if (time === prev) {
      throw new CandleFileError(this.file, row, `duplicate timestamp ${iso(time)} (same as the row before)`, time, line);
    }
    if (time < prev) {
      throw new CandleFileError(this.file, row, `timestamp ${iso(time)} is earlier than the row before (${iso(prev)}); rows must be in time order`, time, line);
    }
    const fin = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);
    this.time.push(time);
    this.open.push(fin(o));
    this.high.push(fin(h));
    this.low.push(fin(l));
    this.close.push(c);
    this.volume.push(fin(v));
  }

  done(): ParsedCandles {
    if (this.time.length === 0) throw emptyFile(this.file, 'has no candles');
    return {
      symbol: this.symbol,
      file: this.file,
      time: Float64Array.from(this.time),
      open: Float64Array.from(this.open),
      high: Float64Array.from(this.high),
      low: Float64Array.from(this.low),
      close: Float64Array.from(this.close),
      volume: Float64Array.from(this.volume),
    };
  }
}

function parseJsonCandles(file: string, symbol: string, text: string): ParsedCandles {
  if (text.trim() === '') throw emptyFile(file, 'is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CandleFileError(file, 0, `is not valid JSON (${jsonErrorWhere(String((err as Error).message), text)})`);
  }
  if (!Array.isArray(data)) {
    throw new CandleFileError(file, 0, `must hold a JSON array of candles, got ${quote(data)}`);
  }
  const b = new Builder(file, symbol);
  data.forEach((item: unknown, k) => {
    const row = k + 1;
    if (Array.isArray(item)) {
      if (item.length < 5) {
        throw new CandleFileError(file, row, `a candle array needs [timestamp, open, high, low, close, volume?], got ${item.length} values`, item);
      }
      const time = parseTime(item[0]);
      if (time === null) throw new CandleFileError(file, row, `timestamp is not a time, got ${quote(item[0])}`, item[0]);
      b.push(row, undefined, time, num(item[1]), num(item[2]), num(item[3]), num(item[4]), num(item[5]), item[4]);
    } else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const key = ['timestamp', 'time', 'date', 'datetime'].find((k) => Object.hasOwn(o, k));
      if (key === undefined) throw new CandleFileError(file, row, 'candle object has no timestamp, time or date field', item);
      const time = parseTime(o[key]);
      if (time === null) throw new CandleFileError(file, row, `${key} is not a time, got ${quote(o[key])}`, o[key]);
      if (!Object.hasOwn(o, 'close')) throw new CandleFileError(file, row, 'candle object has no close field', item);
      b.push(row, undefined, time, num(o.open), num(o.high), num(o.low), num(o.close), num(o.volume), o.close);
    } else {
      throw new CandleFileError(file, row, `a candle must be an array or an object, got ${quote(item)}`, item);
    }
  });
  return b.done();
}

function parseCsvCandles(file: string, symbol: string, text: string): ParsedCandles {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  if (first === lines.length) throw emptyFile(file, 'is empty');
  const delimiter = [',', ';', '\t'].find((d) => lines[first].includes(d)) ?? ',';
  const split = (line: string): string[] => line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
  const head = split(lines[first]);

  let timeCol: number;
  let cols: { open: number; high: number; low: number; close: number; volume: number };
  let dataStart: number;
  if (parseTime(head[0]) !== null && head.length >= 5) {
    // No header: Lean's own order, time,open,high,low,close[,volume].
    timeCol = 0;
    cols = { open: 1, high: 2, low: 3, close: 4, volume: head.length > 5 ? 5 : -1 };
    dataStart = first;
  } else {
    const lower = head.map((h) => h.toLowerCase());
    timeCol = lower.findIndex((h) => TIME_COLUMNS.includes(h));
    if (timeCol < 0) {
      throw new CandleFileError(file, 0, `line ${first + 1}: header has no time column (one of ${TIME_COLUMNS.join(', ')}), got ${quote(lines[first])}`);
    }
    let close = lower.indexOf('close');
    if (close < 0) close = lower.findIndex((h) => h === 'adj close' || h === 'adj_close' || h === 'adjclose');
    if (close < 0) throw new CandleFileError(file, 0, `line ${first + 1}: header has no close column, got ${quote(lines[first])}`);
    cols = { open: lower.indexOf('open'), high: lower.indexOf('high'), low: lower.indexOf('low'), close, volume: lower.indexOf('volume') };
    dataStart = first + 1;
  }

  const b = new Builder(file, symbol);
  const width = head.length;
  let row = 0;
  for (let i = dataStart; i < lines.length; i++) {
    if (lines[i].trim() === '') continue; // blank lines, typically the final newline
    row++;
    const line = i + 1;
    const cells = split(lines[i]);
    if (cells.length < width) {
      throw new CandleFileError(file, row, `expected ${width} fields, got ${cells.length}`, lines[i], line);
    }
    const time = parseTime(cells[timeCol]);
    if (time === null) throw new CandleFileError(file, row, `time is not a date or timestamp, got ${quote(cells[timeCol])}`, cells[timeCol], line);
    const at = (c: number): number => (c >= 0 && cells[c] !== '' ? Number(cells[c]) : Number.NaN);
    const rawClose = cells[cols.close];
    const close = rawClose === '' ? Number.NaN : Number(rawClose);
    b.push(row, line, time, at(cols.open), at(cols.high), at(cols.low), close, at(cols.volume), rawClose);
  }
  return b.done();
}

function emptyFile(file: string, message: string): CandleFileError {
  const err = new CandleFileError(file, 0, message);
  err.empty = true;
  return err;
}

function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.trim() !== '') return Number(x);
  return Number.NaN;
}
