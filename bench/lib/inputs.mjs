/**
 * Deterministic inputs, built before any timing starts. Prices follow a one-factor model
 * (each symbol = β·market + its own noise, ~1% per bar) so correlations are spread over
 * (−1, 1) the way real portfolios' are.
 */

/** mulberry32: tiny, fast, identical on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(next) {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/**
 * Log returns, rows × n, one-factor model; optionally zero-mean per symbol over the rows
 * (`periodic`), and with `twins` every odd symbol shadowing the even one before it
 * (correlation ≈ 0.98, like BTC/USDT and BTC/USDC), so the correlation rules have work.
 */
export function factorReturns(n, rows, seed = 1, { periodic = false, vol = 0.01, twins = false } = {}) {
  const next = rng(seed);
  const beta = Float64Array.from({ length: n }, () => 0.2 + 1.2 * next() * (next() < 0.15 ? -1 : 1));
  const out = new Float64Array(rows * n);
  for (let t = 0; t < rows; t++) {
    const m = gaussian(next);
    for (let i = 0; i < n; i++) {
      out[t * n + i] = twins && i % 2 === 1
        ? out[t * n + i - 1] + 0.2 * vol * gaussian(next)
        : vol * (0.6 * beta[i] * m + gaussian(next)) / 1.5;
    }
  }
  if (periodic) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < rows; t++) s += out[t * n + i];
      const mean = s / rows;
      for (let t = 0; t < rows; t++) out[t * n + i] -= mean;
    }
  }
  return out;
}

/**
 * A pool of `rows` rows of closes (Float64Array of n each) whose log returns sum to zero per
 * symbol, so cycling through the pool forever is a seamless random walk: benchmarks can
 * push rows indefinitely without building inputs inside the timed function.
 */
export function closeRowPool(n, rows = 256, seed = 1, { twins = false, startLogPrices } = {}) {
  const r = factorReturns(n, rows, seed, { periodic: true, twins });
  const logp = startLogPrices ? Float64Array.from(startLogPrices) : startPrices(n);
  const pool = [];
  for (let t = 0; t < rows; t++) {
    const row = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      logp[i] += r[t * n + i];
      row[i] = Math.exp(logp[i]);
    }
    pool.push(row);
  }
  return pool;
}

/** A cursor over a row pool: next() returns the next row, wrapping around. */
export function rowCursor(pool) {
  let k = 0;
  return () => {
    const row = pool[k];
    k = k + 1 === pool.length ? 0 : k + 1;
    return row;
  };
}

export const T0 = 1_700_000_000_000;
export const MINUTE = 60_000;

/** Log prices spread over [10, 100). */
function startPrices(n) {
  return Float64Array.from({ length: n }, (_, i) => Math.log(10 + 90 * ((i * 0.618034) % 1)));
}

/**
 * ccxt OHLCV candles ([ts, o, h, l, c, v]) for `symbols` symbols × `bars` bars on one grid,
 * and each symbol's last log close (to continue the series with closeRowPool).
 */
export function candleSets(symbols, bars, seed = 7, { twins = false } = {}) {
  const r = factorReturns(symbols, bars, seed, { twins });
  const start = startPrices(symbols);
  const sets = [];
  const lastLog = new Float64Array(symbols);
  for (let i = 0; i < symbols; i++) {
    let logp = start[i];
    const candles = new Array(bars);
    for (let t = 0; t < bars; t++) {
      logp += r[t * symbols + i];
      const c = Math.exp(logp);
      candles[t] = [T0 + t * MINUTE, c, c * 1.001, c * 0.999, c, 1000];
    }
    sets.push(candles);
    lastLog[i] = logp;
  }
  sets.lastLog = lastLog;
  return sets;
}
