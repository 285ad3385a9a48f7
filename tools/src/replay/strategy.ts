/**
 * A deliberately plain, deterministic multi-symbol strategy: a channel breakout on every
 * symbol. Its signals depend on market data only — never on equity, open positions or what the
 * risk manager said — so the "risk off" and "risk on" runs see exactly the same proposals and
 * differ only by what portfolio risk did to them.
 *
 * - Entry: the close breaks above the highest (long) or below the lowest (short) of the
 *   symbol's previous `lookback` closes; after a signal the symbol is quiet for `holdBars`.
 * - Size: `sizeFraction` of the run's current equity (notional).
 * - Exit: after `holdBars` bars, or on a stop `stopSigmas` × σ × √holdBars away in log price,
 *   σ being the symbol's per-bar log-return volatility over the lookback at entry, so the
 *   stop scales with the market (5-minute crypto and daily equities alike).
 * - Regime tag: the simulation's market regime (simulation/regime.ts), the label the browser
 *   simulator's trades carry too.
 * - Data discontinuities: a one-bar move beyond `jumpThreshold` in log price (an unadjusted
 *   split, a reused ticker) is not a tradable return; the symbol's history restarts there and
 *   positions in it are closed at the previous close.
 */
import type { Side } from '../simulation/book.js';
import type { Market, Regime } from '../simulation/market.js';
import { DEFAULT_REGIME, MarketRegime } from '../simulation/regime.js';

export interface StrategyParams {
  /** Bars in the breakout channel. */
  lookback: number;
  /** Bars a position is held; also the per-symbol quiet period after a signal. */
  holdBars: number;
  /** Proposed notional as a fraction of current equity. */
  sizeFraction: number;
  /** Stop distance in units of σ·√holdBars. */
  stopSigmas: number;
  /** |ln(close/previous close)| above which a bar is a data discontinuity. */
  jumpThreshold: number;
  /** Short and long windows of the regime classifier, in bars. */
  regimeWindow: number;
  regimeLongWindow: number;
}

export const DEFAULT_STRATEGY: StrategyParams = {
  lookback: 48,
  holdBars: 36,
  sizeFraction: 0.05,
  stopSigmas: 1.5,
  // Off: a large real move is P&L. Splits and holes are handled where the files are read (hygiene.ts).
  jumpThreshold: Number.POSITIVE_INFINITY,
  regimeWindow: DEFAULT_REGIME.window,
  regimeLongWindow: DEFAULT_REGIME.longWindow,
};

export interface Proposal {
  readonly bar: number;
  readonly symbolIndex: number;
  readonly symbol: string;
  readonly side: Side;
  /** Fraction of equity proposed (the run turns it into notional). */
  readonly sizeFraction: number;
  readonly regime: Regime;
  readonly strategy: string;
  /** Stop distance in log price from the entry close. */
  readonly stopDistance: number;
  /**
   * Signal strength: how far the close broke through the channel, in per-bar σ. A bar's
   * proposals are validated strongest first, so the room under a cap goes to the clearest
   * breakouts rather than to whichever symbol sorts first.
   */
  readonly strength: number;
}

export interface BarSignals {
  readonly regime: Regime;
  readonly proposals: readonly Proposal[];
  /** Symbols whose bar is a data discontinuity: close their positions at the previous close. */
  readonly discontinuities: readonly number[];
}

export const STRATEGY_NAME = 'breakout';

/**
 * Turns the market into per-bar signals. Call `step(t)` for t = 0, 1, 2… in order; it keeps
 * only per-symbol histories since the last discontinuity, so memory stays O(symbols · lookback).
 */
export class BreakoutSignals {
  private readonly history: number[][];
  private readonly quietUntil: Int32Array;
  private readonly jumped: Uint8Array;
  private readonly regimes: MarketRegime;
  private next = 0;

  constructor(
    private readonly market: Market,
    readonly params: StrategyParams = DEFAULT_STRATEGY,
  ) {
    validateParams(params);
    const n = market.series.length;
    this.history = Array.from({ length: n }, () => []);
    this.quietUntil = new Int32Array(n);
    this.jumped = new Uint8Array(n);
    this.regimes = new MarketRegime(market, {
      window: params.regimeWindow,
      longWindow: params.regimeLongWindow,
      jumpThreshold: params.jumpThreshold,
    });
  }

  step(t: number): BarSignals {
    if (t !== this.next) throw new RangeError(`BreakoutSignals.step: expected bar ${this.next}, got ${t}`);
    this.next++;
    const { lookback, holdBars } = this.params;
    const { regime, discontinuities } = this.regimes.step(t);
    for (const i of discontinuities) this.jumped[i] = 1;
    const fresh: { symbolIndex: number; side: Side; stopDistance: number; strength: number }[] = [];

    this.market.series.forEach((series, i) => {
      const close = series.close[t];
      if (!(close > 0)) return; // no candle for this symbol on this row
      const h = this.history[i];
      if (this.jumped[i] === 1) {
        this.jumped[i] = 0;
        h.length = 0;
        h.push(close);
        return;
      }
      if (h.length >= lookback && t >= this.quietUntil[i]) {
        let hi = -Infinity;
        let lo = Infinity;
        for (let k = h.length - lookback; k < h.length; k++) {
          if (h[k] > hi) hi = h[k];
          if (h[k] < lo) lo = h[k];
        }
        const side: Side | null = close > hi ? 'long' : close < lo ? 'short' : null;
        if (side) {
          this.quietUntil[i] = t + holdBars;
          const sigma = this.sigma(h, close);
          const through = side === 'long' ? Math.log(close / hi) : Math.log(lo / close);
          fresh.push({
            symbolIndex: i,
            side,
            stopDistance: this.params.stopSigmas * sigma * Math.sqrt(holdBars),
            strength: sigma > 0 ? through / sigma : through > 0 ? Number.POSITIVE_INFINITY : 0,
          });
        }
      }
      h.push(close);
      // Keep one close more than the channel needs: σ uses `lookback` returns.
      if (h.length > lookback + 1) h.splice(0, h.length - lookback - 1);
    });

    const proposals = fresh.map<Proposal>((f) => ({
      bar: t,
      symbolIndex: f.symbolIndex,
      symbol: this.market.series[f.symbolIndex].symbol,
      side: f.side,
      sizeFraction: this.params.sizeFraction,
      regime,
      strategy: STRATEGY_NAME,
      stopDistance: f.stopDistance,
      strength: f.strength,
    }));
    return { regime, proposals, discontinuities };
  }

  /** Per-bar σ of log returns over the channel's returns plus the current bar's. */
  private sigma(h: number[], close: number): number {
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    for (let k = 1; k <= h.length; k++) {
      const r = Math.log((k < h.length ? h[k] : close) / h[k - 1]);
      sum += r;
      sumSq += r * r;
      n++;
    }
    const mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }
}

export type ExitReason = 'time' | 'stop' | 'discontinuity' | 'end';

/**
 * Whether an open position exits on this bar, given its symbol's close (NaN when the symbol
 * has no candle here). A time exit falls due even without a candle — the position is closed at
 * its last known close rather than carried across a hole in the data, which in the real files
 * can last years (reused tickers).
 */
export function exitReason(
  position: { side: Side; openedAt: number; entryPrice: number; stopDistance: number },
  t: number,
  close: number,
  holdBars: number,
): ExitReason | null {
  if (close > 0) {
    const move = Math.log(close / position.entryPrice) * (position.side === 'long' ? 1 : -1);
    if (move <= -position.stopDistance) return 'stop';
  }
  if (t - position.openedAt >= holdBars) return 'time';
  return null;
}

/** The strategy's own parameters; MarketRegime checks the regime windows and the jump threshold. */
export function validateParams(p: StrategyParams): void {
  const positiveInt = (name: keyof StrategyParams, min: number): void => {
    const v = p[name];
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  positiveInt('lookback', 2);
  positiveInt('holdBars', 1);
  if (!(p.sizeFraction > 0 && p.sizeFraction <= 1)) throw new RangeError(`sizeFraction must be in (0, 1], got ${p.sizeFraction}`);
  if (!(p.stopSigmas > 0)) throw new RangeError(`stopSigmas must be > 0, got ${p.stopSigmas}`);
}
