// Orders in flight: validateNewPosition(…, { reserve: true }) holds what it allowed until
// fillReservation (records the fill, at most the reserved amount), releaseReservation, or expiry
// after reservationTtlMs on the manager's clock. The hold counts in every cap and exposure; it
// is in stats, events and snapshots.
import { describe, expect, test } from 'vitest';
import { ConfigError, NotFoundError, ValidationError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, recordingLogger } from './helpers.js';

function clocked(config: Record<string, unknown> = {}) {
  const clock = { now: 1_000_000 };
  const logger = recordingLogger();
  const m = enabledManager(config, { now: () => clock.now, logger });
  m.updateEquity(100_000);
  const events: string[] = [];
  for (const name of ['reserved', 'reservationFilled', 'reservationReleased', 'reservationExpired', 'registered'] as const) {
    m.on(name, (payload) => events.push(`${name} ${'reservation' in payload ? payload.reservation.id : payload.position.id}`));
  }
  return { m, clock, logger, events };
}

const sol = { symbol: 'SOL/USDT', side: 'long', proposedSize: 25_000, regime: 'TRENDING' } as const;

test('two signals before either fills no longer both get the full headroom: the second is blocked', () => {
  const { m, events } = clocked();
  const first = m.validateNewPosition(sol, { reserve: true });
  expect([first.code, first.reservationId]).toEqual(['ALLOWED', 'r1']);
  expect(m.getSymbolExposure('SOL/USDT')).toBe(0.25);
  const second = m.validateNewPosition(sol, { reserve: true });
  expect([second.code, second.reason, second.reservationId]).toEqual(['BLOCKED', 'symbol_exposure_blocked_0.00', undefined]);
  expect(events).toEqual(['reserved r1']);
  expect(m.getStats()).toMatchObject({
    openPositions: 0,
    reservedExposure: 0.25,
    longExposure: 0.25,
    reservations: [{ id: 'r1', symbol: 'SOL/USDT', side: 'long', size: 25_000, regime: 'TRENDING', strategy: '', expiresAt: 1_060_000 }],
  });
  expect(m.getReservations()).toEqual(m.getStats().reservations);
});

describe('filling', () => {
  test('the whole reservation by default: the position is recorded, the hold is gone, events in order', () => {
    const { m, events } = clocked();
    const { reservationId } = m.validateNewPosition({ ...sol, proposedSize: 40_000 }, { reserve: true }); // 25,000 allowed
    const id = m.fillReservation(reservationId!);
    expect(m.getPosition(id)).toEqual({ id: 'p1', symbol: 'SOL/USDT', side: 'long', size: 25_000, regime: 'TRENDING', strategy: '' });
    expect(m.getStats()).toMatchObject({ openPositions: 1, reservations: [], reservedExposure: 0, symbolExposures: { 'SOL/USDT': 0.25 } });
    expect(events).toEqual(['reserved r1', 'registered p1', 'reservationFilled r1']);
  });

  test('a partial fill records what filled and frees the rest', () => {
    const { m } = clocked();
    const { reservationId } = m.validateNewPosition(sol, { reserve: true });
    m.fillReservation(reservationId!, 10_000);
    expect(m.getSymbolExposure('SOL/USDT')).toBe(0.1);
    expect(m.validateNewPosition(sol).allowedSize).toBe(15_000);
  });

  test('more than reserved is refused (nothing changes); a rounding dust more is the reserved amount', () => {
    const { m } = clocked();
    const { reservationId } = m.validateNewPosition({ ...sol, proposedSize: 1_500 }, { reserve: true });
    expect(() => m.fillReservation(reservationId!, 1_501)).toThrow('filled: exceeds the reserved size 1500: validate the excess as a new trade, got 1501');
    expect(m.getReservations()).toHaveLength(1);
    // 1,500 × 0.67 can print as 1005.0000000000001: a fill computed that way is the reservation.
    m.fillReservation(reservationId!, 1_500 * (1 + 1e-12));
    expect(m.getPositions()[0]!.size).toBe(1_500);
  });

  test('by quantity: the reservation holds base units, re-marked like a position, and fills in base units', () => {
    const { m } = clocked();
    m.updateMarketData('SOL/USDT', [[Date.UTC(2024, 0, 1), 0, 0, 0, 100, 1]]);
    const a = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedQuantity: 300, regime: 'TRENDING' }, { reserve: true });
    expect([a.allowedQuantity, a.allowedSize]).toEqual([250, 25_000]);
    m.updateMarketData('SOL/USDT', [[Date.UTC(2024, 0, 1, 1), 0, 0, 0, 80, 1]]);
    expect(m.getReservations()[0]).toMatchObject({ quantity: 250, size: 20_000 });
    expect(() => m.fillReservation(a.reservationId!, 251)).toThrow(ValidationError);
    const id = m.fillReservation(a.reservationId!, 200);
    expect(m.getPosition(id)).toMatchObject({ quantity: 200, size: 16_000 });
  });
});

test('releasing a reservation gives its headroom back; a released, filled or unknown id is NotFound', () => {
  const { m, events } = clocked();
  const { reservationId } = m.validateNewPosition(sol, { reserve: true });
  m.releaseReservation(reservationId!);
  expect(m.getSymbolExposure('SOL/USDT')).toBe(0);
  expect(m.validateNewPosition(sol).code).toBe('ALLOWED');
  expect(() => m.releaseReservation(reservationId!)).toThrow(NotFoundError);
  expect(() => m.fillReservation(reservationId!)).toThrow(NotFoundError);
  expect(events).toEqual(['reserved r1', 'reservationReleased r1']);
});

describe('expiry', () => {
  test('after reservationTtlMs the next call that reads the book drops it, with an event and a warn', () => {
    const { m, clock, events, logger } = clocked();
    const { reservationId } = m.validateNewPosition(sol, { reserve: true });
    clock.now += 59_999;
    expect(m.getSymbolExposure('SOL/USDT')).toBe(0.25);
    clock.now += 1;
    expect(events).toEqual(['reserved r1']); // nothing read the book yet
    expect(m.getSymbolExposure('SOL/USDT')).toBe(0);
    expect(events).toEqual(['reserved r1', 'reservationExpired r1']);
    expect(logger.lines.at(-1)).toEqual({ level: 'warn', line: '[PORTFOLIO_RISK] Reservation expired: SOL/USDT long size=25000.000000 id=r1 (neither filled nor released by 1060000)' });
    expect(() => m.fillReservation(reservationId!)).toThrow('reservationId: no live reservation "r1" (never made, or already filled, released or expired)');
  });

  test('a dry run sees the expiry too: the book it sizes against is the one in force', () => {
    const { m, clock } = clocked();
    m.validateNewPosition(sol, { reserve: true });
    clock.now += 60_000;
    expect(m.validateNewPosition(sol, { dryRun: true }).code).toBe('ALLOWED');
  });

  test('reservationTtlMs is live: it applies to reservations made from then on', () => {
    const { m, clock } = clocked({ reservation_ttl_ms: 5_000 });
    m.validateNewPosition({ ...sol, proposedSize: 1_000 }, { reserve: true });
    m.updateConfig({ reservationTtlMs: 120_000 });
    m.validateNewPosition({ ...sol, proposedSize: 1_000 }, { reserve: true });
    expect(m.getReservations().map((r) => r.expiresAt)).toEqual([clock.now + 5_000, clock.now + 120_000]);
    clock.now += 5_000;
    expect(m.getReservations().map((r) => r.id)).toEqual(['r2']);
  });

  test('a clock that returns no number is refused, and nothing is reserved', () => {
    const m = enabledManager({}, { now: () => Number.NaN });
    m.updateEquity(100_000);
    expect(() => m.validateNewPosition(sol, { reserve: true })).toThrow(ConfigError);
    expect(() => m.validateNewPosition(sol, { reserve: true })).toThrow('now: must return a finite number of milliseconds, got NaN');
    expect(m.getStats()).toMatchObject({ reservations: [], validations: 0 });
  });
});

test('only an allowed answer reserves; a dry run cannot; a disabled manager reserves nothing', () => {
  const { m } = clocked({ maxSymbolExposurePct: 0 });
  expect(m.validateNewPosition(sol, { reserve: true }).reservationId).toBeUndefined();
  expect(() => m.validateNewPosition(sol, { dryRun: true, reserve: true })).toThrow('reserve: a dry run cannot reserve: drop dryRun to hold the allowed size for an order');
  const off = PortfolioRiskManager.createSync({ enabled: false });
  const answer = off.validateNewPosition(sol, { reserve: true });
  expect([answer.code, answer.reservationId]).toEqual(['DISABLED', undefined]);
});

test('reservations survive a restart: same holds, same expiry on the restored clock', () => {
  const { m, clock } = clocked();
  m.updateMarketData('SOL/USDT', [[Date.UTC(2024, 0, 1), 0, 0, 0, 100, 1]]);
  m.validateNewPosition({ ...sol, proposedSize: 5_000 }, { reserve: true });
  m.validateNewPosition({ symbol: 'SOL/USDT', side: 'short', proposedQuantity: 30, regime: 'R' }, { reserve: true });
  const restored = PortfolioRiskManager.restoreSync(m.snapshot(), { now: () => clock.now });
  expect(restored.getReservations()).toEqual(m.getReservations());
  expect(restored.snapshot()).toEqual(m.snapshot());
  clock.now += 30_000;
  expect(restored.validateNewPosition({ ...sol, regime: 'R' }, { reserve: true }).reservationId).toBe('r3');
  clock.now += 30_000; // r1 and r2 are 60 s old, r3 30 s
  expect(restored.getReservations().map((r) => r.id)).toEqual(['r3']);
});
