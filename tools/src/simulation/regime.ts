/**
 * The market regime a detector upstream of the risk manager attaches to trades: one label
 * per bar for the whole market, from an equal-weighted index of the symbols' one-bar log
 * returns. The replay and the browser simulator tag every trade with it.
 *
 * - VOLATILE: the index's volatility over the last `window` bars is above 1.5× its
 *   volatility over the last `longWindow` bars (the clearest regime signal, tested first);
 * - TRENDING: otherwise, when the efficiency ratio over `window` bars (net move / path
 *   length) is at least a quarter;
 * - RANGING: otherwise, and until `window` bars of the index exist.
 *
 * A symbol's return is taken against its previous close, so a row without a candle is
 * skipped rather than read as a move. A one-bar move beyond `jumpThreshold` in log price is a
 * data discontinuity (an unadjusted split, a reused ticker), not a return: it is reported and
 * left out of the index.
 */
import type { Market, Regime } from './market.js';

export interface RegimeParams {
  /** Bars of the short window: recent volatility and efficiency ratio. */
  window: number;
  /** Bars of the long window the recent volatility is compared with. */
  longWindow: number;
  /** |ln(close / previous close)| above which a bar is a data discontinuity. */
  jumpThreshold: number;
}

export const DEFAULT_REGIME: RegimeParams = { window: 48, longWindow: 480, jumpThreshold: 0.6 };

/** Recent volatility above this multiple of the long-run one is VOLATILE. */
const VOLATILE_RATIO = 1.5;
/** Efficiency ratio from which a window is TRENDING. */
const TRENDING_EFFICIENCY = 0.25;

/** Classifies one window of index log returns (oldest first) against the long-run volatility. */
export function classifyRegime(shortWindow: ArrayLike<number>, longVol: number): Regime {
  const n = shortWindow.length;
  if (n < 2) return 'RANGING';
  let sum = 0;
  let sumAbs = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const r = shortWindow[i];
    sum += r;
    sumAbs += Math.abs(r);
    sumSq += r * r;
  }
  const vol = populationStd(sum, sumSq, n);
  if (longVol > 0 && vol > VOLATILE_RATIO * longVol) return 'VOLATILE';
  const efficiency = sumAbs > 0 ? Math.abs(sum) / sumAbs : 0;
  return efficiency >= TRENDING_EFFICIENCY ? 'TRENDING' : 'RANGING';
}

function populationStd(sum: number, sumSq: number, n: number): number {
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

/**
 * The last `longWindow` index returns. Each return is written twice, `longWindow` apart, so
 * the newest n of them are always one contiguous, oldest-first run of the array.
 */
class ReturnWindow {
  private readonly values: Float64Array;
  private next = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(2 * capacity);
  }

  push(r: number): void {
    this.values[this.next] = r;
    this.values[this.next + this.capacity] = r;
    this.next = (this.next + 1) % this.capacity;
    if (this.length < this.capacity) this.length++;
  }

  /** The newest n returns, oldest first (a view: valid until the next push). */
  newest(n: number): Float64Array {
    const end = this.next + this.capacity;
    return this.values.subarray(end - n, end);
  }
}

export interface BarRegime {
  readonly regime: Regime;
  /** The bar's index return: the mean of the symbols' log returns; NaN when none moved. */
  readonly indexReturn: number;
  /** Symbols (series indices) whose candle on this bar is a data discontinuity. */
  readonly discontinuities: readonly number[];
}

/** The regime of each bar of a market. Call `step(t)` for t = 0, 1, 2… in order. */
export class MarketRegime {
  private readonly lastClose: Float64Array;
  private readonly index: ReturnWindow;
  private next = 0;

  constructor(
    private readonly market: Market,
    readonly params: RegimeParams = DEFAULT_REGIME,
  ) {
    const { window, longWindow, jumpThreshold } = params;
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`regime window must be an integer ≥ 2, got ${window}`);
    if (!Number.isInteger(longWindow) || longWindow < window) {
      throw new RangeError(`regime longWindow must be an integer ≥ window (${window}), got ${longWindow}`);
    }
    if (!(jumpThreshold > 0)) throw new RangeError(`jumpThreshold must be > 0, got ${jumpThreshold}`);
    this.lastClose = new Float64Array(market.series.length).fill(Number.NaN);
    this.index = new ReturnWindow(longWindow);
  }

  step(t: number): BarRegime {
    if (t !== this.next) throw new RangeError(`MarketRegime.step: expected bar ${this.next}, got ${t}`);
    this.next++;
    const discontinuities: number[] = [];
    let sum = 0;
    let count = 0;
    this.market.series.forEach((series, i) => {
      const close = series.close[t];
      if (!(close > 0)) return; // no candle for this symbol on this row
      const prev = this.lastClose[i];
      this.lastClose[i] = close;
      if (!(prev > 0)) return;
      const r = Math.log(close / prev);
      if (Math.abs(r) > this.params.jumpThreshold) {
        discontinuities.push(i);
        return;
      }
      sum += r;
      count++;
    });
    const indexReturn = count > 0 ? sum / count : Number.NaN;
    if (count > 0) this.index.push(indexReturn);
    return { regime: this.current(), indexReturn, discontinuities };
  }

  private current(): Regime {
    const n = this.index.length;
    if (n < this.params.window) return 'RANGING';
    let sum = 0;
    let sumSq = 0;
    for (const r of this.index.newest(n)) {
      sum += r;
      sumSq += r * r;
    }
    return classifyRegime(this.index.newest(this.params.window), populationStd(sum, sumSq, n));
  }
}
