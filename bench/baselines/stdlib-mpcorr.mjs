/**
 * The off-the-shelf baseline: one `@stdlib/stats-incr-mpcorr` moving-window accumulator per
 * pair (stdlib's O(1) sliding Pearson update), fed the same log returns. This is what a
 * JavaScript user gets from the best-known statistics library without writing a core.
 * Its memory grows as N²·W (each accumulator keeps its own 2·W buffer), which is why the
 * update suite skips the sizes where filling the window alone would take minutes.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const incrmpcorr = require('@stdlib/stats-incr-mpcorr');

export class StdlibMpcorr {
  /**
   * @param {number} symbols N
   * @param {{ window?: number }} [options]
   */
  constructor(symbols, options = {}) {
    const n = symbols;
    const w = options.window ?? 100;
    this.n = n;
    this.w = w;
    this.rowsPushed = 0;
    this.lastLog = new Float64Array(n).fill(NaN);
    this.returns = new Float64Array(n);
    this.tri = new Float64Array((n * (n - 1)) / 2);
    this.accumulators = new Array(this.tri.length);
    for (let p = 0; p < this.tri.length; p++) this.accumulators[p] = incrmpcorr(w);
  }

  /** The per-row update: one accumulator call per pair, results into the packed triangle. */
  pushRow(closes) {
    const { n, lastLog, returns, tri, accumulators } = this;
    for (let i = 0; i < n; i++) {
      const lc = Math.log(closes[i]);
      returns[i] = lc - lastLog[i];
      lastLog[i] = lc;
    }
    if (this.rowsPushed++ === 0) return; // no return before the second row
    let p = 0;
    for (let i = 0; i < n; i++) {
      const x = returns[i];
      for (let j = 0; j < i; j++, p++) tri[p] = accumulators[p](x, returns[j]);
    }
  }

  /** Correlation of i > j after the last row (stdlib's answer as stored). */
  correlation(i, j) {
    if (i === j) return 1;
    const hi = i > j ? i : j;
    const lo = i > j ? j : i;
    return this.tri[(hi * (hi - 1)) / 2 + lo];
  }
}
