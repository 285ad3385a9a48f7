/**
 * Random manager operations for property tests: candles (appends, re-sends, revisions,
 * inserts, evictions), registrations, closes by id or symbol, resizes, equity updates and
 * validations, on the shared SYMBOLS and REGIMES. `apply` runs one on a manager and returns
 * its answer, so two managers fed the same list can be compared answer by answer.
 */
import fc from 'fast-check';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { REGIMES, SYMBOLS, sideArb } from './arbitraries.js';
import { MINUTE, T0, rng } from './helpers.js';

const symbolArb = fc.constantFrom(...SYMBOLS);
export const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('candles' as const), symbol: symbolArb, start: fc.nat(80), count: fc.integer({ min: 1, max: 30 }), step: fc.constantFrom(1, 2, 3), seed: fc.nat() }) },
  // A re-sent bar with a new close: only that symbol's version moves, the sharpest cache test.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('revise' as const), symbol: symbolArb, bar: fc.nat(45), factor: fc.double({ min: 0.9, max: 1.1, noNaN: true }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), symbol: symbolArb, side: sideArb, fraction: fc.double({ min: 0.001, max: 0.2, noNaN: true }), regime: fc.constantFrom(...REGIMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unregister' as const), pick: fc.nat(), bySymbol: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), fraction: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.2, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('equity' as const), value: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.double({ min: 1e3, max: 1e6, noNaN: true }) }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), maxPairwiseCorrelation: fc.double({ min: 0.3, max: 0.95, noNaN: true }), maxSymbolExposurePct: fc.double({ min: 0.05, max: 1, noNaN: true }), hedgeAwareCorrelation: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('validate' as const), symbol: symbolArb, side: sideArb, fraction: fc.double({ min: 0.001, max: 0.5, noNaN: true }), regime: fc.constantFrom(...REGIMES), dryRun: fc.boolean() }) },
);
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function candles(op: Extract<Op, { kind: 'candles' }>): { timestamp: number; close: number }[] {
  const next = rng(op.seed);
  let logClose = Math.log(50 + next() * 100);
  return Array.from({ length: op.count }, (_, k) => {
    logClose += 0.03 * (next() - 0.5);
    return { timestamp: T0 + (op.start + k * op.step) * MINUTE, close: Math.exp(logClose) };
  });
}

/** Every symbol shares 40 bars before the random operations, so most pairs start known. */
export function warmUp(m: PortfolioRiskManager): void {
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

export function apply(m: PortfolioRiskManager, op: Op, equityRef: { value: number }): unknown {
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
    case 'config': {
      const { kind: _, ...partial } = op;
      return m.updateConfig(partial);
    }
    case 'validate':
      return m.validateNewPosition(
        { symbol: op.symbol, side: op.side, proposedSize: op.fraction * (equityRef.value || 1e4), regime: op.regime },
        { dryRun: op.dryRun },
      );
  }
}

