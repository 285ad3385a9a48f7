/**
 * The risk manager's whole state as bytes (format version 3), and back.
 *
 * Payload, in order, one section each (little-endian; str = u32 UTF-16 unit count + units;
 * bytes = u32 length + raw bytes):
 *   config    enabled u8, correlationLookback u32, minPeriods u32, maxPairwiseCorrelation,
 *             maxCorrelationReduction, maxSymbolExposurePct, maxDirectionalExposurePct,
 *             maxRegimeExposurePct, minFillRatio (f64 each), hedgeAwareCorrelation u8,
 *             onError u8 (0 block, 1 allow); then the live-trading keys (timeframe,
 *             timestampUnit, onUnknownCorrelation, accountCurrency, reservationTtlMs,
 *             positionMode: live-section.ts)
 *   equity    f64 (NaN before updateEquity)
 *   engine    layout u32 (the core's LAYOUT_VERSION), window u32, minPeriods u32,
 *             maxSymbols u32, symbols (u32 n, n × str), core bytes, records bytes
 *             (CorrelationEngine.exportState)
 *   book      nextAutoId f64; positions (u32 n; holding: id, symbol, side, unit, amount,
 *             regime, strategy: live-section.ts); symbol order (u32 n, n × str); regime
 *             order (u32 n, n × str). The exposure sums are not stored: they are a function
 *             of the holdings and the prices, recomputed on restore to the same bits.
 *   counters  validations, allowed, reduced, blocked, errors, reduced by correlation/symbol/
 *             direction/regime, blocked by correlation/symbol/direction/regime/noEquity/error
 *             (f64 each)
 *   live      more counters, the latest prices, quote rates, reservations (live-section.ts)
 *   portfolio the book-level rules' keys, the trading state and the equity peak of the
 *             drawdown guard, the book-level rules' counters (portfolio-section.ts)
 *
 * Decoding parses untrusted bytes: each section is read and checked against what the API
 * itself accepts (the config schema, finite equity, names as registerPosition checks them,
 * counters and ids ≤ MAX_COUNT) before the next is read, and the engine's blocks are checked
 * by the core when the engine is built (engine-state.ts, assembly/restore.ts).
 *
 * Not in it: listeners, the logger (functions belong to the process that restores) and cache
 * contents (caches refill on first use; they never change an answer).
 */
import { parseRiskConfig, type RiskConfig } from '../config.js';
import type { EngineState } from '../engine.js';
import { checkEngineState, checkLayout } from '../engine-state.js';
import { PortfolioGuardError, SnapshotError, quote } from '../errors.js';
import { checkBookState, type BookState } from '../manager/book-state.js';
import type { Holding } from '../manager/positions.js';
import type { PriceState } from '../manager/prices.js';
import type { CountersState } from '../manager/stats.js';
import { MAX_SYMBOLS } from '../wasm/core-limits.generated.js';
import { ByteReader, ByteWriter } from './codec.js';
import { frame, unframe } from './frame.js';
import { readLiveConfig, readLiveState, readNamedHolding, writeLiveConfig, writeLiveState, writeNamedHolding } from './live-section.js';
import { asSnapshotError, storedCount } from './stored-field.js';
import { readPortfolioSection, writePortfolioSection } from './portfolio-section.js';
import type { TradingStateData } from '../manager/portfolio-risk/trading-state.js';
import { PortfolioCounters } from '../manager/portfolio-risk/counters.js';

export const SNAPSHOT_VERSION = 3;

export interface ManagerState {
  readonly config: RiskConfig;
  readonly equity: number;
  readonly engine: EngineState;
  /** The engine's maxSymbols: a restored manager refuses the same symbols the original would. */
  readonly maxSymbols: number;
  readonly book: BookState;
  readonly counters: CountersState;
  /** The latest close of every symbol and the quote rates: what quantities are valued at. */
  readonly prices: PriceState;
  /** The trading state and the drawdown guard's peak. */
  readonly trading: TradingStateData;
}

const RATIO_KEYS = [
  'maxPairwiseCorrelation',
  'maxCorrelationReduction',
  'maxSymbolExposurePct',
  'maxDirectionalExposurePct',
  'maxRegimeExposurePct',
  'minFillRatio',
] as const;
const COUNTER_KEYS = ['validations', 'allowed', 'reduced', 'blocked', 'errors'] as const;
const REDUCED_KEYS = ['correlation', 'symbol', 'direction', 'regime'] as const;
const BLOCKED_KEYS = ['correlation', 'symbol', 'direction', 'regime', 'noEquity', 'error'] as const;
const ON_ERROR = ['block', 'allow'] as const;

export function encodeManagerSnapshot(state: ManagerState): Uint8Array {
  const w = new ByteWriter();
  writeConfig(w, state.config);
  w.f64(state.equity);
  writeEngine(w, state.engine, state.maxSymbols);
  writeBook(w, state.book);
  writeCounters(w, state.counters);
  writeLiveState(w, {
    blockedNoPrice: state.counters.blockedBy.noPrice,
    unknownCorrelationDecisions: state.counters.unknownCorrelationDecisions,
    prices: state.prices,
    nextReservationId: state.book.nextReservationId,
    reservations: state.book.reservations,
  });
  writePortfolioSection(w, state.config, { trading: state.trading, counters: state.counters.portfolio ?? new PortfolioCounters().exportState() });
  return frame(SNAPSHOT_VERSION, w);
}

/** Parses and checks a snapshot; throws a SnapshotError naming what is wrong. */
export function decodeManagerSnapshot(bytes: unknown): ManagerState {
  const r = new ByteReader(unframe(bytes, SNAPSHOT_VERSION));
  const seedConfig = readConfig(r);
  const equity = readEquity(r);
  const { engine, maxSymbols } = readEngine(r, seedConfig);
  const held = readBook(r);
  const base = readCounters(r);
  const live = readLiveState(r, seedConfig);
  const portfolio = readPortfolioSection(r, seedConfig);
  const config = portfolio.config;
  if (r.remaining !== 0) {
    throw new SnapshotError('snapshot', `${r.remaining} bytes left over after the last field`, r.remaining);
  }
  const counters: CountersState = {
    ...base,
    blockedBy: { ...base.blockedBy, noPrice: live.blockedNoPrice },
    unknownCorrelationDecisions: live.unknownCorrelationDecisions,
    portfolio: portfolio.counters,
  };
  const book: BookState = { ...held, reservations: live.reservations, nextReservationId: live.nextReservationId };
  // Checked here, before the caller builds an engine from a snapshot it would then refuse.
  checkBookState(book, config.positionMode);
  return { config, equity, engine, maxSymbols, book, counters, prices: live.prices, trading: portfolio.trading };
}

// config

function writeConfig(w: ByteWriter, config: RiskConfig): void {
  w.bool(config.enabled);
  w.u32(config.correlationLookback);
  w.u32(config.minPeriods);
  for (const key of RATIO_KEYS) w.f64(config[key]);
  w.bool(config.hedgeAwareCorrelation);
  w.u8(ON_ERROR.indexOf(config.onError));
  writeLiveConfig(w, config);
}

function readConfig(r: ByteReader): RiskConfig {
  const raw: Record<string, unknown> = {
    enabled: r.bool('config.enabled'),
    correlationLookback: r.u32(),
    minPeriods: r.u32(),
  };
  for (const key of RATIO_KEYS) raw[key] = r.f64();
  raw.hedgeAwareCorrelation = r.bool('config.hedgeAwareCorrelation');
  raw.onError = readEnum(r, ON_ERROR, 'config.onError');
  Object.assign(raw, readLiveConfig(r));
  try {
    // The same schema as at creation: a snapshot cannot smuggle in a config create() refuses.
    return parseRiskConfig(raw);
  } catch (error) {
    // create()'s own message, under the snapshot field that held the key.
    throw error instanceof PortfolioGuardError ? asSnapshotError(error, `config.${error.field}`) : error;
  }
}

// equity

/** NaN (never set) or what updateEquity accepts: a finite number. */
function readEquity(r: ByteReader): number {
  const equity = r.f64();
  if (!Number.isFinite(equity) && !Number.isNaN(equity)) {
    throw new SnapshotError('equity', `must be a finite number (or NaN before updateEquity), got ${quote(equity)}`, equity);
  }
  return equity;
}

// engine

function writeEngine(w: ByteWriter, engine: EngineState, maxSymbols: number): void {
  w.u32(engine.layout);
  w.u32(engine.window);
  w.u32(engine.minPeriods);
  w.u32(maxSymbols);
  w.u32(engine.symbols.length);
  for (const name of engine.symbols) w.string(name);
  w.bytes(engine.core);
  w.bytes(engine.records);
}

function readEngine(r: ByteReader, config: RiskConfig): { engine: EngineState; maxSymbols: number } {
  // First: the blocks below mean nothing to a core of another layout.
  const layout = r.u32();
  checkLayout(layout);
  const window = r.u32();
  const minPeriods = r.u32();
  if (window !== config.correlationLookback || minPeriods !== config.minPeriods) {
    throw new SnapshotError('engine', `window ${window}/minPeriods ${minPeriods} disagree with the config's ${config.correlationLookback}/${config.minPeriods}`, window);
  }
  const maxSymbols = r.u32();
  if (maxSymbols < 1 || maxSymbols > MAX_SYMBOLS) {
    throw new SnapshotError('maxSymbols', `must be an integer in [1, ${MAX_SYMBOLS}], got ${maxSymbols}`, maxSymbols);
  }
  const symbolCount = r.count('symbols', 4);
  if (symbolCount > maxSymbols) {
    throw new SnapshotError('symbols', `${symbolCount} symbols exceed the snapshot's maxSymbols ${maxSymbols}`, symbolCount);
  }
  const symbols = Array.from({ length: symbolCount }, () => r.string());
  const engine: EngineState = { layout, window, minPeriods, symbols, core: r.bytes(), records: r.bytes() };
  checkEngineState(engine);
  return { engine, maxSymbols };
}

// book

function writeBook(w: ByteWriter, book: BookState): void {
  w.f64(book.nextAutoId);
  w.u32(book.positions.length);
  for (const p of book.positions) writeNamedHolding(w, p);
  for (const order of [book.symbolOrder, book.regimeOrder]) {
    w.u32(order.length);
    for (const name of order) w.string(name);
  }
}

/** The positions and orders; the reservations come with the live section, and the whole book is checked then. */
function readBook(r: ByteReader): Omit<BookState, 'reservations' | 'nextReservationId'> {
  const nextAutoId = r.f64();
  const positions: Holding[] = [];
  for (let k = 0, n = r.count('positions', 23); k < n; k++) positions.push(readNamedHolding(r, `positions[${k}]`));
  const readNames = (field: string): string[] => Array.from({ length: r.count(field, 6) }, () => r.string());
  const symbolOrder = readNames('symbolOrder');
  const regimeOrder = readNames('regimeOrder');
  return { positions, symbolOrder, regimeOrder, nextAutoId };
}

// counters

function writeCounters(w: ByteWriter, counters: CountersState): void {
  for (const key of COUNTER_KEYS) w.f64(counters[key]);
  for (const key of REDUCED_KEYS) w.f64(counters.reducedBy[key]);
  for (const key of BLOCKED_KEYS) w.f64(counters.blockedBy[key]);
}

/** The counters every version had; the live section adds the rest. */
function readCounters(r: ByteReader) {
  return {
    ...readRecord(r, COUNTER_KEYS, 'counters'),
    reducedBy: readRecord(r, REDUCED_KEYS, 'counters.reducedBy'),
    blockedBy: readRecord(r, BLOCKED_KEYS, 'counters.blockedBy'),
  };
}

function readRecord<K extends string>(r: ByteReader, keys: readonly K[], section: string): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = storedCount(r.f64(), `${section}.${key}`);
  return out;
}

function readEnum<T>(r: ByteReader, values: readonly T[], field: string): T {
  const code = r.u8();
  if (code >= values.length) throw new SnapshotError(field, `unknown code ${quote(code)}`, code);
  return values[code]!;
}
