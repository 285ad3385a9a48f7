/**
 * Real candle files before they are replayed. Every decision here is made bar by bar from the
 * past only, as a live bot would have to make it, and everything it changes is reported:
 * - splits: an open against the previous close near a split ratio (2:1, 3:2, 4:3, 5:4, 3:1,
 *   4:1, 7:1, 8:1, 10:1, 20:1 and their inverses) is a corporate action, not a return. Prices
 *   from that bar on are multiplied by the ratio (forward adjustment: the past is never
 *   rewritten), so positions carry across it at their true value and the risk manager never
 *   sees the jump as a return;
 * - data breaks: a hole longer than `breakBars` × the file's median spacing and than
 *   `breakMs` (a delisted and reused ticker) ends the series; the rows after it are a new symbol `NAME#2`, because
 *   nothing held before the hole can be valued across it. A genuine crash, however large, is
 *   kept as P&L;
 * - extreme series: more than `extremeShare` of a series' bar moves beyond `extremeSigma` ×
 *   its median absolute move are flagged (bad ticks, a thin market), not changed.
 */
import type { ParsedCandles } from './candle-files.js';

/** Split ratios: an a:b split divides the price by q = a/b on the split day. */
export const SPLIT_RATIOS: readonly { label: string; q: number }[] = (
  [
    [2, 1],
    [3, 2],
    [4, 3],
    [5, 4],
    [3, 1],
    [4, 1],
    [7, 1],
    [8, 1],
    [10, 1],
    [20, 1],
  ] as const
).flatMap(([a, b]) => [
  { label: `${a}:${b}`, q: a / b },
  // A reverse split: the price multiplies.
  { label: `${b}:${a}`, q: b / a },
]);

export interface HygieneOptions {
  /** Relative distance from a split ratio still read as that split. Default 0.01. */
  splitTolerance: number;
  /** A hole longer than this many median spacings, and than `breakMs`, is a data break. Default 30. */
  breakBars: number;
  /** The shortest hole that can be a data break, ms. Default 30 days: an exchange outage of hours is a gap, not a new listing. */
  breakMs: number;
  extremeSigma: number;
  extremeShare: number;
}

export const DEFAULT_HYGIENE: HygieneOptions = { splitTolerance: 0.01, breakBars: 30, breakMs: 30 * 86_400_000, extremeSigma: 15, extremeShare: 0.01 };

export interface SplitFound {
  symbol: string;
  time: number;
  ratio: string;
  /** Previous close ÷ this bar's reference price (its open, else its close). */
  observed: number;
}

export interface BreakFound {
  symbol: string;
  /** Last row before the hole and first after it. */
  from: number;
  to: number;
  /** ln(first price after ÷ last before): the move not traded across the hole. */
  logMove: number;
  newSymbol: string;
}

export interface HygieneReport {
  splits: SplitFound[];
  breaks: BreakFound[];
  extreme: { symbol: string; moves: number; rows: number }[];
}

/** The split a price ratio reads as, or null. `observed` = previous close ÷ reference price. */
export function matchSplit(observed: number, tolerance = DEFAULT_HYGIENE.splitTolerance): { label: string; q: number } | null {
  if (!(observed > 0)) return null;
  let best: { label: string; q: number } | null = null;
  for (const s of SPLIT_RATIOS) {
    // A 20–33% overnight gap is a plausible real move (an earnings miss, a rescue rally), so the
    // small ratios must match four times as closely before a gap is read as a split. A one-day
    // move of ×7 or more is not a market's doing at all, so the large ratios take a loose match
    // (AIG's 1:20 of 2009 opened 15% off the exact ratio).
    const size = Math.abs(Math.log(s.q));
    const tol = size < Math.log(1.5) - 1e-9 ? tolerance / 4 : size >= Math.log(7) - 1e-9 ? Math.max(tolerance, 0.2) : tolerance;
    const off = Math.abs(Math.log(observed / s.q));
    // Loose matches can overlap (8:1 and 10:1): the nearest ratio wins.
    if (Math.abs(observed / s.q - 1) <= tol && (best === null || off < Math.abs(Math.log(observed / best.q)))) best = s;
  }
  return best;
}

function slice(c: ParsedCandles, from: number, to: number, symbol: string): ParsedCandles {
  return {
    symbol,
    file: c.file,
    time: c.time.slice(from, to),
    open: c.open.slice(from, to),
    high: c.high.slice(from, to),
    low: c.low.slice(from, to),
    close: c.close.slice(from, to),
    volume: c.volume.slice(from, to),
  };
}

/** Splits one file's candles at data breaks; each piece keeps the file. */
export function splitAtBreaks(c: ParsedCandles, options: HygieneOptions, report: HygieneReport): ParsedCandles[] {
  const n = c.time.length;
  if (n < 3) return [c];
  const gaps = new Float64Array(n - 1);
  for (let k = 1; k < n; k++) gaps[k - 1] = c.time[k] - c.time[k - 1];
  const median = Float64Array.from(gaps).sort()[(n - 2) >> 1];
  const pieces: ParsedCandles[] = [];
  let start = 0;
  for (let k = 1; k < n; k++) {
    if (gaps[k - 1] > Math.max(options.breakBars * median, options.breakMs)) {
      const name = pieces.length === 0 ? c.symbol : `${c.symbol}#${pieces.length + 1}`;
      pieces.push(slice(c, start, k, name));
      report.breaks.push({ symbol: c.symbol, from: c.time[k - 1], to: c.time[k], logMove: Math.log(c.close[k] / c.close[k - 1]), newSymbol: `${c.symbol}#${pieces.length + 1}` });
      start = k;
    }
  }
  pieces.push(slice(c, start, n, pieces.length === 0 ? c.symbol : `${c.symbol}#${pieces.length + 1}`));
  return pieces;
}

/** Forward-adjusts one series for splits, in place; returns the splits found. */
export function adjustSplits(c: ParsedCandles, tolerance: number): SplitFound[] {
  const found: SplitFound[] = [];
  let factor = 1;
  let prevRawClose = Number.NaN;
  for (let k = 0; k < c.time.length; k++) {
    const rawClose = c.close[k];
    if (prevRawClose > 0) {
      const ref = c.open[k] > 0 ? c.open[k] : rawClose;
      const observed = prevRawClose / ref;
      const split = matchSplit(observed, tolerance);
      if (split) {
        factor *= split.q;
        found.push({ symbol: c.symbol, time: c.time[k], ratio: split.label, observed });
      }
    }
    prevRawClose = rawClose;
    if (factor !== 1) {
      c.open[k] *= factor;
      c.high[k] *= factor;
      c.low[k] *= factor;
      c.close[k] *= factor;
      c.volume[k] /= factor;
    }
  }
  return found;
}

/** Bar moves beyond `sigma` × the series' median absolute log move. */
export function countExtremeMoves(close: ArrayLike<number>, sigma: number): number {
  const moves: number[] = [];
  for (let k = 1; k < close.length; k++) moves.push(Math.abs(Math.log(close[k] / close[k - 1])));
  if (moves.length === 0) return 0;
  const median = Float64Array.from(moves).sort()[(moves.length - 1) >> 1];
  if (!(median > 0)) return 0;
  return moves.filter((m) => m > sigma * median).length;
}

/** Cleans every file's candles: breaks, then splits within each piece, then the extreme flag. */
export function cleanCandles(files: readonly ParsedCandles[], options: HygieneOptions = DEFAULT_HYGIENE): { files: ParsedCandles[]; report: HygieneReport } {
  const report: HygieneReport = { splits: [], breaks: [], extreme: [] };
  const out: ParsedCandles[] = [];
  for (const f of files) {
    for (const piece of splitAtBreaks(f, options, report)) {
      report.splits.push(...adjustSplits(piece, options.splitTolerance));
      const moves = countExtremeMoves(piece.close, options.extremeSigma);
      if (piece.close.length > 1 && moves / (piece.close.length - 1) > options.extremeShare) {
        report.extreme.push({ symbol: piece.symbol, moves, rows: piece.close.length });
      }
      out.push(piece);
    }
  }
  return { files: out, report };
}
