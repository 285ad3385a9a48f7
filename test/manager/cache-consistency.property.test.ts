// Property: cached answers equal fresh ones. Two managers receive the same random sequence of
// candles (appends, re-sends, revisions, inserts, evictions), registrations, closes, resizes,
// equity updates and validations; one keeps its caches for the whole run, the other clears
// them before every read. Every answer and every stats snapshot must be identical, and each
// answer must match the independent reference model on fresh engine correlations.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { REGIMES, SYMBOLS, sideArb } from './arbitraries.js';
import { MINUTE, T0, enabledManager, rng } from './helpers.js';
import { referenceAnswer } from './reference-model.js';

const symbolArb = fc.constantFrom(...SYMBOLS);
const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('candles' as const), symbol: symbolArb, start: fc.nat(80), count: fc.integer({ min: 1, max: 30 }), step: fc.constantFrom(1, 2, 3), seed: fc.nat() }) },
  // A re-sent bar with a new close: only that symbol's version moves, the sharpest cache test.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('revise' as const), symbol: symbolArb, bar: fc.nat(45), factor: fc.double({ min: 0.9, max: 1.1, noNaN: true }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), symbol: symbolArb, side: sideArb, fraction: fc.double({ min: 0.001, max: 0.2, noNaN: true }), regime: fc.constantFrom(...REGIMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unregister' as const), pick: fc.nat(), bySymbol: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), fraction: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.2, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('equity' as const), value: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.double({ min: 1e3, max: 1e6, noNaN: true }) }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('validate' as const), symbol: symbolArb, side: sideArb, fraction: fc.double({ min: 0.001, max: 0.5, noNaN: true }), regime: fc.constantFrom(...REGIMES), dryRun: fc.boolean() }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function candles(op: Extract<Op, { kind: 'candles' }>): { timestamp: number; close: number }[] {
  const next = rng(op.seed);
  let logClose = Math.log(50 + next() * 100);
  return Array.from({ length: op.count }, (_, k) => {
    logClose += 0.03 * (next() - 0.5);
    return { timestamp: T0 + (op.start + k * op.step) * MINUTE, close: Math.exp(logClose) };
  });
}

/** Every symbol shares 40 bars before the random operations, so most pairs start known. */
function warmUp(m: PortfolioRiskManager): void {
  SYMBOLS.forEach((symbol, k) => {
    const next = rng(1000 + k);
    let logClose = Math.log(100);
    const bars = Array.from({ length: 40 }, (_, b) => {
      logClose += 0.02 * (next() - 0.5) + (k % 2 === 0 ? 0.01 : -0.01) * Math.sin(b);
      return { timestamp: T0 + b * MINUTE, close: Math.exp(logClose) };
    });
    m.updateMarketData(symbol, bars);
  });
}

function apply(m: PortfolioRiskManager, op: Op, equityRef: { value: number }): unknown {
  switch (op.kind) {
    case 'candles':
      return m.updateMarketData(op.symbol, candles(op));
    case 'revise':
      return m.updateMarketData(op.symbol, [{ timestamp: T0 + op.bar * MINUTE, close: 100 * op.factor }]);
    case 'register':
      return m.registerPosition({ symbol: op.symbol, side: op.side, size: op.fraction * (equityRef.value || 1e4), regime: op.regime });
    case 'unregister': {
      const open = m.getPositions();
      if (open.length === 0) return null;
      const p = open[op.pick % open.length]!;
      return m.unregisterPosition(op.bySymbol ? p.symbol : p.id);
    }
    case 'resize': {
      const open = m.getPositions();
      if (open.length === 0) return null;
      return m.resizePosition(open[op.pick % open.length]!.id, op.fraction * (equityRef.value || 1e4));
    }
    case 'equity':
      equityRef.value = op.value;
      return m.updateEquity(op.value);
    case 'validate':
      return m.validateNewPosition(
        { symbol: op.symbol, side: op.side, proposedSize: op.fraction * (equityRef.value || 1e4), regime: op.regime },
        { dryRun: op.dryRun },
      );
  }
}

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
