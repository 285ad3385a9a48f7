/**
 * The snapshot sections of live trading (format version 2): the configuration keys for bars,
 * units, unknown correlations, currencies, reservations and netting; each holding's own fields
 * (side, unit, amount, regime); and the state those features add: the latest prices, the quote
 * rates, the reservations of orders in flight and their counters.
 *
 *   live config   timeframe u8 (0 none, 1 named: u8 index into TIMEFRAMES, 2 ms: f64);
 *                 timestampUnit u8 (0 none, 1 s, 2 ms); onUnknownCorrelation u8 (0 ignore,
 *                 1 block, 2 maxCut); accountCurrency u8 present + str; reservationTtlMs f64;
 *                 positionMode u8 (0 hedge, 1 netting)
 *   holding       id str, symbol str, flags u8 (bit 0 short, bit 1 by quantity, bit 2 has a
 *                 regime), amount f64, regime str when bit 2 is set, strategy str
 *   live state    blocked for no price f64, unknown-correlation decisions f64;
 *                 prices (u32 n; symbol str, bar time f64, close f64);
 *                 quote rates (u32 n; currency str, rate f64);
 *                 nextReservationId f64; reservations (u32 n; holding, expiresAt f64)
 *
 * Bytes from outside are untrusted: every scalar is range-checked and every name goes through
 * the validator the API uses for it, and a failure is a SnapshotError naming the field.
 */
import { TIMEFRAMES } from '../bar-time.js';
import type { RiskConfig } from '../config.js';
import { checkCurrency } from '../currency.js';
import { SnapshotError, quote } from '../errors.js';
import type { Holding, ReservationHolding } from '../manager/positions.js';
import type { PriceState } from '../manager/prices.js';
import { requireSize } from '../manager/checks.js';
import { checkName, checkOptionalLabel } from '../names.js';
import type { ByteReader, ByteWriter } from './codec.js';
import { storedCount, storedField } from './stored-field.js';

const TIMEFRAME_NAMES = Object.keys(TIMEFRAMES) as (keyof typeof TIMEFRAMES)[];
const UNITS = [undefined, 's', 'ms'] as const;
const UNKNOWN_POLICIES = ['ignore', 'block', 'maxCut'] as const;
const MODES = ['hedge', 'netting'] as const;

const SHORT = 1;
const BY_QUANTITY = 2;
const HAS_REGIME = 4;

/** What live trading adds to the manager's state beyond the book's positions. */
export interface LiveState {
  readonly blockedNoPrice: number;
  readonly unknownCorrelationDecisions: number;
  readonly prices: PriceState;
  readonly nextReservationId: number;
  readonly reservations: readonly ReservationHolding[];
}

function code<T>(values: readonly T[], value: T): number {
  return values.indexOf(value);
}

function readCode<T>(r: ByteReader, values: readonly T[], field: string): T {
  const c = r.u8();
  if (c >= values.length) throw new SnapshotError(field, `unknown code ${quote(c)}`, c);
  return values[c]!;
}

export function writeLiveConfig(w: ByteWriter, config: RiskConfig): void {
  const { timeframe } = config;
  if (timeframe === undefined) {
    w.u8(0);
  } else if (typeof timeframe === 'string') {
    w.u8(1);
    w.u8(code(TIMEFRAME_NAMES, timeframe));
  } else {
    w.u8(2);
    w.f64(timeframe);
  }
  w.u8(code(UNITS, config.timestampUnit));
  w.u8(code(UNKNOWN_POLICIES, config.onUnknownCorrelation));
  w.bool(config.accountCurrency !== undefined);
  if (config.accountCurrency !== undefined) w.string(config.accountCurrency);
  w.f64(config.reservationTtlMs);
  w.u8(code(MODES, config.positionMode));
}

/** The live configuration keys, raw: the caller runs them through the creation schema with the rest. */
export function readLiveConfig(r: ByteReader): Record<string, unknown> {
  const kind = r.u8();
  let timeframe: unknown;
  if (kind === 1) timeframe = readCode(r, TIMEFRAME_NAMES, 'config.timeframe');
  else if (kind === 2) timeframe = r.f64();
  else if (kind !== 0) throw new SnapshotError('config.timeframe', `unknown code ${quote(kind)}`, kind);
  const timestampUnit = readCode(r, UNITS, 'config.timestampUnit');
  const onUnknownCorrelation = readCode(r, UNKNOWN_POLICIES, 'config.onUnknownCorrelation');
  const accountCurrency = r.bool('config.accountCurrency') ? r.string() : undefined;
  const reservationTtlMs = r.f64();
  const positionMode = readCode(r, MODES, 'config.positionMode');
  return { timeframe, timestampUnit, onUnknownCorrelation, accountCurrency, reservationTtlMs, positionMode };
}

/** A holding's side, unit, amount and regime (its id, symbol and strategy are written around it). */
function writeHolding(w: ByteWriter, h: Holding): void {
  w.u8((h.side === 'short' ? SHORT : 0) | (h.unit === 'quantity' ? BY_QUANTITY : 0) | (h.regime === undefined ? 0 : HAS_REGIME));
  w.f64(h.amount);
  if (h.regime !== undefined) w.string(h.regime);
}

/** A whole holding: id, symbol, the fields above, strategy (positions; reservations add their expiry). */
export function writeNamedHolding(w: ByteWriter, h: Holding): void {
  w.string(h.id);
  w.string(h.symbol);
  writeHolding(w, h);
  w.string(h.strategy);
}

/** Reads what writeNamedHolding wrote, every name through the API's own check. */
export function readNamedHolding(r: ByteReader, at: string): Holding {
  const id = storedField(checkName, r.string(), `${at}.id`);
  const symbol = storedField(checkName, r.string(), `${at}.symbol`);
  const holding = readHolding(r, at);
  const strategy = storedField(checkOptionalLabel, r.string(), `${at}.strategy`) ?? '';
  return { id, symbol, ...holding, strategy };
}

function readHolding(r: ByteReader, field: string): Pick<Holding, 'side' | 'unit' | 'amount' | 'regime'> {
  const flags = r.u8();
  if (flags > (SHORT | BY_QUANTITY | HAS_REGIME)) throw new SnapshotError(field, `unknown holding flags ${quote(flags)}`, flags);
  const amount = storedField(requireSize, r.f64(), `${field}.amount`);
  const regime = flags & HAS_REGIME ? storedField(checkName, r.string(), `${field}.regime`) : undefined;
  return { side: flags & SHORT ? 'short' : 'long', unit: flags & BY_QUANTITY ? 'quantity' : 'size', amount, regime };
}

export function writeLiveState(w: ByteWriter, state: LiveState): void {
  w.f64(state.blockedNoPrice);
  w.f64(state.unknownCorrelationDecisions);
  w.u32(state.prices.closes.length);
  for (const p of state.prices.closes) {
    w.string(p.symbol);
    w.f64(p.barTime);
    w.f64(p.close);
  }
  w.u32(state.prices.rates.length);
  for (const q of state.prices.rates) {
    w.string(q.currency);
    w.f64(q.rate);
  }
  w.f64(state.nextReservationId);
  w.u32(state.reservations.length);
  for (const h of state.reservations) {
    writeNamedHolding(w, h);
    w.f64(h.expiresAt);
  }
}

/** Parses the live state; `config` is the snapshot's (already checked), for the rules prices and rates obey. */
export function readLiveState(r: ByteReader, config: RiskConfig): LiveState {
  const blockedNoPrice = storedCount(r.f64(), 'counters.blockedBy.noPrice');
  const unknownCorrelationDecisions = storedCount(r.f64(), 'counters.unknownCorrelationDecisions');

  const closes: { symbol: string; barTime: number; close: number }[] = [];
  const priced = new Set<string>();
  for (let k = 0, n = r.count('prices', 20); k < n; k++) {
    const symbol = storedField(checkName, r.string(), `prices[${k}].symbol`);
    const barTime = r.f64();
    const close = r.f64();
    if (priced.has(symbol)) throw new SnapshotError(`prices[${k}].symbol`, `${quote(symbol)} is priced twice`, symbol);
    priced.add(symbol);
    if (!Number.isSafeInteger(barTime)) throw new SnapshotError(`prices[${k}].barTime`, `must be an integer timestamp, got ${quote(barTime)}`, barTime);
    if (!(close > 0) || !Number.isFinite(close)) throw new SnapshotError(`prices[${k}].close`, `must be a finite price > 0, got ${quote(close)}`, close);
    closes.push({ symbol, barTime, close });
  }

  const rates: { currency: string; rate: number }[] = [];
  const rated = new Set<string>();
  for (let k = 0, n = r.count('rates', 12); k < n; k++) {
    const currency = storedField(checkCurrency, r.string(), `rates[${k}].currency`);
    const rate = r.f64();
    if (config.accountCurrency === undefined || currency === config.accountCurrency || rated.has(currency)) {
      throw new SnapshotError(`rates[${k}].currency`, `${quote(currency)} cannot have a quote rate here (no account currency, the account currency itself, or twice)`, currency);
    }
    rated.add(currency);
    if (!(rate > 0) || !Number.isFinite(rate)) throw new SnapshotError(`rates[${k}].rate`, `must be a finite rate > 0, got ${quote(rate)}`, rate);
    rates.push({ currency, rate });
  }

  const nextReservationId = storedCount(r.f64(), 'nextReservationId', 1);
  const reservations: ReservationHolding[] = [];
  for (let k = 0, n = r.count('reservations', 31); k < n; k++) {
    const at = `reservations[${k}]`;
    const holding = readNamedHolding(r, at);
    const expiresAt = r.f64();
    if (!Number.isFinite(expiresAt)) throw new SnapshotError(`${at}.expiresAt`, `must be a finite time, got ${quote(expiresAt)}`, expiresAt);
    reservations.push({ ...holding, expiresAt });
  }
  return { blockedNoPrice, unknownCorrelationDecisions, prices: { closes, rates }, nextReservationId, reservations };
}
