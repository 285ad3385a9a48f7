/**
 * The risk manager's configuration: the `portfolio_risk:` block, validated once at creation
 * (never on the hot path). YAML files spell keys in snake_case, TypeScript users write
 * camelCase; both spellings of every key are accepted, but not both for the same key.
 *
 * Validation uses zod's tree-shakable form (`zod/mini`) so that a browser bundle of the
 * package carries only the few checks below. Messages come from `issueMessage`, not from a
 * zod locale: they are part of this package's API (tests and docs quote them), so they must
 * not change when zod rewords its own.
 */
import * as z from 'zod/mini';
import { ConfigError, quote } from './errors.js';
import { TIMEFRAMES } from './bar-time.js';
import { CURRENCY_PATTERN } from './currency.js';
import { MAX_NAME_LENGTH } from './names.js';
import { MAX_WINDOW } from './wasm/core-limits.generated.js';
import { NULLABLE_KEYS, PORTFOLIO_RISK_SHAPE, checkPortfolioRiskConfig, nestedSnake, normalizeNestedKeys, type PortfolioRiskYaml as BookRiskYaml } from './portfolio-risk-config.js';

const limitPct = (fallback: number) => z._default(z.number().check(z.gte(0)), fallback);
const fraction = (fallback: number) => z._default(z.number().check(z.gte(0), z.lte(1)), fallback);
const TIMEFRAME_NAMES = Object.keys(TIMEFRAMES) as [keyof typeof TIMEFRAMES, ...(keyof typeof TIMEFRAMES)[]];

/** camelCase schema; defaults are the Python manager's (docs/manager.md#configuration). */
const RiskConfigSchema = z.strictObject({
  enabled: z._default(z.boolean(), false),
  // The engine lays out W rows per symbol up front; MAX_WINDOW is the core's ceiling.
  correlationLookback: z._default(z.int().check(z.gte(2), z.lte(MAX_WINDOW)), 100),
  // Optional so that a smaller lookback without an explicit minPeriods still parses (see below).
  minPeriods: z.optional(z.int().check(z.gte(2))),
  maxPairwiseCorrelation: fraction(0.85),
  maxCorrelationReduction: fraction(0.75),
  maxSymbolExposurePct: limitPct(0.25),
  maxDirectionalExposurePct: limitPct(0.6),
  maxRegimeExposurePct: limitPct(0.5),
  minFillRatio: fraction(0.1),
  hedgeAwareCorrelation: z._default(z.boolean(), true),
  onError: z._default(z.enum(['block', 'allow']), 'block'),
  // Live trading: bars, units, unknown correlations, currencies, orders in flight, netting.
  timeframe: z.optional(z.union([z.enum(TIMEFRAME_NAMES), z.int().check(z.gte(1))])),
  timestampUnit: z.optional(z.enum(['s', 'ms'])),
  onUnknownCorrelation: z._default(z.enum(['ignore', 'block', 'maxCut']), 'ignore'),
  accountCurrency: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_NAME_LENGTH), z.regex(CURRENCY_PATTERN))),
  reservationTtlMs: z._default(z.int().check(z.gte(1)), 60_000),
  positionMode: z._default(z.enum(['hedge', 'netting']), 'hedge'),
  // Book-level risk (portfolio-risk/): every key optional, and absent means the rule is off.
  ...PORTFOLIO_RISK_SHAPE,
});

type ParsedSchema = z.output<typeof RiskConfigSchema>;

/** The validated configuration every other module reads. */
export type RiskConfig = Readonly<Omit<ParsedSchema, 'minPeriods'> & { minPeriods: number }>;

/** camelCase input: every key optional. */
export type RiskConfigInput = z.input<typeof RiskConfigSchema>;

/** The snake_case `portfolio_risk:` YAML block, as `yaml.parse` returns it. */
interface SeedRiskYaml {
  enabled?: boolean;
  correlation_lookback?: number;
  min_periods?: number;
  max_pairwise_correlation?: number;
  max_correlation_reduction?: number;
  max_symbol_exposure_pct?: number;
  max_directional_exposure_pct?: number;
  max_regime_exposure_pct?: number;
  min_fill_ratio?: number;
  hedge_aware_correlation?: boolean;
  on_error?: 'block' | 'allow';
  timeframe?: Timeframe;
  timestamp_unit?: 's' | 'ms';
  on_unknown_correlation?: 'ignore' | 'block' | 'maxCut';
  account_currency?: string;
  reservation_ttl_ms?: number;
  position_mode?: 'hedge' | 'netting';
}

/** The snake_case block, book-level keys included. */
export interface PortfolioRiskYaml extends SeedRiskYaml, BookRiskYaml {}

/** A bar length: one of the exchange timeframes, or a whole number of milliseconds. */
export type Timeframe = keyof typeof TIMEFRAMES | number;

/** Everything `parseRiskConfig` accepts. */
export type RiskConfigSource =
  | RiskConfigInput
  | PortfolioRiskYaml
  | { portfolio_risk: PortfolioRiskYaml | null }
  | null
  | undefined;

export const CONFIG_KEYS = Object.freeze(Object.keys(RiskConfigSchema.shape)) as readonly (keyof RiskConfigInput)[];

const DEFAULT_MIN_PERIODS = 20;
const WRAPPER_KEY = 'portfolio_risk';
const snakeOf = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const CAMEL_BY_SNAKE = new Map(CONFIG_KEYS.map((k) => [snakeOf(k), k] as const));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Validates a configuration and fills in defaults. Accepts camelCase keys, snake_case keys,
 * or the snake_case block still wrapped in `{ portfolio_risk: … }`. Throws a
 * ConfigError whose `field` is the key as the caller spelled it (prefixed `portfolio_risk.`
 * when wrapped).
 */
export function parseRiskConfig(source: RiskConfigSource): RiskConfig {
  return parseRiskConfigKeys(source).config;
}

/**
 * parseRiskConfig, and the keys the caller gave (camelCase, in the order given): what the
 * creation warnings look at (a cap given as a percentage, rule keys on a disabled manager).
 */
export function parseRiskConfigKeys(source: RiskConfigSource): { config: RiskConfig; given: readonly string[] } {
  let block: unknown = source ?? {};
  let prefix = '';
  if (isPlainObject(block) && Object.hasOwn(block, WRAPPER_KEY)) {
    const extra = Object.keys(block).find((k) => k !== WRAPPER_KEY);
    if (extra !== undefined) {
      throw new ConfigError(extra, `unexpected key next to "${WRAPPER_KEY}"; pass the block alone or wrapped alone`, block[extra]);
    }
    block = block[WRAPPER_KEY] ?? {}; // an empty YAML block parses to null
    prefix = `${WRAPPER_KEY}.`;
  }
  if (!isPlainObject(block)) {
    throw new ConfigError(prefix ? WRAPPER_KEY : 'config', `must be an object, got ${quote(block)}`, block);
  }
  const keys = normalizeKeys(block, prefix);
  const values = { ...keys.normalized };
  for (const key of Object.keys(values)) if (values[key] === null && NULLABLE_KEYS.has(key)) delete values[key];
  return { config: validate(values, keys, block), given: [...keys.spelled.keys()].filter((key) => Object.hasOwn(values, key)) };
}

/** The book-level keys (camelCase, then snake_case) given as `null`: the rule is off. */
type Nullable<T> = { [K in keyof T]?: T[K] | null };
type BookKeys = keyof typeof PORTFOLIO_RISK_SHAPE;

/** What `updateConfig` takes: any subset of the keys, in either spelling; `null` switches a book-level rule off. */
export type RiskConfigUpdate =
  | (Omit<RiskConfigInput, BookKeys> & Nullable<Pick<RiskConfigInput, BookKeys>>)
  | (SeedRiskYaml & Nullable<BookRiskYaml>);

/**
 * Keys that lay out the engine's memory and define its window: they are fixed for the life
 * of a manager (changing them would mean rebuilding every correlation from candles the
 * engine no longer holds).
 */
export const FIXED_CONFIG_KEYS: readonly (keyof RiskConfig)[] = Object.freeze([
  'correlationLookback',
  'minPeriods',
  // How timestamps are read and bars aligned: changing it would put new bars on another grid
  // than the window already holds.
  'timeframe',
  'timestampUnit',
  // What every quantity is valued in, and what a position is: the book was built under them.
  'accountCurrency',
  'positionMode',
]);

/**
 * The configuration after applying `partial` to `current`: the same schema, the same
 * spellings and the same errors as parseRiskConfig. A fixed key may be repeated with its
 * current value (a UI that sends its whole form), not changed. Pure: throws before the caller
 * has changed anything.
 */
export function parseConfigUpdate(current: RiskConfig, partial: unknown): RiskConfig {
  if (!isPlainObject(partial)) {
    throw new ConfigError('config', `must be an object, got ${quote(partial)}`, partial);
  }
  const keys = normalizeKeys(partial, '');
  // An undefined value means "not given" (a form field left empty), never "back to the
  // default": zod would otherwise fill in `enabled: false` and switch the manager off.
  for (const key of Object.keys(keys.normalized)) if (keys.normalized[key] === undefined) delete keys.normalized[key];
  for (const key of FIXED_CONFIG_KEYS) {
    if (!Object.hasOwn(keys.normalized, key)) continue;
    const given = keys.normalized[key];
    if (!Object.is(given, current[key])) {
      throw new ConfigError(
        keys.spelled.get(key)!,
        `fixed at creation: create a new manager to change it (is ${current[key]}, got ${quote(given)})`,
        given,
      );
    }
  }
  const merged: Record<string, unknown> = { ...current };
  // defineProperty, not assignment: a key named `__proto__` must reach zod as an unknown key.
  for (const key of Object.keys(keys.normalized)) {
    const value = keys.normalized[key];
    // null switches a book-level rule off (the key becomes absent); anywhere else the schema refuses it.
    if (value === null && NULLABLE_KEYS.has(key)) delete merged[key];
    else Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return validate(merged, keys, partial);
}

interface NormalizedKeys {
  /** The block with camelCase keys. */
  readonly normalized: Record<string, unknown>;
  /** camelCase key → the key as the caller spelled it, for error messages. */
  readonly spelled: ReadonlyMap<string, string>;
  readonly prefix: string;
}

/** Maps snake_case onto camelCase, remembering how the caller spelled each key for errors. */
function normalizeKeys(block: Record<string, unknown>, prefix: string): NormalizedKeys {
  const normalized: Record<string, unknown> = {};
  const spelled = new Map<string, string>();
  for (const key of Object.keys(block)) {
    const camel = CAMEL_BY_SNAKE.get(key) ?? key;
    const earlier = spelled.get(camel);
    if (earlier !== undefined) {
      throw new ConfigError(prefix + key, `given twice, as "${earlier}" and "${key}"`, block[key]);
    }
    spelled.set(camel, key);
    const value = normalizeNestedKeys(camel, block[key], prefix + key);
    Object.defineProperty(normalized, camel, { value, enumerable: true, writable: true, configurable: true });
  }
  return { normalized, spelled, prefix };
}

/** Runs the schema and the cross-key rule; errors quote `raw`, the caller's own object. */
function validate(values: Record<string, unknown>, keys: NormalizedKeys, raw: Record<string, unknown>): RiskConfig {
  const { spelled, prefix } = keys;
  const parsed = RiskConfigSchema.safeParse(values, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys' && issue.path.length > 0) {
      const top = String(issue.path[0]);
      const path = [spelled.get(top) ?? top, ...issue.path.slice(1).map(String), issue.keys[0]!].join('.');
      throw new ConfigError(prefix + path, 'unknown key', valueAt(values[top], [...issue.path.slice(1), issue.keys[0]!]));
    }
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      throw new ConfigError(prefix + key, `unknown key (known: ${[...CONFIG_KEYS].join(', ')} or their snake_case forms)`, raw[key]);
    }
    const camel = String(issue.path[0] ?? 'config');
    const key = spelled.get(camel) ?? camel;
    if (issue.path.length > 1) {
      // A nested key (a group's limit, the drawdown guard's levels): named by its whole path.
      const inner = valueAt(values[camel], issue.path.slice(1));
      const path = [key, ...spelledPath(raw[key], issue.path.slice(1).map(String))].join('.');
      throw new ConfigError(prefix + path, `${issue.message}, got ${quote(inner)}`, inner);
    }
    throw new ConfigError(prefix + key, `${issue.message}, got ${quote(raw[key])}`, raw[key]);
  }
  checkPortfolioRiskConfig(parsed.data, (camel) => prefix + (spelled.get(camel) ?? camel));

  const { minPeriods, ...rest } = parsed.data;
  if (minPeriods !== undefined && minPeriods > rest.correlationLookback) {
    // pandas refuses min_periods > window too: such a pair could never become known.
    const key = spelled.get('minPeriods') ?? 'minPeriods';
    throw new ConfigError(prefix + key, `must be ≤ correlationLookback (${rest.correlationLookback}), got ${minPeriods}`, minPeriods);
  }
  return Object.freeze({
    ...rest,
    // The default 20 follows a shorter lookback down rather than making every pair unknown.
    minPeriods: minPeriods ?? Math.min(DEFAULT_MIN_PERIODS, rest.correlationLookback),
  });
}

/**
 * The message of one failed check. Only the checks of RiskConfigSchema can fail, so only their
 * issue codes are spelled out (anything else would read zod's generic "Invalid input").
 */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${typeName(issue.input)}`;
    case 'invalid_value':
      return `Invalid option: expected one of ${issue.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join('|')}`;
    case 'too_big':
      return `Too big: expected ${issue.origin} to be ${issue.inclusive ? '<=' : '<'}${issue.maximum}`;
    case 'too_small':
      return `Too small: expected ${issue.origin} to be ${issue.inclusive ? '>=' : '>'}${issue.minimum}`;
    case 'invalid_union':
      // Only `timeframe` is a union: a named bar length or a number of milliseconds.
      return `Invalid input: expected one of ${TIMEFRAME_NAMES.map((t) => `"${t}"`).join('|')} or a whole number of milliseconds >= 1`;
    case 'invalid_format':
      // Only `accountCurrency` has a pattern: symbols are built as BASE/QUOTE:SETTLE around it.
      return 'Invalid input: expected a currency code without "/" or ":"';
    default:
      return undefined;
  }
}

/** A nested path as the caller spelled it: each segment camelCase or snake_case, as given. */
function spelledPath(given: unknown, path: readonly string[]): string[] {
  let at = given;
  return path.map((segment) => {
    const snake = nestedSnake(segment);
    const obj = at !== null && typeof at === 'object' ? (at as Record<string, unknown>) : {};
    const used = Object.hasOwn(obj, segment) || !Object.hasOwn(obj, snake) ? segment : snake;
    at = obj[used];
    return used;
  });
}

/** The value at a path inside a nested config value (undefined where the path leads nowhere). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const p of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

/** The kind of value a caller gave where another was expected ("string", "NaN", "array", "Map"…). */
function typeName(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype && typeof value.constructor === 'function') {
    return value.constructor.name;
  }
  return typeof value;
}

/** The defaults, parsed: what `parseRiskConfig({})` returns. */
export const DEFAULT_RISK_CONFIG: RiskConfig = parseRiskConfig({});
