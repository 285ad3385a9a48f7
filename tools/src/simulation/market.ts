/**
 * The one shape every replay input is turned into, whether it was generated (synthetic-market)
 * or read from the user's files (candle-files): the union grid of all timestamps, and per
 * symbol one column per OHLCV field, NaN where the symbol has no candle on that row. A column
 * layout keeps the simulator's inner loop to typed-array reads.
 */
export type Regime = 'TRENDING' | 'RANGING' | 'VOLATILE';

export const REGIMES: readonly Regime[] = ['TRENDING', 'RANGING', 'VOLATILE'];

export interface SymbolSeries {
  readonly symbol: string;
  /** Where the series came from (a file name, or "synthetic"), for messages. */
  readonly source: string;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export interface Market {
  /** Union grid of candle times, ms since the epoch, strictly increasing. */
  readonly timestamps: Float64Array;
  readonly series: readonly SymbolSeries[];
  /** Bars per year, used to annualise volatility and Sharpe. */
  readonly periodsPerYear: number;
  /** A human name for the bar spacing ("1h", "5m", "1d (trading days)"). */
  readonly barLabel: string;
  /** Only for the synthetic market: what the generator did, for the chart and the JSON. */
  readonly truth?: {
    readonly regimes: readonly Regime[];
    /** 1 on bars inside a crash episode. */
    readonly crash: Uint8Array;
  };
}

/** Allocates a series of `rows` NaN-filled columns. */
export function emptySeries(symbol: string, source: string, rows: number): SymbolSeries {
  const col = (): Float64Array => new Float64Array(rows).fill(Number.NaN);
  return { symbol, source, open: col(), high: col(), low: col(), close: col(), volume: col() };
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/**
 * Bars per year as the data has them: rows observed ÷ years spanned. An exchange calendar
 * falls out on its own (about 252 rows a year for daily equities, 7 × 252 for hourly bars of a
 * 7-hour session), where assuming calendar time would overstate volatility and Sharpe by
 * √(8766 / 1764) on the latter. Spans under 30 days fall back to the median spacing in
 * calendar time, too short to see a calendar.
 */
export function inferPeriodsPerYear(timestamps: Float64Array): { periodsPerYear: number; barLabel: string } {
  const n = timestamps.length;
  if (n < 2) return { periodsPerYear: 252, barLabel: 'unknown' };
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = timestamps[i] - timestamps[i - 1];
  gaps.sort();
  const median = gaps[(gaps.length - 1) >> 1];
  const label = spacingLabel(median);
  const span = timestamps[n - 1] - timestamps[0];
  if (span < 30 * DAY_MS) return { periodsPerYear: (YEAR_MS) / median, barLabel: label };
  const observed = ((n - 1) * YEAR_MS) / span;
  const calendar = YEAR_MS / median;
  // A grid with markedly fewer rows than its spacing allows trades in sessions.
  const sessions = observed < calendar * 0.9;
  return { periodsPerYear: observed, barLabel: sessions ? `${label} (${Math.round(observed).toLocaleString('en-US')} rows a year)` : label };
}

function spacingLabel(ms: number): string {
  const units: [number, string][] = [
    [7 * DAY_MS, 'w'],
    [DAY_MS, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
