// Structured events: registered, unregistered, reduced, blocked; typed payloads, unsubscribe,
// and a throwing listener cannot undo or abort the call.
import { expect, test } from 'vitest';
import { enabledManager, recordingLogger } from './helpers.js';

test('payloads carry the position or the request and the answer', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  const seen: unknown[] = [];
  m.on('registered', ({ position }) => seen.push(['registered', position.id, position.size]));
  m.on('unregistered', ({ position, cause }) => seen.push(['unregistered', position.id, cause]));
  m.on('reduced', ({ request, result }) => seen.push(['reduced', request.symbol, result.reason]));
  m.on('blocked', ({ request, result }) => seen.push(['blocked', request.proposedSize, result.code]));

  const id = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'T' });
  m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 15_000, regime: 'T' });
  m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 200_000, regime: 'T' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'T' });
  const other = m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 1_000, regime: 'T' });
  m.resizePosition(other, 0);
  m.unregisterPosition(id);

  expect(seen).toEqual([
    ['registered', 'p1', 15_000],
    ['reduced', 'BTC/USDT', 'symbol_exposure_reduced_0.67'],
    ['blocked', 200_000, 'BLOCKED'],
    ['registered', 'p2', 1_000],
    ['unregistered', 'p2', 'resize'],
    ['unregistered', 'p1', 'unregister'],
  ]);
});

test('on() returns an unsubscriber; off() works too', () => {
  const m = enabledManager();
  let count = 0;
  const listener = () => { count += 1; };
  const stop = m.on('registered', listener);
  m.registerPosition({ symbol: 'A', side: 'long', size: 1, regime: 'R' });
  stop();
  m.registerPosition({ symbol: 'A', side: 'long', size: 1, regime: 'R' });
  m.on('registered', listener);
  m.off('registered', listener);
  m.registerPosition({ symbol: 'A', side: 'long', size: 1, regime: 'R' });
  expect(count).toBe(1);
});

test('a throwing listener is logged; the call completes and later listeners still run', () => {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  let later = 0;
  m.on('registered', () => { throw new Error('listener bug'); });
  m.on('registered', () => { later += 1; });
  const id = m.registerPosition({ symbol: 'A', side: 'long', size: 1, regime: 'R' });
  expect(m.getPosition(id)).toBeDefined();
  expect(later).toBe(1);
  expect(logger.lines).toContainEqual({
    level: 'error',
    line: "[PORTFOLIO_RISK] A 'registered' listener threw (reported once; getStats().observerErrors counts every failure): listener bug",
  });
});

test('the event request is a frozen copy: reusing the request object afterwards changes nothing', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  const requests: unknown[] = [];
  m.on('blocked', ({ request }) => requests.push(request));
  const request = { symbol: 'A', side: 'long' as const, proposedSize: 1e9, regime: 'R' };
  m.validateNewPosition(request);
  request.proposedSize = 1;
  expect(requests).toEqual([{ symbol: 'A', side: 'long', proposedSize: 1e9, regime: 'R', strategy: undefined }]);
  expect(Object.isFrozen(requests[0])).toBe(true);
});
