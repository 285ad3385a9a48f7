// Property: cached answers equal fresh ones. Two managers receive the same random sequence of
// candles (appends, re-sends, revisions, inserts, evictions), registrations, closes, resizes,
// equity and config updates and validations; one keeps its caches for the whole run, the
// other clears them before every read. Every answer and every stats snapshot must be identical, and each
// answer must match the independent reference model on fresh engine correlations.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager } from './helpers.js';
import { apply, opArb, warmUp } from './operations.js';
import { referenceAnswer } from './reference-model.js';

test('a manager keeping its caches answers exactly like one that clears them before every read', () => {
  const config = { correlationLookback: 30, minPeriods: 10, maxPairwiseCorrelation: 0.5, maxSymbolExposurePct: 0.6, maxDirectionalExposurePct: 1.5, maxRegimeExposurePct: 1.2 };
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 5, maxLength: 60, size: 'max' }), (ops) => {
      const cached = enabledManager(config);
      const fresh = enabledManager(config);
      const equityA = { value: 1e5 };
      const equityB = { value: 1e5 };
      for (const m of [cached, fresh]) {
        warmUp(m);
        m.updateEquity(1e5);
      }
      for (const op of ops) {
        fresh.clearCaches();
        const a = apply(cached, op, equityA);
        const b = apply(fresh, op, equityB);
        expect(a).toEqual(b);
        if (op.kind === 'validate') {
          const r = a as ReturnType<PortfolioRiskManager['validateNewPosition']>;
          const ref = referenceAnswer(cached.config, cached.getPositions(), cached.equity,
            { symbol: op.symbol, side: op.side, proposedSize: op.fraction * (equityA.value || 1e4), regime: op.regime },
            (x, y) => cached.getCorrelation(x, y));
          if (Math.abs(ref.raw - cached.config.minFillRatio) > 1e-9) {
            expect(r.allowed).toBe(ref.allowed);
            expect(Math.abs(r.sizeMultiplier - ref.multiplier)).toBeLessThanOrEqual(1e-9);
          }
        }
        fresh.clearCaches();
        expect(cached.getStats()).toEqual(fresh.getStats());
      }
    }),
    { numRuns: 400 },
  );
});
