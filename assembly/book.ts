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

/** The pair's correlation, and its pairwise-complete rows at countOut. */
function pair(i: i32, j: i32, fastI: bool, windowRows: i32, countOut: usize): f64 {
  if (i != j && fastI && prepared(j, windowRows)) {
    store<f64>(countOut, <f64>windowRows);
    return fastPair(i, j);
  }
  const r = pairCorrelation(i, j, resultPtr + RESULT_PAIR_COUNT, resultPtr + SCRATCH_PAIR_SUMS);
  store<f64>(countOut, load<f64>(resultPtr + RESULT_PAIR_COUNT));
  return r;
}

/** Correlation of `self` with each of the `count` listed symbols into outRow, pair counts into listObs. */
export function listCorrelations(self: i32, count: i32): void {
  const windowRows = windowRowCount();
  const fastSelf = prepared(self, windowRows);
  for (let k = 0; k < count; k++) {
    const j = load<i32>(listIds + (<usize>k << 2));
    const at = <usize>k << 3;
    if (j < 0) {
      store<f64>(outRow + at, NaN);
      store<f64>(listObs + at, 0.0);
    } else {
      store<f64>(outRow + at, pair(self, j, fastSelf, windowRows, listObs + at));
    }
  }
}

/** The highest known correlation among pairs of distinct listed symbols; NaN when none is known. */
export function listMaxCorrelation(count: i32): f64 {
  const windowRows = windowRowCount();
  let best = NaN;
  for (let a = 0; a < count; a++) {
    const i = load<i32>(listIds + (<usize>a << 2));
    if (i < 0) continue;
    const fastI = prepared(i, windowRows);
    for (let b = a + 1; b < count; b++) {
      const j = load<i32>(listIds + (<usize>b << 2));
      if (j < 0) continue;
      const r = pair(i, j, fastI, windowRows, listObs);
      // NaN pairs are unknown, not small: they never become the maximum.
      if (r == r && !(r <= best)) best = r;
    }
  }
  return best;
}
