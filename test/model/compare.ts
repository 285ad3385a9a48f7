/**
 * Checks the real manager against the model. Correlations may differ by rounding (the engine
 * computes incrementally in wasm, the reference in two passes in JS), and exposures by the
 * order of additions, so numbers agree within a tolerance. A decision that sits on a boundary
 * within that tolerance (a multiplier at minFillRatio, two caps with equal headroom, two
 * symbols equally correlated) may go either way: the check accepts each side the model
 * cannot rule out, and everything else must match exactly.
 */
import { expect } from 'vitest';
import type { PortfolioRiskManager, PortfolioStats, ValidationResult } from '../../bindings/manager/index.js';
import type { ModelDecision, ModelManager, ModelRequest } from './manager-model.js';
import { SYMBOLS, REGIMES } from './market.js';

/** Correlations: engine vs two-pass reference. */
export const CORR_TOL = 1e-9;
/** Relative tolerance on money and fractions. */
export const REL_TOL = 1e-9;

export function expectClose(actual: number, expected: number, tol: number, where: string): void {
  // The common case without building an assertion: this runs ~100 times per command.
  if (Number.isNaN(expected) ? Number.isNaN(actual) : Math.abs(actual - expected) <= tol) return;
  if (Number.isNaN(expected)) {
    expect(actual, `${where}: expected NaN`).toBeNaN();
    return;
  }
  expect(Number.isNaN(actual), `${where}: got NaN, expected ${expected}`).toBe(false);
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

const NO_EQUITY_REASON = 'no_equity: call updateEquity() with the account equity (> 0) before validating';

/** The model's literal answer and the outcomes it cannot rule out, for one validation. */
export interface Expectation {
  code: string;
  /** Codes within tolerance of a boundary. */
  codes: Set<string>;
  bindings: Set<string>;
  /** Symbols whose effective correlation ties the largest within tolerance. */
  bestSymbols: Set<string | null>;
  /** Whether the excess may have been blocked (so only the offset is allowed). */
  excessMayBlock: boolean;
  excessMayPass: boolean;
  decision: ModelDecision | null;
  /** For a trivial answer: what was proposed (DISABLED echoes it). */
  trivialSize: number;
}

export function expectation(model: ModelManager, outcome: ReturnType<ModelManager['validate']>, request: ModelRequest): Expectation {
  if (outcome === 'disabled') return fixed('DISABLED', 'disabled', disabledSize(model, request));
  if (outcome === 'no_equity') return fixed('NO_EQUITY', 'no_equity', 0);
  if (outcome === 'no_price') return fixed('NO_PRICE', 'no_price', 0);
  const { ref, offset, excess } = outcome;
  if (excess <= 0) {
    // Only offsets the open net: always allowed in full, no rule runs.
    return { code: 'ALLOWED', codes: new Set(['ALLOWED']), bindings: new Set(['none']), bestSymbols: tiedBest(model, outcome), excessMayBlock: false, excessMayPass: true, decision: outcome, trivialSize: 0 };
  }
  const p = excess;
  const money = REL_TOL * Math.max(outcome.proposed, model.equity);

  // Rule order: none (the proposal itself), correlation, symbol, direction, regime; the
  // first strictly smallest binds.
  const candidates: [string, number][] = [['none', p]];
  if (ref.cut > 0) candidates.push(['correlation', ref.afterCut]);
  candidates.push(['symbol', ref.caps.symbol.headroom], ['direction', ref.caps.direction.headroom]);
  if (ref.caps.regime !== null) candidates.push(['regime', ref.caps.regime.headroom]);
  let binding = candidates[0]!;
  for (const c of candidates) if (c[1] < binding[1]) binding = c;
  // With whole-dollar notionals every sum is exact in any order, so the manager computes the
  // very same headrooms and multiplier as the model: ties and boundaries must then go exactly
  // the model's way. Only a correlation cut (engine vs reference), quantities or fractional
  // sizes (sums in another order) leave room for the other side of a boundary.
  const exact = model.holdings().every((h) => h.unit === 'size' && Number.isInteger(h.amount)) && Number.isInteger(outcome.proposed) && binding[0] !== 'correlation';
  const near = (v: number) => v <= binding[1] + money && !(exact && v === binding[1]);
  const bindings = new Set([binding[0], ...candidates.filter(([name, v]) => (name === 'correlation' || !exact) && near(v)).map(([name]) => name)]);
  // A correlation cut within tolerance of 0 may round to no cut at all.
  if (ref.best !== null && Math.abs(ref.best.effective - model.config.maxPairwiseCorrelation) <= CORR_TOL) {
    bindings.add('correlation');
    bindings.add('none');
  }

  const blocked = !ref.allowed;
  const code = blocked ? 'BLOCKED' : ref.raw < 1 ? 'REDUCED' : 'ALLOWED';
  const codes = new Set([code]);
  const fill = model.config.minFillRatio;
  const exactRaw = exact && !bindings.has('correlation');
  if (!exactRaw) {
    if (Math.abs(ref.raw - fill) <= REL_TOL || ref.allowedSize <= money) codes.add('BLOCKED').add(ref.raw < 1 ? 'REDUCED' : 'ALLOWED');
    if (!blocked && Math.abs(ref.raw - 1) <= REL_TOL) codes.add('REDUCED').add('ALLOWED');
  }
  const excessMayBlock = codes.has('BLOCKED');
  const excessMayPass = codes.has('ALLOWED') || codes.has('REDUCED');
  // With an offset the answer is never blocked: the excess's fate only reduces it.
  const whole = offset > 0 ? new Set([...codes].map((c) => (c === 'ALLOWED' ? 'ALLOWED' : 'REDUCED'))) : codes;
  const wholeCode = offset > 0 ? (code === 'ALLOWED' ? 'ALLOWED' : 'REDUCED') : code;
  return { code: wholeCode, codes: whole, bindings, bestSymbols: tiedBest(model, outcome), excessMayBlock, excessMayPass, decision: outcome, trivialSize: 0 };
}

/** A disabled manager echoes the proposal (a quantity valued at the latest close). */
function disabledSize(model: ModelManager, request: ModelRequest): number {
  if (request.proposedQuantity !== undefined) return request.proposedQuantity * model.price(request.symbol);
  return request.proposedSize ?? Number.NaN;
}

function fixed(code: string, binding: string, trivialSize: number): Expectation {
  return { code, codes: new Set([code]), bindings: new Set([binding]), bestSymbols: new Set([null]), excessMayBlock: false, excessMayPass: false, decision: null, trivialSize };
}

function tiedBest(model: ModelManager, decision: ModelDecision): Set<string | null> {
  const { ref, request } = decision;
  if (ref.best === null) return new Set([null]);
  const tied = new Set<string | null>();
  const sides = model.netting
    ? [...model.nets()].filter(([, n]) => n.net !== 0).map(([symbol, n]) => ({ symbol, side: n.net > 0 ? 'long' : 'short' }))
    : model.holdings();
  for (const p of sides) {
    if (p.symbol === request.symbol) continue;
    const c = model.candles.correlation(request.symbol, p.symbol);
    if (Number.isNaN(c)) continue;
    const effective = model.config.hedgeAwareCorrelation && p.side !== request.side ? -c : c;
    if (effective >= ref.best.effective - CORR_TOL) tied.add(p.symbol);
  }
  return tied;
}

const REASON_PREFIX: Record<string, string> = { symbol: 'symbol_exposure', direction: 'directional_exposure', regime: 'regime_exposure' };

/** Checks one real answer against the expectation; `where` names the command. */
export function expectValidation(actual: ValidationResult, exp: Expectation, model: ModelManager, request: ModelRequest, where: string): void {
  expect(exp.codes, `${where}: code ${actual.code}, model ${exp.code}`).toContain(actual.code);
  expect(exp.bindings, `${where}: binding ${actual.binding}, model ${[...exp.bindings]}`).toContain(actual.binding);
  const quantity = request.proposedQuantity;
  if (exp.decision === null) {
    const disabled = exp.code === 'DISABLED';
    expect([actual.allowed, actual.sizeMultiplier, actual.details], where).toEqual([disabled, disabled ? 1 : 0, null]);
    expect(Object.is(actual.allowedSize, exp.trivialSize), `${where}: allowedSize ${actual.allowedSize}, model ${exp.trivialSize}`).toBe(true);
    expect(actual.allowedQuantity, where).toBe(quantity === undefined ? undefined : disabled ? quantity : 0);
    if (exp.code === 'DISABLED') expect(actual.reason, where).toBe('disabled');
    if (exp.code === 'NO_EQUITY') expect(actual.reason, where).toBe(NO_EQUITY_REASON);
    if (exp.code === 'NO_PRICE') expect(actual.reason, where).toMatch(/^no_price: no close for /);
    return;
  }
  const { ref, offset, excess, proposed } = exp.decision;
  const cfg = model.config;
  const blocked = actual.code === 'BLOCKED';
  const money = REL_TOL * Math.max(proposed, model.equity);
  expect(actual.allowed, where).toBe(!blocked);
  const d = actual.details!;

  // What may be allowed: the offset plus what the rules left of the excess.
  const excessAllowed = ref.allowedSize;
  const possible = excess <= 0 ? [proposed] : [...(exp.excessMayBlock ? [offset] : []), ...(exp.excessMayPass ? [offset + excessAllowed] : [])];
  if (blocked) {
    expect(actual.sizeMultiplier, where).toBe(0);
    expect(actual.allowedSize, where).toBe(0);
  } else {
    expect(possible.some((v) => Math.abs(actual.allowedSize - v) <= money), `${where}: allowedSize ${actual.allowedSize}, model ${possible}`).toBe(true);
    expectClose(actual.sizeMultiplier, actual.allowedSize / proposed, REL_TOL, `${where}: sizeMultiplier`);
  }
  if (quantity !== undefined) expect(actual.allowedQuantity, `${where}: allowedQuantity`).toBe(quantity * actual.sizeMultiplier);
  else expect(actual.allowedQuantity, where).toBeUndefined();
  expect(d.allowedSize, where).toBe(actual.allowedSize);

  expect(d.equity, where).toBe(model.equity);
  expect(d.proposedSize, where).toBe(proposed);
  expect(d.minFillRatio, where).toBe(cfg.minFillRatio);
  if (offset > 0) expectClose(d.rawMultiplier, actual.allowedSize / proposed, REL_TOL, `${where}: rawMultiplier`);
  else expectClose(d.rawMultiplier, ref.raw, REL_TOL, `${where}: rawMultiplier`);
  for (const cap of ['symbol', 'direction', 'regime'] as const) {
    const want = ref.caps[cap];
    const got = d[cap];
    if (want === null || got === null) {
      expect(got, `${where}: ${cap}`).toBe(want);
      continue;
    }
    expect(got.limitPct, `${where}: ${cap}.limitPct`).toBe(want.limitPct);
    expect(got.limit, `${where}: ${cap}.limit`).toBe(want.limit);
    expectClose(got.current, want.current, money, `${where}: ${cap}.current`);
    expectClose(got.headroom, want.headroom, money, `${where}: ${cap}.headroom`);
  }
  if (model.netting) {
    expectClose(d.netting!.offset, offset, money, `${where}: netting.offset`);
    expectClose(d.netting!.excess, Math.max(excess, 0), money, `${where}: netting.excess`);
  } else {
    expect(d.netting, where).toBeUndefined();
  }
  expect(d.valuation, `${where}: valuation`).toEqual(exp.decision.valuation);

  const c = d.correlation;
  expect([c.threshold, c.maxReduction, c.hedgeAware], where).toEqual([cfg.maxPairwiseCorrelation, cfg.maxCorrelationReduction, cfg.hedgeAwareCorrelation]);
  expect(exp.bestSymbols, `${where}: correlated symbol ${c.symbol}`).toContain(c.symbol);
  if (c.symbol === null) {
    expect([c.correlation, c.effective, c.observations], where).toEqual([Number.NaN, Number.NaN, 0]);
  } else {
    expectClose(c.correlation, model.candles.correlation(request.symbol, c.symbol), CORR_TOL, `${where}: correlation with ${c.symbol}`);
    expectClose(c.effective, ref.best!.effective, CORR_TOL, `${where}: effective correlation`);
    expect(c.observations, `${where}: observations`).toBe(model.candles.observations(request.symbol, c.symbol));
  }
  const pureOffset = excess <= 0;
  expectClose(c.cut, pureOffset ? 0 : ref.cut, CORR_TOL / (1 - cfg.maxPairwiseCorrelation), `${where}: cut`);
  expectClose(c.sizeAfterCut, pureOffset ? proposed : offset + ref.afterCut, money, `${where}: sizeAfterCut`);
  const unknown = exp.decision.unknown.map((symbol) => ({ symbol, observations: model.candles.observations(request.symbol, symbol) }));
  expect(c.unknown, `${where}: unknown correlations`).toEqual(unknown);

  expect(actual.reason, where).toBe(expectedReason(actual, d.rawMultiplier, exp.decision, model));
}

/** The reason for the binding the manager chose (the choice itself is checked above). */
function expectedReason(actual: ValidationResult, raw: number, decision: ModelDecision, model: ModelManager): string {
  const b = actual.binding;
  if (b === 'none') return 'ok';
  if (b === 'correlation') {
    const known = `high_correlation_with_${actual.details!.correlation.symbol}`;
    const unknown = `unknown_correlation_with_${decision.unknown[0]}`;
    // A known cut that ties the unknown policy's cut within tolerance may be named either way.
    const knownCut = decision.ref.best === null ? 0 : decision.ref.cutByUnknown ? Math.min(model.config.maxCorrelationReduction, Math.max(0, (decision.ref.best.effective - model.config.maxPairwiseCorrelation) / (1 - model.config.maxPairwiseCorrelation))) : decision.ref.cut;
    const tie = decision.unknown.length > 0 && Math.abs(knownCut - decision.ref.cut) <= CORR_TOL / (1 - model.config.maxPairwiseCorrelation);
    if (tie && [known, unknown].includes(actual.reason)) return actual.reason;
    return decision.ref.cutByUnknown ? unknown : known;
  }
  const verb = actual.code === 'BLOCKED' ? 'blocked' : 'reduced';
  // A multiplier within tolerance of a rounding boundary may print either way.
  const printed = [raw - REL_TOL, raw, raw + REL_TOL].map((x) => `${REASON_PREFIX[b]}_${verb}_${x.toFixed(2)}`);
  return printed.includes(actual.reason) ? actual.reason : printed[1]!;
}

/** Everything readable without changing state: stats, positions, exposures, correlations. */
export function expectSameState(real: PortfolioRiskManager, model: ModelManager, where: string): void {
  expectStats(real.getStats(), model, where);
  expect(real.getPositions(), `${where}: positions`).toEqual(model.positions.map((p) => model.publicPosition(p)));
  expect(real.getReservations(), `${where}: reservations`).toEqual(model.reservations.map((r) => model.publicReservation(r)));
  expect(real.equity, where).toBe(model.equity);
  expect(real.config, `${where}: config`).toEqual(model.config);
  expect(real.engine.symbols(), `${where}: engine symbols`).toEqual(model.candles.symbols);

  const names = [...SYMBOLS, 'NEVER/SEEN'];
  for (const a of names) {
    expectClose(real.getSymbolExposure(a), model.fraction(model.symbolGross(a)), REL_TOL, `${where}: exposure ${a}`);
    for (const b of names) {
      expectClose(real.getCorrelation(a, b), model.candles.correlation(a, b), CORR_TOL, `${where}: correlation ${a}/${b}`);
      if (real.engine.symbolId(a) !== undefined && real.engine.symbolId(b) !== undefined) {
        const [got, want] = [real.engine.pairObservations(a, b), model.candles.observations(a, b)];
        if (got !== want) expect(got, `${where}: observations ${a}/${b}`).toBe(want);
      }
    }
  }
  for (const r of REGIMES) expectClose(real.getRegimeExposure(r), model.fraction(model.regimeGross(r)), REL_TOL, `${where}: regime ${r}`);
  for (const side of ['long', 'short'] as const) {
    expectClose(real.getDirectionalExposure(side), model.fraction(model.sideTotal(side)), REL_TOL, `${where}: ${side}`);
  }
}

function expectStats(s: PortfolioStats, model: ModelManager, where: string): void {
  const w = `${where}: stats`;
  const long = model.sideTotal('long');
  const short = model.sideTotal('short');
  expect(s.enabled, w).toBe(model.config.enabled);
  expect(Object.is(s.equity, model.equity), `${w}.equity ${s.equity} vs ${model.equity}`).toBe(true);
  expect(s.openPositions, w).toBe(model.positions.length);
  expectClose(s.totalExposure, model.fraction(long + short), REL_TOL, `${w}.totalExposure`);
  expectClose(s.longExposure, model.fraction(long), REL_TOL, `${w}.longExposure`);
  expectClose(s.shortExposure, model.fraction(short), REL_TOL, `${w}.shortExposure`);
  expectClose(s.maxCorrelation, model.maxCorrelation(), CORR_TOL, `${w}.maxCorrelation`);
  const c = model.counters;
  expect(
    { validations: s.validations, allowedTrades: s.allowedTrades, reducedTrades: s.reducedTrades, blockedTrades: s.blockedTrades, errors: s.errors },
    `${w} counters`,
  ).toEqual({ validations: c.validations, allowedTrades: c.allowedTrades, reducedTrades: c.reducedTrades, blockedTrades: c.blockedTrades, errors: c.errors });
  expect(s.reducedByRule, w).toEqual(c.reducedByRule);
  expect(s.blockedByRule, w).toEqual(c.blockedByRule);
  expect(s.unknownCorrelationDecisions, w).toBe(c.unknownCorrelationDecisions);
  expect(s.unpricedPositions, `${w}.unpricedPositions`).toEqual(model.unpricedIds());
  expect(s.reservations, `${w}.reservations`).toEqual(model.reservations.map((r) => model.publicReservation(r)));
  expectClose(s.reservedExposure, model.fraction(model.reservedTotal()), REL_TOL, `${w}.reservedExposure`);
  expect(Object.keys(s.symbolExposures), `${w}.symbolExposures order`).toEqual(model.symbolOrder);
  expect(Object.keys(s.regimeExposures), `${w}.regimeExposures order`).toEqual(model.regimeOrder);
  for (const sym of model.symbolOrder) expectClose(s.symbolExposures[sym]!, model.fraction(model.symbolGross(sym)), REL_TOL, `${w}.symbolExposures[${sym}]`);
  for (const r of model.regimeOrder) expectClose(s.regimeExposures[r]!, model.fraction(model.regimeGross(r)), REL_TOL, `${w}.regimeExposures[${r}]`);
}
