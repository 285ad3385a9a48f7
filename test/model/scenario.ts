/**
 * One model-based run: a market seed, a starting configuration, optionally a warm start (every
 * symbol's first bars loaded in start-up order) and a sequence of commands. `modelProperty`
 * is shared by the short run in `npm test` and the long one in `npm run test:long`.
 */
import fc from 'fast-check';
import { parseRiskConfig } from '../../bindings/config.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { commandArbs, type Real } from './commands.js';
import { expectSameState } from './compare.js';
import { ModelManager } from './manager-model.js';
import { Market, SYMBOLS, timestamp } from './market.js';

const settingsArb = fc
  .record({
    correlationLookback: fc.integer({ min: 6, max: 30 }),
    minPeriodsShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    enabled: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    // fc.double favours the bounds (0 reduction would switch the rule off): mix in typical values.
    maxPairwiseCorrelation: fc.oneof(fc.constantFrom(0.5, 0.7, 0.85), fc.double({ min: 0.3, max: 0.95, noNaN: true })),
    maxCorrelationReduction: fc.oneof(fc.constantFrom(0.25, 0.5, 0.75, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    // Shared values make exact ties between caps (decided by rule order) common.
    maxSymbolExposurePct: fc.constantFrom(0.1, 0.25, 0.5, 1),
    maxDirectionalExposurePct: fc.constantFrom(0.25, 0.5, 0.6, 1.2),
    maxRegimeExposurePct: fc.constantFrom(0.25, 0.5, 1),
    minFillRatio: fc.constantFrom(0, 0.1, 0.3, 0.5),
    hedgeAwareCorrelation: fc.boolean(),
    positionMode: fc.constantFrom('hedge', 'netting'),
    onUnknownCorrelation: fc.constantFrom('ignore', 'ignore', 'block', 'maxCut'),
    reservationTtlMs: fc.constantFrom(60_000, 120_000),
    timeframe: fc.constantFrom(undefined, '1m'),
  })
  .map(({ minPeriodsShare, timeframe, ...c }) => ({ ...c, ...(timeframe === undefined ? {} : { timeframe }), minPeriods: Math.max(2, Math.round(minPeriodsShare * c.correlationLookback)) }));

function setup(seed: number, settings: Record<string, unknown>, warm: boolean): { model: ModelManager; real: Real } {
  const config = parseRiskConfig(settings);
  const model = new ModelManager(config, new Market(seed));
  const real: Real = { m: PortfolioRiskManager.createSync(settings, { now: () => model.now }) };
  if (warm) {
    // Start-up order: each symbol's history in one call, one symbol after another.
    SYMBOLS.forEach((symbol, s) => {
      const candles = Array.from({ length: config.correlationLookback + 5 }, (_, b) => [timestamp(b), model.market.close(s, b)] as const);
      model.updateMarketData(symbol, candles);
      real.m.updateMarketData(symbol, candles.map(([t, c]) => [t, c, c, c, c, 1]));
    });
  }
  model.updateEquity(100_000);
  real.m.updateEquity(100_000);
  expectSameState(real.m, model, 'after setup');
  return { model, real };
}

export function modelProperty(maxCommands: number) {
  return fc.property(
    fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    settingsArb,
    fc.boolean(),
    fc.commands(commandArbs(), { maxCommands, size: "max" }),
    (seed, settings, warm, commands) => {
      fc.modelRun(() => setup(seed, settings, warm), commands);
    },
  );
}
