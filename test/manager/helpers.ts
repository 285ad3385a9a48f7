/**
 * Shared fixtures for the manager tests: candles with a correlation fixed by construction,
 * and a logger that records lines.
 */
import { PortfolioRiskManager, type ManagerOptions } from '../../bindings/manager/index.js';
import type { RiskConfigSource } from '../../bindings/config.js';
import { mulberry32 } from '../reference/random-market.js';

export const T0 = 1_700_000_000_000;
export const MINUTE = 60_000;

/** A small deterministic generator, so fixtures are identical on every run. */
export const rng = mulberry32;

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const centre = (a: number[]) => {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  return a.map((v) => v - mean);
};

/**
 * Two return series whose sample Pearson correlation is exactly `rho` (up to rounding):
 * x and z are centred, z is made orthogonal to x and rescaled to x's norm, and
 * y = ρ·x + √(1−ρ²)·z. Then x·y = ρ|x|² and |y|² = |x|², so corr(x, y) = ρ.
 */
export function returnsWithCorrelation(rho: number, n: number, seed = 7, scale = 0.01): { x: number[]; y: number[] } {
  const next = rng(seed);
  const x = centre(Array.from({ length: n }, () => (next() - 0.5) * scale));
  let z = centre(Array.from({ length: n }, () => (next() - 0.5) * scale));
  const k = dot(z, x) / dot(x, x);
  z = z.map((v, i) => v - k * x[i]!);
  const s = Math.sqrt(dot(x, x) / dot(z, z));
  z = z.map((v) => v * s);
  const w = Math.sqrt(1 - rho * rho);
  return { x, y: x.map((v, i) => rho * v + w * z[i]!) };
}

/** ccxt OHLCV candles whose log returns are `returns` (one more candle than returns). */
export function candlesFromReturns(returns: number[], start = 100, t0 = T0): number[][] {
  const out: number[][] = [];
  let logClose = Math.log(start);
  out.push([t0, 0, 0, 0, Math.exp(logClose), 1]);
  returns.forEach((r, k) => {
    logClose += r;
    out.push([t0 + (k + 1) * MINUTE, 0, 0, 0, Math.exp(logClose), 1]);
  });
  return out;
}

/** Loads two symbols whose correlation is `rho` over `n` returns. */
export function loadCorrelatedPair(m: PortfolioRiskManager, a: string, b: string, rho: number, n = 40, seed = 7): void {
  const { x, y } = returnsWithCorrelation(rho, n, seed);
  m.updateMarketData(a, candlesFromReturns(x));
  m.updateMarketData(b, candlesFromReturns(y, 50));
}

export function enabledManager(config: Record<string, unknown> = {}, options?: ManagerOptions): PortfolioRiskManager {
  return PortfolioRiskManager.createSync({ enabled: true, ...config } as RiskConfigSource, options);
}

export interface RecordingLogger {
  lines: { level: string; line: string }[];
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  debug(line: string): void;
}

export function recordingLogger(): RecordingLogger {
  const lines: { level: string; line: string }[] = [];
  return {
    lines,
    info: (line) => lines.push({ level: 'info', line }),
    warn: (line) => lines.push({ level: 'warn', line }),
    error: (line) => lines.push({ level: 'error', line }),
    debug: (line) => lines.push({ level: 'debug', line }),
  };
}

/** Everything observable about a manager's state, for "a throw changed nothing" checks. */
export function observableState(m: PortfolioRiskManager) {
  return {
    stats: m.getStats(),
    positions: m.getPositions(),
    equity: m.equity,
    engine: m.engine.stats(),
    symbols: m.engine.symbols(),
  };
}
