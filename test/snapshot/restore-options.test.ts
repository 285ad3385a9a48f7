// What a snapshot carries beyond answers (the symbol limit) and what restore takes from the
// caller (logger, simd, a raised limit).
import { expect, test } from 'vitest';
import { CapacityError, ConfigError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, recordingLogger } from '../manager/helpers.js';

const bars = (n: number) => Array.from({ length: n }, (_, k) => ({ timestamp: 1_700_000_000_000 + k * 60_000, close: 100 + (k % 3) }));

function limited(): PortfolioRiskManager {
  const m = enabledManager({}, { maxSymbols: 2 });
  m.updateMarketData('A', bars(5));
  m.updateMarketData('B', bars(5));
  return m;
}

test('maxSymbols travels with the snapshot: the restored manager refuses the symbol the original would', () => {
  const restored = PortfolioRiskManager.restoreSync(limited().snapshot());
  expect(() => restored.updateMarketData('C', bars(5))).toThrow(CapacityError);
  expect(() => restored.updateMarketData('C', bars(5))).toThrow('symbol: the engine holds at most 2 symbols (maxSymbols)');
});

test('restore may raise maxSymbols, not lower it below the symbols held', () => {
  const bytes = limited().snapshot();
  const raised = PortfolioRiskManager.restoreSync(bytes, { maxSymbols: 3 });
  raised.updateMarketData('C', bars(5));
  expect(raised.engine.symbols()).toEqual(['A', 'B', 'C']);
  expect(() => PortfolioRiskManager.restoreSync(bytes, { maxSymbols: 1 })).toThrow(
    'maxSymbols: must be an integer in [2, 16384] (the snapshot holds 2 symbols), got 1',
  );
});

test('the logger is the restoring process\'s; the scalar build restores the same state', () => {
  const logger = recordingLogger();
  const m = enabledManager();
  m.updateEquity(10_000);
  m.registerPosition({ symbol: 'A', side: 'long', size: 1_000, regime: 'R' });
  const restored = PortfolioRiskManager.restoreSync(m.snapshot(), { logger, simd: false });
  expect(restored.engine.simd).toBe(false);
  restored.unregisterPosition('A');
  expect(logger.lines.map((l) => l.line)).toEqual(['[PORTFOLIO_RISK] Position unregistered: A id=p1']);
});

test('bad restore options are ConfigErrors naming the option', () => {
  const bytes = limited().snapshot();
  for (const [options, field] of [[{ verbose: true }, 'verbose'], [{ logger: {} }, 'logger'], [{ simd: 'yes' }, 'simd'], [7, 'options']] as const) {
    let caught: unknown;
    try {
      PortfolioRiskManager.restoreSync(bytes, options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).field).toBe(field);
  }
  expect(() => PortfolioRiskManager.restoreSync(bytes, { verbose: true } as never)).toThrow('verbose: unknown option (known: logger, simd, maxSymbols, now)');
});
