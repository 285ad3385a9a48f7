/**
 * The experiment over many synthetic markets (`--seeds 1..50`): one experiment per seed, then
 * per column the distribution of each metric across seeds, and risk on's paired difference
 * with each baseline (same seed, same proposals) with a 95% bootstrap interval of its mean
 * over seeds. Seeds are independent markets, so the plain bootstrap over seeds applies.
 */
import { parseRiskConfig } from 'portfolio-guard';
import { generateSyntheticMarket } from '../simulation/synthetic-market.js';
import type { Column, Experiment } from './experiment.js';
import { runExperiment } from './experiment.js';
import { formatInterval, verdict } from './experiment-report.js';
import { getPreset } from './presets.js';
import { bootstrapMean, type Interval } from './stats.js';
import type { StrategyParams } from './strategy.js';
import { formatFixed, renderTable, type TableRow } from './table.js';

export interface SeedsOptions {
  seeds: readonly number[];
  bars: number;
  symbols: number;
  scenario?: 'crash';
  strategy: StrategyParams;
  initialEquity: number;
  feeBps: number;
  preset: string;
  riskOn?: ReturnType<typeof parseRiskConfig>;
  throttleDraws: number;
  onSeed?: (done: number, total: number) => void;
}

const METRICS = {
  sharpe: (c: Column) => c.metrics.sharpe,
  totalReturn: (c: Column) => c.metrics.totalReturn,
  maxDrawdown: (c: Column) => c.metrics.maxDrawdown,
  crashPnl: (c: Column) => c.crashPnl,
  meanGrossExposure: (c: Column) => c.meanGrossExposure,
} as const;
type Metric = keyof typeof METRICS;

const COLUMNS = {
  on: (e: Experiment) => e.on,
  scaledRiskOff: (e: Experiment) => e.scaledRiskOff,
  grossCap: (e: Experiment) => e.grossCap,
  randomThrottle: (e: Experiment) => e.randomThrottle.mean,
  off: (e: Experiment) => e.off,
} as const;
type ColumnName = keyof typeof COLUMNS;

export interface SeedsResult {
  seeds: number[];
  /** Per column and metric: the mean over seeds with its 95% bootstrap interval. */
  distributions: Record<ColumnName, Record<Metric, Interval & { values: number[] }>>;
  /** Risk on − baseline, per metric, paired by seed. */
  pairedDifferences: { baseline: ColumnName; metric: Metric; interval: Interval; seeds: number }[];
}

export function runSeeds(options: SeedsOptions): SeedsResult {
  const preset = getPreset(options.preset);
  const values = {} as Record<ColumnName, Record<Metric, number[]>>;
  for (const c of Object.keys(COLUMNS) as ColumnName[]) {
    values[c] = {} as Record<Metric, number[]>;
    for (const m of Object.keys(METRICS) as Metric[]) values[c][m] = [];
  }
  options.seeds.forEach((seed, k) => {
    const market = generateSyntheticMarket({ seed, bars: options.bars, symbols: options.symbols, scenario: options.scenario });
    // The market's own bar count per year annualises a preset's volatility and shock caps.
    const riskOn = options.riskOn ?? parseRiskConfig({ barsPerYear: market.periodsPerYear, ...preset.config });
    const e = runExperiment({
      market,
      strategy: options.strategy,
      initialEquity: options.initialEquity,
      feeBps: options.feeBps,
      preset,
      riskOn,
      attribution: false,
      throttleDraws: options.throttleDraws,
      seed,
    });
    for (const c of Object.keys(COLUMNS) as ColumnName[]) {
      for (const m of Object.keys(METRICS) as Metric[]) values[c][m].push(METRICS[m](COLUMNS[c](e)));
    }
    options.onSeed?.(k + 1, options.seeds.length);
  });
  const distributions = {} as SeedsResult['distributions'];
  for (const c of Object.keys(COLUMNS) as ColumnName[]) {
    distributions[c] = {} as Record<Metric, Interval & { values: number[] }>;
    for (const m of Object.keys(METRICS) as Metric[]) {
      const v = values[c][m].filter(Number.isFinite);
      distributions[c][m] = { ...bootstrapMean(v, 11), values: values[c][m] };
    }
  }
  const pairedDifferences: SeedsResult['pairedDifferences'] = [];
  for (const baseline of ['scaledRiskOff', 'grossCap', 'randomThrottle', 'off'] as const) {
    for (const metric of ['sharpe', 'maxDrawdown', 'crashPnl'] as const) {
      const d: number[] = [];
      values.on[metric].forEach((v, i) => {
        const x = v - values[baseline][metric][i];
        if (Number.isFinite(x)) d.push(x);
      });
      pairedDifferences.push({ baseline, metric, interval: bootstrapMean(d, 13), seeds: d.length });
    }
  }
  return { seeds: [...options.seeds], distributions, pairedDifferences };
}

export function seedsTable(r: SeedsResult): string {
  const cols: ColumnName[] = ['on', 'scaledRiskOff', 'grossCap', 'randomThrottle', 'off'];
  const heads = ['risk on', 'scaled risk off', 'gross cap', 'random throttle', 'risk off'];
  const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
  const rows: TableRow[] = [
    { label: 'mean gross exposure', cells: cols.map((c) => pct(r.distributions[c].meanGrossExposure.estimate)) },
    { label: 'Sharpe', cells: cols.map((c) => formatFixed(r.distributions[c].sharpe.estimate, 2)) },
    { label: 'max drawdown', cells: cols.map((c) => pct(r.distributions[c].maxDrawdown.estimate)) },
    { label: 'total return', cells: cols.map((c) => pct(r.distributions[c].totalReturn.estimate)) },
    { label: 'crash episodes P&L', cells: cols.map((c) => pct(r.distributions[c].crashPnl.estimate)) },
  ];
  const lines = r.pairedDifferences
    .filter((p) => p.baseline !== 'off')
    .map((p) => {
      const scale = p.metric === 'sharpe' ? 1 : 100;
      const iv = { estimate: p.interval.estimate * scale, low: p.interval.low * scale, high: p.interval.high * scale };
      return `  ${p.metric.padEnd(12)} vs ${p.baseline.padEnd(15)} ${formatInterval(iv).padEnd(26)} ${verdict(p.metric === 'maxDrawdown' ? { ...iv, low: -iv.high, high: -iv.low } : iv)}`;
    });
  return [
    `Means over ${r.seeds.length} seeds:`,
    renderTable(['', ...heads], rows),
    '',
    `Risk on − baseline, paired by seed, mean and 95% bootstrap interval over seeds (drawdown and crash P&L in points of %):`,
    ...lines,
  ].join('\n');
}
