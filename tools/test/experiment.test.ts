import { describe, expect, it } from 'vitest';
import { parseRiskConfig, PortfolioRiskManager } from 'portfolio-guard';
import { GrossCapManager, RandomThrottleManager, scaleCurve } from '../src/replay/baselines.js';
import { crashEpisodes, crashPnl, runExperiment, safeReturns, tradesByDecision, type Experiment } from '../src/replay/experiment.js';
import { curveMetrics } from '../src/replay/metrics.js';
import { getPreset, PRESETS, SIZING_RULES, withRulesOff } from '../src/replay/presets.js';
import { computeSignals, simulate } from '../src/replay/simulate.js';
import { sharpeOf } from '../src/replay/stats.js';
import { DEFAULT_STRATEGY } from '../src/replay/strategy.js';
import { Rng } from '../src/simulation/random.js';
import { generateSyntheticMarket } from '../src/simulation/synthetic-market.js';

const market = generateSyntheticMarket({ seed: 3, bars: 1200, symbols: 24 });
const experiment = (seed: number, attribution = false): Experiment =>
  runExperiment({
    market,
    strategy: DEFAULT_STRATEGY,
    initialEquity: 100_000,
    feeBps: 5,
    preset: getPreset('defaults'),
    riskOn: parseRiskConfig({}),
    attribution,
    throttleDraws: 3,
    seed,
  });

describe('baselines, by hand', () => {
  it('the gross cap fills what fits under cap × equity and blocks below the minimum fill', () => {
    const m = new GrossCapManager(0.5);
    m.updateEquity(100);
    m.registerPosition({ id: 'a', symbol: 'X', side: 'long', size: 30 });
    // 50 − 30 = 20 of 30 fits.
    expect(m.validateNewPosition({ symbol: 'Y', side: 'long', proposedSize: 30 })).toMatchObject({ allowed: true, sizeMultiplier: 20 / 30 });
    m.resizePosition('a', 48);
    // 2 of 30 fits, below the 10% minimum fill.
    expect(m.validateNewPosition({ symbol: 'Y', side: 'long', proposedSize: 30 })).toMatchObject({ allowed: false, sizeMultiplier: 0 });
    m.unregisterPosition('a');
    expect(m.validateNewPosition({ symbol: 'Y', side: 'long', proposedSize: 30 })).toMatchObject({ allowed: true, sizeMultiplier: 1 });
  });

  it('random throttle admits at its rate, from its own seed', () => {
    const admitted = (rate: number, seed: number): number => {
      const m = new RandomThrottleManager(rate, seed);
      let n = 0;
      for (let i = 0; i < 10_000; i++) if (m.validateNewPosition({ symbol: 'X', side: 'long', proposedSize: 1 }).allowed) n++;
      return n;
    };
    expect(admitted(0, 1)).toBe(0);
    expect(admitted(1, 1)).toBe(10_000);
    // Binomial(10,000, 0.3): σ ≈ 46; 4σ either side.
    expect(Math.abs(admitted(0.3, 2) - 3000)).toBeLessThan(184);
    expect(admitted(0.3, 2)).toBe(admitted(0.3, 2));
  });

  it('a scaled curve has the same Sharpe (scale invariance) and k × the bar returns', () => {
    const rng = new Rng(8);
    const equity = [100];
    for (let t = 1; t < 500; t++) equity.push(equity[t - 1] * (1 + 0.01 * rng.normal() + 0.0005));
    const scaled = scaleCurve(equity, 0.3);
    const r = safeReturns(equity);
    const rs = safeReturns(scaled);
    for (let t = 0; t < r.length; t++) expect(rs[t]).toBeCloseTo(0.3 * r[t], 12);
    expect(curveMetrics(scaled, 252).sharpe).toBeCloseTo(curveMetrics(equity, 252).sharpe, 9);
  });

  it('crash episodes and their P&L', () => {
    expect(crashEpisodes(Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 1]))).toEqual([
      [1, 2],
      [5, 5],
      [7, 7],
    ]);
    // 100 → 90 across [1, 2]; 95 → 95 across [4, 4].
    expect(crashPnl([100, 95, 90, 95, 95], [[1, 2], [4, 4]])).toBeCloseTo(-0.1, 12);
    expect(crashPnl([1, 2], [])).toBeNaN();
  });
});

describe('the experiment', { timeout: 120_000 }, () => {
  const a = experiment(4, true);

  it('is deterministic per seed', () => {
    const b = experiment(4);
    expect(b.on.metrics).toEqual(a.on.metrics);
    expect(b.grossCap.metrics).toEqual(a.grossCap.metrics);
    expect(b.randomThrottle.draws.map((d) => d.metrics)).toEqual(a.randomThrottle.draws.map((d) => d.metrics));
    expect(b.pairedDifferences).toEqual(a.pairedDifferences);
  });

  it("scaled risk off: risk off's Sharpe, risk on's mean gross exposure within 1%", () => {
    expect(a.scaledRiskOff.metrics.sharpe).toBeCloseTo(a.off.metrics.sharpe, 9);
    expect(Math.abs(a.scaledRiskOff.meanGrossExposure / a.on.meanGrossExposure - 1)).toBeLessThan(0.01);
    // Recomputed from the curves: the paired Sharpe difference is on's minus off's.
    const d = a.pairedDifferences.find((p) => p.baseline === 'scaledRiskOff')!;
    expect(d.interval.estimate).toBeCloseTo(sharpeOf(safeReturns(a.on.equity), market.periodsPerYear) - sharpeOf(safeReturns(a.off.equity), market.periodsPerYear), 9);
    expect(d.interval.low).toBeLessThanOrEqual(d.interval.estimate);
    expect(d.interval.high).toBeGreaterThanOrEqual(d.interval.estimate);
  });

  it('the random throttle admits risk on’s share of proposed notional, the gross cap sits at its mean gross', () => {
    const onShare = a.main.runs[1].decisions.multiplier.reduce((s, m) => s + m, 0) / a.main.proposals;
    expect(a.randomThrottle.rate).toBeCloseTo(onShare, 12);
    expect(a.grossCap.capPct).toBe(a.on.meanGrossExposure);
    expect(a.grossCap.maxGrossExposure).toBeLessThanOrEqual(a.grossCap.capPct * 1.2);
  });

  it('cut trades: every proposal risk off traded is in exactly one group, and the counts match risk on’s tallies', () => {
    const off = a.main.runs[0];
    const on = a.main.runs[1];
    const traded = off.decisions.tradeReturn.filter(Number.isFinite).length;
    const groups = a.admitted.byRule.reduce((s, r) => s + r.blocked.trades + r.reduced.trades, a.admitted.full.trades);
    expect(groups).toBe(traded);
    expect(tradesByDecision(off, on).unexplained).toBe(0);
    for (const r of a.admitted.byRule) {
      expect(r.blocked.trades).toBeLessThanOrEqual(on.counts.blockedBy[r.rule] ?? 0);
      expect(r.reduced.trades).toBeLessThanOrEqual(on.counts.reducedBy[r.rule] ?? 0);
    }
    // Two-pass recomputation of one group's mean from the raw decisions.
    const regime = off.decisions.tradeReturn.filter((x, k) => Number.isFinite(x) && on.decisions.multiplier[k] === 0 && on.decisions.binding[k] === 'regime');
    const g = a.admitted.byRule.find((r) => r.rule === 'regime');
    if (regime.length > 0) expect(g!.blocked.meanBp).toBeCloseTo((regime.reduce((s, x) => s + x, 0) / regime.length) * 1e4, 9);
  });

  it('attribution: a run per rule alone and per rule removed; a rule alone is the only one that binds', () => {
    expect(a.attribution!.map((x) => `${x.mode} ${x.rule}`)).toEqual(SIZING_RULES.flatMap((r) => [`keepOne ${r.name}`, `removeOne ${r.name}`]));
    for (const x of a.attribution!.filter((y) => y.mode === 'keepOne')) {
      const d = x.column.run!.decisions;
      for (let k = 0; k < d.multiplier.length; k++) if (d.multiplier[k] < 1) expect(d.binding[k]).toBe(x.rule);
    }
  });
});

describe('presets', () => {
  it('every rule switched off reproduces risk off exactly', { timeout: 60_000 }, () => {
    const small = generateSyntheticMarket({ seed: 2, bars: 600, symbols: 12 });
    const signals = computeSignals(small, DEFAULT_STRATEGY, 1);
    const run = (enabled: boolean, config = {}) =>
      simulate({ market: small, signals, runs: [{ name: 'x', manager: PortfolioRiskManager.createSync({ ...config, enabled }) }] }).runs[0];
    const off = run(false);
    for (const p of Object.values(PRESETS)) {
      const none = run(true, withRulesOff({ barsPerYear: small.periodsPerYear, ...p.config }, p.rules));
      expect(Array.from(none.equity)).toEqual(Array.from(off.equity));
      expect(none.counts.allowedFull).toBe(none.counts.proposed);
    }
  });

  it('every preset names rules the manager reports, with switches it accepts', () => {
    for (const p of Object.values(PRESETS)) {
      const config = { barsPerYear: 8760, ...p.config };
      expect(() => parseRiskConfig(config)).not.toThrow();
      for (const r of p.rules) expect(() => parseRiskConfig(withRulesOff(config, [r]))).not.toThrow();
    }
    expect(() => getPreset('nope')).toThrow(/unknown preset "nope"/);
  });
});
