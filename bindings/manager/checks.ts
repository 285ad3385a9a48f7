/**
 * Hand-written argument checks for the manager's calls. They run before any state changes
 * (so a throw leaves everything as it was) and on the hot path, hence no zod here. Names
 * (symbols, regimes, ids, strategies) are checked by `../names.ts`, shared with the engine.
 */
import { ValidationError, quote } from '../errors.js';
import type { Side, ValidateOptions } from './types.js';

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

/** validateNewPosition's options: `dryRun` must be a boolean when given. */
export function isDryRun(options: ValidateOptions | undefined): boolean {
  if (options === undefined) return false;
  const dryRun = requireObject(options, 'options').dryRun;
  if (dryRun !== undefined && typeof dryRun !== 'boolean') {
    throw new ValidationError('dryRun', `must be a boolean when given, got ${quote(dryRun)}`, dryRun);
  }
  return dryRun === true;
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
