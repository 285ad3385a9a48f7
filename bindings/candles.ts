/**
 * Candle input: ccxt OHLCV arrays `[ts, open, high, low, close, volume]` or objects
 * `{ timestamp | time, close }`. Everything is validated before anything is stored, so a bad
 * candle anywhere in a call leaves the engine exactly as it was.
 */
import { ValidationError, quote } from './errors.js';

export type OhlcvArray = readonly number[];
export interface CandleObject {
  readonly timestamp?: number;
  readonly time?: number;
  readonly close: number;
}
export type Candle = OhlcvArray | CandleObject;

export interface ParsedCandles {
  readonly timestamps: Float64Array;
  readonly closes: Float64Array;
}

export function checkTimestamp(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ValidationError(field, `must be an integer timestamp, got ${quote(value)}`, value);
  }
  return value;
}

function checkClose(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(field, `must be a finite price > 0, got ${quote(value)}`, value);
  }
  return value;
}

/** Each field is read once, so a getter that answers differently the next time cannot make the check and the use disagree. */
function timestampOf(candle: Candle, field: string): unknown {
  if (Array.isArray(candle)) return candle[0];
  const obj = candle as CandleObject;
  const timestamp = obj.timestamp;
  if (timestamp !== undefined) return timestamp;
  const time = obj.time;
  if (time !== undefined) return time;
  throw new ValidationError(`${field}.timestamp`, 'is missing (give `timestamp` or `time`)', undefined);
}

export function parseCandles(candles: unknown, field = 'candles'): ParsedCandles {
  if (!Array.isArray(candles)) throw new ValidationError(field, `must be an array, got ${quote(candles)}`, candles);
  const n = candles.length;
  const timestamps = new Float64Array(n);
  const closes = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const candle: unknown = candles[k];
    const at = `${field}[${k}]`;
    if (Array.isArray(candle)) {
      const values = candle.length;
      if (values < 5) {
        throw new ValidationError(at, `must be [timestamp, open, high, low, close, volume], got ${values} values`, candle);
      }
    } else if (candle === null || typeof candle !== 'object') {
      throw new ValidationError(at, `must be an OHLCV array or a {timestamp, close} object, got ${quote(candle)}`, candle);
    }
    const ts = checkTimestamp(timestampOf(candle as Candle, at), `${at}.timestamp`);
    const close = checkClose(Array.isArray(candle) ? candle[4] : (candle as CandleObject).close, `${at}.close`);
    if (k > 0 && ts <= timestamps[k - 1]) {
      const what = ts === timestamps[k - 1] ? 'duplicates' : 'is older than';
      throw new ValidationError(`${at}.timestamp`, `${what} the previous candle's (${timestamps[k - 1]}); sort candles by time`, ts);
    }
    timestamps[k] = ts;
    closes[k] = close;
  }
  return { timestamps, closes };
}
