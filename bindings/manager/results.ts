/**
 * Turns a sizing outcome into the answer a bot reads: `allowed`, `sizeMultiplier`, an enum
 * `code`, the `binding` rule and a readable `reason` in the Python manager's style
 * (`symbol_exposure_reduced_0.67`, `high_correlation_with_BTC/USDT`).
 */
import type { SizingOutcome } from './rules.js';
import type { CorrelationDetail, NettingDetail, SizingRule, ValidationDetails, ValidationResult, ValuationDetail } from './types.js';

const REASON_PREFIX: Readonly<Record<Exclude<SizingRule, 'correlation'>, string>> = {
  symbol: 'symbol_exposure',
  direction: 'directional_exposure',
  regime: 'regime_exposure',
  reducing: 'trading_state_reducing',
  positions: 'max_open_positions',
  gross: 'gross_exposure',
  net: 'net_exposure',
  group: 'group_exposure',
  asset: 'asset_exposure',
  volatility: 'portfolio_volatility',
  shock: 'shock_risk',
};

/**
 * The reason for a sized answer. Correlation names the open symbol that bit (the Python manager uses the
 * same wording for a cut and a block), or the one whose correlation is unknown when the
 * onUnknownCorrelation policy cut; a cap names itself, how the trade fared, and the
 * multiplier it left (before the minFillRatio check when blocked).
 */
export function sizingReason(outcome: SizingOutcome, correlatedWith: string | null, unknownWith: string | null = null): string {
  const { binding } = outcome;
  if (binding === 'none') return 'ok';
  if (binding === 'correlation') {
    return outcome.cutByUnknown ? `unknown_correlation_with_${unknownWith}` : `high_correlation_with_${correlatedWith}`;
  }
  const verb = outcome.blocked ? 'blocked' : 'reduced';
  return `${REASON_PREFIX[binding]}_${verb}_${outcome.rawMultiplier.toFixed(2)}`;
}

export function sizedResult(
  outcome: SizingOutcome,
  equity: number,
  proposedSize: number,
  minFillRatio: number,
  correlation: CorrelationDetail,
  unknownWith: string | null,
  valuation: ValuationDetail | undefined,
  netting: NettingDetail | undefined,
): ValidationResult {
  const code = outcome.blocked ? 'BLOCKED' : outcome.multiplier < 1 ? 'REDUCED' : 'ALLOWED';
  const details: { -readonly [K in keyof ValidationDetails]: ValidationDetails[K] } = {
    equity,
    proposedSize,
    allowedSize: outcome.allowedSize,
    rawMultiplier: outcome.rawMultiplier,
    minFillRatio,
    correlation,
    symbol: outcome.symbol,
    direction: outcome.direction,
    regime: outcome.regime,
  };
  // Only proposals by quantity and netting books carry these: the common answer's shape is unchanged.
  if (valuation !== undefined) details.valuation = valuation;
  if (netting !== undefined) details.netting = netting;
  const result: { -readonly [K in keyof ValidationResult]: ValidationResult[K] } = {
    allowed: !outcome.blocked,
    sizeMultiplier: outcome.multiplier,
    reason: sizingReason(outcome, correlation.symbol, unknownWith),
    code,
    binding: outcome.binding,
    allowedSize: outcome.allowedSize,
    details,
  };
  if (valuation !== undefined) result.allowedQuantity = valuation.quantity * outcome.multiplier;
  return result;
}

/**
 * enabled: false — the identity: allowed at 1, whatever was proposed. `allowedSize` and
 * `allowedQuantity` echo the proposal when it reads as one (a quantity valued at the latest
 * close when there is one, NaN otherwise); nothing is checked, so nothing can throw.
 */
export function disabledResult(request: unknown, valueOf: (symbol: string, quantity: number) => number): ValidationResult {
  let size = Number.NaN;
  let quantity: unknown;
  try {
    if (request !== null && typeof request === 'object') {
      const r = request as Record<string, unknown>;
      quantity = r.proposedQuantity;
      if (quantity === undefined && typeof r.proposedSize === 'number') size = r.proposedSize;
      if (typeof quantity === 'number' && typeof r.symbol === 'string') size = valueOf(r.symbol, quantity);
    }
  } catch {
    // A request whose fields throw when read is still answered: disabled changes nothing.
  }
  const result = { allowed: true, sizeMultiplier: 1, reason: 'disabled', code: 'DISABLED', binding: 'disabled', allowedSize: size, details: null } as const;
  return typeof quantity === 'number' ? { ...result, allowedQuantity: quantity } : result;
}

/** Trading is halted (setTradingState('halted')): every validation is blocked. */
export const HALTED_RESULT: ValidationResult = Object.freeze({
  allowed: false,
  sizeMultiplier: 0,
  reason: "halted: trading state is 'halted'; setTradingState('active') to trade again",
  code: 'HALTED',
  binding: 'halted',
  allowedSize: 0,
  details: null,
});

/** No positive equity: nothing to size against. */
export const NO_EQUITY_RESULT: ValidationResult = Object.freeze({
  allowed: false,
  sizeMultiplier: 0,
  reason: 'no_equity: call updateEquity() with the account equity (> 0) before validating',
  code: 'NO_EQUITY',
  binding: 'no_equity',
  allowedSize: 0,
  details: null,
});

/** A quantity proposal on a symbol without a close, or without a rate for its quote currency. */
export function noPriceResult(symbol: string, missing: 'close' | 'rate', quoteCurrency: string | undefined): ValidationResult {
  const why = missing === 'close'
    ? `no close for ${symbol} yet: send its candles before validating a quantity`
    : `no rate for ${quoteCurrency}: send candles of ${quoteCurrency}/<account currency> or call updateQuoteRate(${JSON.stringify(quoteCurrency)}, rate)`;
  return { allowed: false, sizeMultiplier: 0, reason: `no_price: ${why}`, code: 'NO_PRICE', binding: 'no_price', allowedSize: 0, allowedQuantity: 0, details: null };
}

/** What `onError` answers when validation fails internally. */
export function errorResult(onError: 'block' | 'allow', error: unknown, proposedSize: number, proposedQuantity: number | undefined): ValidationResult {
  const message = error instanceof Error ? error.message : String(error);
  const allow = onError === 'allow';
  const result: ValidationResult = {
    allowed: allow,
    sizeMultiplier: allow ? 1 : 0,
    reason: `internal_error_${allow ? 'allowed' : 'blocked'}: ${message}`,
    code: allow ? 'ERROR_ALLOWED' : 'ERROR_BLOCKED',
    binding: 'error',
    allowedSize: allow ? proposedSize : 0,
    details: null,
  };
  return proposedQuantity === undefined ? result : { ...result, allowedQuantity: allow ? proposedQuantity : 0 };
}

/** A NO_EQUITY answer for a quantity proposal (it says how much quantity: none). */
export function withNoQuantity(result: ValidationResult): ValidationResult {
  return { ...result, allowedQuantity: 0 };
}
