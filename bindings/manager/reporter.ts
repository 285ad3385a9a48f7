/**
 * Everything a change or an answer tells the outside world: counters (for getStats), the
 * `[PORTFOLIO_RISK]` log lines, and events. Called after state has changed; nothing here can
 * undo or abort the call that reports, and nothing here throws: loggers and listeners are
 * observers, their errors are counted and logged (see observer-faults.ts).
 */
import { Counters } from './stats.js';
import { EVENT_NAMES, Emitter, type CloseCause, type ManagerEvents } from './events.js';
import type { RiskLog } from './logger.js';
import type { TradingStateChange } from './portfolio-risk/trading-state.js';
import type { Position, Reservation, ValidationRequest, ValidationResult } from './types.js';

export class Reporter {
  readonly events: Emitter<ManagerEvents>;

  constructor(
    private readonly log: RiskLog,
    readonly counters: Counters = new Counters(),
  ) {
    this.events = new Emitter<ManagerEvents>(EVENT_NAMES, (error, event, listener) => log.listenerFailed(event, listener, error));
  }

  /** Logger and listener calls that threw, in this process. */
  get observerErrors(): number {
    return this.log.observerErrors;
  }

  tradingState(change: TradingStateChange): void {
    this.log.tradingState(change);
    if (this.events.has('tradingState')) this.events.emit('tradingState', change);
  }

  registered(position: Position): void {
    this.log.registered(position);
    if (this.events.has('registered')) this.events.emit('registered', { position });
  }

  closed(position: Position, cause: CloseCause): void {
    this.log.unregistered(position);
    if (this.events.has('unregistered')) this.events.emit('unregistered', { position, cause });
  }

  resized(before: Position, after: Position): void {
    this.log.resized(before, after);
  }

  reserved(reservation: Reservation): void {
    this.log.reserved(reservation);
    if (this.events.has('reserved')) this.events.emit('reserved', { reservation });
  }

  reservationFilled(reservation: Reservation, filled: number, position: Position | null, positionId: string): void {
    this.log.reservationFilled(reservation, filled, position, positionId);
    if (this.events.has('reservationFilled')) this.events.emit('reservationFilled', { reservation, position, filled });
  }

  reservationReleased(reservation: Reservation): void {
    this.log.reservationReleased(reservation);
    if (this.events.has('reservationReleased')) this.events.emit('reservationReleased', { reservation });
  }

  reservationExpired(reservation: Reservation): void {
    this.log.reservationExpired(reservation);
    if (this.events.has('reservationExpired')) this.events.emit('reservationExpired', { reservation });
  }

  validating(): void {
    this.log.validating();
  }

  internalError(onError: string, error: unknown): void {
    this.log.failed(`Validation failed internally (onError=${onError})`, error);
  }

  /**
   * Counts one (non-dry-run) answer; logs and emits when it reduced or blocked the trade.
   * `request` holds the checked fields (the caller's object is not read again), and becomes
   * the event's frozen copy.
   */
  validated(request: ValidationRequest, result: ValidationResult): void {
    this.counters.record(result.code, result.binding);
    const event = !result.allowed ? 'blocked' : result.code === 'REDUCED' ? 'reduced' : undefined;
    if (event === undefined) return;
    if (event === 'blocked') this.log.blocked(request, result);
    else this.log.reduced(request, result);
    if (this.events.has(event)) this.events.emit(event, { request: Object.freeze(request), result });
  }
}
