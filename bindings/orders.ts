/**
 * Between the manager's words and an exchange's (ccxt's): orders are `'buy'` / `'sell'` of an
 * `amount` in base units, positions `'long'` / `'short'`. A buy opens a long and closes a short.
 */
import { ValidationError, quote } from './errors.js';
import { requireObject, requireSide, requireSize } from './manager/checks.js';
import type { Side, ValidationResult } from './manager/types.js';

export type OrderSide = 'buy' | 'sell';

/**
 * The position side an order opens: buy → long, sell → short. Takes any string, as ccxt types
 * an order's side (`'buy' | 'sell' | string | undefined`), and checks it at run time.
 */
export function sideOpenedBy(orderSide: string | undefined): Side {
  if (orderSide !== 'buy' && orderSide !== 'sell') throw new ValidationError('orderSide', `must be "buy" or "sell", got ${quote(orderSide)}`, orderSide);
  return orderSide === 'buy' ? 'long' : 'short';
}

/** The order side that opens (or adds to) a position of `side`: long → buy, short → sell. */
export function orderSideToOpen(side: Side): OrderSide {
  return requireSide(side, 'side') === 'long' ? 'buy' : 'sell';
}

/** The order side that closes (or reduces) a position of `side`: long → sell, short → buy. */
export function orderSideToClose(side: Side): OrderSide {
  return requireSide(side, 'side') === 'long' ? 'sell' : 'buy';
}

/**
 * The amount to put in `createOrder` for an answer to a trade of `amount` base units: amount ×
 * sizeMultiplier (0 when blocked), rounded down to a multiple of `step` when given (ccxt's
 * `market.precision.amount`, a step in the tick-size precision mode nearly every exchange
 * uses). Down, because the manager only shrinks: the order is never larger than it allowed,
 * and never larger than `amount`. 0 means do not send the order.
 */
export function orderAmount(answer: Pick<ValidationResult, 'sizeMultiplier'>, amount: number, step?: number): number {
  const m = requireObject(answer, 'answer').sizeMultiplier;
  if (typeof m !== 'number' || !(m >= 0 && m <= 1)) throw new ValidationError('answer.sizeMultiplier', `must be a number in [0, 1], got ${quote(m)}`, m);
  const allowed = requireSize(amount, 'amount', true) * m;
  if (step === undefined) return allowed;
  const s = requireSize(step, 'step');
  // allowed / step is 2.9999999999999996 for 0.3 / 0.1: count steps to within float noise,
  // print the product at 15 digits (3 × 0.1 is 0.30000000000000004), and step back once if
  // that still lands above what was allowed.
  let n = Math.floor(allowed / s + 1e-9);
  let rounded = Number((n * s).toPrecision(15));
  if (rounded > allowed) rounded = Number((--n * s).toPrecision(15));
  return rounded;
}
