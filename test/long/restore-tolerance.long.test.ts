// The honest-deviation measurement of test/snapshot/restore-tolerance.test.ts on longer runs
// (npm run test:long): the whole 10^6-row drift run, a heavier revision storm, 300 symbols,
// and the longest window.
import { expect, test } from 'vitest';
import { driftScenario, manySymbolsScenario, revisionScenario } from '../snapshot/honest-deviation.js';
import { SUM_TOLERANCE } from '../snapshot/restore-probe.js';

const MARGIN = 1000;

test.each([
  ['the drift scenario, 10^6 rows, checked every 997 rows', () => driftScenario(1_000_000)],
  ['a bar re-sent 200 times per symbol, 3,000 rows, 8 symbols, W = 100', () => revisionScenario(8, 100, 3_000, 200 * 8)],
  ['300 symbols, W = 200, 6,000 rows', () => manySymbolsScenario(300, 200, 6_000)],
  ['12 symbols, W = 4,096, 60,000 rows', () => manySymbolsScenario(12, 4_096, 60_000)],
])('%s', (label, scenario) => {
  const worst = scenario();
  console.log(`${label}: worst honest deviation ${worst.toExponential(2)} (tolerance ${SUM_TOLERANCE.toExponential(0)}, ${(SUM_TOLERANCE / worst).toExponential(1)}× above)`);
  expect(worst).toBeLessThanOrEqual(SUM_TOLERANCE / MARGIN);
});
