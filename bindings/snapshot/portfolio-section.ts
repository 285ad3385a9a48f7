/**
 * The snapshot section of the book-level rules (format version 3), after the live section:
 *
 *   portfolio config   str: the book-level keys that are set, as JSON (maxGrossExposurePct,
 *                      maxNetExposurePct, maxOpenPositions, groups, maxAssetExposurePct,
 *                      maxPortfolioVolatility, maxShockRisk, barsPerYear, drawdownGuard);
 *                      read back through the creation schema
 *   trading state      state u8 (0 active, 1 reducing, 2 halted), set by the guard u8,
 *                      equity peak f64 (NaN before any)
 *   counters           reduced by reducing/positions/gross/net/group/asset/volatility/shock,
 *                      then blocked by the same and halted (f64 each)
 *
 * Bytes from outside are untrusted: the JSON is parsed and validated like a config passed to
 * create(), and every scalar is range-checked; a failure is a SnapshotError naming the field.
 */
import { parseRiskConfig, type RiskConfig } from '../config.js';
import { PortfolioGuardError, SnapshotError, quote } from '../errors.js';
import { PORTFOLIO_RISK_SHAPE } from '../portfolio-risk-config.js';
import type { PortfolioCountersState } from '../manager/portfolio-risk/counters.js';
import { TRADING_STATES, type TradingStateData } from '../manager/portfolio-risk/trading-state.js';
import { PORTFOLIO_RULES } from '../manager/portfolio-risk/types.js';
import type { ByteReader, ByteWriter } from './codec.js';
import { asSnapshotError, storedCount } from './stored-field.js';

const KEYS = Object.keys(PORTFOLIO_RISK_SHAPE) as (keyof typeof PORTFOLIO_RISK_SHAPE)[];

export interface PortfolioSection {
  readonly trading: TradingStateData;
  readonly counters: PortfolioCountersState;
}

export function writePortfolioSection(w: ByteWriter, config: RiskConfig, section: PortfolioSection): void {
  const keys: Record<string, unknown> = {};
  for (const key of KEYS) if (config[key] !== undefined) keys[key] = config[key];
  w.string(JSON.stringify(keys));
  w.u8(TRADING_STATES.indexOf(section.trading.state));
  w.bool(section.trading.tripped);
  w.f64(section.trading.peak);
  for (const rule of PORTFOLIO_RULES) w.f64(section.counters.reduced[rule]);
  for (const rule of PORTFOLIO_RULES) w.f64(section.counters.blocked[rule]);
  w.f64(section.counters.blocked.halted);
}

/** Reads the section; returns `config` with the book-level keys and the state. */
export function readPortfolioSection(r: ByteReader, config: RiskConfig): { config: RiskConfig } & PortfolioSection {
  const text = r.string();
  let keys: unknown;
  try {
    keys = JSON.parse(text);
  } catch {
    throw new SnapshotError('config.portfolio', `is not JSON: ${quote(text.slice(0, 40))}`, text);
  }
  if (keys === null || typeof keys !== 'object' || Array.isArray(keys) || Object.keys(keys).some((k) => !(KEYS as string[]).includes(k))) {
    throw new SnapshotError('config.portfolio', `must hold only the book-level keys, got ${quote(text.slice(0, 40))}`, text);
  }
  let merged: RiskConfig;
  try {
    merged = parseRiskConfig({ ...config, ...keys });
  } catch (error) {
    throw error instanceof PortfolioGuardError ? asSnapshotError(error, `config.${error.field}`) : error;
  }
  const code = r.u8();
  if (code >= TRADING_STATES.length) throw new SnapshotError('tradingState', `unknown code ${quote(code)}`, code);
  const tripped = r.bool('tradingState.tripped');
  const peak = r.f64();
  if (!(peak > 0 && Number.isFinite(peak)) && !Number.isNaN(peak)) {
    throw new SnapshotError('tradingState.peak', `must be a positive finite equity (or NaN before any), got ${quote(peak)}`, peak);
  }
  const state = TRADING_STATES[code]!;
  if (tripped && state !== 'reducing') throw new SnapshotError('tradingState.tripped', `only a reducing state can be set by the guard, got ${state}`, state);
  const reduced = {} as Record<(typeof PORTFOLIO_RULES)[number], number>;
  for (const rule of PORTFOLIO_RULES) reduced[rule] = storedCount(r.f64(), `counters.reducedByPortfolioRule.${rule}`);
  const blocked = {} as Record<(typeof PORTFOLIO_RULES)[number] | 'halted', number>;
  for (const rule of PORTFOLIO_RULES) blocked[rule] = storedCount(r.f64(), `counters.blockedByPortfolioRule.${rule}`);
  blocked.halted = storedCount(r.f64(), 'counters.blockedByPortfolioRule.halted');
  return { config: merged, trading: { state, tripped, peak }, counters: { reduced, blocked } };
}
