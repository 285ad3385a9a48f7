/**
 * Names are data: a symbol, regime, position id or strategy is any string (`__proto__`, emoji,
 * a lone surrogate), with one bound on its length so that no single name can take memory or a
 * snapshot to gigabytes. The engine and the manager check names here, with one set of
 * messages, so the same bad symbol reads the same wherever it arrives.
 */
import { ValidationError, quote } from './errors.js';

/** The longest name, in UTF-16 code units (what `string.length` counts). */
export const MAX_NAME_LENGTH = 256;

/** A symbol, regime or position id: a non-empty string of at most MAX_NAME_LENGTH. */
export function checkName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(field, `must be a non-empty string, got ${quote(value)}`, value);
  }
  return checkLength(value, field);
}

/** An optional label (a position's strategy): undefined, or a string of at most MAX_NAME_LENGTH. */
export function checkOptionalLabel(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new ValidationError(field, `must be a string when given, got ${quote(value)}`, value);
  }
  return checkLength(value, field);
}

function checkLength(value: string, field: string): string {
  if (value.length > MAX_NAME_LENGTH) {
    throw new ValidationError(field, `must be at most ${MAX_NAME_LENGTH} characters, got ${value.length}`, value);
  }
  return value;
}
