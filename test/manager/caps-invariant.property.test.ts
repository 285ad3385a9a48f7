// Property: for any book (positions by size or by quantity, orders in flight held by
// reservations, hedge or netting), after any move of prices, and for any proposal (a size or a
// quantity, with any upstream multiplier and configuration), opening proposed × sizeMultiplier
// together with every live reservation never takes the symbol, direction or regime exposure
// past its cap at the prices in force (in netting mode, or leaves one above its cap no higher
// than it was); the multiplier is in [0, 1]; and in hedge mode the answer equals an
// independent model of docs/portfolio-risk.md. Exposures here are summed from this test's own
// list of what it registered and reserved, valued at the closes it sent (in netting mode the
// positions as the book netted them, whose netting test/model checks).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { composeSize } from '../../bindings/manager/index.js';
import { NEXT_BAR_TIME, REGIMES, SYMBOLS, configArb, equityArb, loadMarket, marketArb, requestArb, sideArb } from './arbitraries.js';
import { enabledManager } from './helpers.js';
import { referenceAnswer, type RefPosition } from './reference-model.js';

const REL = 1e-9;

type Side = 'long' | 'short';
interface Held {
  symbol: string;
  side: Side;
  unit: 'size' | 'quantity';
  amount: number;
  regime: string | undefined;
}

const holdingArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: sideArb,
  fraction: fc.oneof(fc.double({ min: 0.001, max: 0.05, noNaN: true }), fc.double({ min: 0.001, max: 0.4, noNaN: true })),
  regime: fc.option(fc.constantFrom(...REGIMES), { freq: 5, nil: undefined }),
  byQuantity: fc.boolean(),
});
const proposalArb = fc.record({ request: requestArb, byQuantity: fc.boolean(), noRegime: fc.boolean() });
/** A bar after the book is built: each symbol's close moved by a factor (re-marking quantities). */
const moveArb = fc.option(fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: SYMBOLS.length, maxLength: SYMBOLS.length }), { nil: undefined });

/** Each symbol's signed net and the regime of the holding that opened its side (netting mode). */
function nets(held: readonly Held[], value: (h: Held) => number): Map<string, { net: number; regime: string | undefined }> {
  const out = new Map<string, { net: number; regime: string | undefined }>();
  for (const h of held) {
    const n = out.get(h.symbol) ?? { net: 0, regime: undefined };
    const before = n.net;
    let after = before + (h.side === 'long' ? value(h) : -value(h));
    if (Math.abs(after) <= 1e-9 * Math.max(Math.abs(before), value(h))) after = 0;
    if (after !== 0 && (before === 0 || Math.sign(before) !== Math.sign(after))) n.regime = h.regime;
    n.net = after;
    out.set(h.symbol, n);
  }
  return out;
}

test('caps hold with quantities, reservations, re-marks and netting; multiplier ∈ [0, 1]; hedge answers match the reference model', () => {
  fc.assert(
    fc.property(
      configArb,
      fc.constantFrom('hedge', 'netting'),
      marketArb,
      equityArb,
      fc.array(holdingArb, { maxLength: 10 }),
      fc.array(proposalArb, { maxLength: 4 }),
      moveArb,
      proposalArb,
      (config, positionMode, market, equity, book, reserves, move, proposal) => {
        const m = enabledManager({ ...config, positionMode });
        const prices = loadMarket(m, market);
        m.updateEquity(equity);
        const value = (h: Held) => (h.unit === 'size' ? h.amount : h.amount * (prices.get(h.symbol) ?? Number.NaN));
        const amountOf = (symbol: string, notional: number, byQuantity: boolean) =>
          byQuantity && prices.has(symbol) ? { unit: 'quantity' as const, amount: notional / prices.get(symbol)! } : { unit: 'size' as const, amount: notional };

        // Positions first, then reservations: the book's order.
        const positions: Held[] = [];
        for (const p of book) {
          const { unit, amount } = amountOf(p.symbol, p.fraction * equity, p.byQuantity);
          m.registerPosition({ symbol: p.symbol, side: p.side, ...(unit === 'size' ? { size: amount } : { quantity: amount }), regime: p.regime });
          positions.push({ symbol: p.symbol, side: p.side, unit, amount, regime: p.regime });
        }
        const reservations: Held[] = [];
        for (const { request: r, byQuantity, noRegime } of reserves) {
          const { unit, amount } = amountOf(r.symbol, r.baseFraction * equity, byQuantity);
          const regime = noRegime ? undefined : r.regime;
          const answer = m.validateNewPosition({ symbol: r.symbol, side: r.side, ...(unit === 'size' ? { proposedSize: amount } : { proposedQuantity: amount }), regime }, { reserve: true });
          if (answer.reservationId !== undefined) {
            reservations.push({ symbol: r.symbol, side: r.side, unit, amount: unit === 'size' ? answer.allowedSize : answer.allowedQuantity!, regime });
          }
        }
        if (move !== undefined) {
          // A Map: '__proto__' is one of the symbols, and an object literal would not hold it as a key.
          const bar = new Map<string, number>();
          for (const [k, symbol] of SYMBOLS.entries()) {
            if (!prices.has(symbol)) continue;
            prices.set(symbol, prices.get(symbol)! * move[k]!);
            bar.set(symbol, prices.get(symbol)!);
          }
          m.updateMarketBar(NEXT_BAR_TIME, bar);
        }

        const { request: req, byQuantity, noRegime } = proposal;
        const regime = noRegime ? undefined : req.regime;
        const proposedSize = composeSize(req.baseFraction * equity, req.upstream);
        const { unit, amount } = amountOf(req.symbol, proposedSize, byQuantity);
        const r = m.validateNewPosition({ symbol: req.symbol, side: req.side, ...(unit === 'size' ? { proposedSize: amount } : { proposedQuantity: amount }), regime });

        expect(r.sizeMultiplier).toBeGreaterThanOrEqual(0);
        expect(r.sizeMultiplier).toBeLessThanOrEqual(1);
        expect(r.allowed).toBe(r.sizeMultiplier > 0);
        if (unit === 'quantity') expect(r.allowedQuantity).toBe(amount * r.sizeMultiplier);

        const held = [...positions, ...reservations];
        const counted = (h: Held) => (Number.isNaN(value(h)) ? 0 : value(h));
        const opened: Held = { symbol: req.symbol, side: req.side, unit, amount: amount * r.sizeMultiplier, regime };
        const limits = { symbol: m.config.maxSymbolExposurePct * equity, direction: m.config.maxDirectionalExposurePct * equity, regime: m.config.maxRegimeExposurePct * equity };

        if (positionMode === 'hedge') {
          if (r.sizeMultiplier > 0) {
            const sum = (keep: (h: Held) => boolean) => held.filter(keep).reduce((s, h) => s + counted(h), 0);
            const caps: [number, number][] = [
              [sum((h) => h.symbol === req.symbol), limits.symbol],
              [sum((h) => h.side === req.side), limits.direction],
            ];
            if (regime !== undefined) caps.push([sum((h) => h.regime === regime), limits.regime]);
            for (const [current, limit] of caps) expect(current + counted(opened)).toBeLessThanOrEqual(limit * (1 + REL));
          }
          const refBook: RefPosition[] = held.map((h) => ({ symbol: h.symbol, side: h.side, size: counted(h), regime: h.regime }));
          const ref = referenceAnswer(m.config, refBook, equity, { symbol: req.symbol, side: req.side, proposedSize: value({ ...opened, amount }), regime }, (a, b) => m.getCorrelation(a, b));
          expect(r.details!.correlation.unknown.map((u) => u.symbol).sort()).toEqual(ref.unknownSymbols.sort());
          // Sums built incrementally and from scratch may differ in the last bits; only a raw
          // multiplier within that noise of minFillRatio may legitimately flip the verdict.
          if (Math.abs(ref.raw - m.config.minFillRatio) > REL) {
            expect(r.allowed).toBe(ref.allowed);
            expect(Math.abs(r.sizeMultiplier - ref.multiplier)).toBeLessThanOrEqual(REL);
          }
          return;
        }

        // Netting: the book as one net per symbol, before and after the proposal is netted in.
        // Registrations net into one position per symbol when they are made (a quantity against
        // a position held by size is converted at that moment's price: test/model checks that),
        // so the open positions are read back as they stand; the reservations are this test's own.
        const open: Held[] = m.getPositions().map((p) => ({ symbol: p.symbol, side: p.side, unit: 'size', amount: Number.isNaN(p.size) ? 0 : p.size, regime: p.regime }));
        const netted = [...open, ...reservations];
        const before = nets(netted, counted);
        const after = nets([...netted, opened], counted);
        const net = (of: typeof before, symbol: string) => Math.abs(of.get(symbol)?.net ?? 0);
        const side = (of: typeof before, s: Side) => [...of.values()].reduce((t, n) => t + (s === 'long' ? Math.max(n.net, 0) : Math.max(-n.net, 0)), 0);
        const inRegime = (of: typeof before, g: string) => [...of.values()].filter((n) => n.regime === g).reduce((t, n) => t + Math.abs(n.net), 0);
        const slack = REL * Math.max(equity, proposedSize);
        const holds = (was: number, now: number, limit: number) => now <= limit * (1 + REL) + slack || now <= was + slack;
        expect(holds(net(before, req.symbol), net(after, req.symbol), limits.symbol), 'symbol cap').toBe(true);
        expect(holds(side(before, req.side), side(after, req.side), limits.direction), 'direction cap').toBe(true);
        if (regime !== undefined) expect(holds(inRegime(before, regime), inRegime(after, regime), limits.regime), 'regime cap').toBe(true);
      },
    ),
    { numRuns: 500 },
  );
});
