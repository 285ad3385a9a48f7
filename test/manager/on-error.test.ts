// An internal failure during validation answers with onError ('block' by default), is counted
// and logged, and never throws at the bot.
import { expect, test, vi } from 'vitest';
import { LIST_QUERIES } from '../../bindings/engine.js';
import { enabledManager, loadCorrelatedPair, recordingLogger } from './helpers.js';

function failingManager(onError?: 'block' | 'allow') {
  const logger = recordingLogger();
  const m = enabledManager(onError ? { onError } : {}, { logger });
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.5);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  vi.spyOn(m.engine[LIST_QUERIES], 'correlationsWith').mockImplementation(() => {
    throw new RangeError('simulated wasm trap');
  });
  return { m, logger };
}

const request = { symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'T' } as const;

test("onError 'block' (default): blocked, code ERROR_BLOCKED, counted, logged, 'blocked' emitted", () => {
  const { m, logger } = failingManager();
  const blocked: unknown[] = [];
  m.on('blocked', (e) => blocked.push(e.result.code));
  const r = m.validateNewPosition(request);
  expect(r).toEqual({
    allowed: false,
    sizeMultiplier: 0,
    code: 'ERROR_BLOCKED',
    binding: 'error',
    reason: 'internal_error_blocked: simulated wasm trap',
    allowedSize: 0,
    details: null,
  });
  expect(blocked).toEqual(['ERROR_BLOCKED']);
  expect(m.getStats()).toMatchObject({ errors: 1, blockedTrades: 1, blockedByRule: { error: 1 } });
  expect(logger.lines).toContainEqual({
    level: 'error',
    line: '[PORTFOLIO_RISK] Validation failed internally (onError=block): simulated wasm trap',
  });
});

test("onError 'allow': allowed at 1.0, code ERROR_ALLOWED, still counted as an error", () => {
  const { m } = failingManager('allow');
  const r = m.validateNewPosition(request);
  expect(r).toMatchObject({ allowed: true, sizeMultiplier: 1, code: 'ERROR_ALLOWED', binding: 'error' });
  expect(m.getStats()).toMatchObject({ errors: 1, allowedTrades: 1, blockedTrades: 0 });
});

test('bad input is not an internal failure: it throws even with onError allow', () => {
  const { m } = failingManager('allow');
  expect(() => m.validateNewPosition({ ...request, side: 'sideways' as 'long' })).toThrow(/side/);
});
