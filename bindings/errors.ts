/**
 * Every error portfolio-guard throws on purpose. `field` names the offending input (a config
 * key, an argument, or `candles[3].close`), `value` quotes it, so a bot can log one line that
 * says what to fix. A call that throws one of these has changed nothing.
 */
export class PortfolioGuardError extends Error {
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, message: string, value?: unknown) {
    super(`${field}: ${message}`);
    this.name = new.target.name;
    this.field = field;
    this.value = value;
  }
}

/** An argument of a call is malformed: wrong type, out of range, unsorted, … */
export class ValidationError extends PortfolioGuardError {}

/** A configuration key is missing, of the wrong type or out of range. */
export class ConfigError extends PortfolioGuardError {}

/** A symbol or position id that the engine or manager does not know. */
export class NotFoundError extends PortfolioGuardError {}

/** More symbols, or more memory, than the engine can hold. */
export class CapacityError extends PortfolioGuardError {}

/** A snapshot that is truncated, corrupted, of another format or layout version, or holds a value the API would refuse. */
export class SnapshotError extends PortfolioGuardError {}

/** Quotes a value for an error message without dumping huge inputs. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}
