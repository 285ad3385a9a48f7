// Property: cached answers equal fresh ones, and restored ones, bit for bit. Managers receive
// the same random sequence of candles (appends, re-sends, revisions, inserts, evictions),
// registrations, closes, resizes, equity and config updates and validations; one keeps its
// caches for the whole run, another clears them before every read. Every answer and every
// stats snapshot must be identical (toEqual compares numbers with Object.is), and each answer
// must match the independent reference model on fresh engine correlations.
//
// The second property adds a quiet market: one symbol trades on alone for a few bars while the
// others' returns sit unchanged in the window. Their versions do not move, yet the engine's
// rotating exact refresh and its reseeds rewrite their co-moments, which can move a
// correlation in its last bits. A cached row must notice, so that cached, cleared and restored
// answers are the same bits.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { SYMBOLS } from './arbitraries.js';
import { enabledManager, MINUTE, rng, T0 } from './helpers.js';
import { apply, opArb, warmUp, type Op } from './operations.js';
import { referenceAnswer } from './reference-model.js';

const config = { correlationLookback: 30, minPeriods: 10, maxPairwiseCorrelation: 0.5, maxSymbolExposurePct: 0.6, maxDirectionalExposurePct: 1.5, maxRegimeExposurePct: 1.2 };

test('a manager keeping its caches answers exactly like one that clears them before every read', () => {
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

/** The symbol that trades on alone; the others start in the book, so it bumps no cached row. */
const LONE = SYMBOLS[SYMBOLS.length - 1]!;
const BOOK = SYMBOLS.slice(0, -1);

/**
 * LONE trades bars 0–39, the book's symbols only bars 15–39: the window's oldest rows hold
 * LONE's returns alone, so LONE's next bars evict rows without touching the book's returns,
 * and those returns (and versions) stay put while the exact refresh visits their pairs.
 */
function quietWarmUp(m: PortfolioRiskManager): void {
  SYMBOLS.forEach((symbol, k) => {
    const next = rng(2000 + k);
    let logClose = Math.log(100);
    const first = symbol === LONE ? 0 : 15;
    m.updateMarketData(symbol, Array.from({ length: 40 - first }, (_, b) => {
      logClose += 0.02 * (next() - 0.5) + (k % 2 === 0 ? 0.01 : -0.01) * Math.sin(b);
      return { timestamp: T0 + (first + b) * MINUTE, close: Math.exp(logClose) };
    }));
  });
}

/** LONE trades `bars` bars past every other symbol's last bar. */
const loneArb = fc.record({ kind: fc.constant('lone' as const), bars: fc.integer({ min: 1, max: 4 }), seed: fc.nat() });
/** A validation of a book symbol: it reads the quiet pairs. */
const validateBookArb = fc.record({
  kind: fc.constant('validate' as const), symbol: fc.constantFrom(...BOOK), side: fc.constantFrom('long' as const, 'short' as const),
  fraction: fc.double({ min: 0.001, max: 0.5, noNaN: true }), regime: fc.constant('TRENDING'), dryRun: fc.constant(true),
});
type QuietOp = Op | (typeof loneArb extends fc.Arbitrary<infer T> ? T : never);

test('quiet market: cached, cleared and restored answers are the same bits while exact refreshes rewrite co-moments', () => {
  const quietArb = fc.oneof({ weight: 1, arbitrary: opArb }, { weight: 2, arbitrary: loneArb }, { weight: 2, arbitrary: validateBookArb });
  fc.assert(
    fc.property(fc.array(quietArb, { minLength: 5, maxLength: 40, size: 'max' }), (ops) => {
      const cached = enabledManager(config);
      const fresh = enabledManager(config);
      const equityA = { value: 1e5 };
      const equityB = { value: 1e5 };
      // The quiet symbols are in the book, so each validation reads pairs a refresh rewrites.
      for (const m of [cached, fresh]) {
        quietWarmUp(m);
        m.updateEquity(1e5);
        BOOK.forEach((symbol, k) => m.registerPosition({ symbol, side: k % 2 === 0 ? 'long' : 'short', size: 1_000 }));
      }
      let head = 40; // bars 0..39 are the warm-up's; 'candles' operations reach bar 170 at most
      for (const op of ops as QuietOp[]) {
        if (op.kind === 'lone') {
          head += op.bars;
          const next = rng(op.seed);
          const bars = Array.from({ length: op.bars }, (_, k) => ({ timestamp: T0 + (head - op.bars + k) * MINUTE, close: 100 * Math.exp(0.02 * (next() - 0.5)) }));
          expect(cached.updateMarketData(LONE, bars)).toEqual(fresh.updateMarketData(LONE, bars));
          continue;
        }
        fresh.clearCaches();
        if (op.kind === 'validate') {
          const restored = PortfolioRiskManager.restoreSync(cached.snapshot());
          const answer = apply(cached, op, equityA);
          expect(answer).toEqual(apply(fresh, op, equityB));
          expect(answer).toEqual(apply(restored, op, { value: equityA.value }));
          continue;
        }
        expect(apply(cached, op, equityA)).toEqual(apply(fresh, op, equityB));
      }
    }),
    { numRuns: 150 },
  );
});
