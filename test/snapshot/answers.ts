/**
 * Everything a manager answers, gathered in one value, for "the restored manager answers
 * exactly like the original" checks: stats, positions, every exposure, every correlation (as
 * bits, so NaN and −0 compare exactly) and a dry-run validation of every symbol × side ×
 * regime at three sizes. Dry runs count nothing, so gathering changes no state.
 */
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { REGIMES, SYMBOLS } from '../manager/arbitraries.js';

const SIZES = [500, 12_000, 90_000];
const bits = (x: number): string => Buffer.from(new Float64Array([x]).buffer).toString('hex');

export function answersOf(m: PortfolioRiskManager, symbols: readonly string[] = SYMBOLS, regimes: readonly string[] = REGIMES) {
  const names = [...new Set([...symbols, ...m.engine.symbols()])];
  const { capacity: _capacity, memoryBytes: _memory, ...engine } = m.engine.stats();
  return {
    config: m.config,
    equity: bits(m.equity),
    stats: m.getStats(),
    statsKeyOrder: [Object.keys(m.getStats().symbolExposures), Object.keys(m.getStats().regimeExposures)],
    positions: m.getPositions(),
    engine,
    symbols: m.engine.symbols(),
    exposures: names.map((s) => bits(m.getSymbolExposure(s))),
    regimes: regimes.map((r) => bits(m.getRegimeExposure(r))),
    directions: [bits(m.getDirectionalExposure('long')), bits(m.getDirectionalExposure('short'))],
    correlations: names.flatMap((a) => names.map((b) => bits(m.getCorrelation(a, b)))),
    validations: names.flatMap((symbol) =>
      (['long', 'short'] as const).flatMap((side) =>
        regimes.flatMap((regime) => SIZES.map((proposedSize) => m.validateNewPosition({ symbol, side, proposedSize, regime }, { dryRun: true }))),
      ),
    ),
  };
}
