/**
 * Candle input: ccxt OHLCV arrays `[ts, open, high, low, close, volume]` or objects
 * `{ timestamp | time, close }`. Everything is validated before anything is stored, so a bad
 * candle anywhere in a call leaves the engine exactly as it was.
 *
 * The types take ccxt's own: its `OHLCV` is `[Num, Num, Num, Num, Num, Num]` with
 * `Num = number | undefined`, so every field may be `undefined` in the type; only the
 * timestamp and the close are read, and they are checked at run time.
 */
import { ValidationError, quote } from './errors.js';

/** One field of an OHLCV row as exchanges' typings spell it; a timestamp may be a Date. */
export type OhlcvField = number | Date | null | undefined;
export type OhlcvArray = readonly OhlcvField[];
export interface CandleObject {
  readonly timestamp?: number | Date;
  readonly time?: number | Date;
  readonly close: number;
}
export type Candle = OhlcvArray | CandleObject;

/**
 * How a caller reads candle times (the manager: units, Dates, bars). `aligned`: times are
 * floored to bars, so two candles of one call may fall in one bar, and the later revises it.
 */
export interface CandleTimeReader {
  read(value: unknown, field: string): number;
  readonly aligned: boolean;
}

const EXACT_TIME: CandleTimeReader = { read: checkTimestamp, aligned: false };

export interface ParsedCandles {
  readonly timestamps: Float64Array;
  readonly closes: Float64Array;
  /** Candles parsed: the first `count` entries of each array. */
  readonly count: number;
}

/** Reusable storage for parsed candles, grown when a call brings more than it holds. */
export class CandleBuffer implements ParsedCandles {
  timestamps = new Float64Array(1);
  closes = new Float64Array(1);
  count = 0;

  /** Room for n candles (previous contents are not kept). */
  reserve(n: number): void {
    if (n <= this.timestamps.length) return;
    this.timestamps = new Float64Array(n);
    this.closes = new Float64Array(n);
  }
}

export function checkTimestamp(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ValidationError(field, `must be an integer timestamp, got ${quote(value)}`, value);
  }
  return value;
}

/** Field names are built only for an error: a bot's every call would otherwise format them. */
const at = (field: string, k: number): string => `${field}[${k}]`;

function checkClose(value: unknown, field: string, k: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${at(field, k)}.close`, `must be a finite price > 0, got ${quote(value)}`, value);
  }
  return value;
}

/** Each field is read once, so a getter that answers differently the next time cannot make the check and the use disagree. */
function timestampOf(candle: Candle, field: string, k: number): unknown {
  if (Array.isArray(candle)) return candle[0];
  const obj = candle as CandleObject;
  const timestamp = obj.timestamp;
  if (timestamp !== undefined) return timestamp;
  const time = obj.time;
  if (time !== undefined) return time;
  throw new ValidationError(`${at(field, k)}.timestamp`, 'is missing (give `timestamp` or `time`)', undefined);
}

/** The reader's time for a value already read; its error names the candle's field. */
function readTime(time: CandleTimeReader, value: unknown, field: string, k: number): number {
  try {
    return time.read(value, 'timestamp');
  } catch {
    // Reading is a pure check of the value in hand: read again, for the error with its full field name.
    return time.read(value, `${at(field, k)}.timestamp`);
  }
}

export function parseCandles(candles: unknown, field = 'candles', time: CandleTimeReader = EXACT_TIME): ParsedCandles {
  return parseCandlesInto(candles, field, time, new CandleBuffer());
}

/** parseCandles into `out` (reused from call to call); returns `out`. */
export function parseCandlesInto(candles: unknown, field: string, time: CandleTimeReader, out: CandleBuffer): CandleBuffer {
  if (!Array.isArray(candles)) throw new ValidationError(field, `must be an array, got ${quote(candles)}`, candles);
  const n = candles.length;
  out.reserve(n);
  const { timestamps, closes } = out;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const candle: unknown = candles[k];
    if (Array.isArray(candle)) {
      const values = candle.length;
      if (values < 5) {
        throw new ValidationError(at(field, k), `must be [timestamp, open, high, low, close, volume], got ${values} values`, candle);
      }
    } else if (candle === null || typeof candle !== 'object') {
      throw new ValidationError(at(field, k), `must be an OHLCV array or a {timestamp, close} object, got ${quote(candle)}`, candle);
    }
    const ts = readTime(time, timestampOf(candle as Candle, field, k), field, k);
    const close = checkClose(Array.isArray(candle) ? candle[4] : (candle as CandleObject).close, field, k);
    if (count > 0 && ts <= timestamps[count - 1]!) {
      if (time.aligned && ts === timestamps[count - 1]) {
        // A second candle in the same bar: the later one is the bar's latest state.
        closes[count - 1] = close;
        continue;
      }
      const what = ts === timestamps[count - 1] ? 'duplicates' : 'is older than';
      throw new ValidationError(`${at(field, k)}.timestamp`, `${what} the previous candle's (${timestamps[count - 1]}); sort candles by time`, ts);
    }
    timestamps[count] = ts;
    closes[count] = close;
    count += 1;
  }
  out.count = count;
  return out;
}
