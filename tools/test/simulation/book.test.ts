import { describe, expect, it } from 'vitest';
import { Book } from '../../src/simulation/book.js';

const position = (over: Partial<Parameters<Book['add']>[0]> = {}) => ({
  id: 'a',
  symbol: 0,
  side: 'long' as const,
  regime: 'TRENDING' as const,
  bar: 0,
  price: 10,
  notional: 1_000,
  ...over,
});

describe('Book', () => {
  it('marks positions to their last price: long and short P&L, gross, equity, worked by hand', () => {
    const book = new Book(100_000);
    const long = book.add(position());
    const short = book.add(position({ id: 'b', symbol: 1, side: 'short', price: 20, notional: 500 }));
    book.mark((s) => (s === 0 ? 12 : 18));
    // Long 1,000 at 10 marked at 12: worth 1,200, +200. Short 500 at 20 marked at 18: worth 450, +50.
    expect(book.notional(long)).toBeCloseTo(1_200, 12);
    expect(book.notional(short)).toBeCloseTo(450, 12);
    expect(book.gross()).toBeCloseTo(1_650, 12);
    expect(book.equity).toBeCloseTo(100_250, 9);
  });

  it('a symbol with no price on the bar keeps its last one', () => {
    const book = new Book(100_000);
    const p = book.add(position());
    book.mark(() => 11);
    book.mark(() => Number.NaN);
    expect(p.lastPrice).toBe(11);
  });

  it('charges the fee on entry and on exit, and counts the trade net of both', () => {
    const book = new Book(100_000, 0.001);
    const p = book.add(position());
    expect(book.fees).toBe(1); // 10 bps of 1,000
    expect(book.equity).toBe(99_999);
    const net = book.close(p, 12);
    // Exit worth 1,200: fee 1.2; the trade made 200 − 1 − 1.2.
    expect(book.fees).toBeCloseTo(2.2, 12);
    expect(net).toBeCloseTo(197.8, 12);
    expect(book.trades).toEqual({ count: 1, wins: 1, pnl: net });
    expect(book.equity).toBeCloseTo(100_197.8, 9);
    expect(book.size).toBe(0);
  });

  it('trims a symbol over its cap to 95% of the cap, realising the cut part at the marked price', () => {
    const book = new Book(100_000);
    const p = book.add(position({ notional: 30_000 }));
    book.mark(() => 11);
    // Worth 33,000, equity 103,000: the 25% cap is 25,750; cut to 0.95 × 25,750 = 24,462.5.
    const trims = book.trimToCaps({ symbol: 0.25, direction: 1, regime: 1 });
    expect(trims).toHaveLength(1);
    expect(trims[0]).toMatchObject({ id: 'a', rule: 'symbol' });
    expect(trims[0].from).toBeCloseTo(33_000, 9);
    expect(trims[0].to).toBeCloseTo(24_462.5, 9);
    expect(book.notional(p)).toBeCloseTo(24_462.5, 9);
    // Without fees a trim at the market price moves value from unrealised to realised only.
    expect(book.equity).toBeCloseTo(103_000, 9);
  });

  it('a trim pays the fee on the notional it cuts', () => {
    const book = new Book(100_000, 0.001);
    book.add(position({ notional: 30_000 })); // entry fee 30
    book.mark(() => 11);
    // Equity 102,970: cap 25,742.5, kept 0.95 × that = 24,455.375 of 33,000 worth.
    book.trimToCaps({ symbol: 0.25, direction: 1, regime: 1 });
    const cut = 33_000 - 0.95 * 0.25 * 102_970;
    expect(book.fees).toBeCloseTo(30 + 0.001 * cut, 9);
    expect(book.equity).toBeCloseTo(102_970 - 0.001 * cut, 9);
  });

  it('scales every position of a direction over its cap by the same factor, then leaves the others', () => {
    const book = new Book(100_000);
    const a = book.add(position({ id: 'a', symbol: 0, notional: 40_000 }));
    const b = book.add(position({ id: 'b', symbol: 1, notional: 30_000, regime: 'RANGING' }));
    const c = book.add(position({ id: 'c', symbol: 2, side: 'short', notional: 10_000, regime: 'RANGING' }));
    // Longs 70,000 over a 60% cap: both cut to 0.95 × 60,000 / 70,000 of their size.
    const trims = book.trimToCaps({ symbol: 1, direction: 0.6, regime: 1 });
    expect(trims.map((t) => [t.id, t.rule])).toEqual([['a', 'long'], ['b', 'long']]);
    expect(book.notional(a)).toBeCloseTo((40_000 * 57_000) / 70_000, 9);
    expect(book.notional(b)).toBeCloseTo((30_000 * 57_000) / 70_000, 9);
    expect(book.notional(c)).toBe(10_000);
  });

  it('closes a position cut to nothing instead of keeping dust', () => {
    const book = new Book(100_000);
    book.add(position());
    book.trimToCaps({ symbol: 0, direction: 1, regime: 1 });
    expect(book.size).toBe(0);
    expect(book.trades.count).toBe(1);
    expect(book.equity).toBe(100_000);
  });

  it('answers what the page strategy asks: side held, age, symbols held', () => {
    const book = new Book(100_000);
    book.add(position({ id: 'a', symbol: 3, bar: 10, side: 'short' }));
    book.add(position({ id: 'b', symbol: 3, bar: 14, side: 'short' }));
    expect(book.sideOf(3)).toBe('short');
    expect(book.sideOf(4)).toBeUndefined();
    expect(book.ageOf(3, 20)).toBe(10);
    expect([...book.heldSymbols()]).toEqual([3]);
    expect(book.get('b')?.openedAt).toBe(14);
  });

  it('refuses what cannot be a position or an account', () => {
    expect(() => new Book(0)).toThrow(RangeError);
    expect(() => new Book(1, -0.1)).toThrow(RangeError);
    const book = new Book(1_000);
    expect(() => book.add(position({ notional: 0 }))).toThrow(RangeError);
    const p = book.add(position());
    book.close(p, 10);
    expect(() => book.close(p, 10)).toThrow(/not open/);
  });
});
