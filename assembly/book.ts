/**
 * Queries over a list of symbols in one call: the manager's open book. Before a trade the
 * manager needs one symbol's correlation with every open symbol, and its stats need the
 * highest correlation among the open symbols; asking pair by pair costs one crossing of the
 * wasm boundary per pair. The list's ids go in listIds (−1: a symbol the engine does not
 * hold, answered NaN with no rows), the answers come back in outRow and listObs.
 *
 * Every pair is the value correlation() gives, bit for bit: a pair of two gap-free,
 * well-conditioned symbols takes pearson.ts's shared-terms formula (prepared per symbol, once
 * per epoch), any other the general path.
 */
import { listIds, listObs, outRow, resultPtr, RESULT_PAIR_COUNT, SCRATCH_PAIR_SUMS, rows } from './layout';
import { pairCorrelation, prepared, fastPair } from './pearson';

@inline function windowRowCount(): i32 {
  const r = rows();
  return r > 0 ? r - 1 : 0;
}

/**
 * Correlation of `self` with the listed symbols k ∈ [from, count) into outRow[k], pair counts
 * into listObs[k] (an id < 0 answers NaN, 0).
 */
function correlationsFrom(self: i32, from: i32, count: i32, windowRows: i32): void {
  const fastSelf = prepared(self, windowRows);
  for (let k = from; k < count; k++) {
    const j = load<i32>(listIds + (<usize>k << 2));
    const at = <usize>k << 3;
    let r: f64 = NaN;
    let n: f64 = 0.0;
    if (j >= 0) {
      if (self != j && fastSelf && prepared(j, windowRows)) {
        r = fastPair(self, j);
        n = <f64>windowRows;
      } else {
        r = pairCorrelation(self, j, resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
        n = load<f64>(resultPtr + RESULT_PAIR_COUNT);
      }
    }
    store<f64>(outRow + at, r);
    store<f64>(listObs + at, n);
  }
}

/** Correlation of `self` with each of the `count` listed symbols into outRow, pair counts into listObs. */
export function listCorrelations(self: i32, count: i32): void {
  correlationsFrom(self, 0, count, windowRowCount());
}

/** The highest known correlation among pairs of distinct listed symbols; NaN when none is known. */
export function listMaxCorrelation(count: i32): f64 {
  const windowRows = windowRowCount();
  let best = NaN;
  for (let a = 0; a + 1 < count; a++) {
    const i = load<i32>(listIds + (<usize>a << 2));
    if (i < 0) continue;
    correlationsFrom(i, a + 1, count, windowRows);
    for (let b = a + 1; b < count; b++) {
      const r = load<f64>(outRow + (<usize>b << 3));
      // NaN pairs are unknown, not small: they never become the maximum.
      if (r == r && !(r <= best)) best = r;
    }
  }
  return best;
}
