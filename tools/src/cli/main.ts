/**
 * `portfolio-guard` command line (tools/bin/portfolio-guard.mjs runs `main`). `npm start` runs
 * `replay --demo`: the built-in synthetic market, the same proposals with portfolio risk off
 * and on, a table on stdout, and replay.svg / replay.json in the output folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PortfolioGuardError } from 'portfolio-guard';
import { Progress } from '../replay/progress.js';
import { stringifyReport } from '../replay/report.js';
import { readConfigFile, runReplay, type ReplayOptions } from '../replay/run.js';
import { runSeeds, seedsTable } from '../replay/seeds.js';
import { MAIN_HELP, REPLAY_HELP, UsageError, parseCommand } from './args.js';

function seedsCommand(options: ReplayOptions, seeds: number[]): void {
  if (options.source.kind !== 'demo') throw new RangeError('--seeds applies to --demo only');
  const { bars, symbols, scenario } = options.source;
  const started = performance.now();
  const result = runSeeds({
    seeds,
    bars,
    symbols,
    scenario,
    strategy: options.strategy,
    initialEquity: options.initialEquity,
    feeBps: options.feeBps,
    preset: options.preset,
    riskOn: options.configFile ? readConfigFile(options.configFile) : undefined,
    throttleDraws: options.throttleDraws,
    onSeed: options.progress && process.stderr.isTTY && !process.env.CI ? (done, total) => process.stderr.write(`\rseed ${done}/${total}`) : undefined,
  });
  if (options.progress && process.stderr.isTTY && !process.env.CI) process.stderr.write('\n');
  mkdirSync(options.outDir, { recursive: true });
  const jsonPath = join(options.outDir, 'replay.json');
  const report = {
    tool: 'portfolio-guard replay',
    input: { kind: 'synthetic', seeds: `${seeds[0]}..${seeds[seeds.length - 1]}`, bars, symbols, scenario: scenario ?? 'default' },
    preset: options.preset,
    strategy: options.strategy,
    feeBps: options.feeBps,
    ...result,
    timing: { wallMs: Math.round(performance.now() - started) },
  };
  writeFileSync(jsonPath, stringifyReport(report));
  process.stdout.write(
    `portfolio-guard replay: synthetic market${scenario ? `, ${scenario} scenario` : ''}, seeds ${seeds[0]}..${seeds[seeds.length - 1]} — ${symbols} symbols × ${bars.toLocaleString('en-US')} bars each, preset ${options.preset}\n\n`,
  );
  process.stdout.write(`${seedsTable(result)}\n\nwrote ${jsonPath}\n`);
}

function replayCommand(options: ReplayOptions): void {
  if (options.seeds) return seedsCommand(options, options.seeds);
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
  const src =
    options.source.kind === 'demo'
      ? `synthetic market${options.source.scenario ? `, ${options.source.scenario} scenario` : ''}, seed ${options.source.seed}`
      : `${options.source.dir} (prices in ${(outcome.market as { quote?: string }).quote ?? 'USD'})`;
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
    // The version of the library the replay runs, as installed next to this command.
    const pkg = createRequire(import.meta.url)('portfolio-guard/package.json') as { version: string };
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
