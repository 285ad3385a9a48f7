// syncPositions against a plain-TS expectation, over random exchange lists and random books
// the bot built before: afterwards the book holds exactly one position per (symbol, side) the
// exchange reports, worth the sum of its entries' values (notional, else contracts ×
// contractSize × markPrice) in the exchange's order; a (symbol, side) the book already held
// keeps the id of its oldest position; the events name exactly the ids that left and came.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { ExchangePosition } from '../../bindings/manager/index.js';
import { enabledManager } from './helpers.js';

const SYMBOLS = ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'SOL/USDT:USDT', 'XRP/USDT:USDT'];
const sideArb = fc.constantFrom('long' as const, 'short' as const);
const money = fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100);

const entryArb = fc.oneof(
  fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: sideArb, notional: money }),
  fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: sideArb, contracts: fc.integer({ min: 0, max: 50 }), contractSize: fc.constantFrom(0.001, 1, 10), markPrice: fc.constantFrom(0.5, 95, 43_000) }),
);
const heldArb = fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: sideArb, size: fc.integer({ min: 1, max: 100_000 }) });

function expected(entries: ExchangePosition[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const value = e.notional ?? e.contracts! * (e.contractSize ?? 1) * e.markPrice!;
    if (value === 0) continue;
    const key = `${e.side} ${e.symbol}`;
    out.set(key, (out.get(key) ?? 0) + value);
  }
  return out;
}

test('the book equals the exchange after any sync, ids kept for what the book already held', () => {
  fc.assert(
    fc.property(fc.array(heldArb, { maxLength: 8 }), fc.array(fc.array(entryArb, { maxLength: 10 }), { minLength: 1, maxLength: 3 }), (held, syncs) => {
      const m = enabledManager();
      m.updateEquity(1e6);
      for (const h of held) m.registerPosition(h);
      for (const entries of syncs) {
        const before = m.getPositions();
        const came: string[] = [];
        const left: string[] = [];
        const offA = m.on('registered', ({ position }) => came.push(position.id));
        const offB = m.on('unregistered', ({ position }) => left.push(position.id));
        m.syncPositions(entries);
        offA();
        offB();
        const want = expected(entries);
        const after = m.getPositions();
        // One position per reported (symbol, side), worth the entries' sum.
        expect(new Map(after.map((p) => [`${p.side} ${p.symbol}`, p.size]))).toEqual(want);
        expect(after).toHaveLength(want.size);
        // The oldest held position of a kept (symbol, side) keeps its id.
        for (const p of after) {
          const oldest = before.find((b) => b.symbol === p.symbol && b.side === p.side);
          if (oldest !== undefined) expect(p.id).toBe(oldest.id);
        }
        // Events: exactly the ids that left the book and those that came into it.
        const beforeIds = new Set(before.map((p) => p.id));
        const afterIds = new Set(after.map((p) => p.id));
        expect(left.sort()).toEqual([...beforeIds].filter((id) => !afterIds.has(id)).sort());
        expect(came.sort()).toEqual([...afterIds].filter((id) => !beforeIds.has(id)).sort());
        // Exposures are those of a fresh manager holding the same book, registered in the same
        // order (sums run in book order): nothing of the history before the sync is left in them.
        const fresh = enabledManager();
        fresh.updateEquity(1e6);
        for (const p of after) fresh.registerPosition({ symbol: p.symbol, side: p.side, size: p.size });
        for (const side of ['long', 'short'] as const) expect(m.getDirectionalExposure(side)).toBe(fresh.getDirectionalExposure(side));
        for (const s of SYMBOLS) expect(m.getSymbolExposure(s)).toBe(fresh.getSymbolExposure(s));
      }
    }),
    { numRuns: 200 },
  );
});
