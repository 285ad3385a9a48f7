/**
 * Configurations that parse but probably do not say what their author meant, as `warn` lines.
 * They are not errors: a cap above 100% of equity is real on a leveraged account, and a
 * disabled manager with its rules written out is how a bot is rolled out. But
 * `max_symbol_exposure_pct: 25` (a percentage where a fraction is meant) allows 2,500% of
 * equity, and caps without `enabled: true` do nothing; both used to pass in silence.
 */
import type { RiskConfig } from '../config.js';

const PCT_KEYS = ['maxSymbolExposurePct', 'maxDirectionalExposurePct', 'maxRegimeExposurePct'] as const;
/** The book-level caps that are fractions of equity too (off when absent). */
const BOOK_PCT_KEYS = ['maxGrossExposurePct', 'maxNetExposurePct', 'maxAssetExposurePct'] as const;

/** Keys that only matter while the rules run. */
const RULE_KEYS: readonly string[] = [
  'maxPairwiseCorrelation',
  'maxCorrelationReduction',
  ...PCT_KEYS,
  'minFillRatio',
  'hedgeAwareCorrelation',
  'onError',
  'onUnknownCorrelation',
  'maxGrossExposurePct',
  'maxNetExposurePct',
  'maxOpenPositions',
  'groups',
  'maxAssetExposurePct',
  'maxPortfolioVolatility',
  'maxShockRisk',
];

const percent = (fraction: number): string => (fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

function pctLine(key: string, value: number): string {
  return `${key}=${value} means ${percent(value)}% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage`;
}

/**
 * Every cap of `config` that is a fraction of equity and set above 1, by name (a group's as
 * `groups.NAME.maxExposurePct`): the symbol, direction and regime caps, and the book-level
 * gross, net, asset and group caps when set.
 */
function capsAboveOne(config: RiskConfig): Map<string, number> {
  const caps = new Map<string, number>();
  for (const key of [...PCT_KEYS, ...BOOK_PCT_KEYS]) {
    const value = config[key];
    if (value !== undefined && value > 1) caps.set(key, value);
  }
  for (const [name, group] of Object.entries(config.groups ?? {})) {
    if (group.maxExposurePct > 1) caps.set(`groups.${name}.maxExposurePct`, group.maxExposurePct);
  }
  return caps;
}

/** The warnings for a manager created from `config`, whose source gave the keys `given` (camelCase). */
export function creationWarnings(config: RiskConfig, given: readonly string[]): string[] {
  const lines = [...capsAboveOne(config)].map(([key, value]) => pctLine(key, value));
  const rules = given.filter((key) => RULE_KEYS.includes(key));
  if (!config.enabled && rules.length > 0) {
    lines.push(`enabled is false, so ${rules.join(', ')} change nothing: every trade is allowed at 1.0 until enabled: true`);
  }
  return lines;
}

/** The warnings for a live change from `before` to `after`: a cap newly set above 1. */
export function updateWarnings(before: RiskConfig, after: RiskConfig): string[] {
  const was = capsAboveOne(before);
  return [...capsAboveOne(after)].filter(([key, value]) => !Object.is(was.get(key), value)).map(([key, value]) => pctLine(key, value));
}
