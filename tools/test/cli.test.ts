import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_DEFAULTS, UsageError, parseCommand, type ReplayOptions } from '../src/cli/args.js';
import { main } from '../src/cli/main.js';
import { runReplay } from '../src/replay/run.js';
import { stringifyReport } from '../src/replay/report.js';
import { DEFAULT_STRATEGY } from '../src/replay/strategy.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Captures what main() writes to stdout and stderr. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  return { out: () => out.join(''), err: () => err.join('') };
}

/** Deterministic random-walk candles (a tiny LCG, so the test owns its data). */
function walk(seed: number, rows: number): number[] {
  let s = seed;
  let price = 100;
  const out: number[] = [];
  for (let i = 0; i < rows; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    price *= Math.exp((s / 2147483648 - 0.5) * 0.04);
    out.push(Number(price.toFixed(4)));
  }
  return out;
}

/** Writes three small candle files into dir/candles and returns that folder. */
function writeCandles(): string {
  const folder = join(dir, 'candles');
  mkdirSync(folder);
  const day = 86_400_000;
  const t0 = Date.UTC(2021, 0, 4);
  // CSV in the lean-daily layout, with a few missing days for one symbol.
  const a = walk(1, 300);
  writeFileSync(
    join(folder, 'AAA.csv'),
    `date,open,high,low,close,volume\n${a
      .map((c, i) => (i % 50 === 7 ? null : `${new Date(t0 + i * day).toISOString().slice(0, 10)},${c},${c},${c},${c},100`))
      .filter((l) => l !== null)
      .join('\n')}\n`,
  );
  const b = walk(2, 300);
  writeFileSync(join(folder, 'BBB_USD-1d.json'), JSON.stringify(b.map((c, i) => [t0 + i * day, c, c, c, c, 5])));
  const c = walk(3, 250);
  writeFileSync(join(folder, 'CCC.json'), JSON.stringify(c.map((close, i) => ({ date: new Date(t0 + (i + 50) * day).toISOString(), close }))));
  return folder;
}

describe('parseCommand', () => {
  it('defaults for --demo', () => {
    const c = parseCommand(['replay', '--demo']);
    expect(c).toEqual({
      kind: 'replay',
      options: {
        source: { kind: 'demo', ...DEMO_DEFAULTS },
        configFile: null,
        outDir: 'report',
        initialEquity: 100_000,
        feeBps: 5,
        strategy: DEFAULT_STRATEGY,
        progress: true,
        preset: 'defaults',
        attribution: false,
        throttleDraws: 3,
      },
    });
  });

  it('reads every flag', () => {
    const c = parseCommand([
      'replay', '--candles', 'data', '--config', 'risk.yaml', '--out', 'o', '--lookback', '20', '--hold', '10',
      '--size', '0.1', '--stop', '2', '--jump', '1', '--equity', '5000', '--fee-bps', '0', '--no-progress',
      '--preset', 'defaults', '--attribution', '--draws', '3', '--quote', 'BTC',
    ]);
    expect(c).toEqual({
      kind: 'replay',
      options: {
        source: { kind: 'candles', dir: 'data' },
        configFile: 'risk.yaml',
        outDir: 'o',
        initialEquity: 5000,
        feeBps: 0,
        strategy: { ...DEFAULT_STRATEGY, lookback: 20, holdBars: 10, sizeFraction: 0.1, stopSigmas: 2, jumpThreshold: 1 },
        progress: false,
        preset: 'defaults',
        attribution: true,
        throttleDraws: 3,
        quote: 'BTC',
      },
    });
  });

  it.each([
    [['replay'], /needs --demo or --candles/],
    [['replay', '--demo', '--candles', 'x'], /either --demo or --candles/],
    [['replay', '--candles', 'x', '--seed', '3'], /--seed only applies to --demo/],
    [['replay', '--demo', '--bars', '12.5'], /--bars must be an integer/],
    [['replay', '--demo', '--bars', '10'], /--bars must be an integer ≥ 100/],
    [['replay', '--demo', '--size', '2'], /--size must be a number in \(0, 1\]/],
    [['replay', '--demo', '--config', 'risk.txt'], /--config must be a .json, .yaml or .yml file/],
    [['replay', '--demo', '--frobnicate'], /frobnicate/],
    [['replay', '--demo', 'extra'], /extra/],
    [['launch'], /unknown command "launch"/],
    [['replay', '--demo', '--preset', 'tight'], /--preset must be one of defaults/],
    [['replay', '--demo', '--seeds', '5'], /--seeds must be a range A..B/],
    [['replay', '--demo', '--seeds', '3..3'], /--seeds needs 2 to 10,000 seeds/],
    [['replay', '--demo', '--seed', '1', '--seeds', '1..4'], /either --seed N or --seeds/],
    [['replay', '--demo', '--seeds', '1..4', '--attribution'], /--attribution applies to one market/],
    [['replay', '--candles', 'x', '--scenario', 'crash'], /--scenario only applies to --demo/],
    [['replay', '--demo', '--scenario', 'boom'], /--scenario must be "crash"/],
    [['replay', '--demo', '--quote', 'usd'], /--quote must be a currency code/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it('help and version', () => {
    expect(parseCommand([])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommand(['replay', '--help'])).toEqual({ kind: 'help', topic: 'replay' });
    expect(parseCommand(['replay', '-h', '--demo'])).toEqual({ kind: 'help', topic: 'replay' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });
});

describe('the portfolio-guard command', () => {
  const bin = fileURLToPath(new URL('../bin/portfolio-guard.mjs', import.meta.url));
  const libraryVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

  it('is a committed, executable file that runs as a program (npx runs it through its #! line)', () => {
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`${libraryVersion}\n`);
  });

  it('--version is the version of the library it runs', () => {
    const io = capture();
    expect(main(['--version'])).toBe(0);
    expect(io.out()).toBe(`${libraryVersion}\n`);
  });
});

describe('main', () => {
  it('--help documents every flag the parser accepts', () => {
    const io = capture();
    expect(main(['replay', '--help'])).toBe(0);
    for (const flag of ['--demo', '--seed', '--bars', '--symbols', '--candles', '--config', '--out', '--lookback', '--hold', '--size', '--stop', '--jump', '--equity', '--fee-bps', '--no-progress', '--help']) {
      expect(io.out()).toContain(flag);
    }
  });

  it('replays a folder of CSV and JSON candles and writes the SVG and JSON', () => {
    const candles = writeCandles();
    const out = join(dir, 'out');
    const io = capture();
    expect(main(['replay', '--candles', candles, '--out', out, '--lookback', '10', '--hold', '5', '--no-progress'])).toBe(0);
    expect(io.out()).toContain('risk off');
    expect(io.out()).toContain('risk on');
    expect(io.out()).toContain('trades proposed');
    const json = JSON.parse(readFileSync(join(out, 'replay.json'), 'utf8'));
    expect(json.symbols).toBe(3);
    expect(json.input.files.map((f: { symbol: string }) => f.symbol)).toEqual(['AAA', 'BBB/USD', 'CCC']);
    // 300 days starting 2021-01-04, all three files on one union grid.
    expect(json.bars).toBe(300);
    expect(json.runs[0].counts.proposed).toBeGreaterThan(0);
    expect(json.curves.on.equity).toHaveLength(300);
    expect(readFileSync(join(out, 'replay.svg'), 'utf8')).toMatch(/^<svg [^]*<\/svg>\n$/);
  });

  it('a bad file is one line on stderr naming the file and row, exit status 1', () => {
    const candles = writeCandles();
    writeFileSync(join(candles, 'BAD.csv'), 'date,close\n2021-01-04,10\n2021-01-05,-3\n');
    const io = capture();
    expect(main(['replay', '--candles', candles, '--out', join(dir, 'out'), '--no-progress'])).toBe(1);
    expect(io.err()).toBe(`portfolio-guard: ${join(candles, 'BAD.csv')} line 3 (row 2): close must be a positive number, got "-3"\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a usage error is exit status 2', () => {
    const io = capture();
    expect(main(['replay', '--demo', '--bars', 'many'])).toBe(2);
    expect(io.err()).toBe('portfolio-guard: --bars must be an integer, got "many"\n');
  });

  it('--config reads a portfolio_risk YAML block; the runs are forced off and on', () => {
    const candles = writeCandles();
    const yaml = join(dir, 'risk.yaml');
    writeFileSync(yaml, 'portfolio_risk:\n  enabled: false\n  max_symbol_exposure_pct: 0.03\n  correlation_lookback: 50\n');
    const options: ReplayOptions = {
      source: { kind: 'candles', dir: candles },
      configFile: yaml,
      outDir: join(dir, 'out'),
      initialEquity: 100_000,
      feeBps: 5,
      strategy: { ...DEFAULT_STRATEGY, lookback: 10, holdBars: 5 },
      progress: false,
      preset: 'defaults',
      attribution: false,
      throttleDraws: 1,
    };
    const r = runReplay(options);
    const configs = r.json.configs as Record<string, Record<string, unknown>>;
    expect(configs.on).toMatchObject({ enabled: true, maxSymbolExposurePct: 0.03, correlationLookback: 50 });
    expect(configs.off).toMatchObject({ enabled: false, maxSymbolExposurePct: 0.03 });
    // 5% proposals against a 3% symbol cap: the on run cannot take any at full size.
    expect(r.result.runs[1].counts.allowedFull).toBe(0);
  });

  it('--config with an unknown key names the file and the key', () => {
    const candles = writeCandles();
    const json = join(dir, 'risk.json');
    writeFileSync(json, JSON.stringify({ maxSymbolExposure: 0.2 }));
    const io = capture();
    expect(main(['replay', '--candles', candles, '--config', json, '--out', join(dir, 'out'), '--no-progress'])).toBe(1);
    expect(io.err()).toMatch(new RegExp(`^portfolio-guard: ${json.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: maxSymbolExposure: unknown key`));
    expect(io.err().trimEnd()).not.toContain('\n');
  });
});

describe('determinism', { timeout: 60_000 }, () => {
  const demoSource = { kind: 'demo', seed: 7, bars: 1500, symbols: 48 } as const;
  const demo: ReplayOptions = {
    source: demoSource,
    configFile: null,
    outDir: 'unused',
    initialEquity: 100_000,
    feeBps: 5,
    strategy: DEFAULT_STRATEGY,
    progress: false,
    preset: 'defaults',
    attribution: false,
    throttleDraws: 2,
  };
  const withoutTiming = (json: Record<string, unknown>): string => {
    const { timing, ...rest } = json;
    expect(timing).toBeDefined();
    return stringifyReport(rest);
  };

  it('the same seed gives the same JSON (apart from clock timings) and the same SVG', () => {
    const a = runReplay(demo);
    const b = runReplay(demo);
    expect(withoutTiming(b.json)).toBe(withoutTiming(a.json));
    expect(b.svg).toBe(a.svg);
    const noLatency = (t: string): string => t.split('\n').filter((l) => !l.includes('µs')).join('\n');
    expect(noLatency(b.table)).toBe(noLatency(a.table));
  });

  it('another seed gives other numbers', () => {
    const a = runReplay(demo);
    const c = runReplay({ ...demo, source: { ...demoSource, seed: 8 } });
    expect(withoutTiming(c.json)).not.toBe(withoutTiming(a.json));
  });
});
