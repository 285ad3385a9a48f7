#!/usr/bin/env node
/**
 * `portfolio-guard` command line. `npm start` runs `replay --demo`: the built-in synthetic
 * market, the same proposals with portfolio risk off and on, a table on stdout, and
 * replay.svg / replay.json in the output folder.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseRiskConfig, type RiskConfig } from '../config.js';
import { PortfolioGuardError } from '../errors.js';
import { PortfolioRiskManager } from '../manager/index.js';
import { loadCandleDir } from '../replay/candle-files.js';
import type { Market } from '../replay/market.js';
import { Progress } from '../replay/progress.js';
import { chartInput, replayJson, replayTable, stringifyReport } from '../replay/report.js';
import { simulate, type SimulationResult } from '../replay/simulate.js';
import { renderReplaySvg } from '../replay/svg.js';
import { generateSyntheticMarket } from '../replay/synthetic-market.js';
import { MAIN_HELP, REPLAY_HELP, UsageError, parseCommand, type ReplayOptions } from './args.js';

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
  table: string;
  json: Record<string, unknown>;
  svg: string;
  notes: string[];
}

/** Runs a replay in memory: no files written, nothing printed. The CLI and the tests share it. */
export function runReplay(options: ReplayOptions, onBar?: (t: number, total: number) => void): ReplayOutcome {
  const started = performance.now();
  const notes: string[] = [];
  let market: Market;
  let input: Record<string, unknown>;
  let title: string;
  if (options.source.kind === 'demo') {
    const { seed, bars, symbols } = options.source;
    const synthetic = generateSyntheticMarket({ seed, bars, symbols });
    market = synthetic;
    let crashes = 0;
    synthetic.truth.crash.forEach((c, i) => {
      if (c === 1 && (i === 0 || synthetic.truth.crash[i - 1] === 0)) crashes++;
    });
    input = { kind: 'synthetic', seed, bars, symbols, crashEpisodes: crashes, crashBars: synthetic.truth.crash.reduce((a, c) => a + c, 0) };
    title = `portfolio-guard replay — synthetic market, seed ${seed}`;
  } else {
    const loaded = loadCandleDir(options.source.dir);
    market = loaded;
    input = { kind: 'candles', dir: options.source.dir, files: loaded.files };
    if (loaded.ignored.length > 0) notes.push(`ignored (not .json/.csv): ${loaded.ignored.join(', ')}`);
    const short = loaded.files.filter((f) => f.rows <= options.strategy.lookback);
    if (short.length > 0) {
      notes.push(
        `too short to ever trade (≤ ${options.strategy.lookback} candles, the breakout channel): ${short.map((f) => `${f.symbol} (${f.rows})`).join(', ')}`,
      );
    }
    title = `portfolio-guard replay — ${options.source.dir}`;
  }

  const riskOn = options.configFile ? readConfigFile(options.configFile) : parseRiskConfig({});
  const configs = { off: { ...riskOn, enabled: false }, on: { ...riskOn, enabled: true } };
  const off = PortfolioRiskManager.createSync(configs.off);
  const on = PortfolioRiskManager.createSync(configs.on);
  const bars = market.timestamps.length;

  const result = simulate({
    market,
    runs: [
      { name: 'off', manager: off },
      { name: 'on', manager: on },
    ],
    // Both books are measured with the same estimator: the enabled manager's correlations.
    correlationSource: (a, b) => on.getCorrelation(a, b),
    strategy: options.strategy,
    initialEquity: options.initialEquity,
    feeBps: options.feeBps,
    onBar: onBar ? (t) => onBar(t, bars) : undefined,
  });

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
  });
  const first = new Date(market.timestamps[0]).toISOString().slice(0, 10);
  const last = new Date(market.timestamps[bars - 1]).toISOString().slice(0, 10);
  const subtitle = `${market.series.length} symbols, ${bars.toLocaleString('en-US')} bars of ${market.barLabel}, ${first} → ${last}; same breakout proposals, portfolio risk off vs on (defaults${options.configFile ? ` + ${options.configFile}` : ''})`;
  const svg = renderReplaySvg(chartInput(market, result, title, subtitle));
  return { market, result, table: replayTable(result), json, svg, notes };
}

function replayCommand(options: ReplayOptions): void {
  let bar: Progress | null = null;
  const outcome = runReplay(
    options,
    options.progress
      ? (t, total) => {
          bar ??= new Progress({ label: 'replay', total });
          bar.update(t + 1);
        }
      : undefined,
  );
  (bar as Progress | null)?.finish();

  // Notes first: they describe the input the table is about.
  for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  mkdirSync(options.outDir, { recursive: true });
  const svgPath = join(options.outDir, 'replay.svg');
  const jsonPath = join(options.outDir, 'replay.json');
  writeFileSync(svgPath, outcome.svg);
  writeFileSync(jsonPath, stringifyReport(outcome.json));

  const m = outcome.market;
  const src = options.source.kind === 'demo' ? `synthetic market, seed ${options.source.seed}` : options.source.dir;
  process.stdout.write(
    `portfolio-guard replay: ${src} — ${m.series.length} symbols × ${m.timestamps.length.toLocaleString('en-US')} bars (${m.barLabel})\n\n`,
  );
  process.stdout.write(`${outcome.table}\n\nwrote ${svgPath} and ${jsonPath}\n`);
}

export function main(argv: readonly string[]): number {
  let command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`portfolio-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.topic === 'replay' ? REPLAY_HELP : MAIN_HELP);
    return 0;
  }
  if (command.kind === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  try {
    replayCommand(command.options);
    return 0;
  } catch (err) {
    // Bad files and configurations are the user's to fix: one line, no stack.
    if (err instanceof PortfolioGuardError || err instanceof RangeError) {
      process.stderr.write(`portfolio-guard: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

// Run only as the entry point, so tests can import runReplay without starting a replay.
// npm's bin link is a symlink, so compare real paths.
const invoked = process.argv[1];
if (invoked && realpathOrSelf(invoked) === realpathOrSelf(fileURLToPath(import.meta.url))) {
  process.exitCode = main(process.argv.slice(2));
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
