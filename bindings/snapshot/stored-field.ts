/**
 * A value read from a snapshot is checked by the same function the API checks it with when a
 * caller passes it (a symbol by `checkName`, a size by `requireSize`), so a snapshot can hold
 * nothing a call could not have put there. Its refusal is re-labelled: a SnapshotError naming
 * the snapshot field that held the value, with the check's own message.
 */
import { PortfolioGuardError, SnapshotError, quote } from '../errors.js';
import { MAX_COUNT } from '../wasm/core-limits.generated.js';

/** Any typed error about a stored value, as a SnapshotError naming where it was stored. */
export function asSnapshotError(error: unknown, field: string): unknown {
  if (error instanceof PortfolioGuardError && !(error instanceof SnapshotError)) {
    return new SnapshotError(field, error.message.slice(error.field.length + 2), error.value);
  }
  return error;
}

/** `check(value, field)`, with its refusal as a SnapshotError naming `field`. */
export function storedField<T>(check: (value: unknown, field: string) => T, value: unknown, field: string): T {
  try {
    return check(value, field);
  } catch (error) {
    throw asSnapshotError(error, field);
  }
}

/**
 * A counter or generated id: a whole number in [min, MAX_COUNT] (2^50), so that counting on
 * from it never reaches 2^53, where an f64 stops counting (x + 1 == x) and a generated id
 * would repeat forever.
 */
export function storedCount(value: number, field: string, min = 0): number {
  if (!Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw new SnapshotError(field, `must be a whole number in [${min}, 2^50], got ${quote(value)}`, value);
  }
  return value;
}
