/**
 * Command-line parsing for `portfolio-guard`, kept apart from main.ts so it can be tested
 * without running a replay. node:util parseArgs does the tokenising; the checks of values and
 * of flag combinations are here, each failure a UsageError with one line for the user.
 */
import { parseArgs } from 'node:util';
import type { ReplayOptions } from '../replay/run.js';
import { DEFAULT_PRESET, PRESETS } from '../replay/presets.js';
import { DEFAULT_STRATEGY, type StrategyParams } from '../replay/strategy.js';

export type { ReplayOptions };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Command = { kind: 'help'; topic: 'main' | 'replay' } | { kind: 'version' } | { kind: 'replay'; options: ReplayOptions };

/** A year of hourly bars: long enough for several regimes and crash episodes, a few seconds to run. */
export const DEMO_DEFAULTS = { seed: 1, bars: 8760, symbols: 48 } as const;
export const DEFAULT_OUT = 'report';
export const DEFAULT_EQUITY = 100_000;
export const DEFAULT_FEE_BPS = 5;
export const DEFAULT_DRAWS = 3;

function scenario(raw: string): 'crash' {
  if (raw !== 'crash') throw new UsageError(`--scenario must be "crash", got "${raw}"`);
  return raw;
}

function seedRange(raw: string): number[] {
  const m = /^(\d+)\.\.(\d+)$/.exec(raw.trim());
  if (!m) throw new UsageError(`--seeds must be a range A..B of integers, got "${raw}"`);
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (b < a + 1 || b - a > 9999) throw new UsageError(`--seeds needs 2 to 10,000 seeds, A < B, got "${raw}"`);
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

function currency(raw: string): string {
  if (!/^[A-Z0-9]{2,10}$/.test(raw)) throw new UsageError(`--quote must be a currency code such as USD or BTC, got "${raw}"`);
  return raw;
}

function preset(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_PRESET;
  if (!Object.hasOwn(PRESETS, raw)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${raw}"`);
  return raw;
}

export const MAIN_HELP = `portfolio-guard — portfolio-level pre-trade risk (correlation, symbol, direction, regime caps)

Usage:
  portfolio-guard replay --demo [options]          replay the built-in synthetic market
  portfolio-guard replay --candles DIR [options]   replay your own candle files
  portfolio-guard replay --help                    every replay flag
  portfolio-guard --version

The replay runs one strategy's trade proposals twice, portfolio risk off and on, and prints
the two runs side by side; it writes replay.svg and replay.json into the output folder.
`;

export const REPLAY_HELP = `portfolio-guard replay — the same trade proposals with portfolio risk off and on

Usage:
  portfolio-guard replay --demo [--seed N] [--bars N] [--symbols N] [options]
  portfolio-guard replay --candles DIR [--config FILE] [options]

Input (exactly one):
  --demo             A seeded synthetic market: hourly candles for --symbols symbols driven by
                     a market factor and four sector factors, regimes TRENDING / RANGING /
                     VOLATILE that switch, and crash episodes where correlations go to ~1.
  --seed N           Demo seed, an integer (default ${DEMO_DEFAULTS.seed}). Same seed, same numbers.
  --bars N           Demo length in hourly bars (default ${DEMO_DEFAULTS.bars}).
  --symbols N        Demo symbol count (default ${DEMO_DEFAULTS.symbols}).
  --scenario crash   A market that tests the thesis: every crash follows a broad rally, so
                     the breakout book is long and correlated when the market falls.
  --seeds A..B       Run the experiment on every seed from A to B and report each metric's
                     mean over seeds and risk on − each baseline with a 95% bootstrap
                     interval (replay.json only; no chart).
  --candles DIR      A folder of candle files, one symbol per file, not recursive:
                       *.json  ccxt/freqtrade arrays [[ts_ms, open, high, low, close, volume], …]
                               or objects [{"timestamp"|"time"|"date": …, "close": …}, …]
                       *.csv   a header with a time column (time, date, datetime, timestamp, ts)
                               and a close column; or no header in Lean's order
                               time,open,high,low,close,volume
                     Times: epoch ms or s, 2024-01-31, 2024-01-31 13:05[:00], ISO 8601,
                     20240131 [13:05] (UTC unless the time has a zone). Symbols are the file
                     names (freqtrade's ADA_BTC-5m.json is ADA/BTC). All files are aligned on
                     the union of their timestamps; a symbol trades only where it has a candle.

Risk settings:
  --config FILE      Risk configuration for the "risk on" run, .json, .yaml or .yml: camelCase
                     keys, snake_case keys, or a snake_case block under portfolio_risk:.
                     Missing keys take the defaults. "enabled" is ignored: the "off" run is
                     always disabled and the "on" run always enabled. Without --config,
                     "risk on" uses the preset.
  --preset NAME      Risk-on configuration under test: ${Object.values(PRESETS).map((p) => `${p.name} (${p.description})`).join('; ')}
                     (default ${DEFAULT_PRESET}).

Experiment:
  --attribution      Also run each rule alone and every rule but one (two more risk
                     managers per rule), and print their table.
  --draws N          Random-throttle baseline draws (default ${DEFAULT_DRAWS}).

Strategy (a channel breakout on every symbol; the same proposals feed both runs):
  --lookback N       Breakout channel length in bars (default ${DEFAULT_STRATEGY.lookback}).
  --hold N           Bars a position is held, and a symbol's quiet period after a signal
                     (default ${DEFAULT_STRATEGY.holdBars}).
  --size F           Proposed notional as a fraction of equity, in (0, 1] (default ${DEFAULT_STRATEGY.sizeFraction}).
  --stop K           Stop distance in σ·√hold of the symbol's per-bar log returns
                     (default ${DEFAULT_STRATEGY.stopSigmas}).
  --jump X           Treat a one-bar |ln(close/previous close)| above X as a data
                     discontinuity, not a return: positions in that symbol close at the
                     previous close and its history restarts. Default: off, every move is
                     P&L; splits and holes in candle files are handled when they are read.
  --quote CCY        Quote currency of candle files whose names carry none (default USD).
                     BASE/QUOTE names (ADA_BTC-5m.json) carry theirs; a folder mixing quote
                     currencies is refused.
  --equity N         Starting equity in account currency (default ${DEFAULT_EQUITY.toLocaleString('en-US')}).
  --fee-bps N        Fee on every entry and exit notional, basis points (default ${DEFAULT_FEE_BPS}).

Output:
  --out DIR          Folder for replay.svg and replay.json (default "${DEFAULT_OUT}"; created).
  --no-progress      Never draw the progress bar. It is drawn on stderr only for runs longer
                     than a second, only when stderr is a terminal, and never when CI is set.
  -h, --help         This text.

The table goes to stdout; notes about the input (skipped files, discontinuities) to stderr.
Exit status: 0 done, 1 bad input file or configuration, 2 bad command line.
`;

function int(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return v;
}

function real(name: string, raw: string | undefined, fallback: number, ok: (v: number) => boolean, what: string): number {
  if (raw === undefined) return fallback;
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v) || !ok(v)) throw new UsageError(`--${name} must be ${what}, got "${raw}"`);
  return v;
}

export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { kind: 'help', topic: command === 'help' && rest[0] === 'replay' ? 'replay' : 'main' };
  }
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command !== 'replay') throw new UsageError(`unknown command "${command}" (try: portfolio-guard --help)`);

  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        seed: { type: 'string' },
        bars: { type: 'string' },
        symbols: { type: 'string' },
        candles: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        lookback: { type: 'string' },
        hold: { type: 'string' },
        size: { type: 'string' },
        stop: { type: 'string' },
        jump: { type: 'string' },
        equity: { type: 'string' },
        'fee-bps': { type: 'string' },
        'no-progress': { type: 'boolean' },
        preset: { type: 'string' },
        attribution: { type: 'boolean' },
        draws: { type: 'string' },
        quote: { type: 'string' },
        seeds: { type: 'string' },
        scenario: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs's messages are already one line and name the flag.
    throw new UsageError(`${(err as Error).message} (try: portfolio-guard replay --help)`);
  }
  if (values.help) return { kind: 'help', topic: 'replay' };

  if (values.demo && values.candles !== undefined) throw new UsageError('give either --demo or --candles DIR, not both');
  if (!values.demo && values.candles === undefined) throw new UsageError('replay needs --demo or --candles DIR (try: portfolio-guard replay --help)');
  if (values.candles !== undefined) {
    for (const demoOnly of ['seed', 'bars', 'symbols', 'seeds', 'scenario'] as const) {
      if (values[demoOnly] !== undefined) throw new UsageError(`--${demoOnly} only applies to --demo`);
    }
    if (values.candles.trim() === '') throw new UsageError('--candles needs a folder');
  }
  if (values.config !== undefined && !/\.(json|ya?ml)$/i.test(values.config)) {
    throw new UsageError(`--config must be a .json, .yaml or .yml file, got "${values.config}"`);
  }

  const source: ReplayOptions['source'] =
    values.candles !== undefined
      ? { kind: 'candles', dir: values.candles }
      : {
          kind: 'demo',
          seed: int('seed', values.seed, DEMO_DEFAULTS.seed, 0),
          bars: int('bars', values.bars, DEMO_DEFAULTS.bars, 100),
          symbols: int('symbols', values.symbols, DEMO_DEFAULTS.symbols, 2),
          ...(values.scenario !== undefined ? { scenario: scenario(values.scenario) } : {}),
        };
  if (values.seeds !== undefined && values.seed !== undefined) throw new UsageError('give either --seed N or --seeds A..B, not both');
  if (values.seeds !== undefined && values.attribution) throw new UsageError('--attribution applies to one market, not to --seeds');
  const lookback = int('lookback', values.lookback, DEFAULT_STRATEGY.lookback, 2);
  const strategy: StrategyParams = {
    ...DEFAULT_STRATEGY,
    lookback,
    holdBars: int('hold', values.hold, DEFAULT_STRATEGY.holdBars, 1),
    sizeFraction: real('size', values.size, DEFAULT_STRATEGY.sizeFraction, (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
    stopSigmas: real('stop', values.stop, DEFAULT_STRATEGY.stopSigmas, (v) => v > 0, 'a number > 0'),
    jumpThreshold: real('jump', values.jump, DEFAULT_STRATEGY.jumpThreshold, (v) => v > 0, 'a number > 0'),
  };
  return {
    kind: 'replay',
    options: {
      source,
      configFile: values.config ?? null,
      outDir: values.out ?? DEFAULT_OUT,
      initialEquity: real('equity', values.equity, DEFAULT_EQUITY, (v) => v > 0, 'a number > 0'),
      feeBps: real('fee-bps', values['fee-bps'], DEFAULT_FEE_BPS, (v) => v >= 0 && v < 10_000, 'a number in [0, 10000)'),
      strategy,
      progress: !values['no-progress'],
      preset: preset(values.preset),
      attribution: values.attribution ?? false,
      throttleDraws: int('draws', values.draws, DEFAULT_DRAWS, 1),
      ...(values.seeds !== undefined ? { seeds: seedRange(values.seeds) } : {}),
      ...(values.quote !== undefined ? { quote: currency(values.quote) } : {}),
    },
  };
}
