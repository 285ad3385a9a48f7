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
  const o = requireObject(options, 'options');
  if (o.dryRun !== undefined && typeof o.dryRun !== 'boolean') {
    throw new ValidationError('dryRun', `must be a boolean when given, got ${quote(o.dryRun)}`, o.dryRun);
  }
  return o.dryRun === true;
}
