/**
 * One simulated account trading a synthetic market through the risk manager, bar by bar,
 * with the replay's model (portfolio-guard-tools/simulation: the synthetic market, the
 * market regime trades are tagged with, and the account): feed the bar's candles, mark the
 * book, close exits, tell the manager the equity and every position's marked notional, trim
 * anything that moving prices or a lowered cap left over its limit, then ask
 * `validateNewPosition` about every proposal and open `proposed × sizeMultiplier`. No DOM
 * here: the views read this object after each step.
 */
import { PortfolioRiskManager, type ValidationResult } from 'portfolio-guard';
import { Account, generateSyntheticMarket, SECTORS, type Book, type SyntheticMarket, type Trim } from 'portfolio-guard-tools/simulation';
import { exposures, managerConfig, maxInto, ratiosOf, zeroRatios, type Caps, type Exposure, type Ratios } from './caps.js';
import { MomentumStrategy, type Proposal } from './strategy.js';

export interface SimulationOptions {
  seed: number;
  symbols: number;
  bars: number;
  /** Correlation window (bars), also the warm-up fed before the first trade. */
  lookback: number;
  initialEquity: number;
}

export interface Decision {
  readonly bar: number;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly addOn: boolean;
  /** Size after the upstream (volatility) multiplier: what the manager was asked about. */
  readonly proposed: number;
  readonly upstream: number;
  readonly result: ValidationResult;
  /** Notional actually opened: proposed × sizeMultiplier. */
  readonly opened: number;
}

/** Positions cut back under their caps in one go (after prices moved or a cap was lowered). */
export interface TrimEvent {
  readonly bar: number;
  readonly positions: number;
  /** Notional released, in account currency. */
  readonly released: number;
  /** Which caps were over: 'symbol', 'long', 'short', 'regime'. */
  readonly rules: readonly Trim['rule'][];
  readonly cause: 'market' | 'caps';
}

export interface StepReport {
  readonly bar: number;
  /** Trims made before this bar's decisions, oldest first. */
  readonly trims: TrimEvent[];
  readonly decisions: Decision[];
}

export interface Counts {
  allowed: number;
  reduced: number;
  blocked: number;
  /** Trim events (each may cut several positions). */
  trims: number;
}

export class Simulation {
  readonly market: SyntheticMarket;
  readonly names: readonly string[];
  /** Symbol indices in display order (by sector, then name). */
  readonly order: readonly number[];
  readonly strategy: MomentumStrategy;
  /** The account: its book, traded through `manager`. */
  readonly account: Account;
  /** Equity after each bar (NaN where not simulated yet). */
  readonly equityCurve: Float64Array;
  readonly counts: Counts = { allowed: 0, reduced: 0, blocked: 0, trims: 0 };
  /** Largest exposure / cap ratio seen at the end of any bar, per kind. */
  readonly maxRatio: Ratios = zeroRatios();
  /** Largest exposure / cap ratio right after any trade the manager allowed. */
  readonly maxRatioAfterTrade: Ratios = zeroRatios();
  /** Human-readable breaches of a cap (should stay empty). */
  readonly violations: string[] = [];
  /** Next bar to simulate. */
  bar: number;
  readonly firstBar: number;
  caps: Caps;
  readonly manager: PortfolioRiskManager;
  reconfigurations = 0;
  private readonly options: SimulationOptions;
  /** Display index → engine symbol id (re-read whenever the manager is rebuilt). */
  private engineOrder: Int32Array;
  /** Trims made outside step() (by reconfigure), handed to the next step's report. */
  private readonly pendingTrims: TrimEvent[] = [];

  private constructor(options: SimulationOptions, caps: Caps, market: SyntheticMarket, manager: PortfolioRiskManager) {
    this.options = options;
    this.market = market;
    this.names = market.series.map((s) => s.symbol);
    this.order = this.names
      .map((_, i) => i)
      .sort((a, b) => market.sectorOf[a] - market.sectorOf[b] || this.names[a].localeCompare(this.names[b]));
    this.strategy = new MomentumStrategy(market);
    this.account = new Account(manager, { initialEquity: options.initialEquity });
    this.equityCurve = new Float64Array(market.timestamps.length).fill(Number.NaN);
    this.caps = { ...caps };
    this.manager = manager;
    this.firstBar = Math.max(options.lookback, this.strategy.warmup);
    this.bar = this.firstBar;
    this.engineOrder = new Int32Array(0);
  }

  static async create(options: SimulationOptions, caps: Caps): Promise<Simulation> {
    const market = generateSyntheticMarket({ seed: options.seed, bars: options.bars, symbols: options.symbols });
    const manager = await PortfolioRiskManager.create(managerConfig(caps, options.lookback));
    const sim = new Simulation(options, caps, market, manager);
    sim.feedHistory(manager, 0, sim.bar);
    sim.account.sync();
    sim.mapEngineOrder();
    return sim;
  }

  get finished(): boolean {
    return this.bar >= this.market.timestamps.length;
  }

  get barsSimulated(): number {
    return this.bar - this.firstBar;
  }

  get book(): Book {
    return this.account.book;
  }

  get simd(): boolean {
    return this.manager.engine.simd;
  }

  sectorName(symbol: number): string {
    return SECTORS[this.market.sectorOf[symbol]];
  }

  inCrash(bar = this.bar - 1): boolean {
    return this.market.truth.crash[bar] === 1;
  }

  /** [start, end) of every crash episode. */
  crashEpisodes(): [number, number][] {
    const out: [number, number][] = [];
    const c = this.market.truth.crash;
    for (let t = 0; t < c.length; t++) {
      if (c[t] === 1 && (t === 0 || c[t - 1] === 0)) out.push([t, t]);
      if (c[t] === 1) out[out.length - 1][1] = t + 1;
    }
    return out;
  }

  /** New caps take effect at once, on the same manager (its book and candles stay). */
  async reconfigure(caps: Caps): Promise<void> {
    const { correlationLookback: _lookback, minPeriods: _minPeriods, ...rules } = managerConfig(caps, this.options.lookback);
    this.manager.updateConfig(rules);
    this.caps = { ...caps };
    this.reconfigurations++;
    // A lowered cap may leave exposure above it: trim now, as a risk desk would.
    const trim = this.applyTrims(this.bar - 1, 'caps');
    if (trim !== null) this.pendingTrims.push(trim);
  }

  step(): StepReport {
    const t = this.bar;
    if (this.finished) return { bar: t, trims: [], decisions: [] };
    this.feedBar(this.manager, t);
    const price = (s: number) => this.market.series[s].close[t];
    const { account, book } = this;

    book.mark(price);
    for (const s of this.strategy.exits(t, book, book.heldSymbols())) {
      for (const position of book.positions.filter((p) => p.symbol === s)) account.close(position, price(s));
    }
    account.sync();
    const trims = this.pendingTrims.splice(0);
    const trim = this.applyTrims(t, 'market');
    if (trim !== null) trims.push(trim);

    const decisions: Decision[] = [];
    for (const proposal of this.strategy.proposals(t, book, book.equity)) {
      decisions.push(this.decide(t, proposal, price(proposal.symbol)));
    }

    this.equityCurve[t] = book.equity;
    maxInto(this.maxRatio, this.checkCaps(`end of bar ${t}`));
    this.bar = t + 1;
    return { bar: t, trims, decisions };
  }

  /** What the exposure view draws. */
  exposures(): Exposure[] {
    const held = [...this.book.heldSymbols()].map((s) => this.names[s]);
    return exposures(this.manager, held, this.caps);
  }

  /** The correlation matrix in display order (row-major, n×n); NaN where unknown. */
  correlationMatrix(out?: Float64Array): Float64Array {
    const n = this.order.length;
    const raw = this.manager.engine.matrixView();
    const target = out && out.length === n * n ? out : new Float64Array(n * n);
    const e = this.engineOrder;
    const stride = this.manager.engine.symbolCount;
    for (let i = 0; i < n; i++) {
      const row = e[i] * stride;
      for (let j = 0; j < n; j++) target[i * n + j] = raw[row + e[j]];
    }
    return target;
  }

  private decide(t: number, p: Proposal, price: number): Decision {
    const symbol = this.names[p.symbol];
    const proposed = p.baseSize * p.upstream;
    const { answer: result, position } = this.account.propose({
      symbol: p.symbol,
      name: symbol,
      side: p.side,
      regime: p.regime,
      strategy: 'momentum',
      bar: t,
      price,
      proposedSize: proposed,
    });
    const opened = position === null ? 0 : position.entryNotional;
    if (position !== null) maxInto(this.maxRatioAfterTrade, this.checkCaps(`after opening ${p.side} ${symbol} at bar ${t}`));
    if (result.code === 'REDUCED') this.counts.reduced++;
    else if (result.allowed) this.counts.allowed++;
    else this.counts.blocked++;
    return { bar: t, symbol, side: p.side, addOn: p.addOn, proposed, upstream: p.upstream, result, opened };
  }

  /** Trims the account under the caps (at the prices it was last marked at); null when nothing was over. */
  private applyTrims(t: number, cause: TrimEvent['cause']): TrimEvent | null {
    const trims: Trim[] = this.account.trimToCaps(this.caps);
    if (trims.length === 0) return null;
    // A position may be cut by several caps in turn: its size before the first cut counts.
    const first = new Map<string, number>();
    for (const trim of trims) if (!first.has(trim.id)) first.set(trim.id, trim.from);
    let released = 0;
    for (const [id, from] of first) {
      const position = this.book.get(id);
      released += from - (position === undefined ? 0 : this.book.notional(position));
    }
    this.counts.trims++;
    const rules = [...new Set(trims.map((x) => x.rule))];
    return { bar: t, positions: first.size, released, rules, cause };
  }

  private checkCaps(when: string): Ratios {
    const list = this.exposures();
    const r = ratiosOf(list);
    for (const e of list) {
      if (e.value > e.cap * (1 + 1e-9) && this.violations.length < 50) {
        this.violations.push(`${e.label} at ${(100 * e.value).toFixed(3)}% over its ${(100 * e.cap).toFixed(1)}% cap ${when}`);
      }
    }
    return r;
  }

  private candle(symbol: number, t: number): [number, number, number, number, number, number] {
    const s = this.market.series[symbol];
    return [this.market.timestamps[t], s.open[t], s.high[t], s.low[t], s.close[t], s.volume[t]];
  }

  private feedBar(manager: PortfolioRiskManager, t: number): void {
    for (const s of this.order) manager.updateMarketData(this.names[s], [this.candle(s, t)]);
  }

  /** Bars [from, to) of every symbol, one call per symbol, in display order. */
  private feedHistory(manager: PortfolioRiskManager, from: number, to: number): void {
    for (const s of this.order) {
      const candles = [];
      for (let t = from; t < to; t++) candles.push(this.candle(s, t));
      manager.updateMarketData(this.names[s], candles);
    }
  }

  private mapEngineOrder(): void {
    const engine = this.manager.engine;
    this.engineOrder = Int32Array.from(this.order, (s) => engine.symbolId(this.names[s]) ?? -1);
  }
}
