// Single-byte edits of a real snapshot with the CRC-32 recomputed, at every byte of every
// region (config, equity, engine header, symbol names, core block, record block, book,
// counters): each is refused with a SnapshotError, or restores a manager whose later calls
// succeed or throw typed errors and whose correlations equal a fresh engine's fed the same
// closes (single-byte-fuzz.ts states the tolerance). Zero RuntimeErrors. Here one seeded edit
// per byte, two per byte of the engine's core and record blocks (about 3,300 edits);
// test/long/snapshot-fuzz.long.test.ts edits every byte with many values.
import { expect, test } from 'vitest';
import { correlationBound, fuzzEveryByte, fuzzedManager } from './single-byte-fuzz.js';

const ENGINE_BLOCKS = ['core block', 'record block'];
const W = 12;
const MIN_PERIODS = 5;

test('edits of every byte: refused, or a manager that answers like a fresh engine on the same closes', () => {
  const bound = correlationBound(W, MIN_PERIODS);
  const tally = fuzzEveryByte(fuzzedManager(W, MIN_PERIODS).snapshot(), 99, bound, (region) => (ENGINE_BLOCKS.includes(region) ? 2 : 1));
  console.log(`fuzz (bound ${bound.toExponential(2)}):\n${tally.map((r) => `  ${r.name}: ${r.edits} edits, ${r.refused} refused, worst deviation ${r.worst.toExponential(2)}`).join('\n')}`);
  expect(tally.reduce((n, r) => n + r.edits, 0)).toBeGreaterThan(3000);
  // Every region was edited; the engine blocks and the sums are where edits are refused most.
  for (const r of tally) expect(r.edits, r.name).toBeGreaterThan(0);
  expect(tally.find((r) => r.name === 'record block')!.refused).toBeGreaterThan(0);
}, 60_000);
