// The single-byte fuzz of test/snapshot/fuzz.test.ts, longer (npm run test:long): every byte
// of a snapshot edited to 32 values, on two states (a short window with minPeriods 5, and a
// longer one with minPeriods 2, where a correlation needs only two shared returns).
import { test } from 'vitest';
import { correlationBound, fuzzEveryByte, fuzzedManager } from '../snapshot/single-byte-fuzz.js';

const VALUES_PER_BYTE = 32;

test.each([[12, 5, 2024], [40, 2, 7]])('W = %i, minPeriods %i (seed %i): every byte edited to 32 values', (window, minPeriods, seed) => {
  const bound = correlationBound(window, minPeriods);
  const tally = fuzzEveryByte(fuzzedManager(window, minPeriods, seed).snapshot(), seed + 1, bound, () => VALUES_PER_BYTE);
  const edits = tally.reduce((n, r) => n + r.edits, 0);
  const refused = tally.reduce((n, r) => n + r.refused, 0);
  const worst = Math.max(...tally.map((r) => r.worst));
  console.log(`long fuzz W=${window} minPeriods=${minPeriods}: ${edits} edits, ${refused} refused, worst deviation ${worst.toExponential(2)} (bound ${bound.toExponential(2)})`);
});
