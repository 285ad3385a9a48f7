// The risk numbers in getStats(), against the same numbers computed here from the engine's
// covariances; and the cached book risk (folded in O(P) when one position changes) against a
// manager that recomputes it from scratch for every answer.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../../bindings/manager/index.js';
import { candlesFromReturns, rng } from '../helpers.js';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT'];

/** Feeds each symbol 60 correlated candles; returns what each was fed. */
function market(m: PortfolioRiskManager, seed = 3): ReturnType<typeof candlesFromReturns>[] {
  const next = rng(seed);
  const common = Array.from({ length: 60 }, () => (next() - 0.5) * 0.02);
  return SYMBOLS.map((s, k) => {
    const own = common.map((c) => c * (k + 1) * 0.5 + (next() - 0.5) * 0.01 * (k + 1));
    const candles = candlesFromReturns(own, 10 + k);
    m.updateMarketData(s, candles);
    return candles;
  });
}

const CONFIG = { enabled: true, correlationLookback: 50, timeframe: '1m', maxPortfolioVolatility: 3, maxShockRisk: 5 } as const;

test('volatility, shock risk, diversification ratio and Euler contributions that sum to the volatility', () => {
  const m = PortfolioRiskManager.createSync(CONFIG);
  market(m);
  m.updateEquity(100_000);
  const book: [string, number][] = [['BTC/USDT', 20_000], ['ETH/USDT', -10_000], ['SOL/USDT', 5_000]];
  for (const [symbol, signed] of book) m.registerPosition({ symbol, side: signed > 0 ? 'long' : 'short', size: Math.abs(signed) });
  const annual = 365 * 24 * 60;
  const ids = book.map(([s]) => m.engine.symbolId(s)!);
  const w = book.map(([, n]) => n / 100_000);
  const cov = (a: number, b: number) => m.engine.covariances.covariance(ids[a]!, ids[b]!) * annual;
  let variance = 0;
  const sigmaW: number[] = [];
  for (let a = 0; a < 3; a++) {
    let row = 0;
    for (let b = 0; b < 3; b++) row += cov(a, b) * w[b]!;
    sigmaW.push(row);
    variance += w[a]! * row;
  }
  const vol = Math.sqrt(variance);
  const shock = w.reduce((s, wi, a) => s + Math.abs(wi) * Math.sqrt(cov(a, a)), 0);
  const stats = m.getStats();
  expect(stats.grossExposure).toBeCloseTo(0.35, 15);
  expect(stats.netExposure).toBeCloseTo(0.15, 15);
  expect(stats.portfolioVolatility).toBeCloseTo(vol, 12);
  expect(stats.shockRisk).toBeCloseTo(shock, 12);
  expect(stats.diversificationRatio).toBeCloseTo(shock / vol, 12);
  const contributions = Object.values(stats.riskContributions);
  expect(Object.keys(stats.riskContributions)).toEqual(book.map(([s]) => s));
  book.forEach(([s], a) => expect(stats.riskContributions[s]).toBeCloseTo((w[a]! * sigmaW[a]!) / vol, 12));
  expect(contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(vol, 12);
});

test('a cached book risk, updated one position at a time, answers as one recomputed for every call', () => {
  const cached = PortfolioRiskManager.createSync(CONFIG);
  const fresh = PortfolioRiskManager.createSync(CONFIG);
  const next = rng(11);
  for (const m of [cached, fresh]) {
    market(m);
    m.updateEquity(100_000);
  }
  for (let step = 0; step < 60; step++) {
    const symbol = SYMBOLS[Math.floor(next() * SYMBOLS.length)]!;
    const side = next() < 0.5 ? 'long' : 'short';
    const size = 1_000 + next() * 20_000;
    const action = next();
    for (const m of [cached, fresh]) {
      if (action < 0.4) m.registerPosition({ id: `p${step}`, symbol, side, size });
      else if (action < 0.6 && m.getPositions().length > 0) {
        const p = m.getPositions()[0]!;
        m.resizePosition(p.id, p.size * 1.5);
      }
    }
    fresh.clearCaches();
    const a = cached.validateNewPosition({ symbol, side, proposedSize: size });
    const b = fresh.validateNewPosition({ symbol, side, proposedSize: size });
    expect(a.code).toBe(b.code);
    expect(a.binding).toBe(b.binding);
    expect(Math.abs(a.allowedSize - b.allowedSize)).toBeLessThanOrEqual(1e-9 * b.allowedSize + 1e-9);
    const [va, vb] = [a, b].map((r) => r.details!.portfolio!.limits.find((l) => l.rule === 'volatility')!.current);
    expect(Math.abs(va! - vb!)).toBeLessThanOrEqual(1e-12 * vb!);
  }
  // The sequence did exercise the O(P) fold of one changed position (not only full recomputes).
  const risk = (cached as unknown as { bookRisk: { folds: number; recomputes: number } }).bookRisk;
  expect(risk.folds).toBeGreaterThan(5);
});

test('a candle sent again between the book risk and a proposal leaves the proposal its answer', () => {
  // The re-send changes no state, but its candle passes through the core's input area, which
  // the book risk also uses as scratch: the proposal must not read a candle as a risk term.
  const config = { ...CONFIG, maxPortfolioVolatility: 0.05 } as const;
  const [resent, quiet] = [PortfolioRiskManager.createSync(config), PortfolioRiskManager.createSync(config)];
  let fed: ReturnType<typeof market> = [];
  for (const m of [resent, quiet]) {
    fed = market(m);
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 10_000 });
    m.getStats();
  }
  const pairs = SYMBOLS.flatMap((a) => SYMBOLS.map((b) => [a, b] as const));
  const before = pairs.map(([a, b]) => resent.getCorrelation(a, b));
  expect(resent.updateMarketData('BTC/USDT', fed[0]!)).toMatchObject({ appended: 0, filled: 0, revised: 0 });
  expect(pairs.map(([a, b]) => resent.getCorrelation(a, b))).toEqual(before);
  const request = { symbol: 'SOL/USDT', side: 'long', proposedSize: 30_000 } as const;
  const answer = resent.validateNewPosition(request);
  expect(answer).toEqual(quiet.validateNewPosition(request));
  expect(answer.binding).toBe('volatility');
});

test("a proposal outside the book, asked again after a position changed, is sized on the book's new weights", () => {
  const config = { ...CONFIG, maxPortfolioVolatility: 1 } as const;
  const [cached, fresh] = [PortfolioRiskManager.createSync(config), PortfolioRiskManager.createSync(config)];
  for (const m of [cached, fresh]) {
    market(m);
    m.updateEquity(100_000);
    m.registerPosition({ id: 'btc', symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 10_000 });
  }
  const request = { symbol: 'SOL/USDT', side: 'long', proposedSize: 15_000 } as const;
  const first = cached.validateNewPosition(request);
  expect(first.binding).toBe('volatility');
  // One weight changes: the cached book risk folds it in, and the proposal's (Σw)ₖ must follow.
  for (const m of [cached, fresh]) m.resizePosition('btc', 17_000);
  fresh.clearCaches();
  const again = cached.validateNewPosition(request);
  const want = fresh.validateNewPosition(request);
  expect(again.binding).toBe('volatility');
  expect(again.allowedSize).toBeGreaterThan(first.allowedSize);
  expect(Math.abs(again.allowedSize - want.allowedSize)).toBeLessThanOrEqual(1e-9 * want.allowedSize);
  expect((cached as unknown as { bookRisk: { folds: number } }).bookRisk.folds).toBeGreaterThan(0);
});
