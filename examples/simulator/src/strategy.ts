/**
 * The page's toy strategy: time-series momentum on every symbol, so that it proposes trades
 * every bar and keeps bumping into the risk manager's caps.
 *
 * - Signal: the move over the last `lookback` bars in units of its own volatility
 *   (ln(P_t / P_{t−L}) / (σ·√L), σ over the last `volWindow` log returns).
 * - Entries: the `perBar` strongest signals among symbols with no open position, long when
 *   positive and short when negative (at least one proposal per bar), plus an add-on to a
 *   position whose signal is still very strong (that is what runs into the symbol cap).
 * - Size: `sizeFraction` of equity × a volatility-targeting multiplier in [0.5, 2], the
 *   "upstream multiplier" a real bot applies before asking the risk manager.
 * - Regime tag: the market regime of the bar (MarketRegime, the label the replay's trades
 *   carry too), as an upstream regime detector would label trades.
 * - Exits: after `maxHoldBars`, or when the signal turns against the position.
 *
 * It reads prices only; it never looks at what the risk manager did.
 */
import { MarketRegime, type Regime, type Side, type SyntheticMarket } from 'portfolio-guard-tools/simulation';

export interface Proposal {
  readonly symbol: number;
  readonly side: Side;
  /** Notional the strategy wants before the risk manager: base × upstream multiplier. */
  readonly baseSize: number;
  readonly upstream: number;
  readonly regime: Regime;
  /** Adds to an open position of the same side. */
  readonly addOn: boolean;
  readonly signal: number;
}

export interface HeldView {
  /** Side of the open position per symbol, or undefined. */
  sideOf(symbol: number): Side | undefined;
  /** Bars since the symbol's first open position was entered. */
  ageOf(symbol: number, bar: number): number;
}

export interface StrategyParams {
  lookback: number;
  volWindow: number;
  perBar: number;
  minSignal: number;
  addOnSignal: number;
  sizeFraction: number;
  targetVol: number;
  maxHoldBars: number;
}

export const DEFAULT_PARAMS: StrategyParams = {
  lookback: 24,
  volWindow: 48,
  perBar: 2,
  minSignal: 0.6,
  addOnSignal: 2.0,
  sizeFraction: 0.06,
  targetVol: 0.006,
  maxHoldBars: 48,
};

export class MomentumStrategy {
  private readonly logClose: Float64Array[];
  private readonly regimes: MarketRegime;
  /** The last bar the regime was computed for, and its label. */
  private regimeBar = -1;
  private regimeNow: Regime = 'RANGING';

  constructor(market: SyntheticMarket, readonly params: StrategyParams = DEFAULT_PARAMS) {
    this.logClose = market.series.map((s) => s.close.map(Math.log));
    this.regimes = new MarketRegime(market);
  }

  /** Bars of history the strategy needs before its first proposal. */
  get warmup(): number {
    return Math.max(this.params.lookback, this.params.volWindow) + 1;
  }

  /** Per-bar log-return volatility of `symbol` over `window` bars ending at `bar`. */
  volatility(symbol: number, bar: number, window: number): number {
    return stdev(this.logClose[symbol], bar, window);
  }

  signal(symbol: number, bar: number): number {
    const { lookback, volWindow } = this.params;
    if (bar < lookback) return 0;
    const sigma = this.volatility(symbol, bar, volWindow);
    if (!(sigma > 0)) return 0;
    const lp = this.logClose[symbol];
    return (lp[bar] - lp[bar - lookback]) / (sigma * Math.sqrt(lookback));
  }

  /** The market regime at `bar`; bars must be asked for in increasing order. */
  regime(bar: number): Regime {
    if (bar < this.regimeBar) throw new RangeError(`regime: bar ${bar} is before bar ${this.regimeBar}, already passed`);
    while (this.regimeBar < bar) this.regimeNow = this.regimes.step(++this.regimeBar).regime;
    return this.regimeNow;
  }

  /** Symbols whose open position should be closed at `bar`. */
  exits(bar: number, held: HeldView, symbols: Iterable<number>): number[] {
    const out: number[] = [];
    for (const s of symbols) {
      const side = held.sideOf(s);
      if (side === undefined) continue;
      const signal = this.signal(s, bar);
      const against = side === 'long' ? signal < -0.3 : signal > 0.3;
      if (against || held.ageOf(s, bar) >= this.params.maxHoldBars) out.push(s);
    }
    return out;
  }

  /** What to propose at `bar` (after exits), strongest first; `equity` sizes them. */
  proposals(bar: number, held: HeldView, equity: number): Proposal[] {
    const p = this.params;
    const n = this.logClose.length;
    const fresh: { symbol: number; signal: number }[] = [];
    const adds: Proposal[] = [];
    for (let s = 0; s < n; s++) {
      const signal = this.signal(s, bar);
      const side = held.sideOf(s);
      if (side === undefined) {
        fresh.push({ symbol: s, signal });
      } else if (Math.abs(signal) >= p.addOnSignal && (signal > 0) === (side === 'long') && held.ageOf(s, bar) >= 4) {
        adds.push(this.sized(s, bar, signal, equity, true));
      }
    }
    fresh.sort((a, b) => Math.abs(b.signal) - Math.abs(a.signal) || a.symbol - b.symbol);
    const out: Proposal[] = [];
    for (const { symbol, signal } of fresh) {
      // The best one always goes (a proposal every bar); the rest need a real signal.
      if (out.length >= p.perBar || (out.length > 0 && Math.abs(signal) < p.minSignal)) break;
      if (signal === 0) continue;
      out.push(this.sized(symbol, bar, signal, equity, false));
    }
    // At most one add-on per bar, the strongest.
    adds.sort((a, b) => Math.abs(b.signal) - Math.abs(a.signal) || a.symbol - b.symbol);
    if (adds.length > 0) out.push(adds[0]);
    return out;
  }

  private sized(symbol: number, bar: number, signal: number, equity: number, addOn: boolean): Proposal {
    const sigma = this.volatility(symbol, bar, this.params.volWindow);
    const upstream = Math.min(2, Math.max(0.5, this.params.targetVol / sigma));
    return {
      symbol,
      side: signal > 0 ? 'long' : 'short',
      baseSize: equity * this.params.sizeFraction,
      upstream,
      regime: this.regime(bar),
      addOn,
      signal,
    };
  }
}

/** Sample standard deviation of the one-bar differences of `series` over `window` bars ending at `bar`. */
function stdev(series: Float64Array, bar: number, window: number): number {
  const from = Math.max(1, bar - window + 1);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let k = from; k <= bar; k++) {
    const r = series[k] - series[k - 1];
    n++;
    sum += r;
    sumSq += r * r;
  }
  if (n < 2) return Number.NaN;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
}
