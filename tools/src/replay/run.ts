/**
 * One replay in memory: the market (synthetic or read from a folder of candle files), the
 * risk-on configuration, the same proposals run with portfolio risk off and on, and what the
 * user gets back (table, JSON report, SVG chart, notes about the input). Nothing is printed
 * and no file is written: the command line and the tests share it.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PortfolioGuardError, parseRiskConfig, type RiskConfig } from 'portfolio-guard';
import type { Market } from '../simulation/market.js';
import { generateSyntheticMarket } from '../simulation/synthetic-market.js';
import { loadCandleDir } from './candle-files.js';
import type { HygieneReport } from './hygiene.js';
import { runExperiment, type Experiment } from './experiment.js';
import { attributionTable, experimentJson, experimentTable, ruleTradesTable } from './experiment-report.js';
import { getPreset } from './presets.js';
import { chartInput, replayJson } from './report.js';
import type { SimulationResult } from './simulate.js';
import type { StrategyParams } from './strategy.js';
import { renderReplaySvg } from './svg.js';

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

function hygieneJson(h: HygieneReport): Record<string, unknown> {
  return {
    splits: h.splits.map((x) => ({ ...x, time: new Date(x.time).toISOString() })),
    breaks: h.breaks.map((x) => ({ ...x, from: new Date(x.from).toISOString(), to: new Date(x.to).toISOString() })),
    extreme: h.extreme,
  };
}

function hygieneNotes(h: HygieneReport): string[] {
  const notes: string[] = [];
  if (h.splits.length > 0) {
    notes.push(`${h.splits.length} split(s) adjusted forward, not booked as P&L: ${h.splits.map((x) => `${x.symbol} ${day(x.time)} ${x.ratio}`).join(', ')}`);
  }
  if (h.breaks.length > 0) {
    notes.push(
      `${h.breaks.length} data break(s) (holes in a file) start a new symbol; the move across each is not traded: ${h.breaks
        .map((x) => `${x.symbol} ${day(x.from)} → ${day(x.to)} (ln ${x.logMove.toFixed(2)}, then ${x.newSymbol})`)
        .join(', ')}`,
    );
  }
  if (h.extreme.length > 0) {
    notes.push(`implausibly many extreme moves (check these files): ${h.extreme.map((x) => `${x.symbol} ${x.moves} of ${x.rows} rows`).join(', ')}`);
  }
  return notes;
}

export interface ReplayOptions {
  source: { kind: 'demo'; seed: number; bars: number; symbols: number; scenario?: 'crash' } | { kind: 'candles'; dir: string };
  /** Run the experiment on each of these demo seeds instead (seeds.ts). */
  seeds?: number[];
  configFile: string | null;
  outDir: string;
  initialEquity: number;
  feeBps: number;
  strategy: StrategyParams;
  progress: boolean;
  /** Name of the risk-on preset (presets.ts). */
  preset: string;
  /** Keep-one and remove-one runs per rule. */
  attribution: boolean;
  /** Random-throttle draws. */
  throttleDraws: number;
  /** Quote currency of candle-file symbols without one in their name. */
  quote?: string;
}

/** Reads --config: JSON or YAML by extension; the manager's parser checks the keys. */
export function readConfigFile(file: string): RiskConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PortfolioGuardError(file, `cannot read the config file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new PortfolioGuardError(file, `is not valid ${extname(file).slice(1).toUpperCase()} (${String((err as Error).message).split('\n')[0]})`);
  }
  try {
    return parseRiskConfig(data as Parameters<typeof parseRiskConfig>[0]);
  } catch (err) {
    if (err instanceof PortfolioGuardError) throw new PortfolioGuardError(file, err.message, err.value);
    throw err;
  }
}

export interface ReplayOutcome {
  market: Market;
  result: SimulationResult;
  experiment: Experiment;
  table: string;
  json: Record<string, unknown>;
  svg: string;
  notes: string[];
}

/** Runs one replay; `onBar` hears of every bar simulated (the command line's progress bar). */
export function runReplay(options: ReplayOptions, onBar?: (t: number, total: number) => void): ReplayOutcome {
  const started = performance.now();
  const notes: string[] = [];
  let market: Market;
  let input: Record<string, unknown>;
  let title: string;
  if (options.source.kind === 'demo') {
    const { seed, bars, symbols, scenario } = options.source;
    const synthetic = generateSyntheticMarket({ seed, bars, symbols, scenario });
    market = synthetic;
    let crashes = 0;
    synthetic.truth.crash.forEach((c, i) => {
      if (c === 1 && (i === 0 || synthetic.truth.crash[i - 1] === 0)) crashes++;
    });
    input = { kind: 'synthetic', seed, bars, symbols, scenario: scenario ?? 'default', crashEpisodes: crashes, crashBars: synthetic.truth.crash.reduce((a, c) => a + c, 0) };
    title = `portfolio-guard replay — synthetic market${scenario ? `, ${scenario} scenario` : ''}, seed ${seed}`;
  } else {
    // A file must cover the breakout channel and at least one bar after it to ever trade.
    const loaded = loadCandleDir(options.source.dir, { minRows: options.strategy.lookback + 2, quote: options.quote });
    market = loaded;
    input = { kind: 'candles', dir: options.source.dir, quote: loaded.quote, files: loaded.files, skipped: loaded.skipped, hygiene: hygieneJson(loaded.hygiene) };
    if (loaded.ignored.length > 0) notes.push(`ignored (not .json/.csv): ${loaded.ignored.join(', ')}`);
    if (loaded.skipped.length > 0) notes.push(`skipped: ${loaded.skipped.map((f) => `${f.file} (${f.reason})`).join(', ')}`);
    notes.push(...hygieneNotes(loaded.hygiene));
    title = `portfolio-guard replay — ${options.source.dir}`;
  }

  const preset = getPreset(options.preset);
  // The market's own bar count per year annualises a preset's volatility and shock caps.
  const riskOn = options.configFile
    ? readConfigFile(options.configFile)
    : parseRiskConfig({ barsPerYear: market.periodsPerYear, ...preset.config });
  const configs = { off: { ...riskOn, enabled: false }, on: { ...riskOn, enabled: true } };
  const bars = market.timestamps.length;

  const experiment = runExperiment({
    market,
    strategy: options.strategy,
    initialEquity: options.initialEquity,
    feeBps: options.feeBps,
    preset,
    riskOn,
    attribution: options.attribution,
    throttleDraws: options.throttleDraws,
    seed: options.source.kind === 'demo' ? options.source.seed : 1,
    onBar,
  });
  // The chart and the per-run report show risk off and risk on; the rest is in the experiment.
  const result: SimulationResult = { ...experiment.main, runs: experiment.main.runs.slice(0, 2) };

  if (result.discontinuities.length > 0) {
    const shown = result.discontinuities
      .slice(0, 6)
      .map((d) => `${d.symbol} ${new Date(d.timestamp).toISOString().slice(0, 10)} (${d.logReturn >= 0 ? '×' : '÷'}${Math.exp(Math.abs(d.logReturn)).toFixed(2)})`);
    const more = result.discontinuities.length > 6 ? `, … ${result.discontinuities.length - 6} more` : '';
    notes.push(
      `${result.discontinuities.length} one-bar moves beyond --jump ${options.strategy.jumpThreshold} treated as data discontinuities (no P&L across them): ${shown.join(', ')}${more}`,
    );
  }

  const wallMs = performance.now() - started;
  const json = replayJson(market, result, {
    input,
    strategy: options.strategy,
    feeBps: options.feeBps,
    initialEquity: options.initialEquity,
    configs,
    wallMs,
    preset: preset.name,
    experiment: experimentJson(experiment),
  });
  const first = new Date(market.timestamps[0]).toISOString().slice(0, 10);
  const last = new Date(market.timestamps[bars - 1]).toISOString().slice(0, 10);
  const subtitle = `${market.series.length} symbols, ${bars.toLocaleString('en-US')} bars of ${market.barLabel}, ${first} → ${last}; same breakout proposals, portfolio risk off vs on (${options.configFile ?? `preset ${preset.name}`})`;
  const svg = renderReplaySvg(chartInput(market, result, title, subtitle));
  const table = [experimentTable(experiment), ruleTradesTable(experiment), attributionTable(experiment)].filter((t) => t !== '').join('\n\n');
  return { market, result, experiment, table, json, svg, notes };
}
