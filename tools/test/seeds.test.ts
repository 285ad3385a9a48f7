import { describe, expect, it } from 'vitest';
import { parseRiskConfig } from 'portfolio-guard';
import { runExperiment } from '../src/replay/experiment.js';
import { getPreset } from '../src/replay/presets.js';
import { runSeeds, seedsTable } from '../src/replay/seeds.js';
import { bootstrapMean } from '../src/replay/stats.js';
import { DEFAULT_STRATEGY } from '../src/replay/strategy.js';
import { generateSyntheticMarket } from '../src/simulation/synthetic-market.js';

describe('many seeds', { timeout: 120_000 }, () => {
  const common = { bars: 500, symbols: 12, strategy: DEFAULT_STRATEGY, initialEquity: 100_000, feeBps: 5, preset: 'defaults', throttleDraws: 2 };
  const r = runSeeds({ ...common, seeds: [1, 2, 3] });

  it('each seed is the single-market experiment; the paired differences are recomputed from them', () => {
    const single = [1, 2, 3].map((seed) =>
      runExperiment({
        market: generateSyntheticMarket({ seed, bars: 500, symbols: 12 }),
        strategy: DEFAULT_STRATEGY,
        initialEquity: 100_000,
        feeBps: 5,
        preset: getPreset('defaults'),
        riskOn: parseRiskConfig({}),
        attribution: false,
        throttleDraws: 2,
        seed,
      }),
    );
    expect(r.distributions.on.sharpe.values).toEqual(single.map((e) => e.on.metrics.sharpe));
    expect(r.distributions.grossCap.maxDrawdown.values).toEqual(single.map((e) => e.grossCap.metrics.maxDrawdown));
    const d = single.map((e) => e.on.metrics.sharpe - e.scaledRiskOff.metrics.sharpe);
    const paired = r.pairedDifferences.find((p) => p.baseline === 'scaledRiskOff' && p.metric === 'sharpe')!;
    expect(paired.interval.estimate).toBeCloseTo(d.reduce((s, x) => s + x, 0) / 3, 12);
    expect(paired.interval).toEqual(bootstrapMean(d, 13));
    expect(paired.seeds).toBe(3);
  });

  it('the crash scenario changes the market, and the table names every baseline', () => {
    const crash = runSeeds({ ...common, seeds: [1, 2], scenario: 'crash' });
    expect(crash.distributions.on.sharpe.values).not.toEqual(r.distributions.on.sharpe.values.slice(0, 2));
    const text = seedsTable(r);
    for (const s of ['Means over 3 seeds', 'vs scaledRiskOff', 'vs grossCap', 'vs randomThrottle', 'crash episodes P&L']) expect(text).toContain(s);
  });
});
