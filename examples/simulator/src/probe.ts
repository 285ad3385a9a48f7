/**
 * `window.__sim`: the page's progress as plain data, for the end-to-end test (and for poking
 * at in the console). Updated after every frame.
 */
import type { Caps, Ratios } from './caps.js';
import type { Counts, Simulation } from './simulation.js';

export interface SimProbe {
  ready: boolean;
  seed: number;
  symbols: number;
  /** Index of the next market bar; the first `firstBar` bars are warm-up history. */
  bar: number;
  firstBar: number;
  barsSimulated: number;
  totalBars: number;
  running: boolean;
  speed: number | 'max';
  caps: Caps;
  counts: Counts;
  decisions: number;
  /** Answers by outcome and binding rule, e.g. `{ "reduced symbol": 12, "blocked correlation": 3 }`. */
  byRule: Record<string, number>;
  openPositions: number;
  equity: number;
  simd: boolean;
  /** Largest exposure / cap, per kind, at the end of any bar so far. */
  maxRatio: Ratios;
  /** Largest exposure / cap, per kind, right after any allowed trade. */
  maxRatioAfterTrade: Ratios;
  violations: string[];
  meanCorrelation: number;
  pairsAboveThreshold: number;
  inCrash: boolean;
  crashes: [number, number][];
  reconfigurations: number;
  frames: number;
  errors: string[];
}

declare global {
  interface Window {
    __sim: SimProbe;
  }
}

export function createProbe(): SimProbe {
  const probe: SimProbe = {
    ready: false,
    seed: 0,
    symbols: 0,
    bar: 0,
    firstBar: 0,
    barsSimulated: 0,
    totalBars: 0,
    running: false,
    speed: 0,
    caps: { symbol: 0, direction: 0, regime: 0, correlation: 0 },
    counts: { allowed: 0, reduced: 0, blocked: 0, trims: 0 },
    decisions: 0,
    byRule: {},
    openPositions: 0,
    equity: 0,
    simd: false,
    maxRatio: { symbol: 0, long: 0, short: 0, regime: 0 },
    maxRatioAfterTrade: { symbol: 0, long: 0, short: 0, regime: 0 },
    violations: [],
    meanCorrelation: Number.NaN,
    pairsAboveThreshold: 0,
    inCrash: false,
    crashes: [],
    reconfigurations: 0,
    frames: 0,
    errors: [],
  };
  window.__sim = probe;
  window.addEventListener('error', (e) => probe.errors.push(String(e.error?.stack ?? e.message)));
  window.addEventListener('unhandledrejection', (e) => probe.errors.push(String(e.reason?.stack ?? e.reason)));
  return probe;
}

export function updateProbe(
  probe: SimProbe,
  sim: Simulation,
  view: { running: boolean; speed: number; seed: number; meanCorrelation: number; pairsAboveThreshold: number; byRule: Map<string, number> },
): void {
  probe.ready = true;
  probe.seed = view.seed;
  probe.symbols = sim.names.length;
  probe.bar = sim.bar;
  probe.firstBar = sim.firstBar;
  probe.barsSimulated = sim.barsSimulated;
  probe.totalBars = sim.market.timestamps.length;
  probe.running = view.running;
  probe.speed = Number.isFinite(view.speed) ? view.speed : 'max';
  probe.caps = { ...sim.caps };
  probe.counts = { ...sim.counts };
  probe.decisions = sim.counts.allowed + sim.counts.reduced + sim.counts.blocked;
  probe.byRule = Object.fromEntries(view.byRule);
  probe.openPositions = sim.book.size;
  probe.equity = sim.book.equity;
  probe.simd = sim.simd;
  probe.maxRatio = { ...sim.maxRatio };
  probe.maxRatioAfterTrade = { ...sim.maxRatioAfterTrade };
  probe.violations = [...sim.violations];
  probe.meanCorrelation = view.meanCorrelation;
  probe.pairsAboveThreshold = view.pairsAboveThreshold;
  probe.inCrash = sim.bar > 0 && sim.inCrash(sim.bar - 1);
  probe.crashes = sim.crashEpisodes();
  probe.reconfigurations = sim.reconfigurations;
  probe.frames++;
}
