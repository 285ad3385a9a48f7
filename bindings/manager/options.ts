/**
 * Creation options that are not risk policy (and so stay out of the zod-validated config,
 * which mirrors the `portfolio_risk:` YAML block): the logger and the engine's memory layout.
 */
import { ConfigError, PortfolioGuardError, quote } from '../errors.js';
import { checkOptionKeys, checkSimd } from '../option-checks.js';
import type { RiskConfig } from '../config.js';
import type { EngineOptions } from '../engine.js';
import type { ManagerState } from '../snapshot/manager-snapshot.js';
import { MAX_SYMBOLS } from '../wasm/core-limits.generated.js';
import { checkLogger, type LoggerLike } from './logger.js';

export interface ManagerOptions {
  /** console or pino shaped; receives the `[PORTFOLIO_RISK]` lines. */
  logger?: LoggerLike;
  /** Symbols the engine lays out up front (it grows beyond on demand). */
  initialCapacity?: number;
  /**
   * Most symbols the manager accepts candles for (default and ceiling: the core's MAX_SYMBOLS,
   * 16,384). Bounds memory: the engine keeps a co-moment per pair, 8·N²/2 bytes (400 MB at
   * 10,000 symbols).
   */
  maxSymbols?: number;
  /** 'auto' (default): the SIMD build where the host supports it; false forces scalar. */
  simd?: 'auto' | boolean;
  /** The clock reservations expire on, in ms (default Date.now); inject a fake one in tests. */
  now?: () => number;
}

export interface PreparedOptions {
  readonly logger: LoggerLike | undefined;
  readonly now: () => number;
  readonly engine: EngineOptions;
}

const KNOWN: readonly (keyof ManagerOptions)[] = ['logger', 'initialCapacity', 'maxSymbols', 'simd', 'now'];

/** The clock option: a function when given, Date.now otherwise. */
export function checkClock(now: unknown): () => number {
  if (now === undefined) return Date.now;
  if (typeof now !== 'function') throw new ConfigError('now', `must be a function returning milliseconds, got ${quote(now)}`, now);
  return now as () => number;
}

export function prepareOptions(config: RiskConfig, options: ManagerOptions | undefined): PreparedOptions {
  const given: ManagerOptions = checkOptionKeys(options, KNOWN, ConfigError);
  return {
    logger: checkLogger(given.logger),
    now: checkClock(given.now),
    engine: {
      window: config.correlationLookback,
      minPeriods: config.minPeriods,
      initialCapacity: given.initialCapacity,
      maxSymbols: given.maxSymbols,
      simd: checkSimd(given.simd, ConfigError),
    },
  };
}

// The engine names its own parameters; a caller configured them under these keys.
const CONFIG_KEY_OF: ReadonlyMap<string, string> = new Map([
  ['window', 'correlationLookback'],
  ['minPeriods', 'minPeriods'],
  ['initialCapacity', 'initialCapacity'],
  ['maxSymbols', 'maxSymbols'],
  ['simd', 'simd'],
]);

/** Re-labels an engine's refusal of its options as the ConfigError of the key the caller set. */
export function asConfigError(error: unknown): unknown {
  if (error instanceof PortfolioGuardError && !(error instanceof ConfigError)) {
    const key = CONFIG_KEY_OF.get(error.field);
    if (key !== undefined) {
      return new ConfigError(key, error.message.slice(error.field.length + 2), error.value);
    }
  }
  return error;
}

/** Options for PortfolioRiskManager.restore: what a snapshot does not carry, or may override. */
export interface RestoreOptions {
  logger?: LoggerLike;
  simd?: 'auto' | boolean;
  /** Defaults to the snapshot's; may be raised, not set below the symbols it already holds. */
  maxSymbols?: number;
  /** The clock reservations expire on (default Date.now): the snapshot's expiry times are on it. */
  now?: () => number;
}

const RESTORE_KNOWN: readonly (keyof RestoreOptions)[] = ['logger', 'simd', 'maxSymbols', 'now'];

export interface PreparedRestore {
  readonly logger: LoggerLike | undefined;
  readonly now: () => number;
  readonly engine: Pick<EngineOptions, 'simd' | 'maxSymbols'>;
}

export function prepareRestoreOptions(state: ManagerState, options: RestoreOptions | undefined): PreparedRestore {
  const given: RestoreOptions = checkOptionKeys(options, RESTORE_KNOWN, ConfigError);
  const maxSymbols = given.maxSymbols ?? state.maxSymbols;
  const held = state.engine.symbols.length;
  if (typeof maxSymbols !== 'number' || !Number.isInteger(maxSymbols) || maxSymbols < Math.max(1, held) || maxSymbols > MAX_SYMBOLS) {
    throw new ConfigError('maxSymbols', `must be an integer in [${Math.max(1, held)}, ${MAX_SYMBOLS}] (the snapshot holds ${held} symbols), got ${quote(maxSymbols)}`, maxSymbols);
  }
  const simd = checkSimd(given.simd, ConfigError);
  return { logger: checkLogger(given.logger), now: checkClock(given.now), engine: { simd, maxSymbols } };
}
