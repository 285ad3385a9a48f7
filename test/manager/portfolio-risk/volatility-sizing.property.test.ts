// The volatility and shock caps size a trade exactly. For random markets (factor-correlated
// returns, gaps, a symbol too young to have a variance), random books in both position modes,
// random proposals after an upstream multiplier and random caps, a plain-TS model recomputes
// the book's risk after the allowed trade term by term, Σᵢⱼ wᵢwⱼΣᵢⱼ and Σ|wᵢ|σᵢ (not the
// closed form), over the engine's covariances with unknown pairs taken at correlation 1:
//   - no trade takes volatility or shock past max(cap, where it was) (in netting mode, or
//     where closing the open net took it: closing is always allowed);
//   - when the rule binds, the risk after equals that level within 1e-12 relative, and a
//     slightly larger trade exceeds it;
//   - a trade that does not raise the measure (a hedge) is never cut by that rule.
// A second property checks the engine's covariances against a two-pass covariance over the
// aligned log-return grid computed here (1e-9 relative to σᵢσⱼ).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../../bindings/manager/index.js';
import { alignCloses, lastWindow, logReturns } from '../../reference/pearson-reference.js';
import { MINUTE, T0 } from '../helpers.js';

const W = 30;
const MIN_PERIODS = 10;
const EQUITY = 100_000;
const ANNUAL = (365 * 24 * 60); // '1m' bars in a 365-day year
const SYMBOLS = ['A/USDT', 'B/USDT', 'C/USDT', 'D/USDT', 'E/USDT'];

interface Market { closes: Map<string, [number, number][]> }

const marketArb = fc
  .record({
    count: fc.integer({ min: 2, max: 5 }),
    rows: fc.integer({ min: W + 1, max: W + 20 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    young: fc.boolean(),
    gaps: fc.double({ min: 0, max: 0.15, noNaN: true }),
  })
  .map(({ count, rows, seed, young, gaps }) => {
    let s = seed;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const normal = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
    const closes = new Map<string, [number, number][]>();
    const loading = SYMBOLS.map(() => next() * 1.6 - 0.4);
    const vol = SYMBOLS.map(() => 0.001 + next() * 0.02);
    const level = SYMBOLS.map(() => Math.log(10 + next() * 1000));
    for (let t = 0; t < rows; t++) {
      const common = normal();
      for (let k = 0; k < count; k++) {
        level[k]! += vol[k]! * (loading[k]! * common + normal());
        const symbol = SYMBOLS[k]!;
        // The last symbol, when young, has candles only for the final few bars: no variance yet.
        if (young && k === count - 1 && t < rows - 5) continue;
        if (t > 0 && next() < gaps) continue;
        if (!closes.has(symbol)) closes.set(symbol, []);
        closes.get(symbol)!.push([T0 + t * MINUTE, Math.exp(level[k]!)]);
      }
    }
    return { closes } satisfies Market;
  });

const holdingArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('long' as const, 'short' as const),
  size: fc.double({ min: 500, max: 40_000, noNaN: true }),
});

const caseArb = fc.record({
  market: marketArb,
  mode: fc.constantFrom('hedge' as const, 'netting' as const),
  book: fc.array(holdingArb, { maxLength: 6 }),
  proposal: fc.record({
    symbol: fc.constantFrom(...SYMBOLS, 'NEW/USDT'),
    side: fc.constantFrom('long' as const, 'short' as const),
    base: fc.double({ min: 100, max: 80_000, noNaN: true }),
    upstream: fc.double({ min: 0.05, max: 1, noNaN: true }),
  }),
  volCap: fc.double({ min: 0.01, max: 1, noNaN: true }),
  shockCap: fc.option(fc.double({ min: 0.01, max: 1.5, noNaN: true }), { nil: undefined }),
});

/** The book's risk as the plain model sees it: engine covariances, unknowns bounded, term by term. */
function riskModel(m: PortfolioRiskManager, weights: Map<string, number>) {
  const names = [...weights.keys()].filter((s) => m.engine.symbolId(s) !== undefined);
  const ids = names.map((s) => m.engine.symbolId(s)!);
  const variance = ids.map((i) => m.engine.covariances.covariance(i, i));
  const known = names.map((_, k) => !Number.isNaN(variance[k]!));
  const cov = (a: number, b: number): number => {
    if (a === b) return variance[a]!;
    const c = m.engine.covariances.covariance(ids[a]!, ids[b]!);
    return Number.isNaN(c) ? Math.sqrt(variance[a]!) * Math.sqrt(variance[b]!) : c;
  };
  const at = (extra: Map<string, number>) => {
    const w = names.map((s) => (weights.get(s) ?? 0) + (extra.get(s) ?? 0));
    let v = 0;
    let shock = 0;
    for (let a = 0; a < names.length; a++) {
      if (!known[a]) continue;
      shock += Math.abs(w[a]!) * Math.sqrt(ANNUAL * variance[a]!);
      for (let b = 0; b < names.length; b++) if (known[b]) v += w[a]! * w[b]! * cov(a, b);
    }
    return { vol: Math.sqrt(ANNUAL * v), shock };
  };
  return { at, knownSymbol: (s: string) => names.includes(s) && known[names.indexOf(s)]! };
}

test('volatility and shock caps: never exceeded, exact when binding, hedges never cut', () => {
  let bound = 0;
  let boundShock = 0;
  let hedges = 0;
  fc.assert(
    fc.property(caseArb, ({ market, mode, book, proposal, volCap, shockCap }) => {
      const m = PortfolioRiskManager.createSync({
        enabled: true, correlationLookback: W, minPeriods: MIN_PERIODS, timeframe: '1m', positionMode: mode,
        maxPairwiseCorrelation: 1, maxSymbolExposurePct: 100, maxDirectionalExposurePct: 100, maxRegimeExposurePct: 100, minFillRatio: 0,
        maxPortfolioVolatility: volCap, ...(shockCap === undefined ? {} : { maxShockRisk: shockCap }),
      });
      for (const [symbol, candles] of market.closes) m.updateMarketData(symbol, candles.map(([timestamp, close]) => ({ timestamp, close })));
      m.updateEquity(EQUITY);
      const weights = new Map<string, number>([...market.closes.keys(), proposal.symbol].map((s) => [s, 0]));
      for (const h of book) {
        m.registerPosition(h);
        weights.set(h.symbol, weights.get(h.symbol)! + (h.side === 'long' ? h.size : -h.size) / EQUITY);
      }
      const proposed = proposal.base * proposal.upstream;
      const r = m.validateNewPosition({ symbol: proposal.symbol, side: proposal.side, proposedSize: proposed });
      const model = riskModel(m, weights);
      const d = proposal.side === 'long' ? 1 : -1;
      const after = (t: number) => model.at(new Map([[proposal.symbol, (d * t) / EQUITY]]));
      const before = after(0);
      const allowed = r.allowed ? r.allowedSize : 0;
      const post = after(allowed);
      const volLevel = Math.max(volCap, before.vol);
      // Netting: closing the open net is always allowed, even where dropping a hedge raises risk;
      // only what the trade adds past it is sized.
      const closed = after(Math.min(r.details?.netting?.offset ?? 0, allowed));
      expect(post.vol).toBeLessThanOrEqual(Math.max(volLevel, closed.vol) * (1 + 1e-12));
      if (shockCap !== undefined) expect(post.shock).toBeLessThanOrEqual(Math.max(shockCap, before.shock, closed.shock) * (1 + 1e-12));
      if ((r.details?.netting?.offset ?? 0) >= allowed && allowed > 0) return;
      if (!model.knownSymbol(proposal.symbol)) {
        // No volatility for the traded symbol: the trade cannot be sized, so it adds nothing
        // beyond closing an open net.
        expect(allowed).toBeLessThanOrEqual((r.details?.netting?.offset ?? 0) * (1 + 1e-12));
        return;
      }
      const full = after(proposed);
      if (full.vol <= before.vol) {
        hedges += 1;
        expect(r.binding).not.toBe('volatility');
      }
      if (shockCap !== undefined && full.shock <= before.shock) expect(r.binding).not.toBe('shock');
      const larger = after(allowed * (1 + 1e-6) + 1e-3);
      if (r.binding === 'volatility' && r.allowed) {
        bound += 1;
        expect(Math.abs(post.vol - volLevel)).toBeLessThanOrEqual(1e-12 * volLevel);
        expect(larger.vol).toBeGreaterThan(volLevel);
      }
      if (r.binding === 'shock' && r.allowed) {
        boundShock += 1;
        const level = Math.max(shockCap!, before.shock);
        expect(Math.abs(post.shock - level)).toBeLessThanOrEqual(1e-12 * level);
        expect(larger.shock).toBeGreaterThan(level);
      }
    }),
    { numRuns: 400, seed: 15 },
  );
  // The generator must reach every case it claims to cover.
  expect(bound).toBeGreaterThan(20);
  expect(boundShock).toBeGreaterThan(5);
  expect(hedges).toBeGreaterThan(5);
}, 120_000);

test("the engine's covariances equal a two-pass covariance over the aligned log-return grid", () => {
  fc.assert(
    fc.property(marketArb, (market) => {
      const m = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: W, minPeriods: MIN_PERIODS, timeframe: '1m' });
      for (const [symbol, candles] of market.closes) m.updateMarketData(symbol, candles.map(([timestamp, close]) => ({ timestamp, close })));
      const symbols = [...market.closes.keys()];
      const grid = alignCloses(market.closes, symbols);
      const returns = grid.closes.map((c) => lastWindow(logReturns(c), W));
      const twoPass = (x: Float64Array, y: Float64Array): number => {
        const rows: number[] = [];
        for (let t = 0; t < x.length; t++) if (!Number.isNaN(x[t]!) && !Number.isNaN(y[t]!)) rows.push(t);
        if (rows.length < MIN_PERIODS) return Number.NaN;
        const mx = rows.reduce((s, t) => s + x[t]!, 0) / rows.length;
        const my = rows.reduce((s, t) => s + y[t]!, 0) / rows.length;
        return rows.reduce((s, t) => s + (x[t]! - mx) * (y[t]! - my), 0) / (rows.length - 1);
      };
      symbols.forEach((a, i) => {
        symbols.forEach((b, j) => {
          const want = twoPass(returns[i]!, returns[j]!);
          const got = m.engine.covariances.covariance(m.engine.symbolId(a)!, m.engine.symbolId(b)!);
          if (Number.isNaN(want)) {
            expect(got).toBeNaN();
            return;
          }
          const scale = Math.sqrt(twoPass(returns[i]!, returns[i]!) * twoPass(returns[j]!, returns[j]!));
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * scale);
        });
      });
    }),
    { numRuns: 200, seed: 16 },
  );
}, 60_000);
