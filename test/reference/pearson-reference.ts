/**
 * Plain-TS reference for the correlation core, written from the definition in
 * docs/engine.md ("What a correlation is"), deliberately naive: it rebuilds everything
 * from the full candle history on every call and shares no code or algorithm
 * with the wasm engine (no rings, no running moments, no eviction logic).
 *
 * Definition:
 *   grid    = sorted union of every candle timestamp ever given (outer join)
 *   close   = last close given for (symbol, timestamp); missing -> NaN
 *   return  = ln(close_t) - ln(close_{t-1}), t-1 = previous GRID row; NaN if either missing
 *   window  = last W rows of the return grid
 *   corr    = two-pass Pearson over pairwise-complete rows; NaN if count < minPeriods or
 *             either series is degenerate (M2 <= 1e-20 * sum(x^2), or M2 <= n * (2 eps L)^2
 *             with L the largest |ln close| of its rows: variance a log close's rounding can
 *             make up); clamped to [-1, 1]
 */

/** Candle history per symbol as [timestamp, close] in arrival order (later entries win). */
export type SeriesMap = ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;

/** Relative degeneracy threshold; relative so that it is scale-free (no absolute epsilon). */
export const DEGENERATE_REL = 1e-20;

/** The variance that rounding alone gives returns taken between log closes of size up to |L|. */
export function noiseVariance(logScale: number): number {
  return (2 * Number.EPSILON * logScale) ** 2;
}

export interface AlignedGrid {
  timestamps: number[];
  /** per symbol (in the order requested), close per grid row, NaN where absent */
  closes: Float64Array[];
}

export function alignCloses(series: SeriesMap, symbols: readonly string[]): AlignedGrid {
  const all = new Set<number>();
  for (const s of symbols) for (const [ts] of series.get(s) ?? []) all.add(ts);
  const timestamps = [...all].sort((a, b) => a - b);
  const rowOf = new Map<number, number>();
  timestamps.forEach((ts, i) => rowOf.set(ts, i));
  const closes = symbols.map((s) => {
    const col = new Float64Array(timestamps.length).fill(NaN);
    for (const [ts, c] of series.get(s) ?? []) col[rowOf.get(ts)!] = c;
    return col;
  });
  return { timestamps, closes };
}

/**
 * Log returns on the grid; row 0 is NaN (no previous row), as pandas' diff().
 * `log` is injectable only to study libm differences (V8 vs wasm disagree by 1 ulp on a few %
 * of inputs); the tests use Math.log.
 */
export function logReturns(closes: ArrayLike<number>, log: (x: number) => number = Math.log): Float64Array {
  const out = new Float64Array(closes.length).fill(NaN);
  for (let t = 1; t < closes.length; t++) out[t] = log(closes[t]) - log(closes[t - 1]);
  return out;
}

/** Last W entries (fewer if the grid is shorter). */
export function lastWindow(r: Float64Array, W: number): Float64Array {
  return r.subarray(Math.max(0, r.length - W));
}

export function pairwiseCount(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) n++;
  return n;
}

/**
 * Two-pass Pearson over the rows where both x and y are present.
 * Inputs are two equal-length windows that may contain NaN; `logX`/`logY`, when given, are
 * the log closes of the same rows (for the rounding-noise rule).
 */
export function pairwisePearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  minPeriods: number,
  logX?: ArrayLike<number>,
  logY?: ArrayLike<number>,
): number {
  const xs: number[] = [];
  const ys: number[] = [];
  let lx = 0;
  let ly = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
      if (logX) lx = Math.max(lx, Math.abs(logX[i]));
      if (logY) ly = Math.max(ly, Math.abs(logY[i]));
    }
  }
  const n = xs.length;
  if (n < minPeriods || n === 0) return NaN;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let m2x = 0;
  let m2y = 0;
  let cxy = 0;
  let qx = 0;
  let qy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    m2x += dx * dx;
    m2y += dy * dy;
    cxy += dx * dy;
    qx += xs[i] * xs[i];
    qy += ys[i] * ys[i];
  }
  // `<=` so an all-zero series (flat prices: M2 = 0 = sum x^2) is degenerate too.
  if (m2x <= DEGENERATE_REL * qx || m2y <= DEGENERATE_REL * qy) return NaN;
  if (m2x <= n * noiseVariance(lx) || m2y <= n * noiseVariance(ly)) return NaN;
  const r = cxy / Math.sqrt(m2x * m2y);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

export interface ReferenceResult {
  symbols: string[];
  timestamps: number[];
  /** N*N row-major correlations */
  matrix: Float64Array;
  /** N*N row-major pairwise-complete return counts in the window */
  counts: Int32Array;
}

export function referenceAll(
  series: SeriesMap,
  symbols: readonly string[],
  W: number,
  minPeriods: number,
  log: (x: number) => number = Math.log,
): ReferenceResult {
  const grid = alignCloses(series, symbols);
  const wins = grid.closes.map((c) => lastWindow(logReturns(c, log), W));
  const logs = grid.closes.map((c) => lastWindow(Float64Array.from(c, (x) => log(x)), W));
  const N = symbols.length;
  const matrix = new Float64Array(N * N);
  const counts = new Int32Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      matrix[i * N + j] = pairwisePearson(wins[i], wins[j], minPeriods, logs[i], logs[j]);
      counts[i * N + j] = pairwiseCount(wins[i], wins[j]);
    }
  }
  return { symbols: [...symbols], timestamps: grid.timestamps, matrix, counts };
}

export function referenceMatrix(series: SeriesMap, symbols: readonly string[], W: number, minPeriods: number): Float64Array {
  return referenceAll(series, symbols, W, minPeriods).matrix;
}

export function referenceCorrelation(series: SeriesMap, a: string, b: string, W: number, minPeriods: number): number {
  const grid = alignCloses(series, [a, b]);
  const [x, y] = grid.closes.map((c) => lastWindow(logReturns(c), W));
  const [lx, ly] = grid.closes.map((c) => lastWindow(Float64Array.from(c, Math.log), W));
  return pairwisePearson(x, y, minPeriods, lx, ly);
}

/** Accumulates candles in arrival order, so revisions resolve as "last close wins". */
export class SeriesRecorder {
  readonly series = new Map<string, Array<[number, number]>>();
  /** symbols in first-seen order, i.e. the engine's id order */
  readonly order: string[] = [];

  add(symbol: string, candles: ReadonlyArray<readonly [number, number]>): void {
    let list = this.series.get(symbol);
    if (!list) {
      list = [];
      this.series.set(symbol, list);
      this.order.push(symbol);
    }
    for (const [ts, c] of candles) list.push([ts, c]);
  }
}
