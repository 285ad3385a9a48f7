// Netting accounts (positionMode 'netting'): one net position per symbol. A proposal against
// the open net first offsets it; the offset is always allowed and frees its exposure; only the
// excess is sized by the rules; sizeMultiplier covers the whole proposal. registerPosition nets
// into the symbol's position, which keeps its id.
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../bindings/errors.js';
import { enabledManager, recordingLogger } from './helpers.js';

function netting(config: Record<string, unknown> = {}) {
  const logger = recordingLogger();
  const m = enabledManager({ positionMode: 'netting', ...config }, { logger });
  m.updateEquity(100_000);
  return { m, logger };
}

const short = (proposedSize: number) => ({ symbol: 'BTC/USDT', side: 'short', proposedSize, regime: 'TRENDING' }) as const;

describe('validation against an open long of $20,000 (symbol cap $25,000)', () => {
  function longBtc() {
    const n = netting();
    n.m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
    return n.m;
  }

  test('a short of $10,000 only offsets: allowed in full', () => {
    const a = longBtc().validateNewPosition(short(10_000));
    expect([a.code, a.sizeMultiplier, a.allowedSize, a.reason]).toEqual(['ALLOWED', 1, 10_000, 'ok']);
    expect(a.details!.netting).toEqual({ offset: 10_000, excess: 0 });
  });

  test('a short of $30,000: $20,000 offsets, the $10,000 excess fits under the cap of the closed net', () => {
    const a = longBtc().validateNewPosition(short(30_000));
    expect([a.code, a.sizeMultiplier, a.allowedSize]).toEqual(['ALLOWED', 1, 30_000]);
    expect(a.details!.symbol).toEqual({ limitPct: 0.25, limit: 25_000, current: 0, headroom: 25_000 });
  });

  test('a short of $50,000: offset $20,000 + excess capped at $25,000 = $45,000, 0.9× of the whole', () => {
    const a = longBtc().validateNewPosition(short(50_000));
    expect([a.code, a.binding, a.sizeMultiplier, a.allowedSize, a.reason]).toEqual(['REDUCED', 'symbol', 0.9, 45_000, 'symbol_exposure_reduced_0.90']);
    expect(a.details!.netting).toEqual({ offset: 20_000, excess: 30_000 });
  });

  test('an excess the caps leave nothing for: the offset is still allowed (reduced, not blocked)', () => {
    const m = longBtc();
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 60_000, regime: 'RANGING' }); // direction (short) full
    const a = m.validateNewPosition(short(50_000));
    expect([a.allowed, a.code, a.binding, a.sizeMultiplier, a.allowedSize]).toEqual([true, 'REDUCED', 'direction', 0.4, 20_000]);
  });

  test('the same side adds to the net, as in hedge mode', () => {
    const a = longBtc().validateNewPosition({ ...short(10_000), side: 'long' });
    expect([a.code, a.sizeMultiplier, a.allowedSize]).toEqual(['REDUCED', 0.5, 5_000]);
    expect(a.details!.netting).toEqual({ offset: 0, excess: 10_000 });
  });

  test('hedge mode counts the same short as new gross exposure', () => {
    const m = enabledManager();
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
    expect(m.validateNewPosition(short(10_000)).sizeMultiplier).toBe(0.5);
  });
});

describe('registering nets into the symbol’s one position', () => {
  test('grow, reduce, flip (new side, regime and strategy, same id), close', () => {
    const { m, logger } = netting();
    const closed: string[] = [];
    m.on('unregistered', ({ position, cause }) => closed.push(`${position.id} ${cause}`));
    const id = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING', strategy: 'a' });
    expect(m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 5_000, regime: 'RANGING' })).toBe(id);
    expect(m.getPositions()).toEqual([{ id, symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING', strategy: 'a' }]);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 5_000, regime: 'RANGING' });
    expect(m.getPositions()[0]).toMatchObject({ side: 'long', size: 10_000, regime: 'TRENDING' });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'short', size: 12_000, regime: 'RANGING', strategy: 'b' });
    expect(m.getPositions()).toEqual([{ id, symbol: 'BTC/USDT', side: 'short', size: 2_000, regime: 'RANGING', strategy: 'b' }]);
    expect(m.getStats().regimeExposures).toEqual({ RANGING: 0.02 });
    expect(m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 2_000 })).toBe(id);
    expect(m.getPositions()).toEqual([]);
    expect(closed).toEqual([`${id} netted`]);
    expect(logger.lines.map((l) => l.line).filter((l) => l.includes('resized'))).toEqual([
      '[PORTFOLIO_RISK] Position resized: BTC/USDT long size=10000.000000 -> 15000.000000 id=p1',
      '[PORTFOLIO_RISK] Position resized: BTC/USDT long size=15000.000000 -> 10000.000000 id=p1',
      '[PORTFOLIO_RISK] Position resized: BTC/USDT short (was long) size=10000.000000 -> 2000.000000 id=p1',
    ]);
    // The next registration opens a new position with a new id.
    expect(m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 1 })).toBe('p2');
  });

  test('dust closes: 0.3 − 0.1 − 0.2 is nothing, not a short of 3e-17', () => {
    const { m } = netting();
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 0.3 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', quantity: 0.1 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', quantity: 0.2 });
    expect(m.getPositions()).toEqual([]);
  });

  test('a size into a position held by quantity is converted at the close; without one it is refused', () => {
    const { m } = netting();
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 5 });
    expect(() => m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 2_000 })).toThrow(
      'size: cannot net a size into "ETH/USDT", held by quantity, without its price',
    );
    m.updateMarketData('ETH/USDT', [[Date.UTC(2024, 0, 1), 0, 0, 0, 2_000, 1]]);
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 2_000 });
    expect(m.getPositions()[0]).toMatchObject({ quantity: 4, size: 8_000 });
  });

  test('ids: a given id names a new position; it must be the open one’s when the symbol has one', () => {
    const { m } = netting();
    expect(m.registerPosition({ id: 'mine', symbol: 'BTC/USDT', side: 'long', size: 1_000 })).toBe('mine');
    expect(m.registerPosition({ id: 'mine', symbol: 'BTC/USDT', side: 'long', size: 1_000 })).toBe('mine');
    expect(() => m.registerPosition({ id: 'other', symbol: 'BTC/USDT', side: 'long', size: 1_000 })).toThrow(ValidationError);
    expect(() => m.registerPosition({ id: 'other', symbol: 'BTC/USDT', side: 'long', size: 1_000 })).toThrow(
      'id: netting mode holds one position per symbol: "BTC/USDT" is open as "mine", got "other"',
    );
    expect(() => m.registerPosition({ id: 'mine', symbol: 'ETH/USDT', side: 'long', size: 1_000 })).toThrow('id: position "mine" is already open');
    expect(m.getPositions()).toEqual([{ id: 'mine', symbol: 'BTC/USDT', side: 'long', size: 2_000, strategy: '' }]);
  });
});

test('reservations net too: the book is the one held once every order in flight fills', () => {
  const { m } = netting();
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
  // An order that closes the long and opens a $5,000 short is in flight.
  const r = m.validateNewPosition(short(25_000), { reserve: true });
  expect(r.code).toBe('ALLOWED');
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.05);
  expect(m.getDirectionalExposure('long')).toBe(0);
  // A second short nets against that expected book: no long is left to offset.
  const next = m.validateNewPosition(short(30_000));
  expect([next.sizeMultiplier, next.allowedSize, next.details!.netting]).toEqual([2 / 3, 20_000, { offset: 0, excess: 30_000 }]);
  m.fillReservation(r.reservationId!);
  expect(m.getPositions()).toEqual([{ id: 'p1', symbol: 'BTC/USDT', side: 'short', size: 5_000, regime: 'TRENDING', strategy: '' }]);
});
