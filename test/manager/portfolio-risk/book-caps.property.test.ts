// Property: for any book (hedge or netting, positions and reservations), any proposal after
// any upstream multiplier, and any gross, net, position-count, group and asset caps, opening
// proposed × sizeMultiplier never takes a book-level measure past max(its limit, where it
// was); when a book-level rule binds, the measure it names lands exactly on that level; and
// the multiplier is in [0, 1]. The measures are summed here from this test's own list of
// what it registered and reserved (in netting mode, netted per symbol).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { enabledManager } from '../helpers.js';

const SYMBOLS = ['BTC/USDT', 'BTC/USDC', 'BTC/USDT:USDT', 'ETH/USDT', 'SOL/USDT', 'XRP'];
const GROUPS = { majors: ['BTC/USDT', 'ETH/USDT'], alts: ['SOL/USDT', 'XRP', 'ETH/USDT'] };
const EQUITY = 100_000;
const REL = 1e-12;

const holdingArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('long' as const, 'short' as const),
  size: fc.double({ min: 100, max: 40_000, noNaN: true }),
  reserve: fc.boolean(),
});
const pctArb = fc.option(fc.double({ min: 0, max: 1.5, noNaN: true }), { nil: undefined });

const base = (s: string) => (s.indexOf('/') > 0 ? s.slice(0, s.indexOf('/')) : s);

function measures(signed: Map<string, number[]>, netting: boolean) {
  const gross = new Map<string, number>();
  let long = 0;
  let short = 0;
  for (const [symbol, amounts] of signed) {
    if (netting) {
      const net = amounts.reduce((s, a) => s + a, 0);
      gross.set(symbol, Math.abs(net));
      if (net > 0) long += net; else short -= net;
    } else {
      const l = amounts.filter((a) => a > 0).reduce((s, a) => s + a, 0);
      const sh = -amounts.filter((a) => a < 0).reduce((s, a) => s + a, 0);
      gross.set(symbol, l + sh);
      long += l;
      short += sh;
    }
  }
  const sumOf = (pick: (s: string) => boolean) => [...gross].filter(([s]) => pick(s)).reduce((t, [, g]) => t + g, 0);
  return {
    gross: long + short,
    net: Math.abs(long - short),
    open: [...signed.keys()].length,
    group: (name: keyof typeof GROUPS) => sumOf((s) => GROUPS[name].includes(s)),
    asset: (symbol: string) => sumOf((s) => base(s) === base(symbol)),
  };
}

test('gross, net, position-count, group and asset caps hold and bind exactly', () => {
  let binds = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('hedge' as const, 'netting' as const),
      fc.array(holdingArb, { maxLength: 8 }),
      fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: fc.constantFrom('long' as const, 'short' as const), base: fc.double({ min: 100, max: 90_000, noNaN: true }), upstream: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
      fc.record({ gross: pctArb, net: pctArb, open: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), majors: pctArb, alts: pctArb, asset: pctArb }),
      (mode, book, proposal, caps) => {
        const groups: Record<string, { symbols: string[]; maxExposurePct: number }> = {};
        if (caps.majors !== undefined) groups.majors = { symbols: GROUPS.majors, maxExposurePct: caps.majors };
        if (caps.alts !== undefined) groups.alts = { symbols: GROUPS.alts, maxExposurePct: caps.alts };
        const m = enabledManager({
          positionMode: mode, maxPairwiseCorrelation: 1, maxSymbolExposurePct: 100, maxDirectionalExposurePct: 100, maxRegimeExposurePct: 100, minFillRatio: 0,
          ...(caps.gross === undefined ? {} : { maxGrossExposurePct: caps.gross }),
          ...(caps.net === undefined ? {} : { maxNetExposurePct: caps.net }),
          ...(caps.open === undefined ? {} : { maxOpenPositions: caps.open }),
          ...(caps.asset === undefined ? {} : { maxAssetExposurePct: caps.asset }),
          ...(Object.keys(groups).length === 0 ? {} : { groups }),
        });
        m.updateEquity(EQUITY);
        const signed = new Map<string, number[]>();
        const add = (symbol: string, amount: number) => signed.set(symbol, [...(signed.get(symbol) ?? []), amount]);
        for (const h of book) {
          if (h.reserve) {
            // A reservation made through a validation with everything off but the seed's defaults at 100.
            const r = m.validateNewPosition({ symbol: h.symbol, side: h.side, proposedSize: h.size }, { reserve: true });
            if (r.reservationId !== undefined) add(h.symbol, h.side === 'long' ? r.allowedSize : -r.allowedSize);
          } else {
            m.registerPosition({ symbol: h.symbol, side: h.side, size: h.size });
            add(h.symbol, h.side === 'long' ? h.size : -h.size);
          }
        }
        // Netting: a symbol netted to nothing holds no position (and no reservation: the count
        // is of symbols with holdings).
        if (mode === 'netting') for (const s of [...signed.keys()]) if (m.getPositions().every((p) => p.symbol !== s) && m.getReservations().every((r) => r.symbol !== s)) signed.delete(s);
        const before = measures(signed, mode === 'netting');
        const proposed = proposal.base * proposal.upstream;
        const r = m.validateNewPosition({ symbol: proposal.symbol, side: proposal.side, proposedSize: proposed });
        expect(r.sizeMultiplier).toBeGreaterThanOrEqual(0);
        expect(r.sizeMultiplier).toBeLessThanOrEqual(1);
        const allowed = r.allowed ? r.allowedSize : 0;
        const after = new Map(signed);
        if (allowed > 0) after.set(proposal.symbol, [...(signed.get(proposal.symbol) ?? []), proposal.side === 'long' ? allowed : -allowed]);
        const post = measures(after, mode === 'netting');
        const offset = r.details?.netting?.offset ?? 0;
        // Closing the open net is always allowed: a level is max(limit, before, after the close).
        const closed = measures(offset > 0 ? new Map([...signed, [proposal.symbol, [...(signed.get(proposal.symbol) ?? []), proposal.side === 'long' ? offset : -offset]]]) : signed, mode === 'netting');
        const level = (limit: number, was: number, atClose: number) => Math.max(limit * EQUITY, was, atClose);
        const checks: [string, number, number][] = [];
        if (caps.gross !== undefined) checks.push(['gross', post.gross, level(caps.gross, before.gross, closed.gross)]);
        if (caps.net !== undefined) checks.push(['net', post.net, level(caps.net, before.net, closed.net)]);
        if (caps.majors !== undefined) checks.push(['group:majors', post.group('majors'), level(caps.majors, before.group('majors'), closed.group('majors'))]);
        if (caps.alts !== undefined) checks.push(['group:alts', post.group('alts'), level(caps.alts, before.group('alts'), closed.group('alts'))]);
        if (caps.asset !== undefined) checks.push(['asset', post.asset(proposal.symbol), level(caps.asset, before.asset(proposal.symbol), closed.asset(proposal.symbol))]);
        for (const [name, value, limit] of checks) expect(value, name).toBeLessThanOrEqual(limit * (1 + REL) + 1e-9);
        if (caps.open !== undefined && allowed > offset) {
          expect(post.open <= caps.open || post.open <= before.open, 'positions').toBe(true);
        }
        const bound = r.details?.portfolio?.binding;
        if (r.allowed && bound && bound !== 'positions' && bound !== 'reducing' && allowed > offset) {
          binds += 1;
          const tightest = r.details!.portfolio!.limits.filter((l) => l.rule === bound).reduce((a, b) => (b.maxSize < a.maxSize ? b : a));
          const name = tightest.name;
          const which = bound === 'group' ? `group:${name}` : bound;
          const check = checks.find(([n]) => n === which)!;
          expect(Math.abs(check[1] - check[2]), `${which} lands on its level`).toBeLessThanOrEqual(REL * check[2] + 1e-9);
        }
      },
    ),
    { numRuns: 400, seed: 17 },
  );
  expect(binds).toBeGreaterThan(30);
}, 120_000);
