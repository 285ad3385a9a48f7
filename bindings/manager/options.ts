/**
 * Creation options that are not risk policy (and so stay out of the zod-validated config,
 * which mirrors the seed's YAML block): the logger and the engine's memory layout.
 */
import { ConfigError, PortfolioGuardError, quote } from '../errors.js';
import type { RiskConfig } from '../config.js';
import type { EngineOptions } from '../engine.js';
import { checkLogger, type LoggerLike } from './logger.js';

export interface ManagerOptions {
  /** console or pino shaped; receives the `[PORTFOLIO_RISK]` lines. */
  logger?: LoggerLike;
  /** Symbols the engine lays out up front (it grows beyond on demand). */
  initialCapacity?: number;
  /** 'auto' (default): the SIMD build where the host supports it; false forces scalar. */
  simd?: 'auto' | boolean;
}

export interface PreparedOptions {
  readonly logger: LoggerLike | undefined;
  readonly engine: EngineOptions;
}

const KNOWN = new Set(['logger', 'initialCapacity', 'simd']);

export function prepareOptions(config: RiskConfig, options: ManagerOptions | undefined): PreparedOptions {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new ConfigError('options', `must be an object, got ${quote(options)}`, options);
  }
  const given = options ?? {};
  for (const key of Object.keys(given)) {
    if (!KNOWN.has(key)) throw new ConfigError(key, `unknown option (known: ${[...KNOWN].join(', ')})`, (given as Record<string, unknown>)[key]);
  }
  return {
    logger: checkLogger(given.logger),
    engine: {
      window: config.correlationLookback,
      minPeriods: config.minPeriods,
      initialCapacity: given.initialCapacity,
      simd: given.simd,
    },
  };
}

// The engine names its own parameters; a caller configured them under these keys.
const CONFIG_KEY_OF: ReadonlyMap<string, string> = new Map([
  ['window', 'correlationLookback'],
  ['minPeriods', 'minPeriods'],
  ['initialCapacity', 'initialCapacity'],
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
