// Property: restore(snapshot()) answers exactly like the original, for any state reachable
// through the public API, and keeps doing so as both receive the same further operations.
// Its own snapshot is byte-identical to the one it was restored from.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager } from '../manager/helpers.js';
import { apply, opArb, warmUp, type Op } from '../manager/operations.js';
import { answersOf } from './answers.js';

const configArb = fc.record({
  correlationLookback: fc.integer({ min: 5, max: 40 }),
  minPeriods: fc.integer({ min: 2, max: 5 }),
  maxPairwiseCorrelation: fc.double({ min: 0.3, max: 0.95, noNaN: true }),
  maxSymbolExposurePct: fc.double({ min: 0.05, max: 1, noNaN: true }),
  maxDirectionalExposurePct: fc.double({ min: 0.1, max: 2, noNaN: true }),
  maxRegimeExposurePct: fc.double({ min: 0.1, max: 2, noNaN: true }),
  minFillRatio: fc.double({ min: 0, max: 0.5, noNaN: true }),
  onError: fc.constantFrom('block' as const, 'allow' as const),
  enabled: fc.boolean(),
});

function run(m: PortfolioRiskManager, ops: readonly Op[]): unknown[] {
  const equity = { value: 1e5 };
  return ops.map((op) => {
    try {
      return apply(m, op, equity);
    } catch (error) {
      return { threw: String(error) };
    }
  });
}

test('a restored manager answers like the original, now and after the same further operations', () => {
  fc.assert(
    fc.property(configArb, fc.boolean(), fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { maxLength: 15 }), (config, warm, before, after) => {
      const original = enabledManager(config);
      if (warm) warmUp(original);
      original.updateEquity(1e5);
      run(original, before);

      const bytes = original.snapshot();
      const restored = PortfolioRiskManager.restoreSync(bytes);
      expect(restored.snapshot()).toEqual(bytes);
      expect(answersOf(restored)).toEqual(answersOf(original));

      expect(run(restored, after)).toEqual(run(original, after));
      expect(answersOf(restored)).toEqual(answersOf(original));
      expect(restored.snapshot()).toEqual(original.snapshot());
    }),
    { numRuns: 150 },
  );
});

test('restore (async) and restoreSync build the same manager', async () => {
  const m = enabledManager({ correlationLookback: 20, minPeriods: 5 });
  warmUp(m);
  m.updateEquity(50_000);
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 4_000, regime: 'RANGING' });
  const bytes = m.snapshot();
  const [a, b] = [await PortfolioRiskManager.restore(bytes), PortfolioRiskManager.restoreSync(bytes)];
  expect(answersOf(a)).toEqual(answersOf(m));
  expect(answersOf(b)).toEqual(answersOf(m));
  // An ArrayBuffer (what IndexedDB or fetch hand back) works as well as the Uint8Array.
  expect(answersOf(PortfolioRiskManager.restoreSync(bytes.slice().buffer))).toEqual(answersOf(m));
});
