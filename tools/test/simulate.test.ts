import { describe, expect, it } from 'vitest';
import { PortfolioRiskManager } from 'portfolio-guard';
import { simulate, type ReplayManager } from '../src/replay/simulate.js';
import { DEFAULT_STRATEGY } from '../src/replay/strategy.js';
import { generateSyntheticMarket } from '../src/simulation/synthetic-market.js';
import { marketOf } from './market-of.js';

const TOLERANCE = 1e-9;

interface Breach {
  rule: 'symbol' | 'direction' | 'regime';
  value: number;
  limit: number;
}

/**
 * Wraps a real manager; after every registration, reads the manager's own exposures for the
 * symbol, side and regime just registered and records any that are above their cap.
 */
function watched(manager: PortfolioRiskManager, limits: { symbol: number; direction: number; regime: number }) {
  const breaches: Breach[] = [];
  let registrations = 0;
  const wrapper: ReplayManager = {
    updateEquity: (e) => manager.updateEquity(e),
    updateMarketData: (s, c) => manager.updateMarketData(s, c),
    unregisterPosition: (id) => manager.unregisterPosition(id),
    resizePosition: (id, size) => manager.resizePosition(id, size),
    validateNewPosition: (r) => manager.validateNewPosition(r),
    getStats: () => manager.getStats(),
    registerPosition(p) {
      const id = manager.registerPosition(p);
      registrations++;
      const seen: [Breach['rule'], number, number][] = [
        ['symbol', manager.getSymbolExposure(p.symbol), limits.symbol],
        ['direction', manager.getDirectionalExposure(p.side), limits.direction],
        // The replay tags every position with its regime.
        ['regime', manager.getRegimeExposure(p.regime!), limits.regime],
      ];
      for (const [rule, value, limit] of seen) if (value > limit + TOLERANCE) breaches.push({ rule, value, limit });
      return id;
    },
  };
  return { wrapper, breaches, registrations: () => registrations };
}

describe('simulate', () => {
  const market = generateSyntheticMarket({ seed: 5, bars: 2000, symbols: 40 });
  const defaultCaps = { symbol: 0.25, direction: 0.6, regime: 0.5 };

  it('with risk on, no registration ever takes its symbol, direction or regime past the cap', () => {
    const off = PortfolioRiskManager.createSync({ enabled: false });
    const on = PortfolioRiskManager.createSync({ enabled: true });
    const watchOff = watched(off, defaultCaps);
    const watchOn = watched(on, defaultCaps);
    const result = simulate({
      market,
      runs: [
        { name: 'off', manager: watchOff.wrapper },
        { name: 'on', manager: watchOn.wrapper },
      ],
      correlationSource: (a, b) => on.getCorrelation(a, b),
    });
    expect(watchOn.registrations()).toBeGreaterThan(100);
    expect(watchOn.breaches).toEqual([]);
    // Not vacuous: the same proposals without portfolio risk do go past the caps,
    // and with it on the rules had to act.
    expect(watchOff.breaches.length).toBeGreaterThan(0);
    const onRun = result.runs[1];
    expect(onRun.counts.reduced + onRun.counts.blocked).toBeGreaterThan(0);
  });

  it('risk on with limits that can never bind reproduces risk off exactly', () => {
    // Only the manager's answers may differ between the runs; with nothing to cut, nothing does.
    const off = PortfolioRiskManager.createSync({ enabled: false });
    const loose = PortfolioRiskManager.createSync({
      enabled: true,
      maxPairwiseCorrelation: 1,
      maxSymbolExposurePct: 1e6,
      maxDirectionalExposurePct: 1e6,
      maxRegimeExposurePct: 1e6,
    });
    const r = simulate({
      market,
      runs: [
        { name: 'off', manager: off },
        { name: 'on', manager: loose },
      ],
      correlationSource: (a, b) => loose.getCorrelation(a, b),
    });
    const [a, b] = r.runs;
    expect(b.counts.allowedFull).toBe(r.proposals);
    expect(Array.from(b.equity)).toEqual(Array.from(a.equity));
    expect(Array.from(b.gross)).toEqual(Array.from(a.gross));
  });

  it('holds a tighter custom symbol cap too, reducing every trade to it', () => {
    const on = PortfolioRiskManager.createSync({ enabled: true, maxSymbolExposurePct: 0.03 });
    const watch = watched(on, { symbol: 0.03, direction: 0.6, regime: 0.5 });
    const result = simulate({ market, runs: [{ name: 'on', manager: watch.wrapper }], correlationSource: () => Number.NaN });
    expect(watch.breaches).toEqual([]);
    const counts = result.runs[0].counts;
    // Proposals are 5% of equity and the symbol cap is 3%: none can pass at full size.
    expect(counts.allowedFull).toBe(0);
    expect(counts.reducedBy.symbol).toBeGreaterThan(0);
  });

  it('feeds both runs the same proposals; the disabled run allows every one at full size', () => {
    const off = PortfolioRiskManager.createSync({ enabled: false });
    const on = PortfolioRiskManager.createSync({ enabled: true });
    const r = simulate({
      market,
      runs: [
        { name: 'off', manager: off },
        { name: 'on', manager: on },
      ],
      correlationSource: (a, b) => on.getCorrelation(a, b),
    });
    const [a, b] = r.runs;
    expect(a.counts.proposed).toBe(r.proposals);
    expect(b.counts.proposed).toBe(r.proposals);
    expect(a.counts.allowedFull).toBe(r.proposals);
    expect(b.counts.allowedFull + b.counts.reduced + b.counts.blocked).toBe(r.proposals);
    // Every trade that opened was closed by the end, and the last equity point is realised.
    expect(a.trades.count).toBe(a.counts.proposed);
    expect(b.trades.count).toBe(b.counts.allowedFull + b.counts.reduced);
    expect(off.getStats().openPositions).toBe(0);
    expect(on.getStats().openPositions).toBe(0);
    expect(a.metrics.finalEquity).toBeCloseTo(100_000 + a.trades.pnl, 6);
    expect(b.metrics.finalEquity).toBeCloseTo(100_000 + b.trades.pnl, 6);
  });

  it('charges the fee on the entry and the exit notional of a trade, worked by hand', () => {
    // One breakout: A's close 11 tops its 3-bar channel (10, 10, 10) at bar 3, a long of 5% of
    // 100,000 = 5,000 at 11. It exits on time at bar 5 (held 2 bars) at 11.5, worth
    // 5,000 × 11.5 / 11. Nothing else breaks out (A stays inside its channel, B is flat).
    const market = marketOf({ A: [10, 10, 10, 11, 12, 11.5, 11.5, 11.5], B: [7, 7, 7, 7, 7, 7, 7, 7] });
    const run = (feeBps: number) =>
      simulate({
        market,
        runs: [{ name: 'x', manager: PortfolioRiskManager.createSync({ enabled: false }) }],
        correlationSource: () => Number.NaN,
        strategy: { ...DEFAULT_STRATEGY, lookback: 3, holdBars: 2, stopSigmas: 100 },
        feeBps,
      }).runs[0];
    const paid = run(10);
    const exitNotional = (5_000 * 11.5) / 11;
    expect(paid.trades.count).toBe(1);
    expect(paid.trades.byExit.time).toBe(1);
    // 10 bps of 5,000 in, 10 bps of 5,227.27 out: 5 + 5.2273 = 10.2273.
    expect(paid.feesPaid).toBeCloseTo(0.001 * (5_000 + exitNotional), 10);
    expect(paid.trades.pnl).toBeCloseTo(exitNotional - 5_000 - 0.001 * (5_000 + exitNotional), 10);
    expect(paid.metrics.finalEquity).toBeCloseTo(100_000 + paid.trades.pnl, 9);

    const free = run(0);
    expect(free.feesPaid).toBe(0);
    expect(free.trades.pnl).toBeCloseTo(exitNotional - 5_000, 10);
  });

  it('closes a position across a data discontinuity at the close before the jump', () => {
    // One symbol that breaks out, then halves in one bar (an unadjusted 2:1 split).
    const rows = 12;
    const base = generateSyntheticMarket({ seed: 1, bars: rows, symbols: 2 });
    const closes = [10, 10.1, 10.05, 10.2, 10.6, 10.7, 10.8, 5.4, 5.4, 5.4, 5.4, 5.4];
    base.series[0].close.set(closes);
    base.series[1].close.fill(7);
    const manager = PortfolioRiskManager.createSync({ enabled: false });
    const r = simulate({
      market: base,
      runs: [{ name: 'x', manager }],
      correlationSource: () => Number.NaN,
      strategy: { ...DEFAULT_STRATEGY, lookback: 3, holdBars: 6, stopSigmas: 100, jumpThreshold: 0.6 },
      feeBps: 0,
    });
    const run = r.runs[0];
    expect(r.discontinuities.map((d) => d.symbol)).toEqual([base.series[0].symbol]);
    expect(run.trades.byExit.discontinuity).toBe(1);
    // Long from 10.2 (bar 3), out at 10.8 (bar 6): +5% of 5% of 100,000 — not the −50% split.
    const expected = 0.05 * 100_000 * (10.8 / 10.2 - 1);
    expect(run.trades.pnl).toBeCloseTo(expected, 6);
  });
});
