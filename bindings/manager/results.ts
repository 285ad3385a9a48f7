/**
 * Turns a sizing outcome into the answer a bot reads: `allowed`, `sizeMultiplier`, an enum
 * `code`, the `binding` rule and a readable `reason` in the Python manager's style
 * (`symbol_exposure_reduced_0.67`, `high_correlation_with_BTC/USDT`).
 */
import type { SizingOutcome } from './rules.js';
import type { CorrelationDetail, SizingRule, ValidationResult } from './types.js';

const REASON_PREFIX: Readonly<Record<Exclude<SizingRule, 'correlation'>, string>> = {
  symbol: 'symbol_exposure',
  direction: 'directional_exposure',
  regime: 'regime_exposure',
};

/**
 * The reason for a sized answer. Correlation names the open symbol that bit (the Python manager
 * uses the same wording for a cut and a block); a cap names itself, how the trade fared, and the
 * multiplier it left (before the minFillRatio check when blocked).
 */
export function sizingReason(outcome: SizingOutcome, correlatedWith: string | null): string {
  const { binding } = outcome;
  if (binding === 'none') return 'ok';
  if (binding === 'correlation') return `high_correlation_with_${correlatedWith}`;
  const verb = outcome.blocked ? 'blocked' : 'reduced';
  return `${REASON_PREFIX[binding]}_${verb}_${outcome.rawMultiplier.toFixed(2)}`;
}

export function sizedResult(
  outcome: SizingOutcome,
  equity: number,
  proposedSize: number,
  minFillRatio: number,
  correlation: CorrelationDetail,
): ValidationResult {
  const code = outcome.blocked ? 'BLOCKED' : outcome.multiplier < 1 ? 'REDUCED' : 'ALLOWED';
  return {
    allowed: !outcome.blocked,
    sizeMultiplier: outcome.multiplier,
    reason: sizingReason(outcome, correlation.symbol),
    code,
    binding: outcome.binding,
    details: {
      equity,
      proposedSize,
      allowedSize: outcome.allowedSize,
      rawMultiplier: outcome.rawMultiplier,
      minFillRatio,
      correlation,
      symbol: outcome.symbol,
      direction: outcome.direction,
      regime: outcome.regime,
    },
  };
}

/** enabled: false — the identity, shared (and frozen) so answering allocates nothing. */
export const DISABLED_RESULT: ValidationResult = Object.freeze({
  allowed: true,
  sizeMultiplier: 1,
  reason: 'disabled',
  code: 'DISABLED',
  binding: 'disabled',
  details: null,
});

export const NO_EQUITY_RESULT: ValidationResult = Object.freeze({
  allowed: false,
  sizeMultiplier: 0,
  reason: 'no_equity: call updateEquity() with the account equity (> 0) before validating',
  code: 'NO_EQUITY',
  binding: 'no_equity',
  details: null,
});

/** What `onError` answers when validation fails internally. */
export function errorResult(onError: 'block' | 'allow', error: unknown): ValidationResult {
  const message = error instanceof Error ? error.message : String(error);
  const allow = onError === 'allow';
  return {
    allowed: allow,
    sizeMultiplier: allow ? 1 : 0,
    reason: `internal_error_${allow ? 'allowed' : 'blocked'}: ${message}`,
    code: allow ? 'ERROR_ALLOWED' : 'ERROR_BLOCKED',
    binding: 'error',
    details: null,
  };
}
