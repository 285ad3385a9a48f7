// The core's own limits, read from a loaded core, are exactly where the engine, the manager's
// options, its configuration and a restore draw the line: the ceiling passes, one above fails.
import { expect, test } from 'vitest';
import { parseRiskConfig } from '../../bindings/config.js';
import { CorrelationEngine } from '../../bindings/engine.js';
import { ConfigError, ValidationError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { loadCoreSync } from '../../bindings/wasm/load.js';

const core = loadCoreSync().exports;
const maxWindow = core.MAX_WINDOW.value;
const maxSymbols = core.MAX_SYMBOLS.value;

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

test('the window: the engine and the configuration accept the core\'s MAX_WINDOW, not one more', () => {
  expect(CorrelationEngine.createSync({ window: maxWindow, initialCapacity: 1 }).window).toBe(maxWindow);
  const engineError = caught(() => CorrelationEngine.createSync({ window: maxWindow + 1 }));
  expect(engineError).toBeInstanceOf(ValidationError);
  expect((engineError as ValidationError).field).toBe('window');

  expect(parseRiskConfig({ correlationLookback: maxWindow }).correlationLookback).toBe(maxWindow);
  const configError = caught(() => parseRiskConfig({ correlationLookback: maxWindow + 1 }));
  expect(configError).toBeInstanceOf(ConfigError);
  expect((configError as ConfigError).field).toBe('correlationLookback');
});

test('the symbols: engine, manager and restore accept the core\'s MAX_SYMBOLS, not one more', () => {
  expect(CorrelationEngine.createSync({ maxSymbols, initialCapacity: 1 }).maxSymbols).toBe(maxSymbols);
  expect((caught(() => CorrelationEngine.createSync({ maxSymbols: maxSymbols + 1 })) as ValidationError).field).toBe('maxSymbols');

  const manager = PortfolioRiskManager.createSync({}, { maxSymbols, initialCapacity: 1 });
  expect(manager.engine.maxSymbols).toBe(maxSymbols);
  const managerError = caught(() => PortfolioRiskManager.createSync({}, { maxSymbols: maxSymbols + 1 }));
  expect(managerError).toBeInstanceOf(ConfigError);
  expect((managerError as ConfigError).field).toBe('maxSymbols');

  const bytes = PortfolioRiskManager.createSync({}, { maxSymbols: 2, initialCapacity: 1 }).snapshot();
  expect(PortfolioRiskManager.restoreSync(bytes, { maxSymbols }).engine.maxSymbols).toBe(maxSymbols);
  const restoreError = caught(() => PortfolioRiskManager.restoreSync(bytes, { maxSymbols: maxSymbols + 1 }));
  expect(restoreError).toBeInstanceOf(ConfigError);
  expect((restoreError as ConfigError).field).toBe('maxSymbols');
});
