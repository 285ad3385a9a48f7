import { PortfolioRiskManager } from 'portfolio-guard';
import { describe, expect, it } from 'vitest';
import { Account, type TradeProposal } from '../../src/simulation/account.js';

const trade = (over: Partial<TradeProposal> = {}): TradeProposal => ({
  symbol: 0,
  name: 'AAA/USD',
  side: 'long',
  regime: 'TRENDING',
  strategy: 'test',
  bar: 5,
  price: 10,
  proposedSize: 10_000,
  ...over,
});

const enabled = () => PortfolioRiskManager.createSync({ enabled: true, maxSymbolExposurePct: 0.25 });

describe('Account: a book traded through the risk manager', () => {
  it('opens proposed × sizeMultiplier and registers exactly that', () => {
    const manager = enabled();
    const account = new Account(manager, { initialEquity: 100_000 });
    account.sync();
    const first = account.propose(trade({ proposedSize: 20_000 }));
    expect(first.answer.sizeMultiplier).toBe(1);
    // 20,000 held: a second 10,000 on the same symbol may add only 5,000 under the 25% cap.
    const second = account.propose(trade({ proposedSize: 10_000 }));
    expect(second.answer.sizeMultiplier).toBe(0.5);
    expect(second.position?.entryNotional).toBe(5_000);
    expect(manager.getSymbolExposure('AAA/USD')).toBe(0.25);
    expect(account.checkMs).toHaveLength(2);
    expect(account.book.positions.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('a blocked trade opens nothing and registers nothing', () => {
    const manager = enabled();
    const account = new Account(manager, { initialEquity: 100_000, idPrefix: 'on-' });
    account.sync();
    account.propose(trade({ proposedSize: 25_000 }));
    const outcome = account.propose(trade());
    expect(outcome.answer.allowed).toBe(false);
    expect(outcome.position).toBeNull();
    expect(account.book.size).toBe(1);
    expect(manager.getStats().openPositions).toBe(1);
  });

  it('sync tells the manager the equity and every position at its marked notional', () => {
    const manager = enabled();
    const account = new Account(manager, { initialEquity: 100_000 });
    account.sync();
    account.propose(trade({ proposedSize: 10_000 }));
    account.book.mark(() => 12);
    account.sync();
    // Worth 12,000 of an equity of 102,000.
    expect(manager.getSymbolExposure('AAA/USD')).toBeCloseTo(12_000 / 102_000, 12);
  });

  it('close unregisters; trimToCaps resizes what it cut and unregisters what it closed', () => {
    const manager = enabled();
    const account = new Account(manager, { initialEquity: 100_000 });
    account.sync();
    const a = account.propose(trade({ proposedSize: 20_000 })).position!;
    account.propose(trade({ symbol: 1, name: 'BBB/USD', proposedSize: 10_000 }));
    account.close(a, 10);
    expect(manager.getStats().openPositions).toBe(1);

    account.book.mark(() => 30);
    account.sync();
    // BBB worth 30,000 of 120,000: 25% is 30,000 — at the cap, not over it. A 20% cap trims it.
    account.trimToCaps({ symbol: 0.2, direction: 1, regime: 1 });
    expect(manager.getSymbolExposure('BBB/USD')).toBeCloseTo(0.95 * 0.2, 12);
    account.trimToCaps({ symbol: 0, direction: 1, regime: 1 });
    expect(account.book.size).toBe(0);
    expect(manager.getStats().openPositions).toBe(0);
  });
});
