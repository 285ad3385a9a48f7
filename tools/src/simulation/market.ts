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

/**
 * Infers bars per year from the grid: the median spacing gives the bar length; a daily grid
 * with (almost) no weekend rows is an exchange calendar, annualised at 252 trading days as is
 * conventional, while 24/7 markets use calendar time.
 */
export function inferPeriodsPerYear(timestamps: Float64Array): { periodsPerYear: number; barLabel: string } {
  const n = timestamps.length;
  if (n < 2) return { periodsPerYear: 252, barLabel: 'unknown' };
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = timestamps[i] - timestamps[i - 1];
  gaps.sort();
  const median = gaps[(gaps.length - 1) >> 1];
  const label = spacingLabel(median);
  if (median >= DAY_MS * 0.9 && median <= DAY_MS * 1.1) {
    let weekend = 0;
    for (let i = 0; i < n; i++) {
      const dow = new Date(timestamps[i]).getUTCDay();
      if (dow === 0 || dow === 6) weekend++;
    }
    if (weekend / n < 0.02) return { periodsPerYear: 252, barLabel: `${label} (trading days)` };
  }
  return { periodsPerYear: (365.25 * DAY_MS) / median, barLabel: label };
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
