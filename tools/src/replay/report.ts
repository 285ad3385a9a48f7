/**
 * Turns a simulation into what the user sees: the JSON report and the chart input (the
 * tables are experiment-report.ts's). Everything random-free and clock-free lives outside the `timing` key of the JSON,
 * so two runs with the same seed give the same JSON apart from `timing`.
 */
import type { Market } from '../simulation/market.js';
import type { SimulationResult } from './simulate.js';
import type { StrategyParams } from './strategy.js';
import type { ChartInput } from './svg.js';

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
