import { describe, expect, it } from 'vitest';
import { crashEpisodes } from '../src/replay/experiment.js';
import { generateSyntheticMarket } from '../src/simulation/synthetic-market.js';

describe('the crash scenario', () => {
  const plain = generateSyntheticMarket({ seed: 4, bars: 6000, symbols: 16 });
  const crash = generateSyntheticMarket({ seed: 4, bars: 6000, symbols: 16, scenario: 'crash' });

  it('keeps the crash schedule, and puts a rally (TRENDING) before every crash', () => {
    expect(Array.from(crash.truth.crash)).toEqual(Array.from(plain.truth.crash));
    const episodes = crashEpisodes(crash.truth.crash);
    expect(episodes.length).toBe(3);
    for (const [first] of episodes) {
      for (let t = Math.max(0, first - 150); t < first; t++) expect(crash.truth.regimes[t]).toBe('TRENDING');
    }
  });

  it('the rally lifts the market and the fall lands in two bars', () => {
    const index = (m: typeof crash, t: number): number => m.series.reduce((s, x) => s + Math.log(x.close[t]), 0) / m.series.length;
    for (const [first] of crashEpisodes(crash.truth.crash)) {
      expect(index(crash, first - 1) - index(crash, first - 151)).toBeGreaterThan(0);
      // Two bars of the scenario's fall are deeper than the whole first half of the plain crash.
      const twoBars = index(crash, first + 1) - index(crash, first - 1);
      expect(twoBars).toBeLessThan(-0.05);
    }
  });

  it('changes nothing before the first rally', () => {
    const rallyStart = crashEpisodes(crash.truth.crash)[0][0] - 150;
    expect(rallyStart).toBeGreaterThan(100);
    for (const k of [0, 7, 15]) {
      expect(Array.from(crash.series[k].close.subarray(0, rallyStart))).toEqual(Array.from(plain.series[k].close.subarray(0, rallyStart)));
      expect(crash.series[k].close[rallyStart + 100]).not.toBe(plain.series[k].close[rallyStart + 100]);
    }
  });
});
