// Single-byte edits of a real snapshot with the CRC-32 recomputed, at every byte of every
// region (config, equity, engine header, symbol names, core block, record block, book,
// counters): each is refused with a SnapshotError, or restores a manager whose later calls
// succeed or throw typed errors and whose correlations equal a fresh engine's fed the same
// closes (single-byte-fuzz.ts states the tolerance). Zero RuntimeErrors. Here one seeded edit
// per byte, two per byte of the engine's core and record blocks (about 3,300 edits);
// test/long/snapshot-fuzz.long.test.ts edits every byte with many values.
import { expect, test } from 'vitest';
import { rng } from '../manager/helpers.js';
import { correlationBound, fuzzedManager, regions, tryEdit, withByte } from './single-byte-fuzz.js';

const ENGINE_BLOCKS = ['core block', 'record block'];
const W = 12;
const MIN_PERIODS = 5;
const BOUND = correlationBound(W, MIN_PERIODS);

test('edits of every byte: refused, or a manager that answers like a fresh engine on the same closes', () => {
  const bytes = fuzzedManager(W, MIN_PERIODS).snapshot();
  const next = rng(99);
  const tally = regions(bytes).map((r) => ({ ...r, edits: 0, refused: 0, worst: 0 }));
  for (const region of tally) {
    const passes = ENGINE_BLOCKS.includes(region.name) ? 2 : 1;
    for (let k = 0; k < passes * (region.to - region.from); k++) {
      const at = region.from + (k % (region.to - region.from));
      const value = bytes[at]! ^ (1 + Math.floor(next() * 255));
      let outcome;
      try {
        outcome = tryEdit(withByte(bytes, at, value));
      } catch (error) {
        throw new Error(`byte ${at} (${region.name}) set to ${value}: ${String(error)}`);
      }
      region.edits++;
      if (outcome.refused) region.refused++;
      region.worst = Math.max(region.worst, outcome.deviation);
      expect(outcome.deviation, `byte ${at} (${region.name}) set to ${value}`).toBeLessThanOrEqual(BOUND);
    }
  }
  console.log(`fuzz (bound ${BOUND.toExponential(2)}):\n${tally.map((r) => `  ${r.name}: ${r.edits} edits, ${r.refused} refused, worst deviation ${r.worst.toExponential(2)}`).join('\n')}`);
  expect(tally.reduce((n, r) => n + r.edits, 0)).toBeGreaterThan(3000);
  // Every region was edited; the engine blocks and the sums are where edits are refused most.
  for (const r of tally) expect(r.edits, r.name).toBeGreaterThan(0);
  expect(tally.find((r) => r.name === 'record block')!.refused).toBeGreaterThan(0);
}, 60_000);
