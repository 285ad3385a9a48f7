/**
 * The replay as an experiment: one market, one stream of proposals, and every way of deciding
 * which of them to take, run through the same accounts and fills:
 * - risk off (every proposal at full size: different leverage, shown for reference) and risk
 *   on (the preset's configuration);
 * - exposure-matched baselines (baselines.ts): scaledRiskOff, grossCap, randomThrottle;
 * - optionally, attribution: for every rule of the preset, a run with only that rule and a run
 *   with every rule but that one;
 * and, from the runs already made, the risk-off return of the trades each rule blocked or
 * reduced, and 95% block-bootstrap intervals of risk-on's Sharpe minus each baseline's.
 *
 * Pass 1 runs the real managers (risk off, risk on, attribution); pass 2 the baselines, whose
 * levels are set from risk-on's pass-1 numbers.
 */
import { PortfolioRiskManager, parseRiskConfig, type RiskConfig, type RiskConfigInput } from 'portfolio-guard';
import type { Market } from '../simulation/market.js';
import { admittedShare, GrossCapManager, RandomThrottleManager, scaleCurve } from './baselines.js';
import { curveMetrics, type CurveMetrics } from './metrics.js';
import { withRulesOff, type Preset } from './presets.js';
import { computeSignals, simulate, type RunResult, type SimulationResult } from './simulate.js';
import { blockBootstrap, defaultBlockLength, meanSe, sharpeOf, type Interval } from './stats.js';
import type { StrategyParams } from './strategy.js';

export interface ExperimentOptions {
  market: Market;
  strategy: StrategyParams;
  initialEquity: number;
  feeBps: number;
  preset: Preset;
  /** Risk-on configuration (the preset's, or a --config file's); `enabled` is set here. */
  riskOn: RiskConfig;
  /** Keep-one and remove-one runs per rule (two more managers per rule). */
  attribution: boolean;
  /** Independent random-throttle draws. */
  throttleDraws: number;
  /** Seeds the tie-break shuffle, the throttle draws and the bootstrap. */
  seed: number;
  onBar?: (t: number, total: number) => void;
}

/** One column of the comparison: a curve and what it held. */
export interface Column {
  name: string;
  metrics: CurveMetrics;
  meanGrossExposure: number;
  maxGrossExposure: number;
  ruinedAtBar: number;
  /** Sum over crash episodes of the equity return across the episode; NaN without episodes. */
  crashPnl: number;
  equity: Float64Array;
  gross: Float64Array;
  run: RunResult | null;
}

export interface TradeGroup {
  /** Proposals in the group that risk-off traded. */
  trades: number;
  /** Mean risk-off return per trade on its notional, net of fees, in basis points, and its standard error. */
  meanBp: number;
  seBp: number;
}

export interface RuleTrades {
  rule: string;
  blocked: TradeGroup;
  reduced: TradeGroup;
}

export interface PairedDifference {
  baseline: string;
  metric: 'sharpe';
  interval: Interval & { blockLength: number; bars: number; method: string };
}

export interface AttributionRun {
  rule: string;
  mode: 'keepOne' | 'removeOne';
  column: Column;
  /** Sharpe minus risk-off's (= minus the exposure-matched risk-off's), with its interval. */
  sharpeVsScaledRiskOff: Interval;
}

export interface Experiment {
  main: SimulationResult;
  off: Column;
  on: Column;
  scaledRiskOff: Column & { leverage: number };
  grossCap: Column & { capPct: number };
  randomThrottle: { rate: number; draws: Column[]; mean: Column };
  admitted: { full: TradeGroup; byRule: RuleTrades[] };
  pairedDifferences: PairedDifference[];
  attribution: AttributionRun[] | null;
  crashEpisodes: [number, number][];
  blockLength: number;
}

/** Inclusive [first, last] bars of each run of 1s. */
export function crashEpisodes(crash: ArrayLike<number> | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (!crash) return out;
  for (let t = 0; t < crash.length; t++) {
    if (crash[t] === 1 && (t === 0 || crash[t - 1] !== 1)) out.push([t, t]);
    if (crash[t] === 1) out[out.length - 1][1] = t;
  }
  return out;
}

/** Σ over episodes of E(last) / E(bar before first) − 1. */
export function crashPnl(equity: ArrayLike<number>, episodes: readonly [number, number][]): number {
  if (episodes.length === 0) return Number.NaN;
  let sum = 0;
  for (const [a, b] of episodes) {
    const before = equity[Math.max(0, a - 1)];
    sum += before > 0 ? equity[b] / before - 1 : 0;
  }
  return sum;
}

/** Bar returns that stay finite after ruin (a flat 0 curve returns 0). */
export function safeReturns(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, equity.length - 1));
  for (let t = 1; t < equity.length; t++) out[t - 1] = equity[t - 1] > 0 ? equity[t] / equity[t - 1] - 1 : 0;
  return out;
}

function meanOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length > 0 ? s / values.length : Number.NaN;
}

function column(name: string, equity: Float64Array, gross: Float64Array, periodsPerYear: number, episodes: [number, number][], run: RunResult | null): Column {
  let ruined = -1;
  for (let t = 0; t < equity.length; t++) {
    if (equity[t] <= 0) {
      ruined = t;
      break;
    }
  }
  const live = ruined >= 0 ? ruined + 1 : equity.length;
  let max = 0;
  for (let t = 0; t < live; t++) if (gross[t] > max) max = gross[t];
  return {
    name,
    metrics: curveMetrics(equity.subarray(0, live), periodsPerYear),
    meanGrossExposure: meanOf(gross.subarray(0, live)),
    maxGrossExposure: max,
    ruinedAtBar: ruined,
    crashPnl: crashPnl(equity, episodes),
    equity,
    gross,
    run,
  };
}

function fromRun(run: RunResult, periodsPerYear: number, episodes: [number, number][], name = run.name): Column {
  return column(name, run.equity, run.gross, periodsPerYear, episodes, run);
}

function group(returns: number[]): TradeGroup {
  const { mean, se, n } = meanSe(returns);
  return { trades: n, meanBp: mean * 1e4, seBp: se * 1e4 };
}

/**
 * The risk-off return of every proposal, grouped by what risk-on did with it: admitted in
 * full, or blocked or reduced by each rule. Every proposal risk-off traded is in exactly one
 * group.
 */
export function tradesByDecision(off: RunResult, on: RunResult): { full: TradeGroup; byRule: RuleTrades[]; unexplained: number } {
  const full: number[] = [];
  const blocked = new Map<string, number[]>();
  const reduced = new Map<string, number[]>();
  let unexplained = 0;
  const r = off.decisions.tradeReturn;
  for (let k = 0; k < r.length; k++) {
    if (!Number.isFinite(r[k])) continue;
    const m = on.decisions.multiplier[k];
    const rule = on.decisions.binding[k];
    if (m >= 1) full.push(r[k]);
    else {
      const into = m > 0 ? reduced : blocked;
      if (!into.has(rule)) into.set(rule, []);
      into.get(rule)!.push(r[k]);
    }
    if (m === undefined) unexplained++;
  }
  const rules = [...new Set([...blocked.keys(), ...reduced.keys()])];
  return {
    full: group(full),
    byRule: rules.map((rule) => ({ rule, blocked: group(blocked.get(rule) ?? []), reduced: group(reduced.get(rule) ?? []) })),
    unexplained,
  };
}

export function runExperiment(options: ExperimentOptions): Experiment {
  const { market, strategy, preset } = options;
  const ppy = market.periodsPerYear;
  const bars = market.timestamps.length;
  const episodes = crashEpisodes(market.truth?.crash);
  const signals = computeSignals(market, strategy, options.seed);
  const common = { market, strategy, signals, initialEquity: options.initialEquity, feeBps: options.feeBps };
  const base: RiskConfigInput = { ...options.riskOn } as RiskConfigInput;
  const create = (config: RiskConfigInput, enabled: boolean): PortfolioRiskManager => PortfolioRiskManager.createSync(parseRiskConfig({ ...config, enabled }));

  // Pass 1: the real managers.
  const on = create(base, true);
  const specs = [
    { name: 'off', manager: create(base, false) },
    { name: 'on', manager: on },
  ];
  if (options.attribution) {
    for (const rule of preset.rules) {
      specs.push({ name: `only ${rule.name}`, manager: create(withRulesOff(base, preset.rules.filter((r) => r !== rule)), true) });
      specs.push({ name: `without ${rule.name}`, manager: create(withRulesOff(base, [rule]), true) });
    }
  }
  const main = simulate({
    ...common,
    runs: specs,
    correlationSource: (a, b) => on.getCorrelation(a, b),
    onBar: options.onBar ? (t) => options.onBar!(t, bars * 2) : undefined,
  });
  const offRun = main.runs[0];
  const onRun = main.runs[1];
  const off = fromRun(offRun, ppy, episodes);
  const onCol = fromRun(onRun, ppy, episodes);

  // Pass 2: the baselines, at risk-on's exposure and admission rate.
  const k = off.meanGrossExposure > 0 ? onCol.meanGrossExposure / off.meanGrossExposure : 0;
  const scaledEquity = scaleCurve(offRun.equity, k);
  const scaledGross = Float64Array.from(offRun.gross, (g) => g * k);
  const scaled = { ...column('scaledRiskOff', scaledEquity, scaledGross, ppy, episodes, null), leverage: k };
  const rate = admittedShare(onRun.decisions.multiplier);
  const capPct = onCol.meanGrossExposure;
  const draws = Math.max(1, options.throttleDraws);
  const baselineRuns = simulate({
    ...common,
    runs: [
      { name: 'grossCap', manager: new GrossCapManager(capPct) },
      ...Array.from({ length: draws }, (_, d) => ({ name: `randomThrottle ${d + 1}`, manager: new RandomThrottleManager(rate, options.seed * 1000 + d + 1) })),
    ],
    onBar: options.onBar ? (t) => options.onBar!(bars + t, bars * 2) : undefined,
  });
  const grossCap = { ...fromRun(baselineRuns.runs[0], ppy, episodes), capPct };
  const drawCols = baselineRuns.runs.slice(1).map((r) => fromRun(r, ppy, episodes));
  const meanEquity = new Float64Array(bars);
  const meanGross = new Float64Array(bars);
  // The "mean" throttle column reports each metric averaged over the draws; its curve (for the
  // chart) is the draws' average equity.
  for (const c of drawCols) {
    for (let t = 0; t < bars; t++) {
      meanEquity[t] += c.equity[t] / drawCols.length;
      meanGross[t] += c.gross[t] / drawCols.length;
    }
  }
  const avg = (f: (c: Column) => number): number => meanOf(drawCols.map(f));
  const throttleMean: Column = {
    name: 'randomThrottle',
    metrics: {
      initialEquity: options.initialEquity,
      finalEquity: avg((c) => c.metrics.finalEquity),
      totalReturn: avg((c) => c.metrics.totalReturn),
      maxDrawdown: avg((c) => c.metrics.maxDrawdown),
      annualVolatility: avg((c) => c.metrics.annualVolatility),
      sharpe: avg((c) => c.metrics.sharpe),
      worstBar: avg((c) => c.metrics.worstBar),
      worstBarIndex: -1,
    },
    meanGrossExposure: avg((c) => c.meanGrossExposure),
    maxGrossExposure: avg((c) => c.maxGrossExposure),
    ruinedAtBar: Math.max(-1, ...drawCols.map((c) => c.ruinedAtBar)),
    crashPnl: avg((c) => c.crashPnl),
    equity: meanEquity,
    gross: meanGross,
    run: null,
  };

  // Intervals: blocks at least one holding period long, so a trade's bars stay together.
  const blockLength = defaultBlockLength(bars, strategy.holdBars);
  const ret = (c: Column): Float64Array => safeReturns(c.equity);
  const sh = (r: Float64Array): number => sharpeOf(r, ppy);
  const bootstrap = (series: Float64Array[], stat: (s: readonly Float64Array[]) => number, salt: number) =>
    blockBootstrap(series, stat, { blockLength, seed: options.seed * 7919 + salt });
  const method = 'moving-block bootstrap of paired bar returns';
  const onR = ret(onCol);
  const pairedDifferences: PairedDifference[] = [
    { baseline: 'scaledRiskOff', metric: 'sharpe', interval: { ...bootstrap([onR, ret(scaled)], ([a, b]) => sh(a) - sh(b), 1), method } },
    { baseline: 'grossCap', metric: 'sharpe', interval: { ...bootstrap([onR, ret(grossCap)], ([a, b]) => sh(a) - sh(b), 2), method } },
    {
      baseline: 'randomThrottle',
      metric: 'sharpe',
      interval: {
        ...bootstrap([onR, ...drawCols.map(ret)], ([a, ...d]) => sh(a) - meanOf(d.map(sh)), 3),
        method: `${method}; the baseline is the mean Sharpe of ${drawCols.length} draws`,
      },
    },
  ];

  let attribution: AttributionRun[] | null = null;
  if (options.attribution) {
    const offR = ret(off);
    attribution = main.runs.slice(2).map((r, i) => {
      const col = fromRun(r, ppy, episodes);
      const rule = preset.rules[i >> 1].name;
      return {
        rule,
        mode: i % 2 === 0 ? 'keepOne' : 'removeOne',
        column: col,
        sharpeVsScaledRiskOff: bootstrap([ret(col), offR], ([a, b]) => sh(a) - sh(b), 10 + i),
      };
    });
  }

  const { full, byRule } = tradesByDecision(offRun, onRun);
  return {
    main,
    off,
    on: onCol,
    scaledRiskOff: scaled,
    grossCap,
    randomThrottle: { rate, draws: drawCols, mean: throttleMean },
    admitted: { full, byRule },
    pairedDifferences,
    attribution,
    crashEpisodes: episodes,
    blockLength,
  };
}
