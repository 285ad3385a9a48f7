/**
 * The book-level keys of the `portfolio_risk:` block: gross, net and position-count caps,
 * group and asset caps, the ex-ante volatility and correlation-shock caps, how returns are
 * annualised, and the drawdown guard. Every key is optional: absent means the rule is off, so
 * a configuration without them behaves exactly as before they existed.
 *
 * Two keys hold objects (`groups`, `drawdownGuard`); YAML spells their inner keys in
 * snake_case too, and both spellings are read here before the schema runs.
 */
import * as z from 'zod/mini';
import { ConfigError, quote } from './errors.js';

const pct = () => z.optional(z.number().check(z.gte(0)));

const GroupSchema = z.strictObject({
  symbols: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  maxExposurePct: z.number().check(z.gte(0)),
});

const DrawdownGuardSchema = z.strictObject({
  maxDrawdownPct: z.number().check(z.gt(0), z.lt(1)),
  resumeDrawdownPct: z.number().check(z.gte(0), z.lt(1)),
});

export const PORTFOLIO_RISK_SHAPE = {
  /** Σ|notional| / equity after the trade. */
  maxGrossExposurePct: pct(),
  /** |long − short| / equity after the trade. */
  maxNetExposurePct: pct(),
  /** Symbols held at once; adding to a held symbol is not a new position. */
  maxOpenPositions: z.optional(z.int().check(z.gte(0))),
  /** Gross exposure per named group of symbols (sectors, venues). */
  groups: z.optional(z.record(z.string().check(z.minLength(1)), GroupSchema)),
  /** Gross exposure per base asset, across its markets (BTC/USDT, BTC/USDC, BTC/USDT:USDT). */
  maxAssetExposurePct: pct(),
  /** Annualised ex-ante portfolio volatility √(wᵀΣw). */
  maxPortfolioVolatility: z.optional(z.number().check(z.gt(0))),
  /** Annualised correlation-shock risk Σ|wᵢ|σᵢ (every correlation set to 1). */
  maxShockRisk: z.optional(z.number().check(z.gt(0))),
  /** Bars per year for annualising, when no timeframe is set (else the grid's median row spacing). */
  barsPerYear: z.optional(z.number().check(z.gt(0))),
  /** Moves to `reducing` at maxDrawdownPct below the equity peak, back to `active` at resumeDrawdownPct. */
  drawdownGuard: z.optional(DrawdownGuardSchema),
};

/**
 * The keys `null` switches off: every book-level key is optional, so it can be given as `null`
 * to mean absent, at creation (an empty YAML value) and in updateConfig, where it removes a
 * rule that is on (an undefined value there means "not given" and keeps it).
 */
export const NULLABLE_KEYS: ReadonlySet<string> = new Set(Object.keys(PORTFOLIO_RISK_SHAPE));

export interface GroupConfig {
  readonly symbols: readonly string[];
  readonly maxExposurePct: number;
}

export interface DrawdownGuardConfig {
  readonly maxDrawdownPct: number;
  readonly resumeDrawdownPct: number;
}

/** The snake_case spelling of the book-level keys. */
export interface PortfolioRiskYaml {
  max_gross_exposure_pct?: number;
  max_net_exposure_pct?: number;
  max_open_positions?: number;
  groups?: Record<string, { symbols: string[]; max_exposure_pct?: number; maxExposurePct?: number }>;
  max_asset_exposure_pct?: number;
  max_portfolio_volatility?: number;
  max_shock_risk?: number;
  bars_per_year?: number;
  drawdown_guard?: { max_drawdown_pct?: number; resume_drawdown_pct?: number; maxDrawdownPct?: number; resumeDrawdownPct?: number };
}

const NESTED: ReadonlyMap<string, string> = new Map([
  ['max_exposure_pct', 'maxExposurePct'],
  ['max_drawdown_pct', 'maxDrawdownPct'],
  ['resume_drawdown_pct', 'resumeDrawdownPct'],
]);
const SNAKE_OF_NESTED: ReadonlyMap<string, string> = new Map([...NESTED].map(([snake, camel]) => [camel, snake]));

/** A nested key as YAML spells it (a group's name, or any other segment, is left alone). */
export function nestedSnake(segment: string): string {
  return SNAKE_OF_NESTED.get(segment) ?? segment;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One object's inner keys in camelCase; a key given in both spellings is refused, naming `field`. */
function camelInner(value: unknown, field: string): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const camel = NESTED.get(key) ?? key;
    if (Object.hasOwn(out, camel)) throw new ConfigError(`${field}.${key}`, `given twice, as "${nestedSnake(camel) === key ? camel : nestedSnake(camel)}" and "${key}"`, value[key]);
    Object.defineProperty(out, camel, { value: value[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `groups` and `drawdownGuard` with their inner keys in camelCase; any other key as given. */
export function normalizeNestedKeys(camel: string, value: unknown, field: string): unknown {
  if (camel === 'drawdownGuard') return camelInner(value, field);
  if (camel !== 'groups' || !isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    Object.defineProperty(out, name, { value: camelInner(value[name], `${field}.${name}`), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Cross-key rules the schema cannot say; `spell` names a key as the caller wrote it. */
export function checkPortfolioRiskConfig(
  config: {
    readonly drawdownGuard?: DrawdownGuardConfig | undefined;
  },
  spell: (camel: string) => string,
): void {
  const guard = config.drawdownGuard;
  if (guard !== undefined && !(guard.resumeDrawdownPct < guard.maxDrawdownPct)) {
    // Resuming at or above the trip level would flip between the states on every equity update.
    throw new ConfigError(
      `${spell('drawdownGuard')}.resumeDrawdownPct`,
      `must be < maxDrawdownPct (${guard.maxDrawdownPct}), got ${quote(guard.resumeDrawdownPct)}`,
      guard.resumeDrawdownPct,
    );
  }
}
