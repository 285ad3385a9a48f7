/**
 * The textbook baseline: keep the last W log returns per symbol and recompute every pair's
 * Pearson correlation from scratch, two-pass (mean first, then centred sums), on every row.
 * This is what a bot does without an incremental core.
 *
 * It is written to be as fast as plain JavaScript allows, so the ratio is not flattered:
 * for a symbol with no missing return in the window the first pass (mean, centred copy,
 * 1/√Σd²) is done once per symbol, and each pair of such symbols costs one dot product of
 * two contiguous centred vectors. A pair where either side has a gap takes the full
 * pairwise-complete two-pass (means over the shared rows only), as pandas would.
 * Nothing is allocated after construction.
 */

import { clamp, ringPearson } from './ring-pearson.mjs';

/** Copies the lower triangle of an n×n row-major matrix to the upper, in cache-sized tiles. */
function mirror(out, n) {
  const T = 32;
  for (let ib = 0; ib < n; ib += T) {
    const iEnd = Math.min(ib + T, n);
    for (let jb = 0; jb <= ib; jb += T) {
      for (let i = ib; i < iEnd; i++) {
        const jEnd = Math.min(jb + T, i);
        for (let j = jb; j < jEnd; j++) out[j * n + i] = out[i * n + j];
      }
    }
  }
}

export class JsTwoPass {
  /**
   * @param {number} symbols N
   * @param {{ window?: number, minPeriods?: number }} [options]
   */
  constructor(symbols, options = {}) {
    const n = symbols;
    const w = options.window ?? 100;
    this.n = n;
    this.w = w;
    this.minPeriods = options.minPeriods ?? Math.min(20, w);
    this.rowsPushed = 0;
    this.lastLog = new Float64Array(n).fill(NaN);
    this.ret = new Float64Array(n * w).fill(NaN); // ring of W returns per symbol
    this.centred = new Float64Array(n * w);
    this.inv = new Float64Array(n); // 1/√Σd², NaN when the symbol is degenerate
    this.complete = new Uint8Array(n); // 1 when the window holds W returns and no gap
    this.tri = new Float64Array((n * (n - 1)) / 2); // strict lower triangle, the update's output
  }

  /** Stores one row of returns without computing anything (fills the window before timing). */
  appendRow(closes) {
    const { n, w, ret, lastLog } = this;
    const entering = this.rowsPushed >= 1;
    const slot = entering ? (this.rowsPushed - 1) % w : 0;
    for (let i = 0; i < n; i++) {
      const c = closes[i];
      const lc = c === c ? Math.log(c) : NaN;
      if (entering) ret[i * w + slot] = lc - lastLog[i];
      lastLog[i] = lc;
    }
    this.rowsPushed++;
  }

  /** The per-row update: append, then every pair recomputed two-pass. */
  pushRow(closes) {
    this.appendRow(closes);
    this.allPairs(this.tri, 0);
  }

  /** The full N×N matrix, row-major, recomputed two-pass into out. */
  matrix(out) {
    this.allPairs(out, 1);
  }

  /** First pass, per symbol: mean, centred copy and 1/√Σd² for the gap-free symbols. */
  prepare() {
    const { n, w, ret, centred, inv, complete } = this;
    const full = this.rowsPushed - 1 >= w;
    for (let i = 0; i < n; i++) {
      const base = i * w;
      let s = 0;
      let gap = !full;
      for (let t = 0; t < w; t++) {
        const x = ret[base + t];
        if (x !== x) gap = true;
        s += x;
      }
      complete[i] = gap ? 0 : 1;
      if (gap) continue;
      const mean = s / w;
      let cxx = 0;
      let qx = 0;
      for (let t = 0; t < w; t++) {
        const x = ret[base + t];
        const d = x - mean;
        centred[base + t] = d;
        cxx += d * d;
        qx += x * x;
      }
      inv[i] = cxx > 1e-20 * qx ? 1 / Math.sqrt(cxx) : NaN;
    }
  }

  /**
   * Second pass for every pair i > j. mode 0 writes the packed strict lower triangle,
   * mode 1 the full N×N matrix: the lower half row by row, then a tiled mirror (writing both
   * halves inside the pair loop was 2.5× slower: every upper-half store missed the cache).
   */
  allPairs(out, mode) {
    this.prepare();
    const { n, w, centred, inv, complete } = this;
    let p = 0;
    for (let i = 0; i < n; i++) {
      const bi = i * w;
      const invI = inv[i];
      const fastI = complete[i] === 1;
      for (let j = 0; j < i; j++) {
        let r;
        if (fastI && complete[j] === 1) {
          const bj = j * w;
          let d0 = 0, d1 = 0;
          let t = 0;
          for (; t + 1 < w; t += 2) {
            d0 += centred[bi + t] * centred[bj + t];
            d1 += centred[bi + t + 1] * centred[bj + t + 1];
          }
          if (t < w) d0 += centred[bi + t] * centred[bj + t];
          r = clamp((d0 + d1) * invI * inv[j]);
        } else {
          r = this.pairwise(i, j);
        }
        if (mode === 0) out[p++] = r;
        else out[i * n + j] = r;
      }
      if (mode === 1) out[i * n + i] = fastI ? (invI === invI ? 1 : NaN) : this.pairwise(i, i);
    }
    if (mode === 1) mirror(out, n);
  }

  /** Full two-pass over the rows where both symbols have a return. */
  pairwise(i, j) {
    return ringPearson(this.ret, this.w, i, j, this.minPeriods);
  }

  /** Correlation by id from the last computed state (recomputes the pair two-pass). */
  correlation(i, j) {
    return this.pairwise(i, j);
  }
}
