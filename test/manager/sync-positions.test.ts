// syncPositions makes the book equal an exchange's positions (ccxt's unified shape): one per
// symbol and side, worth the exchange's notional (else contracts × contractSize × markPrice),
// ids kept for what stays, events for what opens and closes, bad entries refused before any
// change. Expected values are worked by hand from the entries.
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../bindings/errors.js';
import type { ExchangePosition, Position } from '../../bindings/manager/index.js';
import { T0, enabledManager } from './helpers.js';

function watched(config: Record<string, unknown> = {}) {
  const m = enabledManager(config);
  m.updateEquity(100_000);
  const events: string[] = [];
  m.on('registered', ({ position: p }) => events.push(`+${p.id} ${p.side} ${p.symbol} ${p.size}`));
  m.on('unregistered', ({ position: p, cause }) => events.push(`-${p.id} ${p.side} ${p.symbol} ${cause}`));
  return { m, events };
}

const book = (positions: Position[]) => positions.map((p) => [p.id, p.symbol, p.side, p.size, p.regime]);

const btcLong = { symbol: 'BTC/USDT:USDT', side: 'long', contracts: 0.25, contractSize: 1, notional: 10_750, markPrice: 43_000 };
const ethShort = { symbol: 'ETH/USDT:USDT', side: 'short', contracts: 3, contractSize: 1, markPrice: 2_250 };

describe('a first sync into an empty book', () => {
  test('opens one position per entry, valued at notional or contracts × contractSize × markPrice', () => {
    const { m, events } = watched();
    const result = m.syncPositions([btcLong, ethShort]);
    // ETH has no notional: 3 contracts × 1 × 2,250 = 6,750.
    expect(book(m.getPositions())).toEqual([
      ['p1', 'BTC/USDT:USDT', 'long', 10_750, undefined],
      ['p2', 'ETH/USDT:USDT', 'short', 6_750, undefined],
    ]);
    expect(events).toEqual(['+p1 long BTC/USDT:USDT 10750', '+p2 short ETH/USDT:USDT 6750']);
    expect(result.registered.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect([result.unregistered, result.updated]).toEqual([[], []]);
    // Exposures: symbol gross / equity; directions.
    expect(m.getSymbolExposure('BTC/USDT:USDT')).toBe(0.1075);
    expect(m.getDirectionalExposure('short')).toBe(0.0675);
  });

  test('an entry worth nothing (0 contracts, 0 notional) is flat: no position, its side not needed', () => {
    const { m } = watched();
    m.syncPositions([{ symbol: 'SOL/USDT:USDT', contracts: 0, markPrice: 100 }, { symbol: 'XRP/USDT:USDT', notional: 0 }, btcLong]);
    expect(book(m.getPositions())).toEqual([['p1', 'BTC/USDT:USDT', 'long', 10_750, undefined]]);
  });

  test('contractSize defaults to 1; a signed notional counts by its magnitude', () => {
    const { m } = watched();
    m.syncPositions([
      { symbol: 'DOGE/USDT:USDT', side: 'long', contracts: 2, contractSize: 1000, markPrice: 0.08 },
      { symbol: 'ADA/USDT:USDT', side: 'long', contracts: 40, markPrice: 0.5 },
      { symbol: 'ETH/USDT:USDT', side: 'short', notional: -6_750 },
    ]);
    expect(m.getPositions().map((p) => p.size)).toEqual([2 * 1000 * 0.08, 20, 6_750]);
  });
});

describe('syncing again', () => {
  test('what stays keeps its id and is re-valued; what is gone closes; what is new opens', () => {
    const { m, events } = watched();
    m.syncPositions([btcLong, ethShort]);
    events.length = 0;
    const result = m.syncPositions([{ ...btcLong, notional: 12_000 }, { symbol: 'SOL/USDT:USDT', side: 'long', notional: 3_000 }]);
    expect(book(m.getPositions())).toEqual([
      ['p1', 'BTC/USDT:USDT', 'long', 12_000, undefined],
      ['p3', 'SOL/USDT:USDT', 'long', 3_000, undefined],
    ]);
    expect(events).toEqual(['-p2 short ETH/USDT:USDT sync', '+p3 long SOL/USDT:USDT 3000']);
    expect(result.updated.map((p) => [p.id, p.size])).toEqual([['p1', 12_000]]);
  });

  test('the same positions again change nothing and emit nothing', () => {
    const { m, events } = watched();
    m.syncPositions([btcLong, ethShort]);
    const before = m.getPositions();
    events.length = 0;
    expect(m.syncPositions([btcLong, ethShort])).toEqual({ registered: [], unregistered: [], updated: [] });
    expect(m.getPositions()).toEqual(before);
    expect(events).toEqual([]);
  });

  test('an empty list closes everything', () => {
    const { m, events } = watched();
    m.syncPositions([btcLong, ethShort]);
    events.length = 0;
    m.syncPositions([]);
    expect(m.getPositions()).toEqual([]);
    expect(events).toEqual(['-p1 long BTC/USDT:USDT sync', '-p2 short ETH/USDT:USDT sync']);
    expect(m.getDirectionalExposure('long')).toBe(0);
  });

  test('a side that flips is a new position: the long closes, a short opens', () => {
    const { m, events } = watched();
    m.syncPositions([btcLong]);
    events.length = 0;
    m.syncPositions([{ ...btcLong, side: 'short' }]);
    expect(book(m.getPositions())).toEqual([['p2', 'BTC/USDT:USDT', 'short', 10_750, undefined]]);
    expect(events).toEqual(['-p1 long BTC/USDT:USDT sync', '+p2 short BTC/USDT:USDT 10750']);
  });
});

describe('a book the bot registered itself', () => {
  test('several positions of one symbol and side become one: the oldest keeps its id, regime and strategy', () => {
    const { m, events } = watched();
    m.registerPosition({ id: 'a', symbol: 'BTC/USDT:USDT', side: 'long', size: 5_000, regime: 'TRENDING', strategy: 'breakout' });
    m.registerPosition({ id: 'b', symbol: 'BTC/USDT:USDT', side: 'long', size: 5_000 });
    events.length = 0;
    m.syncPositions([btcLong]);
    expect(m.getPositions()).toEqual([{ id: 'a', symbol: 'BTC/USDT:USDT', side: 'long', size: 10_750, regime: 'TRENDING', strategy: 'breakout' }]);
    expect(events).toEqual(['-b long BTC/USDT:USDT sync']);
    expect(m.getRegimeExposure('TRENDING')).toBe(0.1075);
  });

  test('a position held by quantity becomes the exchange notional (no longer re-marked by candles)', () => {
    const { m } = watched();
    m.updateMarketData('BTC/USDT:USDT', [[T0, 0, 0, 0, 40_000, 1]]);
    const id = m.registerPosition({ symbol: 'BTC/USDT:USDT', side: 'long', quantity: 0.25 });
    expect(m.getPosition(id)!.size).toBe(10_000);
    m.syncPositions([btcLong]);
    expect(m.getPosition(id)).toEqual({ id, symbol: 'BTC/USDT:USDT', side: 'long', size: 10_750, strategy: '' });
    m.updateMarketData('BTC/USDT:USDT', [[T0 + 60_000, 0, 0, 0, 50_000, 1]]);
    expect(m.getSymbolExposure('BTC/USDT:USDT')).toBe(0.1075);
  });

  test('reservations stay: they are orders in flight, not positions', () => {
    const { m } = watched();
    m.updateMarketData('ETH/USDT:USDT', [[T0, 0, 0, 0, 2_000, 1]]);
    const answer = m.validateNewPosition({ symbol: 'ETH/USDT:USDT', side: 'long', proposedSize: 1_000 }, { reserve: true });
    m.syncPositions([btcLong]);
    expect(m.getReservations().map((r) => r.id)).toEqual([answer.reservationId]);
    expect(m.getDirectionalExposure('long')).toBe((10_750 + 1_000) / 100_000);
  });
});

describe('options.regimes', () => {
  test('names the regime of each symbol; a named regime replaces the one held', () => {
    const { m } = watched();
    m.registerPosition({ symbol: 'BTC/USDT:USDT', side: 'long', size: 1_000, regime: 'OLD' });
    m.syncPositions([btcLong, ethShort], { regimes: { 'BTC/USDT:USDT': 'TRENDING', 'ETH/USDT:USDT': 'TRENDING' } });
    expect(m.getPositions().map((p) => p.regime)).toEqual(['TRENDING', 'TRENDING']);
    expect(m.getRegimeExposure('TRENDING')).toBe((10_750 + 6_750) / 100_000);
    expect(m.getRegimeExposure('OLD')).toBe(0);
  });
});

describe('positions of one symbol and side reported twice (isolated and cross margin)', () => {
  test('add up into one position', () => {
    const { m } = watched();
    m.syncPositions([btcLong, { ...btcLong, notional: 250 }]);
    expect(book(m.getPositions())).toEqual([['p1', 'BTC/USDT:USDT', 'long', 11_000, undefined]]);
  });
});

describe('a netting book', () => {
  test('holds one net per symbol: a long and a short of one symbol net', () => {
    const { m } = watched({ positionMode: 'netting' });
    m.syncPositions([btcLong, { ...btcLong, side: 'short', notional: 750 }, ethShort]);
    expect(book(m.getPositions())).toEqual([
      ['p1', 'BTC/USDT:USDT', 'long', 10_000, undefined],
      ['p2', 'ETH/USDT:USDT', 'short', 6_750, undefined],
    ]);
    // Netted to nothing: no position.
    m.syncPositions([btcLong, { ...btcLong, side: 'short' }]);
    expect(m.getPositions()).toEqual([]);
  });
});

describe('quote currencies', () => {
  test('a value in another quote currency is converted at the manager rate; without one the entry is refused', () => {
    const { m } = watched({ accountCurrency: 'USDT' });
    const ethBtc = { symbol: 'ETH/BTC', side: 'long', notional: 0.5 };
    expect(() => m.syncPositions([btcLong, ethBtc])).toThrow(new ValidationError('positions[1].symbol', 'is valued in BTC: give the manager a BTC rate (candles of BTC/USDT or updateQuoteRate), got "ETH/BTC"', 'ETH/BTC'));
    expect(m.getPositions()).toEqual([]);
    m.updateQuoteRate('BTC', 40_000);
    m.syncPositions([btcLong, ethBtc]);
    expect(m.getPositions().map((p) => p.size)).toEqual([10_750, 20_000]);
  });
});

describe('malformed entries', () => {
  const cases: [string, unknown, string, string][] = [
    ['not an array', { 0: btcLong }, 'positions', 'must be an array of ccxt positions, got object'],
    ['an entry not an object', [btcLong, null], 'positions[1]', 'must be an object, got null'],
    ['no symbol', [btcLong, { ...ethShort, symbol: undefined }], 'positions[1].symbol', 'must be a non-empty string, got undefined'],
    ['a side that is no side', [btcLong, ethShort, ethShort, { ...ethShort, side: 'sell' }], 'positions[3].side', 'must be "long" or "short", got "sell"'],
    ['no side on an open position', [{ ...btcLong, side: undefined }], 'positions[0].side', 'must be "long" or "short", got undefined'],
    ['a notional that is no number', [{ ...btcLong, notional: '10750' }], 'positions[0].notional', 'must be a finite number, got "10750"'],
    ['an infinite notional', [{ ...btcLong, notional: Infinity }], 'positions[0].notional', 'must be a finite number, got Infinity'],
    ['neither notional nor contracts', [{ symbol: 'BTC/USDT:USDT', side: 'long', markPrice: 1 }], 'positions[0].contracts', 'must be a finite number ≥ 0, got undefined'],
    ['negative contracts', [{ ...ethShort, contracts: -3 }], 'positions[0].contracts', 'must be a finite number ≥ 0, got -3'],
    ['a contract size of 0', [{ ...ethShort, contractSize: 0 }], 'positions[0].contractSize', 'must be a finite number > 0, got 0'],
    ['no mark price', [{ ...ethShort, markPrice: undefined }], 'positions[0].markPrice', 'must be a finite number > 0, got undefined'],
  ];
  test.each(cases)('%s: a ValidationError naming the field, and the book unchanged', (_, positions, field, message) => {
    const { m, events } = watched();
    m.syncPositions([btcLong]);
    const before = m.getPositions();
    events.length = 0;
    let error: unknown;
    try {
      m.syncPositions(positions as ExchangePosition[]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect([(error as ValidationError).field, (error as ValidationError).message]).toEqual([field, `${field}: ${message}`]);
    expect(m.getPositions()).toEqual(before);
    expect(events).toEqual([]);
  });

  test('a bad regime option is refused before any change', () => {
    const { m } = watched();
    expect(() => m.syncPositions([btcLong], { regimes: { 'BTC/USDT:USDT': '' } })).toThrow(new ValidationError('options.regimes["BTC/USDT:USDT"]', 'must be a non-empty string, got ""', ''));
    expect(m.getPositions()).toEqual([]);
  });

  test('null fields (as JSON has them) are absent ones', () => {
    const { m } = watched();
    m.syncPositions([{ symbol: 'ETH/USDT:USDT', side: 'short', contracts: 3, contractSize: null, notional: null, markPrice: 2_250 } as unknown as ExchangePosition]);
    expect(m.getPositions().map((p) => p.size)).toEqual([6_750]);
  });
});

describe('a listener that throws', () => {
  test('changes nothing about the sync', () => {
    const m = enabledManager();
    m.updateEquity(100_000);
    m.on('registered', () => {
      throw new Error('listener down');
    });
    const result = m.syncPositions([btcLong, ethShort]);
    expect(result.registered.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(m.getPositions()).toHaveLength(2);
  });
});
