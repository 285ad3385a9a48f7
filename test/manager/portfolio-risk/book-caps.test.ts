// Gross, net, position-count, group and asset caps, hand-worked on a 100,000 account. The
// seed's caps (symbol 25%, direction 60%, regime 50%) stay at their defaults unless a case
// says otherwise, and the worked sizes below are chosen so that only the rule under test binds.
import { describe, expect, test } from 'vitest';
import { enabledManager } from '../helpers.js';

const EQUITY = 100_000;

function manager(config: Record<string, unknown>) {
  const m = enabledManager(config);
  m.updateEquity(EQUITY);
  return m;
}

describe('maxGrossExposurePct', () => {
  test('cuts a trade to the gross headroom: 35k held, cap 50k, 20k proposed → 15k', () => {
    const m = manager({ maxGrossExposurePct: 0.5 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 15_000 });
    const r = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 20_000 });
    expect(r).toMatchObject({ code: 'REDUCED', binding: 'gross', reason: 'gross_exposure_reduced_0.75', allowedSize: 15_000, sizeMultiplier: 0.75 });
    expect(r.details!.portfolio).toMatchObject({ binding: 'gross', tradingState: 'active', limits: [{ rule: 'gross', name: null, limit: 50_000, current: 35_000, maxSize: 15_000 }] });
    expect(m.getStats()).toMatchObject({ reducedTrades: 1, reducedByPortfolioRule: { gross: 1 } });
  });

  test('netting: closing an over-cap book is never cut, and a flip may reach the gross it started from', () => {
    const m = manager({ positionMode: 'netting', maxGrossExposurePct: 0.5, maxSymbolExposurePct: 1, maxDirectionalExposurePct: 1 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 40_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 20_000 }); // gross 60k > 50k
    // Short 30k: BTC goes to 10k long, gross 30k: toward compliance, in full.
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 30_000 })).toMatchObject({ code: 'ALLOWED' });
    // Short 90k: 40k closes BTC, the rest opens a short. Gross after = 20k + (t − 40k) ≤ 60k (where it
    // was) ⇒ t ≤ 80k: multiplier 80/90.
    const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 90_000 });
    expect(r).toMatchObject({ code: 'REDUCED', binding: 'gross', allowedSize: 80_000 });
    expect(r.sizeMultiplier).toBeCloseTo(80 / 90, 15);
  });

  test('a cap already full blocks new exposure', () => {
    const m = manager({ maxGrossExposurePct: 0.2 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 1_000 })).toMatchObject({ code: 'BLOCKED', binding: 'gross', reason: 'gross_exposure_blocked_0.00' });
    expect(m.getStats().blockedByPortfolioRule.gross).toBe(1);
  });
});

describe('maxNetExposurePct', () => {
  test('cuts the side that adds to the net: 5k long held, cap 10k, 8k long proposed → 5k', () => {
    const m = manager({ maxNetExposurePct: 0.1 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 5_000 });
    expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 8_000 })).toMatchObject({ code: 'REDUCED', binding: 'net', allowedSize: 5_000, reason: 'net_exposure_reduced_0.63' });
  });

  test('over the cap, a net-reducing short is allowed in full, also past zero up to the same |net|', () => {
    const m = manager({ maxNetExposurePct: 0.1 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 5_000 }); // net 15k > 10k
    expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'short', proposedSize: 8_000 })).toMatchObject({ code: 'ALLOWED' });
    // Net −9k after: within the 10k cap, a reduction of |net|.
    expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'short', proposedSize: 24_000 })).toMatchObject({ code: 'ALLOWED' });
    // Any long adds to a net already over the cap: blocked.
    expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 1_000 })).toMatchObject({ code: 'BLOCKED', binding: 'net' });
  });
});

describe('maxOpenPositions', () => {
  test('a new symbol is blocked once the count is reached; adding to a held symbol is not a new position', () => {
    const m = manager({ maxOpenPositions: 2 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 5_000 });
    expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 5_000 })).toMatchObject({ code: 'ALLOWED' });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 5_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 1_000 }); // same symbol, still 2
    const r = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 5_000 });
    expect(r).toMatchObject({ code: 'BLOCKED', binding: 'positions', reason: 'max_open_positions_blocked_0.00' });
    expect(r.details!.portfolio!.limits[0]).toMatchObject({ rule: 'positions', limit: 2, current: 2, maxSize: 0 });
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 5_000 })).toMatchObject({ code: 'ALLOWED' });
    m.unregisterPosition('BTC/USDT');
    expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 5_000 })).toMatchObject({ code: 'ALLOWED' });
  });

  test('a reservation holds its symbol: it counts as open', () => {
    const m = manager({ maxOpenPositions: 1 });
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 5_000 }, { reserve: true }).code).toBe('ALLOWED');
    expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 5_000 })).toMatchObject({ code: 'BLOCKED', binding: 'positions' });
  });
});

describe('groups', () => {
  test("a group's gross is capped; a symbol outside every group is not", () => {
    const m = manager({ groups: { l1: { symbols: ['ETH/USDT', 'SOL/USDT'], maxExposurePct: 0.3 } } });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 20_000 });
    const r = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'short', proposedSize: 15_000 });
    expect(r).toMatchObject({ code: 'REDUCED', binding: 'group', allowedSize: 10_000 });
    expect(r.details!.portfolio!.limits).toEqual([{ rule: 'group', name: 'l1', limit: 30_000, current: 20_000, maxSize: 10_000 }]);
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 15_000 })).toMatchObject({ code: 'ALLOWED' });
  });

  test('a symbol in two groups meets both; the tighter binds', () => {
    const m = manager({ groups: { a: { symbols: ['SOL/USDT', 'ETH/USDT'], maxExposurePct: 0.3 }, b: { symbols: ['SOL/USDT', 'BTC/USDT'], maxExposurePct: 0.2 } } });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 12_000 });
    const r = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 20_000 });
    expect(r).toMatchObject({ code: 'REDUCED', binding: 'group', allowedSize: 8_000 });
    expect(r.details!.portfolio!.limits.map((l) => [l.name, l.maxSize])).toEqual([['a', 30_000], ['b', 8_000]]);
  });
});

describe('maxAssetExposurePct', () => {
  test('BTC/USDT, BTC/USDC and BTC/USDT:USDT are all BTC', () => {
    const m = manager({ maxAssetExposurePct: 0.2 });
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000 });
    m.registerPosition({ symbol: 'BTC/USDC', side: 'short', size: 5_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 15_000 }); // another asset
    const r = m.validateNewPosition({ symbol: 'BTC/USDT:USDT', side: 'long', proposedSize: 10_000 });
    expect(r).toMatchObject({ code: 'REDUCED', binding: 'asset', allowedSize: 5_000 });
    expect(r.details!.portfolio!.limits).toEqual([{ rule: 'asset', name: 'BTC', limit: 20_000, current: 15_000, maxSize: 5_000 }]);
  });
});

test('without any book-level key the answer has no portfolio details (the seed shape)', () => {
  const m = manager({});
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000 });
  const r = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 10_000 });
  expect(r.details).not.toHaveProperty('portfolio');
});

test('the tightest book-level rule binds; ties go to the earlier rule', () => {
  // Gross room 15k, net room 15k: a tie, and gross comes first.
  const m = manager({ maxGrossExposurePct: 0.25, maxNetExposurePct: 0.25 });
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000 });
  expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 20_000 })).toMatchObject({ binding: 'gross', allowedSize: 15_000 });
  // A seed cap tighter than every book-level rule binds as before.
  expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 20_000 })).toMatchObject({ binding: 'symbol', allowedSize: 15_000 });
});
