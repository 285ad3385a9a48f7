/**
 * Turns a simulation into what the user sees: the side-by-side table, the JSON report and the
 * chart input. Everything random-free and clock-free lives outside the `timing` key of the JSON,
 * so two runs with the same seed give the same JSON apart from `timing`.
 */
import type { Market } from '../simulation/market.js';
import type { SimulationResult } from './simulate.js';
import type { StrategyParams } from './strategy.js';
import type { ChartInput } from './svg.js';
import { formatFixed, formatMoney, formatPercent, renderTable, type TableRow } from './table.js';

export interface ReportContext {
  input: Record<string, unknown>;
  strategy: StrategyParams;
  feeBps: number;
  initialEquity: number;
  /** Risk configuration of each run, by run name. */
  configs: Record<string, unknown>;
  /** Wall-clock time of the whole replay, ms. */
  wallMs: number;
  preset: string;
  /** Baselines, paired differences, cut trades, attribution (experiment-report.ts). */
  experiment: Record<string, unknown>;
}

/** Rules in the order the manager applies them (docs/design.md); anything else the manager reports follows. */
const RULE_ORDER = ['correlation', 'symbol', 'direction', 'regime'];

function ruleNames(result: SimulationResult, key: 'reducedBy' | 'blockedBy'): string[] {
  const names = new Set<string>();
  for (const run of result.runs) for (const k of Object.keys(run.counts[key])) names.add(k);
  return [...names].sort((a, b) => {
    const ia = RULE_ORDER.indexOf(a);
    const ib = RULE_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

export function replayTable(result: SimulationResult): string {
  const runs = result.runs;
  const row = (label: string, cell: (r: (typeof runs)[number]) => string | number, indent = 0): TableRow => ({
    label,
    indent,
    cells: runs.map(cell),
  });
  const rows: TableRow[] = [
    row('trades proposed', (r) => r.counts.proposed),
    row('allowed at full size', (r) => r.counts.allowedFull, 1),
    row('reduced', (r) => r.counts.reduced, 1),
    ...ruleNames(result, 'reducedBy').map((k) => row(`by ${k}`, (r) => r.counts.reducedBy[k] ?? 0, 2)),
    row('blocked', (r) => r.counts.blocked, 1),
    ...ruleNames(result, 'blockedBy').map((k) => row(`by ${k}`, (r) => r.counts.blockedBy[k] ?? 0, 2)),
    row('final equity', (r) => formatMoney(r.metrics.finalEquity)),
    row('total return', (r) => formatPercent(r.metrics.totalReturn)),
    row('max drawdown', (r) => formatPercent(r.metrics.maxDrawdown)),
    row('annualised volatility', (r) => formatPercent(r.metrics.annualVolatility)),
    row('Sharpe (annualised, rf = 0)', (r) => formatFixed(r.metrics.sharpe, 2)),
    row('worst bar', (r) => formatPercent(r.metrics.worstBar, 2)),
    row('avg pairwise corr, held book', (r) => formatFixed(r.bookCorrelation, 3)),
    row('mean gross exposure', (r) => formatPercent(r.meanGrossExposure, 0)),
    row('max gross exposure', (r) => formatPercent(r.maxGrossExposure, 0)),
    row('fees paid', (r) => formatMoney(r.feesPaid)),
    row('risk check µs/trade (mean)', (r) => formatFixed(r.latency.meanUs, 1)),
    row('risk check µs/trade (p99)', (r) => formatFixed(r.latency.p99Us, 1)),
  ];
  if (runs.some((r) => r.ruinedAtBar >= 0)) rows.push(row('ruined at bar', (r) => (r.ruinedAtBar >= 0 ? r.ruinedAtBar : '-')));
  return renderTable(['', ...runs.map((r) => `risk ${r.name}`)], rows);
}

const round = (x: number, digits: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function replayJson(market: Market, result: SimulationResult, ctx: ReportContext): Record<string, unknown> {
  return {
    tool: 'portfolio-guard replay',
    input: ctx.input,
    bars: market.timestamps.length,
    symbols: market.series.length,
    barLabel: market.barLabel,
    periodsPerYear: market.periodsPerYear,
    start: new Date(market.timestamps[0]).toISOString(),
    end: new Date(market.timestamps[market.timestamps.length - 1]).toISOString(),
    initialEquity: ctx.initialEquity,
    feeBps: ctx.feeBps,
    strategy: ctx.strategy,
    preset: ctx.preset,
    configs: ctx.configs,
    proposals: result.proposals,
    regimeBars: result.regimeBars,
    discontinuities: result.discontinuities.map((d) => ({
      symbol: d.symbol,
      time: new Date(d.timestamp).toISOString(),
      logReturn: round(d.logReturn, 6),
    })),
    runs: result.runs.map((r) => ({
      name: r.name,
      metrics: r.metrics,
      counts: r.counts,
      trades: r.trades,
      feesPaid: r.feesPaid,
      meanGrossExposure: r.meanGrossExposure,
      maxGrossExposure: r.maxGrossExposure,
      bookCorrelation: r.bookCorrelation,
      bookCorrelationBars: r.bookCorrelationBars,
      ruinedAtBar: r.ruinedAtBar,
      managerStats: r.managerStats,
    })),
    ...ctx.experiment,
    curves: {
      timestamps: Array.from(market.timestamps),
      ...Object.fromEntries(
        result.runs.map((r) => [
          r.name,
          { equity: Array.from(r.equity, (v) => round(v, 2)), grossExposure: Array.from(r.gross, (v) => round(v, 4)) },
        ]),
      ),
    },
    // Clock measurements: the only part of the report that differs between identical runs.
    timing: {
      wallMs: round(ctx.wallMs, 1),
      marketDataMs: round(result.marketDataMs, 1),
      riskChecks: Object.fromEntries(result.runs.map((r) => [r.name, r.latency])),
    },
  };
}

/**
 * Pretty-prints the report, except the per-bar curves, which go on one line each: indented
 * they would be tens of thousands of lines nobody reads. NaN and ∞ become null, as in JSON.
 */
export function stringifyReport(report: Record<string, unknown>): string {
  const finite = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  const { curves, ...rest } = report;
  const head = JSON.stringify(rest, finite, 2);
  if (curves === undefined) return `${head}\n`;
  const lines = Object.entries(curves as Record<string, unknown>).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v, finite)}`);
  return `${head.slice(0, -2)},\n  "curves": {\n${lines.join(',\n')}\n  }\n}\n`;
}

const RUN_COLORS = ['#7f7f7f', '#1f77b4', '#ff7f0e', '#2ca02c'];

export function chartInput(market: Market, result: SimulationResult, title: string, subtitle: string): ChartInput {
  return {
    title,
    subtitle,
    timestamps: market.timestamps,
    runs: result.runs.map((r, k) => ({
      name: `risk ${r.name}`,
      color: RUN_COLORS[k % RUN_COLORS.length],
      equity: r.equity,
      gross: r.gross,
      dashed: k === 0,
    })),
    shaded: market.truth?.crash,
    shadedLabel: market.truth ? 'crash episode' : undefined,
  };
}
