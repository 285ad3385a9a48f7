/**
 * Risk configurations the replay puts on trial (`--preset NAME`), each with the rules it
 * enables and, for every rule, the keys that switch that rule off while leaving the others as
 * they are. Attribution (experiment.ts) builds its keep-one and remove-one runs from exactly
 * these switches, so a new rule or preset is a new entry here: its config keys, and per rule
 * the override that neutralises it.
 */
import type { RiskConfigInput } from 'portfolio-guard';

export interface RuleSwitch {
  /** The manager's `binding` name for the rule. */
  name: string;
  /** Config keys that make the rule never bind. */
  off: RiskConfigInput;
}

export interface Preset {
  name: string;
  /** One line for --help and the report. */
  description: string;
  /** Keys on top of the manager's defaults; `enabled` is set by the replay. */
  config: RiskConfigInput;
  rules: readonly RuleSwitch[];
}

/** A cap no book reaches: a rule with it never binds. */
const NEVER = 1e9;

/** The manager's four sizing rules, in the order it applies them. */
export const SIZING_RULES: readonly RuleSwitch[] = [
  // ρ ≤ 1 always, so a threshold of 1 is never exceeded.
  { name: 'correlation', off: { maxPairwiseCorrelation: 1 } },
  { name: 'symbol', off: { maxSymbolExposurePct: NEVER } },
  { name: 'direction', off: { maxDirectionalExposurePct: NEVER } },
  { name: 'regime', off: { maxRegimeExposurePct: NEVER } },
];

/** The book-level rules: gross leverage, ex-ante volatility and correlation-shock risk. */
export const BOOK_RULES: readonly RuleSwitch[] = [
  { name: 'gross', off: { maxGrossExposurePct: NEVER } },
  { name: 'volatility', off: { maxPortfolioVolatility: NEVER } },
  { name: 'shock', off: { maxShockRisk: NEVER } },
];

export const PRESETS: Readonly<Record<string, Preset>> = {
  defaults: {
    name: 'defaults',
    description: "the manager's default configuration: correlation, symbol, direction and regime caps",
    config: {},
    rules: SIZING_RULES,
  },
  portfolio: {
    name: 'portfolio',
    description: 'the defaults plus book-level caps: gross 100% of equity, ex-ante volatility 20% and shock risk 40% a year',
    config: { maxGrossExposurePct: 1, maxPortfolioVolatility: 0.2, maxShockRisk: 0.4 },
    rules: [...SIZING_RULES, ...BOOK_RULES],
  },
};

export const DEFAULT_PRESET = 'defaults';

export function getPreset(name: string): Preset {
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new RangeError(`unknown preset "${name}" (known: ${Object.keys(PRESETS).join(', ')})`);
  return preset;
}

/** The configuration with every rule in `without` switched off. */
export function withRulesOff(config: RiskConfigInput, rules: readonly RuleSwitch[]): RiskConfigInput {
  return Object.assign({}, config, ...rules.map((r) => r.off)) as RiskConfigInput;
}
