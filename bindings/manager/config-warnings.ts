/**
 * Configurations that parse but probably do not say what their author meant, as `warn` lines.
 * They are not errors: a cap above 100% of equity is real on a leveraged account, and a
 * disabled manager with its rules written out is how a bot is rolled out. But
 * `max_symbol_exposure_pct: 25` (a percentage where a fraction is meant) allows 2,500% of
 * equity, and caps without `enabled: true` do nothing; both used to pass in silence.
 */
import type { RiskConfig } from '../config.js';

const PCT_KEYS = ['maxSymbolExposurePct', 'maxDirectionalExposurePct', 'maxRegimeExposurePct'] as const;

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

/** The warnings for a manager created from `config`, whose source gave the keys `given` (camelCase). */
export function creationWarnings(config: RiskConfig, given: readonly string[]): string[] {
  const lines = PCT_KEYS.filter((key) => config[key] > 1).map((key) => pctLine(key, config[key]));
  const rules = given.filter((key) => RULE_KEYS.includes(key));
  if (!config.enabled && rules.length > 0) {
    lines.push(`enabled is false, so ${rules.join(', ')} change nothing: every trade is allowed at 1.0 until enabled: true`);
  }
  return lines;
}

/** The warnings for a live change from `before` to `after`: a cap newly set above 1. */
export function updateWarnings(before: RiskConfig, after: RiskConfig): string[] {
  return PCT_KEYS.filter((key) => after[key] > 1 && !Object.is(before[key], after[key])).map((key) => pctLine(key, after[key]));
}
