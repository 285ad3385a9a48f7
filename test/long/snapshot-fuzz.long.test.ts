// The single-byte fuzz of test/snapshot/fuzz.test.ts, longer (npm run test:long): every byte
// of a snapshot edited to 32 values, on two states (a short window with minPeriods 5, and a
// longer one with minPeriods 2, where a correlation needs only two shared returns).
import { expect, test } from 'vitest';
import { correlationBound, fuzzedManager, regions, tryEdit, withByte } from '../snapshot/single-byte-fuzz.js';
import { rng } from '../manager/helpers.js';

const VALUES_PER_BYTE = 32;

test.each([[12, 5, 2024], [40, 2, 7]])('W = %i, minPeriods %i (seed %i): every byte edited to 32 values', (window, minPeriods, seed) => {
  const bytes = fuzzedManager(window, minPeriods, seed).snapshot();
  const bound = correlationBound(window, minPeriods);
  const next = rng(seed + 1);
  let edits = 0;
  let refused = 0;
  let worst = 0;
  for (const region of regions(bytes)) {
    for (let at = region.from; at < region.to; at++) {
      for (let k = 0; k < VALUES_PER_BYTE; k++) {
        const value = bytes[at]! ^ (1 + Math.floor(next() * 255));
        let outcome;
        try {
          outcome = tryEdit(withByte(bytes, at, value));
        } catch (error) {
          throw new Error(`byte ${at} (${region.name}) set to ${value}: ${String(error)}`);
        }
        edits++;
        if (outcome.refused) refused++;
        worst = Math.max(worst, outcome.deviation);
        expect(outcome.deviation, `byte ${at} (${region.name}) set to ${value}`).toBeLessThanOrEqual(bound);
      }
    }
  }
  console.log(`long fuzz W=${window} minPeriods=${minPeriods}: ${edits} edits, ${refused} refused, worst deviation ${worst.toExponential(2)} (bound ${bound.toExponential(2)})`);
});
