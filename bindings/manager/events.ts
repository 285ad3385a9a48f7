/**
 * A tiny synchronous, typed event emitter. A listener that throws must not undo or abort the
 * call that emitted (state has already changed and the caller needs its answer), nor stop the
 * listeners after it, so its error goes to `onListenerError` instead of up the stack.
 */
import { ValidationError, quote } from '../errors.js';
import type { Position, Reservation, ValidationRequest, ValidationResult } from './types.js';

import type { TradingStateChange } from './portfolio-risk/trading-state.js';

/**
 * Why a position closed: unregisterPosition, resizePosition to 0, (netting mode) an opposite
 * registration or fill that netted it to nothing, or syncPositions (the exchange no longer
 * reports it).
 */
export type CloseCause = 'unregister' | 'resize' | 'netted' | 'sync';

export interface ManagerEvents {
  registered: { readonly position: Position };
  unregistered: { readonly position: Position; readonly cause: CloseCause };
  reduced: { readonly request: Readonly<ValidationRequest>; readonly result: ValidationResult };
  blocked: { readonly request: Readonly<ValidationRequest>; readonly result: ValidationResult };
  /** A validation with `{ reserve: true }` reserved what it allowed. */
  reserved: { readonly reservation: Reservation };
  /** fillReservation recorded its fill; `position` is the position it opened or changed (netting), or null when it netted the position to nothing. */
  reservationFilled: { readonly reservation: Reservation; readonly position: Position | null; readonly filled: number };
  reservationReleased: { readonly reservation: Reservation };
  /** Its time ran out before a fill or a release (noticed at the next call that reads exposures). */
  reservationExpired: { readonly reservation: Reservation };
  /** The trading state changed: by setTradingState, or by the drawdown guard. */
  tradingState: TradingStateChange;
}

export type ManagerEventName = keyof ManagerEvents;
export type Listener<T> = (payload: T) => void;

export const EVENT_NAMES: readonly ManagerEventName[] = Object.freeze([
  'registered',
  'unregistered',
  'reduced',
  'blocked',
  'reserved',
  'reservationFilled',
  'reservationReleased',
  'reservationExpired',
  'tradingState',
]);

export class Emitter<M extends { [K in keyof M]: unknown }> {
  // Arrays are replaced, never mutated, so a listener (un)subscribing mid-emit is safe.
  private readonly listeners = new Map<keyof M, readonly Listener<never>[]>();

  constructor(
    private readonly names: readonly (keyof M)[],
    private readonly onListenerError: (error: unknown, event: keyof M & string, listener: Listener<never>) => void,
  ) {}

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    if (!this.names.includes(event)) {
      throw new ValidationError('event', `must be one of ${this.names.join(', ')}, got ${quote(event)}`, event);
    }
    if (typeof listener !== 'function') {
      throw new ValidationError('listener', `must be a function, got ${quote(listener)}`, listener);
    }
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener<never>]);
    return () => this.off(event, listener);
  }

  off<K extends keyof M>(event: K, listener: Listener<M[K]>): void {
    const current = this.listeners.get(event);
    if (current === undefined) return;
    const index = current.indexOf(listener as Listener<never>);
    if (index < 0) return;
    const next = current.filter((_, i) => i !== index);
    if (next.length === 0) this.listeners.delete(event);
    else this.listeners.set(event, next);
  }

  /** True when someone listens: lets callers skip building a payload nobody reads. */
  has(event: keyof M): boolean {
    return this.listeners.has(event);
  }

  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const current = this.listeners.get(event) as readonly Listener<M[K]>[] | undefined;
    if (current === undefined) return;
    for (const listener of current) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error, event as keyof M & string, listener as Listener<never>);
      }
    }
  }
}
