/**
 * Candle times as the manager reads them: milliseconds since the Unix epoch (UTC), given as a
 * number or a `Date`, optionally floored to the start of their bar.
 *
 * Units. Exchanges and charting libraries stamp candles in milliseconds (ccxt), seconds
 * (TradingView's lightweight-charts, many REST APIs) or micro/nanoseconds (some market-data
 * vendors). Mixing them silently breaks the bar grid: a symbol in seconds lands fifty years
 * before one in milliseconds and all its candles are "too old". So a value that can only be
 * seconds (|t| < 1e11, i.e. before March 1973 in ms, but 5138 AD in s) or only micro- or
 * nanoseconds (|t| > 1e14, after 5138 AD in ms) is refused, unless the configuration says what
 * the timestamps are (`timestampUnit: 's'` converts seconds; `'ms'` takes every value as given).
 *
 * Bars. With a timeframe, every time is floored to the UTC boundary of its bar, so candles of
 * different symbols stamped a second apart land on one grid row (a '1m' bar at 12:00:00.000
 * holds 12:00:00.000 … 12:00:59.999). Weeks start on Monday 00:00 UTC, as exchanges' weekly
 * candles do; 1970-01-01 was a Thursday, hence the 4-day offset.
 */
import { ValidationError, quote } from './errors.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The exchange timeframes, in milliseconds. */
export const TIMEFRAMES = Object.freeze({
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '1w': 7 * DAY,
});

/** Below this a timestamp can only be seconds; above MAX_MS only micro- or nanoseconds. */
const MIN_MS = 1e11;
const MAX_MS = 1e14;
/** Monday 1970-01-05 00:00 UTC: the first week boundary after the epoch. */
const WEEK_OFFSET = 4 * DAY;

export type TimestampUnit = 's' | 'ms';

/** How one manager reads candle times: its unit rule and its bar length (0: exact times). */
export class BarClock {
  private readonly step: number;
  private readonly offset: number;

  constructor(
    timeframe: keyof typeof TIMEFRAMES | number | undefined,
    private readonly unit: TimestampUnit | undefined,
  ) {
    this.step = timeframe === undefined ? 0 : typeof timeframe === 'number' ? timeframe : TIMEFRAMES[timeframe];
    this.offset = timeframe === '1w' ? WEEK_OFFSET : 0;
  }

  /** True when times are floored to bars. */
  get aligned(): boolean {
    return this.step > 0;
  }

  /** A candle time in milliseconds, checked for its unit and floored to its bar. */
  read(value: unknown, field: string): number {
    return this.floor(this.milliseconds(value, field));
  }

  /** The start of the bar holding `t` (t itself without a timeframe). */
  floor(t: number): number {
    if (this.step === 0) return t;
    // Exact for every safe integer: the quotient's rounding error is under half an ulp of
    // q < 2^53 / step, so under 1 / step, and a non-integer quotient is at least 1 / step from
    // the next integer. (A float remainder would be a library call per candle.)
    return Math.floor((t - this.offset) / this.step) * this.step + this.offset;
  }

  private milliseconds(value: unknown, field: string): number {
    if (value instanceof Date) {
      const t = value.getTime();
      if (Number.isNaN(t)) throw new ValidationError(field, 'must be a valid Date, got an invalid Date', value);
      return t;
    }
    if (this.unit === 's') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ValidationError(field, `must be a timestamp in seconds (timestampUnit 's'), got ${quote(value)}`, value);
      }
      // Sub-second precision is kept to the millisecond, which is all a bar grid resolves.
      const ms = Math.round(value * 1000);
      if (!Number.isSafeInteger(ms)) {
        throw new ValidationError(field, `must be a timestamp in seconds (timestampUnit 's'), got ${quote(value)}`, value);
      }
      return ms;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new ValidationError(field, `must be an integer timestamp, got ${quote(value)}`, value);
    }
    if (this.unit === undefined) {
      const size = Math.abs(value);
      if (size < MIN_MS) {
        throw new ValidationError(field, `looks like seconds, not milliseconds (${value}); multiply by 1000, or set timestampUnit: 's'`, value);
      }
      if (size > MAX_MS) {
        throw new ValidationError(field, `looks like microseconds or nanoseconds, not milliseconds (${value}); divide it down to milliseconds`, value);
      }
    }
    return value;
  }
}
