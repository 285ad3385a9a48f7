/**
 * The engine's options: defaults and validation, so that a bad option is refused, naming it,
 * before any wasm memory is laid out.
 */
import type { SimdChoice } from './wasm/load.js';
import { ValidationError, quote } from './errors.js';
import { checkOptionKeys, checkSimd } from './option-checks.js';
import { MAX_SYMBOLS, MAX_WINDOW } from './wasm/core-limits.generated.js';

export interface EngineOptions {
  /** W: window length in bars (default 100, at most the core's MAX_WINDOW, 4,096). */
  readonly window?: number;
  /** Fewest pairwise-complete returns for a correlation (default 20); fewer gives NaN. */
  readonly minPeriods?: number;
  /** Symbols to lay out up front (default 100); capacity grows on demand beyond it. */
  readonly initialCapacity?: number;
  /** Most symbols this engine accepts (default and ceiling: the core's MAX_SYMBOLS, 16,384); bounds its memory. */
  readonly maxSymbols?: number;
  /** 'auto' (default) uses the SIMD build where the host supports it; false forces scalar. */
  readonly simd?: SimdChoice;
}

export interface ResolvedOptions {
  window: number;
  minPeriods: number;
  initialCapacity: number;
  maxSymbols: number;
  simd: SimdChoice;
}

function positiveInt(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ValidationError(field, `must be an integer in [1, ${max}], got ${quote(value)}`, value);
  }
  return value;
}

const KNOWN: readonly (keyof EngineOptions)[] = ['window', 'minPeriods', 'initialCapacity', 'maxSymbols', 'simd'];

export function resolveEngineOptions(given?: EngineOptions): ResolvedOptions {
  const options: EngineOptions = checkOptionKeys(given, KNOWN, ValidationError);
  const window = positiveInt(options.window, 'window', 100, MAX_WINDOW);
  const minPeriods = positiveInt(options.minPeriods, 'minPeriods', Math.min(20, window), window);
  const maxSymbols = positiveInt(options.maxSymbols, 'maxSymbols', MAX_SYMBOLS, MAX_SYMBOLS);
  const initialCapacity = Math.min(positiveInt(options.initialCapacity, 'initialCapacity', 100, MAX_SYMBOLS), maxSymbols);
  const simd = checkSimd(options.simd, ValidationError) ?? 'auto';
  return { window, minPeriods, initialCapacity, maxSymbols, simd };
}
