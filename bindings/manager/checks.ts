/**
 * Hand-written argument checks for the manager's calls. They run before any state changes
 * (so a throw leaves everything as it was) and on the hot path, hence no zod here. Names
 * (symbols, regimes, ids, strategies) are checked by `../names.ts`, shared with the engine.
 */
import { ValidationError, quote } from '../errors.js';
import { checkName } from '../names.js';
import type { AmountUnit, Side, ValidateOptions } from './types.js';

export function requireSide(value: unknown, field: string): Side {
  if (value !== 'long' && value !== 'short') {
    throw new ValidationError(field, `must be "long" or "short", got ${quote(value)}`, value);
  }
  return value;
}

/** A notional: finite and > 0 (or ≥ 0 when `allowZero`). */
export function requireSize(value: unknown, field: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    const wanted = allowZero ? 'a finite number ≥ 0' : 'a finite number > 0';
    throw new ValidationError(field, `must be ${wanted}, got ${quote(value)}`, value);
  }
  return value;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    throw new ValidationError(field, `must be an object, got ${quote(value)}`, value);
  }
  return value as Record<string, unknown>;
}

/** Equity may legitimately be ≤ 0 (a blown account: validation then blocks); it must be a number. */
export function requireEquity(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError('equity', `must be a finite number, got ${quote(value)}`, value);
  }
  return value;
}

/** An optional flag: a boolean when given. */
function flag(value: unknown, field: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValidationError(field, `must be a boolean when given, got ${quote(value)}`, value);
  }
  return value === true;
}

/** validateNewPosition's options, as two flags (0 bits: neither). */
export const DRY_RUN = 1;
export const RESERVE = 2;

/** validateNewPosition's options: `dryRun` and `reserve`, booleans when given, not both. */
export function validateFlags(options: ValidateOptions | undefined): number {
  if (options === undefined) return 0;
  const o = requireObject(options, 'options');
  const dryRun = flag(o.dryRun, 'dryRun');
  const reserve = flag(o.reserve, 'reserve');
  if (dryRun && reserve) {
    throw new ValidationError('reserve', 'a dry run cannot reserve: drop dryRun to hold the allowed size for an order', true);
  }
  return (dryRun ? DRY_RUN : 0) | (reserve ? RESERVE : 0);
}

/** An optional name (a regime): undefined, or a name as checkName has it. */
export function optionalName(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : checkName(value, field);
}

/**
 * Exactly one of a notional and a quantity. Without the quantity the notional is checked as
 * it always was (so its messages are unchanged); both given is refused on the quantity's field.
 * Returns the amount; `unitOf` tells which one it was.
 */
export function requireAmount(size: unknown, quantity: unknown, sizeField: string, quantityField: string): number {
  if (quantity === undefined) return requireSize(size, sizeField);
  if (size !== undefined) {
    throw new ValidationError(quantityField, `give ${sizeField} (notional) or ${quantityField} (base units), not both`, quantity);
  }
  return requireSize(quantity, quantityField);
}

export function unitOf(quantity: unknown): AmountUnit {
  return quantity === undefined ? 'size' : 'quantity';
}

/**
 * A copy of an object's own enumerable fields, each read exactly once, on the same prototype:
 * code that reads a field twice (an error message quoting it) then sees the value that was
 * checked, whatever a getter would answer the second time. Anything else passes through.
 */
export function fieldsReadOnce<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  // defineProperty, not assignment: a key named `__proto__` stays an ordinary field.
  for (const key of Object.keys(source)) {
    Object.defineProperty(copy, key, { value: source[key], enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}
