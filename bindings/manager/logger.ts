/**
 * The seed's structured log lines, every one tagged `[PORTFOLIO_RISK]`, written to an optional
 * logger of console or pino shape (methods taking a message string). Levels the logger lacks
 * fall back (`warn`/`error` → `info`; `debug` is dropped) so a minimal `{ info }` works.
 */
import { ConfigError, quote } from '../errors.js';
import type { Position, ValidationRequest, ValidationResult } from './types.js';

type LogMethod = (message: string) => void;

export interface LoggerLike {
  info: LogMethod;
  warn?: LogMethod;
  error?: LogMethod;
  debug?: LogMethod;
}

const TAG = '[PORTFOLIO_RISK]';
const VALIDATING = `${TAG} Validating position`;
// The seed prints sizes with six decimals (`size=0.500000`).
const size = (n: number): string => n.toFixed(6);

export function checkLogger(logger: unknown): LoggerLike | undefined {
  if (logger === undefined) return undefined;
  if (logger === null || typeof logger !== 'object' || typeof (logger as LoggerLike).info !== 'function') {
    throw new ConfigError('logger', `must have an info(message) method (console or pino shape), got ${quote(logger)}`, logger);
  }
  return logger as LoggerLike;
}

export class RiskLog {
  constructor(private readonly logger: LoggerLike | undefined) {}

  get active(): boolean {
    return this.logger !== undefined;
  }

  // Each method returns before building its line when there is no logger to read it.
  registered(p: Position): void {
    if (this.logger === undefined) return;
    this.info(`${TAG} Position registered: ${p.symbol} ${p.side} size=${size(p.size)} regime=${p.regime} id=${p.id}`);
  }

  unregistered(p: Position): void {
    if (this.logger === undefined) return;
    this.info(`${TAG} Position unregistered: ${p.symbol} id=${p.id}`);
  }

  resized(before: Position, after: Position): void {
    if (this.logger === undefined) return;
    this.info(`${TAG} Position resized: ${after.symbol} ${after.side} size=${size(before.size)} -> ${size(after.size)} id=${after.id}`);
  }

  /** One line naming the keys that changed, e.g. `maxSymbolExposurePct=0.3 enabled=true`. */
  configUpdated(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): void {
    if (this.logger === undefined) return;
    const changed = Object.keys(after).filter((k) => !Object.is(before[k], after[k])).map((k) => `${k}=${String(after[k])}`);
    if (changed.length > 0) this.info(`${TAG} Config updated: ${changed.join(' ')}`);
  }

  validating(): void {
    // One shared string: the hot path builds nothing for this line.
    this.logger?.debug?.(VALIDATING);
  }

  reduced(request: ValidationRequest, result: ValidationResult): void {
    if (this.logger === undefined) return;
    this.info(`${TAG} Trade size reduced: ${request.symbol} ${request.side} multiplier=${result.sizeMultiplier.toFixed(2)} reason=${result.reason}`);
  }

  blocked(request: ValidationRequest, result: ValidationResult): void {
    if (this.logger === undefined) return;
    this.warn(`${TAG} Trade blocked: ${request.symbol} ${request.side} reason=${result.reason}`);
  }

  failed(what: string, error: unknown): void {
    if (this.logger === undefined) return;
    const message = error instanceof Error ? error.message : String(error);
    const line = `${TAG} ${what}: ${message}`;
    if (this.logger?.error) this.logger.error(line);
    else this.warn(line);
  }

  private info(line: string): void {
    this.logger?.info(line);
  }

  private warn(line: string): void {
    if (this.logger === undefined) return;
    if (this.logger.warn) this.logger.warn(line);
    else this.logger.info(line);
  }
}
