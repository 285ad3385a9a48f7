// The misalignment watch against a direct count: two symbols are misaligned when, among the
// newest W + 1 timestamps of either (the union of their bar times), each has at least
// minPeriods bars but they share fewer than minPeriods. The watch reports such a pair once,
// and again only after it has realigned; here its report is checked against sets built from
// every timestamp ever recorded, whatever order and chunks the times arrived in.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { AlignmentWatch } from '../../bindings/manager/alignment.js';

/** The direct count over the newest `rows` distinct timestamps of the two symbols together. */
function misaligned(a: ReadonlySet<number>, b: ReadonlySet<number>, rows: number, minPeriods: number): boolean {
  const newest = [...new Set([...a, ...b])].sort((x, y) => y - x).slice(0, rows);
  const barsA = newest.filter((t) => a.has(t)).length;
  const barsB = newest.filter((t) => b.has(t)).length;
  const shared = newest.filter((t) => a.has(t) && b.has(t)).length;
  return barsA >= minPeriods && barsB >= minPeriods && shared < minPeriods;
}

const step = fc.record({
  symbol: fc.constantFrom('A', 'B'),
  // Mostly on a shared minute grid, sometimes a second off it, sometimes far in the past.
  times: fc.array(fc.tuple(fc.nat(60), fc.constantFrom(0, 0, 0, 1_000), fc.boolean()), { minLength: 1, maxLength: 8 }),
});

test('reports a pair exactly when the direct count calls it misaligned, once until it realigns', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 8 }), fc.array(step, { maxLength: 30 }), (window, minShare, steps) => {
      const rows = window + 1;
      const minPeriods = Math.min(minShare, window);
      const watch = new AlignmentWatch(rows, minPeriods);
      const seen = { A: new Set<number>(), B: new Set<number>() };
      let reportedBefore = false;
      for (const { symbol, times } of steps) {
        const stamps = times.map(([minute, offset, old]) => 1_700_000_000_000 + (old ? minute : 100 + minute) * 60_000 + offset);
        for (const t of stamps) seen[symbol].add(t);
        watch.record(symbol, stamps, stamps.length);
        const reports: string[] = [];
        watch.check('A', (x, y) => reports.push(`${x}-${y}`));
        const expected = misaligned(seen.A, seen.B, rows, minPeriods);
        // Reported now only on the step it becomes misaligned (not already reported).
        expect(reports).toEqual(expected && !reportedBefore ? ['A-B'] : []);
        reportedBefore = expected;
      }
    }),
    { numRuns: 500 },
  );
});
