// Every call reads each field of its arguments exactly once. The fields below are getters that
// count their reads and answer differently from the second read on (another symbol, a size
// that would fail the checks): the call must act on, record and report the first answers.
import { expect, test } from 'vitest';
import type { Position } from '../../bindings/manager/index.js';
import { enabledManager, loadCorrelatedPair, recordingLogger } from './helpers.js';

/** An object whose fields are read-counting getters: `first[k]` on the first read, `later[k]` after. */
function twoFaced<T extends Record<string, unknown>>(first: T, later: Partial<T>) {
  const reads: Record<string, number> = {};
  const object = {} as T;
  for (const key of Object.keys(first)) {
    reads[key] = 0;
    Object.defineProperty(object, key, {
      enumerable: true,
      get: () => (reads[key]! += 1) === 1 || !(key in later) ? first[key] : later[key],
    });
  }
  return { object, reads };
}

function manager() {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
  logger.lines.length = 0;
  return { m, logger };
}

const onceEach = (reads: Record<string, number>) => Object.fromEntries(Object.keys(reads).map((k) => [k, 1]));

test('registerPosition records, logs and emits the values it checked', () => {
  const { m, logger } = manager();
  const events: Position[] = [];
  m.on('registered', ({ position }) => events.push(position));
  const { object, reads } = twoFaced(
    { id: 'mine', symbol: 'SOL/USDT', side: 'long', size: 5_000, regime: 'R', strategy: 'breakout' },
    { id: '', symbol: 'X'.repeat(300), side: 'sideways', size: -1, regime: '', strategy: 7 as never },
  );
  expect(m.registerPosition(object as never)).toBe('mine');
  expect(reads).toEqual(onceEach(reads));
  const recorded = { id: 'mine', symbol: 'SOL/USDT', side: 'long', size: 5_000, regime: 'R', strategy: 'breakout' };
  expect(m.getPosition('mine')).toEqual(recorded);
  expect(events).toEqual([recorded]);
  expect(logger.lines).toEqual([{ level: 'info', line: '[PORTFOLIO_RISK] Position registered: SOL/USDT long size=5000.000000 regime=R id=mine' }]);
});

test('validateNewPosition sizes, counts, logs and emits the request it checked', () => {
  const { m, logger } = manager();
  const events: unknown[] = [];
  m.on('blocked', ({ request }) => events.push(request));
  // First reads: a trade the symbol cap blocks. Later reads: another symbol, an absurd size.
  const { object, reads } = twoFaced(
    { symbol: 'BTC/USDT', side: 'long', proposedSize: 900_000, regime: 'TRENDING', strategy: 'breakout' },
    { symbol: 'ETH/USDT', side: 'short', proposedSize: 1, regime: 'OTHER', strategy: 'other' },
  );
  const options = twoFaced({ dryRun: false }, { dryRun: true });
  const answer = m.validateNewPosition(object as never, options.object);
  expect(reads).toEqual(onceEach(reads));
  expect(options.reads).toEqual({ dryRun: 1 });
  expect(answer).toMatchObject({ code: 'BLOCKED', binding: 'symbol', details: { proposedSize: 900_000 } });
  expect(m.getStats()).toMatchObject({ validations: 1, blockedTrades: 1 });
  expect(events).toEqual([{ symbol: 'BTC/USDT', side: 'long', proposedSize: 900_000, regime: 'TRENDING', strategy: 'breakout' }]);
  expect(logger.lines.map((l) => l.line)).toEqual([
    '[PORTFOLIO_RISK] Validating position',
    '[PORTFOLIO_RISK] Trade blocked: BTC/USDT long reason=symbol_exposure_blocked_0.01',
  ]);
});

test('updateConfig applies what it validated, and its error quotes what it read', () => {
  const { m } = manager();
  const good = twoFaced({ maxSymbolExposurePct: 0.3, min_fill_ratio: 0.2 }, { maxSymbolExposurePct: -5, min_fill_ratio: 'x' as never });
  expect(m.updateConfig(good.object)).toMatchObject({ maxSymbolExposurePct: 0.3, minFillRatio: 0.2 });
  expect(good.reads).toEqual(onceEach(good.reads));

  const bad = twoFaced({ maxSymbolExposurePct: 1.5e300, maxRegimeExposurePct: -1 }, { maxRegimeExposurePct: 0.5 });
  expect(() => m.updateConfig(bad.object)).toThrow('maxRegimeExposurePct: Too small: expected number to be >=0, got -1');
  expect(bad.reads).toEqual(onceEach(bad.reads));
  expect(m.config.maxSymbolExposurePct).toBe(0.3);
});

test('updateMarketData stores the candle fields it checked', () => {
  const { m } = manager();
  const t = 1_800_000_000_000;
  const byTimestamp = twoFaced({ timestamp: t, close: 70 }, { timestamp: t - 1, close: -1 });
  const byTime = twoFaced({ time: t + 60_000, close: 71 }, { time: t, close: Number.NaN });
  expect(m.updateMarketData('ETH/USDT', [byTimestamp.object as never, byTime.object as never])).toMatchObject({ appended: 2 });
  expect(byTimestamp.reads).toEqual({ timestamp: 1, close: 1 });
  // `timestamp` is looked for first (absent here, so read as undefined once), then `time`.
  expect(byTime.reads).toEqual({ time: 1, close: 1 });

  // The stored closes are the first answers: re-sending them plainly changes nothing.
  expect(m.updateMarketData('ETH/USDT', [{ timestamp: t, close: 70 }, { time: t + 60_000, close: 71 }])).toMatchObject({ unchanged: 2, revised: 0 });
});
