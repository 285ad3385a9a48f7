/**
 * A bot's sizing pipeline: final = base × optimization × drawdown × … × portfolio.
 * Pass the portfolio multiplier last, computed by validateNewPosition on the size after the
 * upstream multipliers, and the caps hold whatever upstream did (2.0× of $20k ends at $25k).
 */
import { ValidationError, quote } from '../errors.js';

export function composeSize(base: number, ...multipliers: number[]): number {
  if (typeof base !== 'number' || !Number.isFinite(base) || base < 0) {
    throw new ValidationError('base', `must be a finite number ≥ 0, got ${quote(base)}`, base);
  }
  let size = base;
  for (let k = 0; k < multipliers.length; k++) {
    const m = multipliers[k];
    if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
      throw new ValidationError(`multipliers[${k}]`, `must be a finite number ≥ 0, got ${quote(m)}`, m);
    }
    // Left to right, as the Python sizing pipeline multiplies them: rounding depends on the order.
    size *= m;
  }
  return size;
}
