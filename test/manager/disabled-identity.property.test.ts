// Property: disabled is the identity. Whatever the book, equity, market and request, the
// answer is "allowed at 1.0", so composing it changes nothing, and no counter moves.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PortfolioRiskManager, composeSize } from '../../bindings/manager/index.js';
import { equityArb, loadMarket, marketArb, positionArb, requestArb } from './arbitraries.js';

test('enabled: false answers allowed × 1.0 for every request and counts nothing', () => {
  fc.assert(
    fc.property(marketArb, equityArb, fc.array(positionArb, { maxLength: 8 }), fc.array(requestArb, { minLength: 1, maxLength: 5 }), (market, equity, book, requests) => {
      const m = PortfolioRiskManager.createSync({ portfolio_risk: { enabled: false } });
      loadMarket(m, market);
      m.updateEquity(equity);
      for (const p of book) m.registerPosition({ symbol: p.symbol, side: p.side, size: p.fraction * equity, regime: p.regime });
      const before = m.getStats();
      for (const req of requests) {
        const proposed = composeSize(req.baseFraction * equity, req.upstream);
        const r = m.validateNewPosition({ symbol: req.symbol, side: req.side, proposedSize: proposed, regime: req.regime });
        expect(r).toMatchObject({ allowed: true, sizeMultiplier: 1, reason: 'disabled' });
        expect(composeSize(req.baseFraction * equity, req.upstream, r.sizeMultiplier)).toBe(proposed);
      }
      expect(m.getStats()).toEqual(before);
    }),
    { numRuns: 100 },
  );
});
