/**
 * A seeded synthetic market for the built-in demo: hourly candles for 40+ symbols driven by a
 * market factor and one factor per sector, plus idiosyncratic noise. The market switches
 * between TRENDING, RANGING and VOLATILE regimes (a Markov chain), and crash episodes make
 * every symbol load heavily on a falling market factor with little idiosyncratic noise left,
 * so pairwise correlations jump toward 1 — the situation portfolio risk exists for.
 *
 * Everything depends only on the options, through one Rng, so a seed reproduces the market
 * bit for bit.
 */
import { emptySeries, type Market, type Regime, type SymbolSeries } from './market.js';
import { Rng } from './random.js';

export interface SyntheticOptions {
  seed: number;
  bars: number;
  /** Number of symbols, spread evenly over the sectors. Default 48. */
  symbols?: number;
  /** Bar length in ms. Default one hour. */
  barMs?: number;
  /** First bar's timestamp. Default 2024-01-01T00:00Z, fixed so output does not depend on the clock. */
  start?: number;
  /**
   * 'crash': the case portfolio risk exists for. Each crash is preceded by a broad rally
   * (TRENDING, market drifting up for PRE_CRASH_BARS), so a trend follower is long a
   * correlated book when the market falls, and the fall comes in two bars.
   */
  scenario?: 'crash';
}

const PRE_CRASH_BARS = 150;

export const SECTORS = ['TECH', 'FIN', 'ENRG', 'CONS'] as const;

/** Per-regime market behaviour, per hourly bar. */
interface RegimeParams {
  /** Mean number of bars the regime lasts (geometric). */
  meanBars: number;
  marketVol: number;
  /** Size of the market drift while the regime lasts (its sign is drawn at entry). */
  marketDrift: number;
  sectorVol: number;
  idioScale: number;
  /** Pull of log prices back toward the level where the regime started; ranges need it. */
  meanReversion: number;
}

const REGIME_PARAMS: Record<Regime, RegimeParams> = {
  TRENDING: { meanBars: 220, marketVol: 0.004, marketDrift: 0.0008, sectorVol: 0.003, idioScale: 1, meanReversion: 0 },
  RANGING: { meanBars: 260, marketVol: 0.0025, marketDrift: 0, sectorVol: 0.002, idioScale: 0.8, meanReversion: 0.04 },
  VOLATILE: { meanBars: 120, marketVol: 0.009, marketDrift: 0.0002, sectorVol: 0.005, idioScale: 1.6, meanReversion: 0 },
};

/**
 * During a crash: loadings pushed up, idiosyncratic and sector noise cut, so everything moves
 * together. The market first falls (`drift` per bar), then a relief rally half as long claws
 * back about half of the fall, as real crashes do (2008, March 2020, crypto's May 2021) —
 * without it a crash would be a riskless straight line down for any trend follower.
 */
const CRASH = { drift: -0.006, marketVol: 0.012, beta: 1.5, noiseScale: 0.25 };

export interface SyntheticMarket extends Market {
  readonly truth: NonNullable<Market['truth']>;
  /** Index into SECTORS for each series. */
  readonly sectorOf: readonly number[];
}

export function generateSyntheticMarket(options: SyntheticOptions): SyntheticMarket {
  const bars = Math.trunc(options.bars);
  const nSymbols = Math.trunc(options.symbols ?? 48);
  if (!(bars >= 2)) throw new RangeError(`bars must be at least 2, got ${options.bars}`);
  if (!(nSymbols >= 2)) throw new RangeError(`symbols must be at least 2, got ${options.symbols}`);
  const barMs = options.barMs ?? 3_600_000;
  const start = options.start ?? Date.UTC(2024, 0, 1);
  const rng = new Rng(options.seed);

  // Static symbol properties, drawn first so that they do not depend on `bars`.
  const sectorOf: number[] = [];
  const beta = new Float64Array(nSymbols);
  const gamma = new Float64Array(nSymbols);
  const idioVol = new Float64Array(nSymbols);
  const logPrice = new Float64Array(nSymbols);
  const series: SymbolSeries[] = [];
  const perSector = new Array<number>(SECTORS.length).fill(0);
  for (let i = 0; i < nSymbols; i++) {
    const s = i % SECTORS.length;
    sectorOf.push(s);
    perSector[s]++;
    beta[i] = rng.between(0.6, 1.4);
    gamma[i] = rng.between(0.4, 1.0);
    idioVol[i] = rng.between(0.004, 0.008);
    logPrice[i] = Math.log(rng.between(1, 500));
    const name = `${SECTORS[s]}${String(perSector[s]).padStart(2, '0')}/USD`;
    series.push(emptySeries(name, 'synthetic', bars));
  }

  const { crash, crashDrift } = scheduleCrashes(rng, bars);
  const rally = new Uint8Array(bars);
  if (options.scenario === 'crash') {
    for (let t = 0; t < bars; t++) {
      if (crash[t] !== 1 || (t > 0 && crash[t - 1] === 1)) continue;
      rally.fill(1, Math.max(0, t - PRE_CRASH_BARS), t);
      // The whole fall lands in its first two bars, faster than any stop can act on.
      let fall = 0;
      let u = t;
      for (; u < bars && crash[u] === 1 && crashDrift[u] < 0; u++) fall += crashDrift[u];
      for (let v = t; v < u; v++) crashDrift[v] = v < t + 2 ? fall / Math.min(2, u - t) : 0;
    }
  }
  const timestamps = new Float64Array(bars);
  const regimes: Regime[] = [];
  const sectorDrift = new Float64Array(SECTORS.length);
  const sectorLevel = new Float64Array(SECTORS.length);
  const sectorAnchor = new Float64Array(SECTORS.length);
  // Widened on purpose: enterRegime reassigns it, which narrowing cannot see.
  let regime = 'RANGING' as Regime;
  let marketLevel = 0;
  let marketAnchor = 0;
  let driftSign = 1;
  const anchor = Float64Array.from(logPrice);

  const enterRegime = (next: Regime): void => {
    regime = next;
    driftSign = rng.uniform() < 0.5 ? -1 : 1;
    marketAnchor = marketLevel;
    for (let s = 0; s < SECTORS.length; s++) {
      sectorAnchor[s] = sectorLevel[s];
      sectorDrift[s] = next === 'TRENDING' ? rng.between(-0.0004, 0.0004) : 0;
    }
    anchor.set(logPrice);
  };
  enterRegime('RANGING');

  for (let t = 0; t < bars; t++) {
    timestamps[t] = start + t * barMs;
    const inCrash = crash[t] === 1;
    if (inCrash) {
      // A crash is a volatile market by any measure; the regime resumes from VOLATILE after it.
      if (regime !== 'VOLATILE') enterRegime('VOLATILE');
    } else if (rally[t] === 1) {
      if (regime !== 'TRENDING' || driftSign < 0) {
        enterRegime('TRENDING');
        driftSign = 1;
      }
    } else if (rng.uniform() < 1 / REGIME_PARAMS[regime].meanBars) {
      const others = (['TRENDING', 'RANGING', 'VOLATILE'] as const).filter((r) => r !== regime);
      enterRegime(others[rng.int(0, others.length - 1)]);
    }
    regimes.push(regime);
    const p = REGIME_PARAMS[regime];

    let market: number;
    if (inCrash) {
      market = crashDrift[t] + CRASH.marketVol * rng.normal();
    } else {
      market = driftSign * p.marketDrift + p.marketVol * rng.normal() - p.meanReversion * (marketLevel - marketAnchor);
    }
    marketLevel += market;
    const sector = new Float64Array(SECTORS.length);
    for (let s = 0; s < SECTORS.length; s++) {
      const noise = p.sectorVol * (inCrash ? CRASH.noiseScale : 1);
      sector[s] = sectorDrift[s] + noise * rng.normal() - p.meanReversion * (sectorLevel[s] - sectorAnchor[s]);
      sectorLevel[s] += sector[s];
    }

    for (let i = 0; i < nSymbols; i++) {
      const b = inCrash ? Math.max(beta[i], CRASH.beta) : beta[i];
      const idio = idioVol[i] * p.idioScale * (inCrash ? CRASH.noiseScale : 1);
      const z = rng.normal();
      // Symbols mean-revert on their own too in a range, so breakouts there tend to fail.
      const pull = p.meanReversion * 0.5 * (logPrice[i] - anchor[i] - b * (marketLevel - marketAnchor));
      const r = b * market + gamma[i] * sector[sectorOf[i]] + idio * z - pull;
      const open = Math.exp(logPrice[i]);
      logPrice[i] += r;
      const close = Math.exp(logPrice[i]);
      // Wicks: a half-normal excursion beyond the body, scaled by the bar's own noise.
      const wickUp = Math.abs(rng.normal()) * idio * 0.5;
      const wickDown = Math.abs(rng.normal()) * idio * 0.5;
      const s = series[i];
      s.open[t] = open;
      s.close[t] = close;
      s.high[t] = Math.max(open, close) * Math.exp(wickUp);
      s.low[t] = Math.min(open, close) * Math.exp(-wickDown);
      s.volume[t] = Math.round(1000 * Math.exp(0.5 * rng.normal() + 4 * Math.abs(r)));
    }
  }

  return {
    timestamps,
    series,
    periodsPerYear: (365.25 * 86_400_000) / barMs,
    barLabel: barMs === 3_600_000 ? '1h' : `${barMs}ms`,
    truth: { regimes, crash },
    sectorOf,
  };
}

/**
 * Crash episodes are scheduled rather than drawn from a hazard rate so that every seed and
 * every run length of a few hundred bars has at least one: one per 2,000 bars (about four a
 * year of hourly bars), each placed at random inside its own segment: a fall of 12–36 bars,
 * then a rebound half as long. `crashDrift` is the market drift of each crash bar.
 */
function scheduleCrashes(rng: Rng, bars: number): { crash: Uint8Array; crashDrift: Float64Array } {
  const crash = new Uint8Array(bars);
  const crashDrift = new Float64Array(bars);
  const count = Math.max(1, Math.floor(bars / 2000));
  const segment = bars / count;
  for (let k = 0; k < count; k++) {
    const length = Math.min(rng.int(12, 36), Math.max(1, Math.floor(segment * 0.2)));
    const rebound = Math.ceil(length / 2);
    const lo = Math.floor(k * segment + segment * 0.3);
    const hi = Math.max(lo, Math.floor(k * segment + segment * 0.8) - length - rebound);
    const begin = rng.int(lo, hi);
    for (let t = begin; t < Math.min(bars, begin + length + rebound); t++) {
      crash[t] = 1;
      crashDrift[t] = t < begin + length ? CRASH.drift : -CRASH.drift;
    }
  }
  return { crash, crashDrift };
}
