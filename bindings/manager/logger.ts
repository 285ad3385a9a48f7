/**
 * The Python manager's log lines, every one tagged `[PORTFOLIO_RISK]`, written to an optional
 * logger of console or pino shape (methods taking a message string). Levels the logger lacks
 * fall back (`warn`/`error` → `info`; `debug` is dropped) so a minimal `{ info }` works. The
 * logger is an observer: whatever it throws is caught and counted, never passed to the caller.
 */
import { ConfigError, quote } from '../errors.js';
import { ObserverFaults, describeError } from './observer-faults.js';
import type { Position, Reservation, ValidationRequest, ValidationResult } from './types.js';

type LogMethod = (message: string) => void;
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerLike {
  info: LogMethod;
  warn?: LogMethod;
  error?: LogMethod;
  debug?: LogMethod;
}

const TAG = '[PORTFOLIO_RISK]';
const VALIDATING = `${TAG} Validating position`;
/** The level a logger without `warn` or `error` writes those lines at. */
const FALLBACK = { error: 'warn', warn: 'info' } as const;
/** Says, in the one line a failing observer gets, where its later failures go. */
const ONCE = ' (reported once; getStats().observerErrors counts every failure)';
// The Python manager prints sizes with six decimals (`size=0.500000`).
const size = (n: number): string => n.toFixed(6);
/** `size=…` or `quantity=…`, as the holding was given. */
const amount = (h: { size: number; quantity?: number }): string => (h.quantity === undefined ? `size=${size(h.size)}` : `quantity=${size(h.quantity)}`);
const regimeOf = (h: { regime?: string }): string => (h.regime === undefined ? '' : ` regime=${h.regime}`);

export function checkLogger(logger: unknown): LoggerLike | undefined {
  if (logger === undefined) return undefined;
  if (logger === null || typeof logger !== 'object' || typeof (logger as LoggerLike).info !== 'function') {
    throw new ConfigError('logger', `must have an info(message) method (console or pino shape), got ${quote(logger)}`, logger);
  }
  return logger as LoggerLike;
}

export class RiskLog {
  private readonly faults = new ObserverFaults();

  constructor(private readonly logger: LoggerLike | undefined) {}

  /** Logger and listener calls that threw (see observer-faults.ts). */
  get observerErrors(): number {
    return this.faults.count;
  }

  // Each method returns before building its line when there is no logger to read it.
  registered(p: Position): void {
    if (this.logger === undefined) return;
    this.write('info', `${TAG} Position registered: ${p.symbol} ${p.side} ${amount(p)}${regimeOf(p)} id=${p.id}`);
  }

  /** A position by quantity whose symbol (or quote currency) has no price: it counts 0 for now. */
  unpriced(p: Position): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} Position has no price yet: ${p.symbol} id=${p.id} counts 0 in every exposure until its close (and quote rate) is known`);
  }

  unregistered(p: Position): void {
    if (this.logger === undefined) return;
    this.write('info', `${TAG} Position unregistered: ${p.symbol} id=${p.id}`);
  }

  resized(before: Position, after: Position): void {
    if (this.logger === undefined) return;
    const was = before.quantity === undefined ? `size=${size(before.size)}` : `quantity=${size(before.quantity)}`;
    const now = after.quantity === undefined ? size(after.size) : size(after.quantity);
    const turned = before.side === after.side ? '' : ` (was ${before.side})`;
    this.write('info', `${TAG} Position resized: ${after.symbol} ${after.side}${turned} ${was} -> ${now} id=${after.id}`);
  }

  reserved(r: Reservation): void {
    if (this.logger === undefined) return;
    this.write('debug', `${TAG} Reservation made: ${r.symbol} ${r.side} ${amount(r)}${regimeOf(r)} id=${r.id} expiresAt=${r.expiresAt}`);
  }

  reservationFilled(r: Reservation, filled: number, position: Position | null, closedId: string): void {
    if (this.logger === undefined) return;
    const what = r.quantity === undefined ? 'size' : 'quantity';
    this.write('debug', `${TAG} Reservation filled: ${r.symbol} ${r.side} ${what}=${size(filled)} id=${r.id} position=${position?.id ?? closedId}`);
  }

  reservationReleased(r: Reservation): void {
    if (this.logger === undefined) return;
    this.write('debug', `${TAG} Reservation released: ${r.symbol} id=${r.id}`);
  }

  reservationExpired(r: Reservation): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} Reservation expired: ${r.symbol} ${r.side} ${amount(r)} id=${r.id} (neither filled nor released by ${r.expiresAt})`);
  }

  /** An open symbol's correlation with a traded one is unknown: said once per pair until it is known. */
  unknownCorrelation(symbol: string, other: string, observations: number, minPeriods: number, policy: string): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} Correlation unknown: ${symbol} vs ${other} (${observations} shared returns, minPeriods ${minPeriods}); onUnknownCorrelation=${policy}`);
  }

  /** Two symbols' candles fall on different timestamps. */
  misaligned(a: string, b: string, barsA: number, barsB: number, shared: number): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} Candles do not line up: ${a} (${barsA} bars) and ${b} (${barsB} bars) share ${shared} timestamps in the window; their correlation stays unknown. Set timeframe (e.g. '1m', '1h') to floor candle times to bars`);
  }

  tradingState(change: { readonly from: string; readonly to: string; readonly cause: string; readonly drawdown: number }): void {
    if (this.logger === undefined) return;
    const dd = Number.isNaN(change.drawdown) ? '' : ` drawdown=${(change.drawdown * 100).toFixed(2)}%`;
    this.write('warn', `${TAG} Trading state: ${change.from} -> ${change.to} (${change.cause})${dd}`);
  }

  /** A configuration that parses but probably does not mean what it says. */
  configWarning(line: string): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} ${line}`);
  }

  /** One line naming the keys that changed, e.g. `maxSymbolExposurePct=0.3 enabled=true`. */
  configUpdated(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): void {
    if (this.logger === undefined) return;
    // Objects (groups, the drawdown guard) print as JSON, not as [object Object].
    const text = (v: unknown): string => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
    // A key switched off is absent after: listed from both sides, printed as the null that removed it.
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((k) => !Object.is(before[k], after[k])).map((k) => `${k}=${Object.hasOwn(after, k) ? text(after[k]) : 'null'}`);
    if (changed.length > 0) this.write('info', `${TAG} Config updated: ${changed.join(' ')}`);
  }

  validating(): void {
    // One shared string: the hot path builds nothing for this line.
    if (this.logger !== undefined) this.write('debug', VALIDATING);
  }

  reduced(request: ValidationRequest, result: ValidationResult): void {
    if (this.logger === undefined) return;
    this.write('info', `${TAG} Trade size reduced: ${request.symbol} ${request.side} multiplier=${result.sizeMultiplier.toFixed(2)} reason=${result.reason}`);
  }

  blocked(request: ValidationRequest, result: ValidationResult): void {
    if (this.logger === undefined) return;
    this.write('warn', `${TAG} Trade blocked: ${request.symbol} ${request.side} reason=${result.reason}`);
  }

  failed(what: string, error: unknown): void {
    if (this.logger === undefined) return;
    this.write('error', `${TAG} ${what}: ${describeError(error)}`);
  }

  /** A listener threw: counted always, reported the first time (a logger is the only place to say so). */
  listenerFailed(event: string, listener: object, error: unknown): void {
    if (this.faults.listenerFailed(event, listener)) {
      this.failed(`A '${event}' listener threw${ONCE}`, error);
    }
  }

  /**
   * Writes `line` at `level`, or at the next level down the logger has (`error` → `warn` →
   * `info`; `debug` lines are dropped). What the logger throws is counted and reported, the
   * first time per method, on the error level. A line that is itself such a report (`about`
   * names the method that failed) never goes through that method, and its own failure is only
   * counted: it would go to the same broken sink.
   */
  private write(level: Level, line: string, about?: Level): void {
    const logger = this.logger as Partial<Record<Level, unknown>> | undefined;
    if (logger === undefined) return;
    let method = level;
    try {
      // Reading a method can throw too (a getter): that is the logger failing, like a call.
      while (method !== 'info' && typeof logger[method] !== 'function') {
        if (method === 'debug') return;
        method = FALLBACK[method];
      }
      if (method === about) return;
      (logger as LoggerLike)[method]!(line);
    } catch (error) {
      const first = this.faults.loggerFailed(method);
      if (first && about === undefined) {
        this.write('error', `${TAG} The logger's ${method}() threw${ONCE}: ${describeError(error)}`, method);
      }
    }
  }
}
