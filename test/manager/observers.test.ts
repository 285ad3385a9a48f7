// A call's outcome never depends on its observers. A logger or listener that throws (a closed
// log pipe, a buggy handler) changes neither the answer nor the state: each call is run twice,
// on a manager whose observer throws and on a twin without one, and the two must return the
// same and hold the same bytes. What observers throw is counted in getStats().observerErrors
// and reported once per failing observer on the logger's error level; it never reaches the
// caller, nor a later microtask (in Node an uncaught exception that kills the bot).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LIST_QUERIES } from '../../bindings/engine.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, loadCorrelatedPair, recordingLogger } from './helpers.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];
const ONCE = ' (reported once; getStats().observerErrors counts every failure)';

/** A console-shaped logger that records every line, and throws at the levels in `failing`. */
function breakableLogger() {
  const lines: { level: Level; line: string }[] = [];
  const failing = new Set<Level>();
  const method = (level: Level) => (line: string) => {
    if (failing.has(level)) throw new Error(`EPIPE: ${level} pipe closed`);
    lines.push({ level, line });
  };
  return { lines, failing, debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}

/** Two symbols correlated at 0.92, equity, one open position: the state every scenario starts from. */
function prepare(m: PortfolioRiskManager): PortfolioRiskManager {
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  return m;
}

const CALLS: readonly [string, (m: PortfolioRiskManager) => unknown][] = [
  ['registerPosition', (m) => m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 10_000, regime: 'TRENDING' })],
  ['validateNewPosition, allowed', (m) => m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 1_000, regime: 'R' })],
  ['validateNewPosition, reduced', (m) => m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 5_000, regime: 'R' })],
  ['validateNewPosition, blocked', (m) => m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 900_000, regime: 'R' })],
  ['unregisterPosition', (m) => m.unregisterPosition('p1')],
  ['resizePosition', (m) => m.resizePosition('p1', 5_000)],
  ['resizePosition to 0', (m) => m.resizePosition('p1', 0)],
  ['updateConfig', (m) => m.updateConfig({ maxSymbolExposurePct: 0.3 })],
];

/** Everything a call's outcome is made of, except the observer tally itself. */
function outcome(m: PortfolioRiskManager, returned: unknown) {
  const { observerErrors: _, ...stats } = m.getStats();
  return { returned, stats, snapshot: m.snapshot() };
}

describe('a logger that throws at one level changes no call', () => {
  for (const [name, call] of CALLS) {
    test.each(LEVELS)(`${name}, %s throws`, (level) => {
      const twinLogger = recordingLogger();
      const twin = prepare(enabledManager({}, { logger: twinLogger }));
      twinLogger.lines.length = 0;
      const expected = outcome(twin, call(twin));

      const logger = breakableLogger();
      const m = prepare(enabledManager({}, { logger }));
      logger.lines.length = 0;
      logger.failing.add(level);
      let returned: unknown;
      expect(() => { returned = call(m); }).not.toThrow();
      expect(outcome(m, returned)).toEqual(expected);

      // One failure per line the twin wrote at that level; the first is reported on `error`.
      const failures = twinLogger.lines.filter((l) => l.level === level).length;
      expect(m.getStats().observerErrors).toBe(failures);
      const report = `[PORTFOLIO_RISK] The logger's ${level}() threw${ONCE}: EPIPE: ${level} pipe closed`;
      const reports = logger.lines.filter((l) => l.line === report);
      // A failing `error` cannot report itself.
      expect(reports).toEqual(failures > 0 && level !== 'error' ? [{ level: 'error', line: report }] : []);
      // Every other line still arrives.
      expect(logger.lines.filter((l) => l.line !== report)).toEqual(twinLogger.lines.filter((l) => l.level !== level));
    });
  }
});

test('a closed log pipe: registerPosition records the position once, and a retrying bot is not tempted', () => {
  const logger = breakableLogger();
  const m = enabledManager({}, { logger });
  m.updateEquity(100_000);
  logger.failing.add('info').add('warn').add('error');
  const register = () => m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'T' });
  let id: string | undefined;
  try {
    id = register();
  } catch {
    id = register(); // what a bot does when an order-book call throws
  }
  expect(id).toBe('p1');
  expect(m.getPositions().map((p) => p.id)).toEqual(['p1']);
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.2);
});

test('internal errors answered by onError are unchanged by a failing logger', () => {
  const run = (logger?: ReturnType<typeof breakableLogger>) => {
    const m = prepare(enabledManager({}, logger ? { logger } : {}));
    logger?.failing.add('error');
    vi.spyOn(m.engine[LIST_QUERIES], 'correlationsWith').mockImplementation(() => {
      throw new RangeError('simulated wasm trap');
    });
    return { m, answer: m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'T' }) };
  };
  const twin = run();
  const { m, answer } = run(breakableLogger());
  expect(answer).toEqual(twin.answer);
  expect(answer.code).toBe('ERROR_BLOCKED');
  expect(outcome(m, answer)).toEqual(outcome(twin.m, twin.answer));
  // The internal-error line went to `error`, which threw; nothing else could report it.
  expect(m.getStats().observerErrors).toBe(1);
});

/**
 * Collects errors that surface after a call has returned: Node's uncaught exceptions and
 * unhandled rejections, or a page's `error` and `unhandledrejection` events (this suite also
 * runs in Chromium).
 */
function uncaughtErrors(): { readonly seen: unknown[]; start(): void; stop(): void } {
  const seen: unknown[] = [];
  const node = (globalThis as { process?: NodeJS.Process }).process;
  const inNode = typeof node?.prependListener === 'function';
  const onNode = (error: unknown) => seen.push(error);
  const onPage = (event: Event) => seen.push((event as ErrorEvent).error ?? (event as PromiseRejectionEvent).reason);
  return {
    seen,
    start() {
      seen.length = 0;
      if (inNode) {
        node!.prependListener('uncaughtException', onNode);
        node!.prependListener('unhandledRejection', onNode);
      } else {
        globalThis.addEventListener('error', onPage);
        globalThis.addEventListener('unhandledrejection', onPage);
      }
    },
    stop() {
      if (inNode) {
        node!.off('uncaughtException', onNode);
        node!.off('unhandledRejection', onNode);
      } else {
        globalThis.removeEventListener('error', onPage);
        globalThis.removeEventListener('unhandledrejection', onPage);
      }
    },
  };
}

describe('listeners that throw', () => {
  const watcher = uncaughtErrors();
  const uncaught = watcher.seen;
  beforeEach(() => watcher.start());
  afterEach(() => watcher.stop());
  /** Lets every microtask and one macrotask run: where a rethrown error would surface. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  test('without a logger: the call completes, later listeners run, the error is counted and never rethrown', async () => {
    const twin = prepare(enabledManager());
    const m = prepare(enabledManager());
    let later = 0;
    m.on('registered', () => { throw new Error('listener bug'); });
    m.on('registered', () => { later += 1; });
    m.on('blocked', () => { throw new TypeError('blocked listener bug'); });
    const request = { symbol: 'BTC/USDT', side: 'long', proposedSize: 900_000, regime: 'R' } as const;
    const position = { symbol: 'SOL/USDT', side: 'long', size: 1_000, regime: 'R' } as const;
    expect(m.registerPosition(position)).toBe(twin.registerPosition(position));
    expect(m.validateNewPosition(request)).toEqual(twin.validateNewPosition(request));
    await settle();
    expect(uncaught).toEqual([]);
    expect(later).toBe(1);
    expect(m.getStats().observerErrors).toBe(2);
    expect(m.snapshot()).toEqual(twin.snapshot());
  });

  test('with a logger: each failing listener is reported once per event, every failure counted', async () => {
    const logger = breakableLogger();
    const m = prepare(enabledManager({}, { logger }));
    logger.lines.length = 0;
    const first = () => { throw new Error('first bug'); };
    const second = () => { throw new Error('second bug'); };
    m.on('registered', first);
    m.on('unregistered', first);
    m.on('registered', second);
    for (let k = 0; k < 3; k++) m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 1_000, regime: 'R' });
    m.unregisterPosition('p2');
    await settle();
    expect(uncaught).toEqual([]);
    expect(m.getStats().observerErrors).toBe(7);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([
      { level: 'error', line: `[PORTFOLIO_RISK] A 'registered' listener threw${ONCE}: first bug` },
      { level: 'error', line: `[PORTFOLIO_RISK] A 'registered' listener threw${ONCE}: second bug` },
      { level: 'error', line: `[PORTFOLIO_RISK] A 'unregistered' listener threw${ONCE}: first bug` },
    ]);
  });

  test('with a logger whose error() throws too: nothing escapes, every failure is counted', async () => {
    const logger = breakableLogger();
    const twin = prepare(enabledManager());
    const m = prepare(enabledManager({}, { logger }));
    logger.failing.add('info').add('error');
    m.on('registered', () => { throw new Error('listener bug'); });
    const position = { symbol: 'SOL/USDT', side: 'long', size: 1_000, regime: 'R' } as const;
    for (let k = 0; k < 2; k++) expect(m.registerPosition(position)).toBe(twin.registerPosition(position));
    await settle();
    expect(uncaught).toEqual([]);
    // The first register: info() throws and so does its report on error(), the listener throws
    // and so does its report (4); the second: info() and the listener, both already reported (2).
    expect(m.getStats().observerErrors).toBe(6);
    expect(m.snapshot()).toEqual(twin.snapshot());
  });

  test('whatever is thrown, and however the logger breaks, the call goes on', async () => {
    const unprintable = { toString() { throw new Error('cannot print me'); } };
    const lines: string[] = [];
    const logger = {
      info: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
      get warn(): (line: string) => void { throw new Error('no warn today'); },
    };
    const twin = prepare(enabledManager());
    const m = prepare(enabledManager({}, { logger }));
    m.on('blocked', () => { throw unprintable; });
    m.on('blocked', () => { throw Object.create(null); });
    const request = { symbol: 'BTC/USDT', side: 'long', proposedSize: 900_000, regime: 'R' } as const;
    expect(m.validateNewPosition(request)).toEqual(twin.validateNewPosition(request));
    await settle();
    expect(uncaught).toEqual([]);
    expect(m.getStats().observerErrors).toBe(3);
    expect(lines.slice(-3)).toEqual([
      `[PORTFOLIO_RISK] The logger's warn() threw${ONCE}: no warn today`,
      `[PORTFOLIO_RISK] A 'blocked' listener threw${ONCE}: a value that cannot be printed`,
      `[PORTFOLIO_RISK] A 'blocked' listener threw${ONCE}: a value that cannot be printed`,
    ]);
  });
});

test('observerErrors belongs to this process: not in a snapshot, 0 after a restore', () => {
  const twin = prepare(enabledManager());
  const m = prepare(enabledManager());
  m.on('registered', () => { throw new Error('listener bug'); });
  const position = { symbol: 'SOL/USDT', side: 'long', size: 1_000, regime: 'R' } as const;
  m.registerPosition(position);
  twin.registerPosition(position);
  expect(m.getStats().observerErrors).toBe(1);
  expect(m.snapshot()).toEqual(twin.snapshot());
  expect(PortfolioRiskManager.restoreSync(m.snapshot()).getStats().observerErrors).toBe(0);
});
