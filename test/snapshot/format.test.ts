// The snapshot frame and its refusals, with the messages pinned: a foreign file, another
// format version, a corrupted payload, not bytes at all; and content that passes the checksum
// but contradicts itself (a hand-edited or buggy-tool snapshot).
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../../bindings/snapshot/manager-snapshot.js';
import { enabledManager, loadCorrelatedPair } from '../manager/helpers.js';

function sample(): PortfolioRiskManager {
  const m = enabledManager({ correlationLookback: 30, minPeriods: 10 });
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.9, 40);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 2_500, regime: 'R' });
  return m;
}

function refusal(input: unknown): SnapshotError {
  try {
    PortfolioRiskManager.restoreSync(input as Uint8Array);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('accepted');
}

describe('the header', () => {
  test('magic, version 2, payload length and a zlib-compatible CRC-32 of the payload', () => {
    const bytes = sample().snapshot();
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x47, 0x55, 0x41, 0x52, 0x44, 0x0a]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(8, true)).toBe(3);
    expect(view.getUint32(12, true)).toBe(bytes.length - 20);
    expect(view.getUint32(16, true)).toBe(zlibCrc32(bytes.subarray(20)));
  });

  test('a file that is not a snapshot', () => {
    const e = refusal(new TextEncoder().encode('{"positions": []} and more text'));
    expect(e.message).toBe('snapshot: is not a portfolio-guard snapshot (wrong magic bytes)');
  });

  test('another format version (a valid frame otherwise)', () => {
    const bytes = sample().snapshot();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(8, 1, true);
    const e = refusal(bytes);
    expect(e.field).toBe('version');
    expect(e.value).toBe(1);
    expect(e.message).toBe('version: snapshot format version 1 is not supported (this build reads version 3)');
  });

  test('a corrupted payload names both checksums', () => {
    const bytes = sample().snapshot();
    bytes[bytes.length - 1] ^= 0x40;
    expect(refusal(bytes).message).toMatch(/^checksum: snapshot is corrupted: CRC-32 0x[0-9a-f]{8} does not match the stored 0x[0-9a-f]{8}$/);
  });

  test('not bytes at all', () => {
    expect(refusal('PGUARD').message).toBe('snapshot: must be a Uint8Array (or ArrayBuffer) from snapshot(), got "PGUARD"');
    expect(refusal(undefined).field).toBe('snapshot');
    expect(refusal([0x89, 0x50]).message).toBe('snapshot: must be a Uint8Array (or ArrayBuffer) from snapshot(), got array(2)');
  });
});

describe('content that passes the checksum but contradicts itself is refused', () => {
  const base = decodeManagerSnapshot(sample().snapshot());
  const cases: [string, (s: ManagerState) => ManagerState, string][] = [
    ['a config out of range', (s) => ({ ...s, config: { ...s.config, maxPairwiseCorrelation: 1.5 } }), 'config.maxPairwiseCorrelation'],
    ['config and engine windows disagree', (s) => ({ ...s, engine: { ...s.engine, window: 31 } }), 'engine'],
    ['a position on a symbol missing from the order', (s) => ({ ...s, book: { ...s.book, positions: [...s.book.positions, { ...s.book.positions[0]!, id: 'extra', symbol: 'XRP/USDT' }] } }), 'symbolOrder'],
    ['a duplicated position id', (s) => ({ ...s, book: { ...s.book, positions: [s.book.positions[0]!, { ...s.book.positions[1]!, id: s.book.positions[0]!.id }] } }), 'positions[1].id'],
    ['a position of size 0', (s) => ({ ...s, book: { ...s.book, positions: [{ ...s.book.positions[0]!, amount: 0 }] } }), 'positions[0].amount'],
    ['a regime no position uses', (s) => ({ ...s, book: { ...s.book, regimeOrder: [...s.book.regimeOrder, 'ghost'] } }), 'regimeOrder'],
    ['a symbol listed twice', (s) => ({ ...s, book: { ...s.book, symbolOrder: [...s.book.symbolOrder, s.book.symbolOrder[0]!] } }), 'symbolOrder'],
    ['an auto-id counter of 0', (s) => ({ ...s, book: { ...s.book, nextAutoId: 0 } }), 'nextAutoId'],
    ['a fractional counter', (s) => ({ ...s, counters: { ...s.counters, validations: 1.5 } }), 'counters.validations'],
    ['more symbols than maxSymbols', (s) => ({ ...s, maxSymbols: 1 }), 'symbols'],
    ['an engine block of the wrong size', (s) => ({ ...s, engine: { ...s.engine, records: s.engine.records.subarray(8) } }), 'records'],
  ];
  test.each(cases)('%s', (_name, edit, field) => {
    const e = refusal(encodeManagerSnapshot(edit(base)));
    expect(e.field).toBe(field);
  });

  test('every field round-trips, each with a value of its own (none can be dropped or swapped)', () => {
    let k = 0;
    const next = () => ++k;
    const state: ManagerState = {
      ...base,
      equity: 123_456.5,
      maxSymbols: 777,
      counters: {
        validations: next(), allowed: next(), reduced: next(), blocked: next(), errors: next(),
        reducedBy: { correlation: next(), symbol: next(), direction: next(), regime: next() },
        blockedBy: { correlation: next(), symbol: next(), direction: next(), regime: next(), noEquity: next(), noPrice: next(), error: next() },
        unknownCorrelationDecisions: next(),
        portfolio: {
          reduced: { reducing: next(), positions: next(), gross: next(), net: next(), group: next(), asset: next(), volatility: next(), shock: next() },
          blocked: { reducing: next(), positions: next(), gross: next(), net: next(), group: next(), asset: next(), volatility: next(), shock: next(), halted: next() },
        },
      },
      config: {
        ...base.config,
        maxGrossExposurePct: 1.5,
        maxNetExposurePct: 0.75,
        maxOpenPositions: 9,
        groups: { l1: { symbols: ['ETH/USDT', 'SOL/USDT'], maxExposurePct: 0.4 } },
        maxAssetExposurePct: 0.35,
        maxPortfolioVolatility: 0.2,
        maxShockRisk: 0.45,
        barsPerYear: 8760,
        drawdownGuard: { maxDrawdownPct: 0.2, resumeDrawdownPct: 0.05 },
      },
      trading: { state: 'reducing', tripped: true, peak: 150_000.25 },
      book: { ...base.book, nextAutoId: 42, nextReservationId: 7, symbolOrder: [...base.book.symbolOrder].reverse(), regimeOrder: [...base.book.regimeOrder].reverse() },
    };
    expect(decodeManagerSnapshot(encodeManagerSnapshot(state))).toEqual(state);
  });

  test('the unedited state re-encodes to the same bytes (so the edits above are the only change)', () => {
    const bytes = sample().snapshot();
    expect(encodeManagerSnapshot(decodeManagerSnapshot(bytes))).toEqual(bytes);
  });
});
