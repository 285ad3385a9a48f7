/**
 * The replay: one market, one stream of strategy proposals, run twice in lockstep — portfolio
 * risk off and on — each run an Account (simulation/account.ts: its own book and risk
 * manager). Both runs execute the same code: every proposal goes through
 * `validateNewPosition` (the disabled manager answers 1.0, as it does for a bot that has it
 * switched off), positions are registered, resized to their marked notional every bar and
 * unregistered on exit.
 *
 * Fills are at the bar's close; a fee in basis points is charged on every entry and exit
 * notional. Equity is marked to market every bar.
 */
import { Account, type RiskManagerLike } from '../simulation/account.js';
import type { Position } from '../simulation/book.js';
import type { Market, Regime } from '../simulation/market.js';
import { Rng } from '../simulation/random.js';
import {
  BookCorrelation,
  countDecision,
  curveMetrics,
  emptyCounts,
  latencySummary,
  type CurveMetrics,
  type LatencySummary,
  type TradeCounts,
} from './metrics.js';
import { BreakoutSignals, DEFAULT_STRATEGY, exitReason, type BarSignals, type ExitReason, type StrategyParams } from './strategy.js';

/**
 * The part of PortfolioRiskManager a replay run drives: an account's calls, plus the market
 * data feed and the stats read at the end. Tests wrap a real manager in it to watch; the
 * baselines (baselines.ts) are small managers of their own with the same calls.
 */
export type ReplayManager = RiskManagerLike & {
  updateMarketData(symbol: string, candles: readonly (readonly number[])[]): unknown;
  getStats(): unknown;
};

export interface RunSpec {
  name: string;
  manager: ReplayManager;
}

export interface SimulationOptions {
  market: Market;
  runs: readonly RunSpec[];
  /**
   * Where the held book's pairwise correlations are read from: a manager fed the same
   * market data with correlations available (normally the "risk on" one), so every run's book
   * is measured with the same estimator.
   */
  correlationSource?: (a: string, b: string) => number;
  strategy?: StrategyParams;
  /** The strategy's signals, computed once by `computeSignals` and shared by several simulations. */
  signals?: readonly BarSignals[];
  /** Seed of the shuffle that breaks ties in signal strength within a bar. Default 1. */
  orderSeed?: number;
  initialEquity?: number;
  feeBps?: number;
  onBar?: (t: number) => void;
}

export interface ClosedTrades {
  count: number;
  wins: number;
  /** Net of fees, in account currency. */
  pnl: number;
  byExit: Record<ExitReason, number>;
}

export interface RunResult {
  name: string;
  metrics: CurveMetrics;
  counts: TradeCounts;
  trades: ClosedTrades;
  feesPaid: number;
  meanGrossExposure: number;
  maxGrossExposure: number;
  /** Average signed pairwise correlation of the held book (see metrics.BookCorrelation). */
  bookCorrelation: number;
  bookCorrelationBars: number;
  /** Bar at which equity reached zero or below, −1 if never. Trading stops there; the metrics cover the curve up to that bar. */
  ruinedAtBar: number;
  /**
   * Per proposal, in validation order (the same order in every run): the multiplier this run
   * applied (0 = blocked) and the rule that set it, and the trade's return on its entry
   * notional net of both fees (NaN when nothing was opened).
   */
  decisions: { multiplier: Float64Array; binding: string[]; tradeReturn: Float64Array };
  equity: Float64Array;
  gross: Float64Array;
  latency: LatencySummary;
  managerStats: unknown;
}

export interface SimulationResult {
  runs: RunResult[];
  proposals: number;
  /** Bar of each proposal, in validation order. */
  proposalBars: Int32Array;
  discontinuities: { symbol: string; timestamp: number; logReturn: number }[];
  regimeBars: Record<Regime, number>;
  /** Time spent feeding market data to all managers, ms (not part of the per-trade check). */
  marketDataMs: number;
}

/** One run: its account, and what the replay counts on top of the book. */
class Run {
  readonly account: Account;
  readonly counts = emptyCounts();
  readonly byExit: Record<ExitReason, number> = { time: 0, stop: 0, discontinuity: 0, end: 0 };
  /** Average pairwise correlation of the held book. */
  readonly heldCorrelation = new BookCorrelation();
  readonly equityCurve: Float64Array;
  readonly grossCurve: Float64Array;
  ruinedAtBar = -1;
  readonly multiplier: number[] = [];
  readonly binding: string[] = [];
  readonly tradeReturn: number[] = [];
  /** Open position id → proposal index, to credit each closed trade to its proposal. */
  private readonly proposalOf = new Map<string, number>();

  constructor(
    readonly spec: RunSpec,
    initialEquity: number,
    feeRate: number,
    bars: number,
  ) {
    this.account = new Account(spec.manager, { initialEquity, feeRate, idPrefix: `${spec.name}-` });
    this.equityCurve = new Float64Array(bars);
    this.grossCurve = new Float64Array(bars);
  }

  decided(proposal: number, multiplier: number, binding: string, position: Position | null): void {
    this.multiplier[proposal] = multiplier;
    this.binding[proposal] = binding;
    this.tradeReturn[proposal] = Number.NaN;
    if (position) this.proposalOf.set(position.id, proposal);
  }

  close(p: Position, reason: ExitReason): void {
    const entry = p.entryNotional;
    const net = this.account.close(p, p.lastPrice);
    const k = this.proposalOf.get(p.id);
    if (k !== undefined) {
      this.tradeReturn[k] = net / entry;
      this.proposalOf.delete(p.id);
    }
    this.byExit[reason]++;
  }

  /** Closes every open position at its last price, newest first. */
  closeAll(reason: ExitReason): void {
    const open = this.account.book.positions;
    for (let k = open.length - 1; k >= 0; k--) this.close(open[k], reason);
  }
}

/**
 * The strategy's proposals for every bar, each bar's in validation order: strongest signal
 * first, ties broken by a seeded shuffle (never by symbol name, which would always give the
 * same names the room under a cap). They depend on market data only, so several simulations
 * of the same market can share them.
 */
export function computeSignals(market: Market, params: StrategyParams = DEFAULT_STRATEGY, orderSeed = 1): BarSignals[] {
  const signals = new BreakoutSignals(market, params);
  const rng = new Rng(orderSeed);
  const out: BarSignals[] = [];
  for (let t = 0; t < market.timestamps.length; t++) {
    const bar = signals.step(t);
    const keyed = bar.proposals.map((p) => ({ p, tie: rng.uniform() }));
    keyed.sort((a, b) => b.p.strength - a.p.strength || a.tie - b.tie);
    out.push({ ...bar, proposals: keyed.map((k) => k.p) });
  }
  return out;
}

export function simulate(options: SimulationOptions): SimulationResult {
  const { market } = options;
  const params = options.strategy ?? DEFAULT_STRATEGY;
  const initialEquity = options.initialEquity ?? 100_000;
  const fee = (options.feeBps ?? 5) / 10_000;
  const bars = market.timestamps.length;
  const symbols = market.series.map((s) => s.symbol);
  const signals = options.signals ?? computeSignals(market, params, options.orderSeed ?? 1);
  if (signals.length !== bars) throw new RangeError(`signals cover ${signals.length} bars, the market has ${bars}`);
  const proposalBars: number[] = [];
  const runs = options.runs.map((spec) => new Run(spec, initialEquity, fee, bars));
  const discontinuities: SimulationResult['discontinuities'] = [];
  const regimeBars: Record<Regime, number> = { TRENDING: 0, RANGING: 0, VOLATILE: 0 };
  let marketDataMs = 0;
  const candle: number[][] = [[0, 0, 0, 0, 0, 0]];

  for (let t = 0; t < bars; t++) {
    const ts = market.timestamps[t];
    // 1. Market data: each symbol's candle for this bar, as a bot's loop would send it.
    const feedStart = performance.now();
    for (const s of market.series) {
      const c = s.close[t];
      if (!(c > 0)) continue;
      const row = candle[0];
      row[0] = ts;
      // The files may lack open/high/low; the close stands in (the manager reads only the close).
      row[1] = s.open[t] > 0 ? s.open[t] : c;
      row[2] = s.high[t] > 0 ? s.high[t] : c;
      row[3] = s.low[t] > 0 ? s.low[t] : c;
      row[4] = c;
      row[5] = s.volume[t] >= 0 ? s.volume[t] : 0;
      for (const run of runs) run.spec.manager.updateMarketData(s.symbol, candle);
    }
    marketDataMs += performance.now() - feedStart;

    const bar = signals[t];
    const firstProposal = proposalBars.length;
    for (let k = 0; k < bar.proposals.length; k++) proposalBars.push(t);
    regimeBars[bar.regime]++;
    for (const i of bar.discontinuities) {
      const s = market.series[i];
      let prev = Number.NaN;
      for (let u = t - 1; u >= 0 && !(prev > 0); u--) prev = s.close[u];
      discontinuities.push({ symbol: s.symbol, timestamp: ts, logReturn: Math.log(s.close[t] / prev) });
    }
    const jumped = new Set(bar.discontinuities);
    const close = (i: number): number => market.series[i].close[t];
    // A symbol that jumped keeps its last price: its positions close at the close before the jump.
    const markPrice = (i: number): number => (jumped.has(i) ? Number.NaN : close(i));

    for (const run of runs) {
      const { account } = run;
      const { book } = account;
      // 2. Mark to this bar's closes, then exits, newest position first: a discontinuity, the
      //    stop or the clock.
      book.mark(markPrice);
      for (let k = book.positions.length - 1; k >= 0; k--) {
        const p = book.positions[k];
        const reason = jumped.has(p.symbol) ? 'discontinuity' : exitReason(p, t, close(p.symbol), params.holdBars);
        if (reason) run.close(p, reason);
      }

      if (run.ruinedAtBar < 0 && book.equity <= 0) {
        // A strategy that has lost everything stops; the curve stays where it ended.
        run.ruinedAtBar = t;
        run.closeAll('end');
      }

      if (run.ruinedAtBar < 0) {
        // 3. The manager learns the equity, and exposure follows the price: every open
        //    position is resized to its marked notional.
        const equity = book.equity;
        account.sync();
        // 4. Entries: the same proposals for every run, sized off the equity the manager was
        //    just given, as a bot sizes off the equity it knows at the bar; entry fees land in
        //    the equity recorded below.
        bar.proposals.forEach((prop, k) => {
          const { answer, position } = account.propose({
            symbol: prop.symbolIndex,
            name: prop.symbol,
            side: prop.side,
            regime: prop.regime,
            strategy: prop.strategy,
            bar: t,
            price: close(prop.symbolIndex),
            proposedSize: prop.sizeFraction * equity,
            stopDistance: prop.stopDistance,
          });
          const multiplier = answer.allowed ? answer.sizeMultiplier : 0;
          countDecision(run.counts, answer.allowed, multiplier, answer.binding);
          run.decided(firstProposal + k, position ? multiplier : 0, answer.binding, position);
        });
      } else {
        for (let k = 0; k < bar.proposals.length; k++) run.decided(firstProposal + k, 0, 'ruined', null);
      }

      // A ruined account owes what it lost beyond its equity elsewhere; its curve ends at 0.
      const equity = Math.max(0, book.equity);
      run.equityCurve[t] = equity;
      run.grossCurve[t] = equity > 0 ? book.gross() / equity : 0;
      if (book.size >= 2 && options.correlationSource) run.heldCorrelation.addBar(signedPairs(book.positions, symbols, options.correlationSource));
    }
    options.onBar?.(t);
  }

  // Close what is still open at the last close, so final equity is realised and net of fees.
  for (const run of runs) {
    run.closeAll('end');
    if (bars > 0 && run.ruinedAtBar < 0) run.equityCurve[bars - 1] = Math.max(0, run.account.book.equity);
  }

  return {
    proposals: proposalBars.length,
    proposalBars: Int32Array.from(proposalBars),
    discontinuities,
    regimeBars,
    marketDataMs,
    runs: runs.map((run) => {
      let grossSum = 0;
      let grossMax = 0;
      // After ruin nothing is held: the run's exposure is measured over the bars it traded.
      const live = run.ruinedAtBar >= 0 ? run.ruinedAtBar + 1 : bars;
      for (const g of run.grossCurve.subarray(0, live)) {
        grossSum += g;
        if (g > grossMax) grossMax = g;
      }
      const { book } = run.account;
      return {
        name: run.spec.name,
        metrics: curveMetrics(run.equityCurve.subarray(0, live), market.periodsPerYear),
        counts: run.counts,
        trades: { ...book.trades, byExit: run.byExit },
        feesPaid: book.fees,
        meanGrossExposure: live > 0 ? grossSum / live : 0,
        maxGrossExposure: grossMax,
        bookCorrelation: run.heldCorrelation.value,
        bookCorrelationBars: run.heldCorrelation.sampledBars,
        ruinedAtBar: run.ruinedAtBar,
        decisions: {
          multiplier: Float64Array.from(run.multiplier),
          binding: run.binding,
          tradeReturn: Float64Array.from(run.tradeReturn, (v) => (v === undefined ? Number.NaN : v)),
        },
        equity: run.equityCurve,
        gross: run.grossCurve,
        latency: latencySummary(run.account.checkMs),
        managerStats: run.spec.manager.getStats(),
      };
    }),
  };
}

/** Signed correlations ρ_ij·s_i·s_j over the pairs of distinct held symbols. */
function* signedPairs(positions: readonly Position[], symbols: readonly string[], corr: (a: string, b: string) => number): Generator<number> {
  for (let a = 0; a < positions.length; a++) {
    for (let b = a + 1; b < positions.length; b++) {
      const pa = positions[a];
      const pb = positions[b];
      if (pa.symbol === pb.symbol) continue;
      const sign = pa.side === pb.side ? 1 : -1;
      yield sign * corr(symbols[pa.symbol], symbols[pb.symbol]);
    }
  }
}
