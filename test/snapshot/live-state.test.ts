// Snapshots carry live trading: the configuration for bars, units, unknown correlations,
// currencies, reservations and netting; each position's unit and optional regime; the latest
// prices, the quote rates and the reservations. A restored manager answers identically, and
// bytes that pass the checksum but describe an impossible state are refused naming the field.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../../bindings/snapshot/manager-snapshot.js';

const t0 = Date.UTC(2024, 0, 1) / 1000; // seconds: the sample reads timestamps in seconds

function sample(config: Record<string, unknown> = {}) {
  const clock = { now: 5_000_000 };
  const m = PortfolioRiskManager.createSync(
    { enabled: true, timeframe: '4h', timestampUnit: 's', accountCurrency: 'USDT', onUnknownCorrelation: 'maxCut', reservationTtlMs: 30_000, positionMode: 'netting', ...config },
    { now: () => clock.now },
  );
  for (let k = 0; k < 30; k++) {
    m.updateMarketData('BTC/USDT', [[t0 + k * 14_400 + 7, 0, 0, 0, 40_000 * Math.exp(0.01 * Math.sin(k)), 1]]);
    m.updateMarketData('ETH/BTC', [[t0 + k * 14_400, 0, 0, 0, 0.05 * Math.exp(0.01 * Math.cos(k)), 1]]);
  }
  m.updateMarketData('SAP/EUR', [[t0, 0, 0, 0, 200, 1]]);
  if (m.config.accountCurrency !== undefined) m.updateQuoteRate('EUR', 1.08);
  m.updateEquity(250_000);
  m.registerPosition({ symbol: 'ETH/BTC', side: 'long', quantity: 12.5, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'SAP/EUR', side: 'short', quantity: 40 });
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'RANGING', strategy: 'grid' });
  m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedQuantity: 0.5, regime: 'TRENDING' }, { reserve: true });
  m.validateNewPosition({ symbol: 'DOGE/USDT', side: 'long', proposedSize: 2_000 }, { reserve: true });
  m.validateNewPosition({ symbol: 'NEW/USDT', side: 'long', proposedQuantity: 1 }); // NO_PRICE, counted
  return { m, clock };
}

test('everything live trading adds comes back: config, units, prices, rates, reservations, counters', () => {
  const { m, clock } = sample();
  const bytes = m.snapshot();
  const restored = PortfolioRiskManager.restoreSync(bytes, { now: () => clock.now });
  expect(restored.snapshot()).toEqual(bytes);
  expect(restored.config).toEqual(m.config);
  expect(restored.getPositions()).toEqual(m.getPositions());
  expect(restored.getReservations()).toEqual(m.getReservations());
  expect(restored.getStats()).toEqual(m.getStats());
  const ask = { symbol: 'ETH/BTC', side: 'short', proposedQuantity: 20, regime: 'TRENDING' } as const;
  expect(restored.validateNewPosition(ask)).toEqual(m.validateNewPosition(ask));
  // Bars are still floored to 4 h, and seconds are still read as seconds.
  expect(restored.updateMarketData('BTC/USDT', [[t0 + 29 * 14_400 + 60, 0, 0, 0, 41_000, 1]])).toEqual(m.updateMarketData('BTC/USDT', [[t0 + 29 * 14_400 + 60, 0, 0, 0, 41_000, 1]]));
  expect(restored.snapshot()).toEqual(m.snapshot());
});

test('a timeframe in milliseconds and an unset account currency round-trip too', () => {
  const { m } = sample({ timeframe: 90_000, accountCurrency: undefined, positionMode: 'hedge' });
  const state = decodeManagerSnapshot(m.snapshot().slice());
  expect([state.config.timeframe, state.config.accountCurrency, state.config.positionMode]).toEqual([90_000, undefined, 'hedge']);
});

function refusal(bytes: Uint8Array): SnapshotError {
  try {
    PortfolioRiskManager.restoreSync(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('accepted');
}

describe('content that passes the checksum but contradicts itself is refused, naming the field', () => {
  const base = decodeManagerSnapshot(sample().m.snapshot());
  const rates = (s: ManagerState, rate: { currency: string; rate: number }) => ({ ...s, prices: { ...s.prices, rates: [rate] } });
  const closes = (s: ManagerState, edit: (c: ManagerState['prices']['closes'][number][]) => ManagerState['prices']['closes'][number][]) => ({ ...s, prices: { ...s.prices, closes: edit([...s.prices.closes]) } });
  const reservations = (s: ManagerState, edit: (r: ManagerState['book']['reservations'][number][]) => ManagerState['book']['reservations'][number][]) => ({ ...s, book: { ...s.book, reservations: edit([...s.book.reservations]) } });
  const cases: [string, (s: ManagerState) => ManagerState, string][] = [
    ['a quote rate of 0', (s) => rates(s, { currency: 'EUR', rate: 0 }), 'rates[0].rate'],
    ['a quote rate for the account currency', (s) => rates(s, { currency: 'USDT', rate: 1 }), 'rates[0].currency'],
    ['a currency with a slash', (s) => rates(s, { currency: 'EUR/USD', rate: 1 }), 'rates[0].currency'],
    ['a price for an empty symbol', (s) => closes(s, (c) => [{ ...c[0]!, symbol: '' }, ...c.slice(1)]), 'prices[0].symbol'],
    ['a price that is not a price', (s) => closes(s, (c) => [{ ...c[0]!, close: Number.NaN }]), 'prices[0].close'],
    ['a fractional bar time', (s) => closes(s, (c) => [{ ...c[0]!, barTime: 1.5 }]), 'prices[0].barTime'],
    ['a symbol priced twice', (s) => closes(s, (c) => [c[0]!, c[0]!]), 'prices[1].symbol'],
    ['a reservation that never expires', (s) => reservations(s, (r) => [{ ...r[0]!, expiresAt: Number.POSITIVE_INFINITY }]), 'reservations[0].expiresAt'],
    ['a reservation without an id', (s) => reservations(s, (r) => [{ ...r[0]!, id: '' }]), 'reservations[0].id'],
    ['a reservation of nothing', (s) => reservations(s, (r) => [{ ...r[0]!, amount: 0 }]), 'reservations[0].amount'],
    ['a reservation id twice', (s) => reservations(s, (r) => [r[0]!, r[0]!]), 'reservations[1].id'],
    ['a reservation on a symbol the book does not list', (s) => reservations(s, (r) => [...r, { ...r[0]!, id: 'r9', symbol: 'XRP/USDT' }]), 'symbolOrder'],
    ['two positions on one symbol in netting mode', (s) => ({ ...s, book: { ...s.book, positions: [...s.book.positions, { ...s.book.positions[0]!, id: 'p9' }] } }), 'positions'],
    ['a reservation counter of 0', (s) => ({ ...s, book: { ...s.book, nextReservationId: 0 } }), 'nextReservationId'],
    ['a fractional no-price counter', (s) => ({ ...s, counters: { ...s.counters, blockedBy: { ...s.counters.blockedBy, noPrice: 0.5 } } }), 'counters.blockedBy.noPrice'],
    ['a negative unknown-correlation counter', (s) => ({ ...s, counters: { ...s.counters, unknownCorrelationDecisions: -1 } }), 'counters.unknownCorrelationDecisions'],
    ['a reservation time-to-live of 0', (s) => ({ ...s, config: { ...s.config, reservationTtlMs: 0 } }), 'config.reservationTtlMs'],
    ['a fractional timeframe', (s) => ({ ...s, config: { ...s.config, timeframe: 1.5 } }), 'config.timeframe'],
    ['an account currency with a slash', (s) => ({ ...s, config: { ...s.config, accountCurrency: 'USD/T' } }), 'config.accountCurrency'],
  ];
  test.each(cases)('%s', (_name, edit, field) => {
    expect(refusal(encodeManagerSnapshot(edit(base))).field).toBe(field);
  });

  test('unknown codes in the live configuration bytes', () => {
    // Without a timeframe or an account currency, the live config follows the 59 bytes of the
    // base config: timeframe kind, timestamp unit, unknown-correlation policy, account flag,
    // time-to-live (8 bytes), position mode.
    const plain = PortfolioRiskManager.createSync({ enabled: true }).snapshot();
    const patched = (offset: number, value: number) => {
      const bytes = plain.slice();
      bytes[20 + offset] = value;
      new DataView(bytes.buffer).setUint32(16, zlibCrc32(bytes.subarray(20)), true);
      return bytes;
    };
    expect(refusal(patched(59, 3)).message).toBe('config.timeframe: unknown code 3');
    expect(refusal(patched(60, 3)).field).toBe('config.timestampUnit');
    expect(refusal(patched(61, 3)).field).toBe('config.onUnknownCorrelation');
    expect(refusal(patched(62, 2)).field).toBe('config.accountCurrency');
    expect(refusal(patched(71, 2)).field).toBe('config.positionMode');
    expect(PortfolioRiskManager.restoreSync(patched(71, 1)).config.positionMode).toBe('netting');
  });
});
