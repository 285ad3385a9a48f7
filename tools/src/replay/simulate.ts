/**
 * The replay: one market, one stream of strategy proposals, run twice in lockstep — portfolio
 * risk off and on — each run with its own equity, positions and risk manager. Both runs execute
 * the same code: every proposal goes through `validateNewPosition` (the disabled manager
 * answers 1.0, as it does for a bot that has it switched off), positions are registered,
 * resized to their marked notional every bar and unregistered on exit.
 *
 * Fills are at the bar's close; a fee in basis points is charged on every entry and exit
 * notional. Equity is marked to market every bar.
 */
import type { Market, Regime } from '../simulation/market.js';
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
import { BreakoutSignals, DEFAULT_STRATEGY, exitReason, type ExitReason, type Proposal, type Side, type StrategyParams } from './strategy.js';

/**
 * The part of PortfolioRiskManager the replay drives. Declared here (structurally) so the
 * simulator reads as what a bot does with the manager, and tests can see exactly which calls
 * the replay depends on.
 */
export interface RiskManagerLike {
  updateEquity(equity: number): void;
  updateMarketData(symbol: string, candles: readonly (readonly number[])[]): unknown;
  registerPosition(position: { id?: string; symbol: string; side: Side; size: number; regime: string; strategy?: string }): string;
  unregisterPosition(idOrSymbol: string): unknown;
  resizePosition(id: string, size: number): unknown;
  validateNewPosition(request: { symbol: string; side: Side; proposedSize: number; regime: string; strategy?: string }): {
    readonly allowed: boolean;
    readonly sizeMultiplier: number;
    readonly binding: string;
    readonly code: string;
    readonly reason: string;
  };
  getCorrelation(a: string, b: string): number;
  getStats(): unknown;
}

export interface RunSpec {
  name: string;
  manager: RiskManagerLike;
}

export interface SimulationOptions {
  market: Market;
  runs: readonly RunSpec[];
  /**
   * Where the held book's pairwise correlations are read from: a manager fed the same
   * market data with correlations available (normally the "risk on" one), so every run's book
   * is measured with the same estimator.
   */
  correlationSource: (a: string, b: string) => number;
  strategy?: StrategyParams;
  initialEquity?: number;
  feeBps?: number;
  onBar?: (t: number) => void;
}

interface OpenPosition {
  id: string;
  symbolIndex: number;
  side: Side;
  regime: Regime;
  entryBar: number;
  entryClose: number;
  /** Notional at entry. */
  entryNotional: number;
  stopDistance: number;
  /** Last close seen for the symbol while the position was open. */
  lastClose: number;
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
  /** Bar at which equity reached zero or below, −1 if never. Trading stops there. */
  ruinedAtBar: number;
  equity: Float64Array;
  gross: Float64Array;
  latency: LatencySummary;
  managerStats: unknown;
}

export interface SimulationResult {
  runs: RunResult[];
  proposals: number;
  discontinuities: { symbol: string; timestamp: number; logReturn: number }[];
  regimeBars: Record<Regime, number>;
  /** Time spent feeding market data to all managers, ms (not part of the per-trade check). */
  marketDataMs: number;
}

class Run {
  readonly positions: OpenPosition[] = [];
  readonly counts = emptyCounts();
  readonly trades: ClosedTrades = { count: 0, wins: 0, pnl: 0, byExit: { time: 0, stop: 0, discontinuity: 0, end: 0 } };
  readonly latencies: number[] = [];
  readonly book = new BookCorrelation();
  readonly equityCurve: Float64Array;
  readonly grossCurve: Float64Array;
  realized = 0;
  fees = 0;
  ruinedAtBar = -1;
  private nextId = 1;

  constructor(
    readonly spec: RunSpec,
    readonly initialEquity: number,
    bars: number,
  ) {
    this.equityCurve = new Float64Array(bars);
    this.grossCurve = new Float64Array(bars);
  }

  newId(): string {
    return `${this.spec.name}-${this.nextId++}`;
  }

  notional(p: OpenPosition): number {
    return (p.entryNotional * p.lastClose) / p.entryClose;
  }

  equity(): number {
    let unrealized = 0;
    for (const p of this.positions) unrealized += (p.side === 'long' ? 1 : -1) * (this.notional(p) - p.entryNotional);
    return this.initialEquity + this.realized + unrealized;
  }

  gross(): number {
    let g = 0;
    for (const p of this.positions) g += this.notional(p);
    return g;
  }
}

export function simulate(options: SimulationOptions): SimulationResult {
  const { market } = options;
  const params = options.strategy ?? DEFAULT_STRATEGY;
  const initialEquity = options.initialEquity ?? 100_000;
  const fee = (options.feeBps ?? 5) / 10_000;
  const bars = market.timestamps.length;
  const symbols = market.series.map((s) => s.symbol);
  const signals = new BreakoutSignals(market, params);
  const runs = options.runs.map((spec) => new Run(spec, initialEquity, bars));
  const discontinuities: SimulationResult['discontinuities'] = [];
  const regimeBars: Record<Regime, number> = { TRENDING: 0, RANGING: 0, VOLATILE: 0 };
  let proposals = 0;
  let marketDataMs = 0;
  const candle: number[][] = [[0, 0, 0, 0, 0, 0]];

  const close = (run: Run, k: number, exitClose: number, reason: ExitReason): void => {
    const p = run.positions[k];
    p.lastClose = exitClose;
    const exitNotional = run.notional(p);
    const gross = (p.side === 'long' ? 1 : -1) * (exitNotional - p.entryNotional);
    const exitFee = exitNotional * fee;
    run.realized += gross - exitFee;
    run.fees += exitFee;
    run.trades.count++;
    run.trades.pnl += gross - exitFee - p.entryNotional * fee;
    if (gross - exitFee - p.entryNotional * fee > 0) run.trades.wins++;
    run.trades.byExit[reason]++;
    run.spec.manager.unregisterPosition(p.id);
    run.positions.splice(k, 1);
  };

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

    const bar = signals.step(t);
    regimeBars[bar.regime]++;
    for (const i of bar.discontinuities) {
      const s = market.series[i];
      let prev = Number.NaN;
      for (let u = t - 1; u >= 0 && !(prev > 0); u--) prev = s.close[u];
      discontinuities.push({ symbol: s.symbol, timestamp: ts, logReturn: Math.log(s.close[t] / prev) });
    }
    const jumped = new Set(bar.discontinuities);

    for (const run of runs) {
      const manager = run.spec.manager;
      // 2. Exits. A discontinuity closes at the last close before the jump (lastClose is not
      //    yet updated); otherwise mark to this bar's close and test the stop and the clock.
      for (let k = run.positions.length - 1; k >= 0; k--) {
        const p = run.positions[k];
        if (jumped.has(p.symbolIndex)) {
          close(run, k, p.lastClose, 'discontinuity');
          continue;
        }
        const c = market.series[p.symbolIndex].close[t];
        if (c > 0) p.lastClose = c;
        const reason = exitReason(p, t, c, params.holdBars);
        if (reason) close(run, k, p.lastClose, reason);
      }

      let equity = run.equity();
      if (run.ruinedAtBar < 0 && equity <= 0) {
        // A strategy that has lost everything stops; the curve stays where it ended.
        run.ruinedAtBar = t;
        for (let k = run.positions.length - 1; k >= 0; k--) close(run, k, run.positions[k].lastClose, 'end');
        equity = run.equity();
      }

      if (run.ruinedAtBar < 0) {
        manager.updateEquity(equity);
        // 3. Exposure follows the price: resize every open position to its marked notional.
        for (const p of run.positions) manager.resizePosition(p.id, run.notional(p));

        // 4. Entries: the same proposals for every run, sized off this run's equity.
        //    Sized off the equity the manager was just given, as a bot sizes off the equity it
        //    knows at the bar; entry fees land in the equity recorded below.
        for (const prop of bar.proposals) enter(run, prop, equity, market.series[prop.symbolIndex].close[t], fee);
      }

      equity = run.equity();
      run.equityCurve[t] = equity;
      run.grossCurve[t] = equity > 0 ? run.gross() / equity : 0;
      if (run.positions.length >= 2) {
        run.book.addBar(signedPairs(run.positions, symbols, options.correlationSource));
      }
    }
    proposals += bar.proposals.length;
    options.onBar?.(t);
  }

  // Close what is still open at the last close, so final equity is realised and net of fees.
  for (const run of runs) {
    for (let k = run.positions.length - 1; k >= 0; k--) close(run, k, run.positions[k].lastClose, 'end');
    if (bars > 0 && run.ruinedAtBar < 0) run.equityCurve[bars - 1] = run.equity();
  }

  return {
    proposals,
    discontinuities,
    regimeBars,
    marketDataMs,
    runs: runs.map((run) => {
      let grossSum = 0;
      let grossMax = 0;
      for (const g of run.grossCurve) {
        grossSum += g;
        if (g > grossMax) grossMax = g;
      }
      return {
        name: run.spec.name,
        metrics: curveMetrics(run.equityCurve, market.periodsPerYear),
        counts: run.counts,
        trades: run.trades,
        feesPaid: run.fees,
        meanGrossExposure: bars > 0 ? grossSum / bars : 0,
        maxGrossExposure: grossMax,
        bookCorrelation: run.book.value,
        bookCorrelationBars: run.book.sampledBars,
        ruinedAtBar: run.ruinedAtBar,
        equity: run.equityCurve,
        gross: run.grossCurve,
        latency: latencySummary(run.latencies),
        managerStats: run.spec.manager.getStats(),
      };
    }),
  };

  function enter(run: Run, prop: Proposal, equity: number, entryClose: number, feeRate: number): void {
    const proposedSize = prop.sizeFraction * equity;
    const request = { symbol: prop.symbol, side: prop.side, proposedSize, regime: prop.regime, strategy: prop.strategy };
    const started = performance.now();
    const answer = run.spec.manager.validateNewPosition(request);
    run.latencies.push(performance.now() - started);
    const multiplier = answer.allowed ? answer.sizeMultiplier : 0;
    countDecision(run.counts, answer.allowed, multiplier, answer.binding);
    if (!(multiplier > 0)) return;
    const size = proposedSize * multiplier;
    const id = run.newId();
    run.spec.manager.registerPosition({ id, symbol: prop.symbol, side: prop.side, size, regime: prop.regime, strategy: prop.strategy });
    const entryFee = size * feeRate;
    run.realized -= entryFee;
    run.fees += entryFee;
    run.positions.push({
      id,
      symbolIndex: prop.symbolIndex,
      side: prop.side,
      regime: prop.regime,
      entryBar: prop.bar,
      entryClose,
      entryNotional: size,
      stopDistance: prop.stopDistance,
      lastClose: entryClose,
    });
  }
}

/** Signed correlations ρ_ij·s_i·s_j over the pairs of distinct held symbols. */
function* signedPairs(positions: readonly OpenPosition[], symbols: readonly string[], corr: (a: string, b: string) => number): Generator<number> {
  for (let a = 0; a < positions.length; a++) {
    for (let b = a + 1; b < positions.length; b++) {
      const pa = positions[a];
      const pb = positions[b];
      if (pa.symbolIndex === pb.symbolIndex) continue;
      const sign = pa.side === pb.side ? 1 : -1;
      yield sign * corr(symbols[pa.symbolIndex], symbols[pb.symbolIndex]);
    }
  }
}
