/**
 * The checks every options object shares (the engine's, the manager's creation and restore
 * options): an object or nothing, no key it does not know, and a valid `simd` choice. Each
 * caller names the error class it reports with: ValidationError for the engine's arguments,
 * ConfigError for the manager's.
 */
import { quote, type PortfolioGuardError } from './errors.js';
import type { SimdChoice } from './wasm/load.js';

export type OptionErrorClass = new (field: string, message: string, value: unknown) => PortfolioGuardError;

/** `options` as a record ({} when not given); refuses a non-object and any key not in `known`. */
export function checkOptionKeys(options: unknown, known: readonly string[], Err: OptionErrorClass): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new Err('options', `must be an object, got ${quote(options)}`, options);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new Err(key, `unknown option (known: ${known.join(', ')})`, given[key]);
  }
  return given;
}

/** 'auto', true or false; undefined when not given. */
export function checkSimd(value: unknown, Err: OptionErrorClass): SimdChoice | undefined {
  if (value !== undefined && value !== 'auto' && typeof value !== 'boolean') {
    throw new Err('simd', `must be 'auto', true or false, got ${quote(value)}`, value);
  }
  return value;
}
