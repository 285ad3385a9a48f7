/**
 * PortfolioRiskManager: before a bot sends an order it asks "may I open this, and at what
 * size?". The answer only ever shrinks or blocks a trade. Every call reads each field of its
 * arguments once and checks it before touching state, so a throw (a typed error naming the
 * field) changes nothing; loggers and listeners hear about a change after it is made, and
 * nothing they do (throwing included) changes the call's outcome.
 */
import { BarClock } from '../bar-time.js';
import { CandleBuffer, parseCandlesInto, type Candle } from '../candles.js';
import { parseConfigUpdate, parseRiskConfigKeys, type RiskConfig, type RiskConfigSource, type RiskConfigUpdate } from '../config.js';
import { checkCurrency, quoteOf } from '../currency.js';
import { AFTER_ROW, CorrelationEngine, INGEST_PARSED, LIST_QUERIES, type IngestResult } from '../engine.js';
import { ConfigError, NotFoundError, ValidationError, quote } from '../errors.js';
import { checkName, checkOptionalLabel } from '../names.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../snapshot/manager-snapshot.js';
import { AlignmentWatch } from './alignment.js';
import { BarInput, type BarCloses } from './bar-input.js';
import { BarMarks } from './bar-marks.js';
import { BookMaxCorrelation } from './book-correlation.js';
import { BookView } from './book-view.js';
import * as check from './checks.js';
import { composeSize } from './compose.js';
import { creationWarnings, updateWarnings } from './config-warnings.js';
import { CorrelationCache } from './correlation-cache.js';
import { TradeEvaluator } from './evaluator.js';
import type { Listener, ManagerEventName, ManagerEvents } from './events.js';
import { RiskLog } from './logger.js';
import { asConfigError, prepareOptions, prepareRestoreOptions, type ManagerOptions, type RestoreOptions } from './options.js';
import { PositionBook, type Holding, type ReservationHolding } from './positions.js';
import { PriceBook } from './prices.js';
import { Reporter } from './reporter.js';
import { HALTED_RESULT, NO_EQUITY_RESULT, disabledResult, errorResult, noPriceResult, withNoQuantity } from './results.js';
import { Counters, buildStats, type PortfolioStats } from './stats.js';
import { applySync, readExchangePositions, type ExchangePosition, type SyncOptions, type SyncResult } from './sync-positions.js';
import type { AmountUnit, Position, PositionInput, Reservation, Side, ValidateOptions, ValidationRequest, ValidationResult } from './types.js';
import { UnknownPairs } from './unknown-pairs.js';
import { BookRisk } from './portfolio-risk/book-risk.js';
import { PortfolioSizer } from './portfolio-risk/sizer.js';
import { Annualiser } from './portfolio-risk/annualise.js';
import { riskStats } from './portfolio-risk/risk-stats.js';
import { TRADING_STATES, TradingStateMachine, type TradingStateChange } from './portfolio-risk/trading-state.js';
import type { TradingState } from './portfolio-risk/types.js';

/** A fill may exceed its reservation by this much (relative) and still be the reserved amount: float noise, not an over-fill. */
const FILL_ROUNDING = 1e-9;

type RestoredState = Omit<ManagerState, 'config' | 'engine' | 'maxSymbols'>;

export class PortfolioRiskManager {
  /** The correlation engine, for advanced use (matrices, rows). Feed candles through the manager. */
  readonly engine: CorrelationEngine;
  private current: RiskConfig;
  private readonly prices: PriceBook;
  private readonly book: PositionBook;
  private readonly correlations: CorrelationCache;
  private readonly maxCorrelation: BookMaxCorrelation;
  private readonly evaluator: TradeEvaluator;
  private readonly report: Reporter;
  private readonly log: RiskLog;
  private readonly clock: BarClock;
  private readonly bars: BarInput;
  private readonly barMarks: BarMarks;
  private readonly alignment: AlignmentWatch | undefined;
  private readonly unknownPairs = new UnknownPairs();
  /** updateMarketData's parsed candles, reused from call to call. */
  private readonly candles = new CandleBuffer();
  private readonly now: () => number;
  private equityValue: number;
  private readonly bookRisk: BookRisk;
  private readonly annualiser: Annualiser;
  private readonly trading: TradingStateMachine;

  private constructor(config: RiskConfig, engine: CorrelationEngine, log: RiskLog, now: () => number, restored?: RestoredState) {
    this.current = config;
    this.engine = engine;
    this.log = log;
    this.now = now;
    this.prices = restored ? PriceBook.fromState(restored.prices, config.accountCurrency) : new PriceBook(config.accountCurrency);
    this.book = restored ? PositionBook.fromState(restored.book, config.positionMode, this.prices) : new PositionBook(config.positionMode, this.prices);
    this.equityValue = restored ? restored.equity : Number.NaN;
    this.report = new Reporter(log, restored ? Counters.fromState(restored.counters) : new Counters());
    this.clock = new BarClock(config.timeframe, config.timestampUnit);
    this.bars = new BarInput(engine);
    // With bars aligned by a timeframe, feeds cannot disagree on timestamps: nothing to watch.
    this.alignment = this.clock.aligned ? undefined : new AlignmentWatch(config.correlationLookback + 1, config.minPeriods);
    this.barMarks = new BarMarks(this.prices, this.alignment);
    const view = new BookView(engine[LIST_QUERIES], this.book);
    this.correlations = new CorrelationCache(view);
    this.maxCorrelation = new BookMaxCorrelation(view);
    this.evaluator = new TradeEvaluator(this.book, this.correlations);
    this.bookRisk = new BookRisk(view, this.book, engine.covariances);
    this.annualiser = new Annualiser(() => engine.medianRowSpacing());
    engine[AFTER_ROW] = () => this.refreshBookRisk();
    this.evaluator.sizer = new PortfolioSizer(this.book, this.bookRisk, (symbol) => engine.symbolId(symbol), this.annualiser);
    this.trading = restored?.trading ? TradingStateMachine.fromState(restored.trading) : new TradingStateMachine();
    this.evaluator.tradingState = this.trading.state;
  }

  /** Works everywhere (browsers' main threads included). */
  static async create(config?: RiskConfigSource, options?: ManagerOptions): Promise<PortfolioRiskManager> {
    const { config: risk, given } = parseRiskConfigKeys(config);
    const prepared = prepareOptions(risk, options);
    const engine = await CorrelationEngine.create(prepared.engine).catch((e: unknown) => { throw asConfigError(e); });
    return PortfolioRiskManager.created(risk, given, engine, prepared.logger, prepared.now);
  }

  /** Node and workers: compiles the wasm synchronously. */
  static createSync(config?: RiskConfigSource, options?: ManagerOptions): PortfolioRiskManager {
    const { config: risk, given } = parseRiskConfigKeys(config);
    const prepared = prepareOptions(risk, options);
    let engine: CorrelationEngine;
    try {
      engine = CorrelationEngine.createSync(prepared.engine);
    } catch (e) {
      throw asConfigError(e);
    }
    return PortfolioRiskManager.created(risk, given, engine, prepared.logger, prepared.now);
  }

  private static created(config: RiskConfig, given: readonly string[], engine: CorrelationEngine, logger: ManagerOptions['logger'], now: () => number): PortfolioRiskManager {
    const log = new RiskLog(logger);
    for (const line of creationWarnings(config, given)) log.configWarning(line);
    return new PortfolioRiskManager(config, engine, log, now);
  }

  /**
   * A manager whose every answer equals the one that wrote `snapshot` (see snapshot()).
   * Throws a SnapshotError, and builds nothing, when the bytes are truncated, corrupted or of
   * another format version. Listeners are not part of a snapshot: subscribe again.
   */
  static async restore(snapshot: Uint8Array | ArrayBuffer, options?: RestoreOptions): Promise<PortfolioRiskManager> {
    const state = decodeManagerSnapshot(snapshot);
    const prepared = prepareRestoreOptions(state, options);
    const engine = await CorrelationEngine.fromState(state.engine, prepared.engine);
    return new PortfolioRiskManager(state.config, engine, new RiskLog(prepared.logger), prepared.now, state);
  }

  /** restore(), synchronously (Node and workers). */
  static restoreSync(snapshot: Uint8Array | ArrayBuffer, options?: RestoreOptions): PortfolioRiskManager {
    const state = decodeManagerSnapshot(snapshot);
    const prepared = prepareRestoreOptions(state, options);
    const engine = CorrelationEngine.fromStateSync(state.engine, prepared.engine);
    return new PortfolioRiskManager(state.config, engine, new RiskLog(prepared.logger), prepared.now, state);
  }

  /** The validated configuration (frozen); updateConfig replaces it. */
  get config(): RiskConfig {
    return this.current;
  }

  get enabled(): boolean {
    return this.current.enabled;
  }

  /**
   * Changes rule settings live (a simulator's sliders, a bot's hot reload): any of enabled,
   * the threshold and reduction, the three caps, minFillRatio, hedgeAwareCorrelation, onError,
   * onUnknownCorrelation, reservationTtlMs (for reservations made from then on), in camelCase
   * or snake_case. Validated by the creation schema against the merged config; the keys that
   * shape the engine and the book (correlationLookback, minPeriods, timeframe, timestampUnit,
   * accountCurrency, positionMode) are fixed at creation (ConfigError). A bad update throws
   * and changes nothing. Returns the new config.
   */
  updateConfig(partial: RiskConfigUpdate): RiskConfig {
    const next = parseConfigUpdate(this.current, check.fieldsReadOnce(partial));
    const before = this.current;
    this.current = next;
    // No cache reads the config today; clearing anyway keeps that from becoming a stale-answer
    // bug the day one does. Updates are rare (a person moves a slider), so the cost is nil.
    this.clearCaches();
    this.log.configUpdated(before, next);
    for (const line of updateWarnings(before, next)) this.log.configWarning(line);
    return next;
  }

  /**
   * The whole state as bytes: config, equity, engine (grid, rings, co-moments), positions, id
   * counter and stats counters, framed with a magic number, a format version, the length and
   * a CRC-32. `PortfolioRiskManager.restore(bytes)` gives a manager whose every answer (and
   * whose own snapshot) is identical. Write it to disk to survive restarts.
   */
  snapshot(): Uint8Array {
    this.expireReservations();
    return encodeManagerSnapshot({
      config: this.current,
      equity: this.equityValue,
      engine: this.engine.exportState(),
      maxSymbols: this.engine.maxSymbols,
      book: this.book.exportState(),
      counters: this.report.counters.exportState(),
      prices: this.prices.exportState(),
      trading: this.trading.exportState(),
    });
  }

  /** NaN until updateEquity is called. */
  get equity(): number {
    return this.equityValue;
  }

  /** Account equity in account currency; ≤ 0 makes validation block (there is nothing to size against). */
  updateEquity(equity: number): void {
    this.equityValue = check.requireEquity(equity);
    const change = this.trading.observe(this.equityValue, this.current.drawdownGuard);
    if (change !== undefined) this.tradingStateChanged(change);
  }

  /** `active`, `reducing` (only trades that lower gross exposure) or `halted` (every validation blocked). */
  get tradingState(): TradingState {
    return this.trading.state;
  }

  /** Sets the trading state by hand; a state the drawdown guard set is then yours to change. */
  setTradingState(state: TradingState): void {
    if (!(TRADING_STATES as readonly unknown[]).includes(state)) {
      throw new ValidationError('state', `must be one of ${TRADING_STATES.map((s) => `"${s}"`).join(', ')}, got ${quote(state)}`, state);
    }
    const change = this.trading.set(state);
    if (change !== undefined) this.tradingStateChanged(change);
  }

  private tradingStateChanged(change: TradingStateChange): void {
    this.evaluator.tradingState = this.trading.state;
    this.report.tradingState(change);
  }

  /**
   * Candles for one symbol (ccxt arrays or `{timestamp|time, close}`); overlapping re-sends
   * are fine. Times are milliseconds (or a Date), floored to the configured timeframe's bars;
   * the latest close re-marks every quantity held on the symbol.
   */
  updateMarketData(symbol: string, candles: readonly Candle[]): IngestResult {
    const name = checkName(symbol, 'symbol');
    const parsed = parseCandlesInto(candles, 'candles', this.clock, this.candles);
    const result = this.engine[INGEST_PARSED](name, parsed);
    const n = parsed.count;
    if (n > 0) this.prices.setClose(name, parsed.timestamps[n - 1]!, parsed.closes[n - 1]!);
    this.alignment?.record(name, parsed.timestamps, n);
    return result;
  }

  /**
   * One bar for many symbols in one call, through the engine's whole-row path: `closes` is a
   * record, a Map or an iterable of `[symbol, close]`. Symbols not seen before are added. The
   * correlations are those of the same candles sent with updateMarketData, symbol by symbol.
   * Every input is checked before anything changes.
   */
  updateMarketBar(timestamp: number | Date, closes: BarCloses): void {
    const t = this.clock.read(timestamp, 'timestamp');
    this.bars.read(closes).push(t);
    this.barMarks.record(this.bars, t);
    this.refreshBookRisk();
  }

  /**
   * With a volatility or shock cap the book's covariance risk is part of a whole bar's work:
   * one O(P²) core pass over the open book, small beside the bar's own O(N²) pass, so the first
   * validation after the bar reads it ready. The same computation a validation would run.
   */
  private refreshBookRisk(): void {
    const c = this.current;
    const equity = this.equityValue;
    if ((c.maxPortfolioVolatility !== undefined || c.maxShockRisk !== undefined) && equity > 0 && Number.isFinite(equity)) {
      this.bookRisk.update(equity);
    }
  }

  /**
   * With an `accountCurrency`: what one unit of `currency` is worth in it, for symbols quoted
   * in `currency` when the manager has no candles of `currency/ACCOUNT` (or `ACCOUNT/currency`).
   */
  updateQuoteRate(currency: string, rate: number): void {
    const name = checkCurrency(currency, 'currency');
    const value = check.requireSize(rate, 'rate');
    const account = this.current.accountCurrency;
    if (account === undefined) {
      throw new ValidationError('currency', 'no accountCurrency is configured, so prices are taken to be in account currency and no rate is used', name);
    }
    if (name === account) throw new ValidationError('currency', `is the account currency (its rate is 1), got ${quote(name)}`, name);
    this.prices.setRate(name, value);
  }

  /**
   * Records a filled position; returns its id. Hedge mode: several per symbol, long and short.
   * Netting mode: nets into the symbol's one position (which keeps its id), and returns that id.
   */
  registerPosition(input: PositionInput): string {
    const p = check.requireObject(input, 'position');
    const givenId = p.id;
    const id = givenId === undefined ? undefined : checkName(givenId, 'id');
    const symbol = checkName(p.symbol, 'symbol');
    const side = check.requireSide(p.side, 'side');
    const size = p.size;
    const quantity = p.quantity;
    const amount = check.requireAmount(size, quantity, 'size', 'quantity');
    const unit = check.unitOf(quantity);
    const regime = check.optionalName(p.regime, 'regime');
    const strategy = checkOptionalLabel(p.strategy, 'strategy') ?? '';
    this.expireReservations();
    return this.record(id, { symbol, side, unit, amount, regime, strategy }, unit);
  }

  /**
   * Closes one position by id, or every position of a symbol. An id wins over a symbol of the
   * same name. Returns the closed positions.
   */
  unregisterPosition(idOrSymbol: string): Position[] {
    const key = checkName(idOrSymbol, 'idOrSymbol');
    const ids = this.book.has(key) ? [key] : this.book.idsOfSymbol(key);
    if (ids.length === 0) {
      throw new NotFoundError('idOrSymbol', `no open position or symbol ${quote(key)}`, key);
    }
    this.expireReservations();
    const closed = ids.map((id) => this.book.positionOf(this.book.remove(id)));
    for (const position of closed) this.report.closed(position, 'unregister');
    return closed;
  }

  /**
   * Partial close (or add): sets a position's amount in its own unit (the notional of a
   * position registered by size, the quantity of one registered by quantity). 0 closes it
   * and returns null.
   */
  resizePosition(id: string, size: number): Position | null {
    const key = checkName(id, 'id');
    const next = check.requireSize(size, 'size', true);
    const before = this.book.get(key);
    if (before === undefined) throw new NotFoundError('id', `no open position ${quote(key)}`, key);
    this.expireReservations();
    if (next === 0) {
      this.report.closed(this.book.positionOf(this.book.remove(key)), 'resize');
      return null;
    }
    const was = this.book.positionOf(before);
    const after = this.book.positionOf(this.book.resize(key, next));
    this.report.resized(was, after);
    return after;
  }

  /**
   * Makes the book equal the exchange's positions (ccxt's `fetchPositions`): one position per
   * symbol and side, worth the exchange's `notional` (else contracts × contractSize × markPrice).
   * A position still reported keeps its id; the others close (`unregistered`, cause `sync`) and
   * new ones open (`registered`). Reservations stay. Every entry is checked before anything
   * changes. Returns what changed.
   */
  syncPositions(positions: readonly ExchangePosition[], options?: SyncOptions): SyncResult {
    const targets = readExchangePositions(positions, options, this.book.mode === 'netting', this.current.accountCurrency, (c) => this.prices.currencyRate(c));
    this.expireReservations();
    const { registered, unregistered, updated, before } = applySync(this.book, targets);
    for (const p of unregistered) this.report.closed(p, 'sync');
    updated.forEach((p, k) => this.report.resized(before[k]!, p));
    for (const p of registered) this.report.registered(p);
    return { registered, unregistered, updated };
  }

  getPosition(id: string): Position | undefined {
    const key = checkName(id, 'id');
    this.expireReservations();
    const h = this.book.get(key);
    return h === undefined ? undefined : this.book.positionOf(h);
  }

  /** Open positions, oldest first; a quantity's `size` is its value at the latest prices. */
  getPositions(): Position[] {
    this.expireReservations();
    return Array.from(this.book.holdings(), (h) => this.book.positionOf(h));
  }

  /** Live reservations (orders in flight), oldest first. */
  getReservations(): Reservation[] {
    this.expireReservations();
    return Array.from(this.book.reservations(), (r) => this.book.reservationOf(r));
  }

  /**
   * The order of a reservation filled: records the position at `filled` (in the unit the
   * trade was proposed in: a notional for proposedSize, base units for proposedQuantity; the
   * whole reservation when omitted) and returns the position's id. A fill may be smaller than
   * the reservation (the rest is released), never larger: a fill above what was allowed is a
   * ValidationError (up to float rounding, which is taken as the reserved amount).
   */
  fillReservation(reservationId: string, filled?: number): string {
    const id = checkName(reservationId, 'reservationId');
    const amount = filled === undefined ? undefined : check.requireSize(filled, 'filled');
    this.expireReservations();
    const r = this.book.reservation(id);
    if (r === undefined) throw new NotFoundError('reservationId', `no live reservation ${quote(id)} (never made, or already filled, released or expired)`, id);
    let fill = amount ?? r.amount;
    if (fill > r.amount) {
      if (fill > r.amount * (1 + FILL_ROUNDING)) {
        throw new ValidationError('filled', `exceeds the reserved ${r.unit === 'size' ? 'size' : 'quantity'} ${r.amount}: validate the excess as a new trade, got ${quote(fill)}`, fill);
      }
      fill = r.amount;
    }
    const incoming = { symbol: r.symbol, side: r.side, unit: r.unit, amount: fill, regime: r.regime, strategy: r.strategy };
    // Everything that can refuse runs before the reservation goes.
    const plan = this.book.mode === 'netting' ? this.book.planNet(incoming, 'filled') : undefined;
    const reservation = this.book.reservationOf(r);
    this.book.unreserve(id);
    const positionId = this.apply(plan, undefined, incoming);
    const position = this.book.get(positionId);
    this.report.reservationFilled(reservation, fill, position === undefined ? null : this.book.positionOf(position), positionId);
    return positionId;
  }

  /** The order of a reservation will not fill (cancelled, rejected): its hold is dropped. */
  releaseReservation(reservationId: string): void {
    const id = checkName(reservationId, 'reservationId');
    this.expireReservations();
    const r = this.book.reservation(id);
    if (r === undefined) throw new NotFoundError('reservationId', `no live reservation ${quote(id)} (never made, or already filled, released or expired)`, id);
    const reservation = this.book.reservationOf(r);
    this.book.unreserve(id);
    this.report.reservationReleased(reservation);
  }

  /** Pearson correlation of log returns; NaN when unknown (no data or too few shared bars). */
  getCorrelation(a: string, b: string): number {
    const i = this.engine.symbolId(checkName(a, 'a'));
    const j = this.engine.symbolId(checkName(b, 'b'));
    return i === undefined || j === undefined ? Number.NaN : this.engine.correlationById(i, j);
  }

  /** Gross (long + short) notional of a symbol / equity, reservations included; NaN without positive equity. */
  getSymbolExposure(symbol: string): number {
    const name = checkName(symbol, 'symbol');
    this.expireReservations();
    return this.fraction(this.book.symbolGross(name));
  }

  getRegimeExposure(regime: string): number {
    const name = checkName(regime, 'regime');
    this.expireReservations();
    return this.fraction(this.book.regimeGross(name));
  }

  getDirectionalExposure(side: Side): number {
    const s = check.requireSide(side, 'side');
    this.expireReservations();
    return this.fraction(this.book.directional(s));
  }

  /**
   * May this trade open, and at what size? `proposedSize` is the notional after upstream
   * multipliers (or `proposedQuantity`, base units); open proposed × sizeMultiplier. With
   * `{ reserve: true }` an allowed answer holds its size until the order fills. See
   * docs/portfolio-risk.md for the rules.
   */
  validateNewPosition(request: ValidationRequest, options?: ValidateOptions): ValidationResult {
    // Off means no behaviour change at all: not even argument checks can throw.
    const config = this.current;
    if (!config.enabled) return disabledResult(request, (symbol, quantity) => this.prices.value(symbol, quantity));
    const r = check.requireObject(request, 'request');
    const symbol = checkName(r.symbol, 'symbol');
    const side = check.requireSide(r.side, 'side');
    const size = r.proposedSize;
    const quantity = r.proposedQuantity;
    const amount = check.requireAmount(size, quantity, 'proposedSize', 'proposedQuantity');
    const byQuantity = quantity !== undefined;
    const regime = check.optionalName(r.regime, 'regime');
    const strategy = checkOptionalLabel(r.strategy, 'strategy');
    const flags = check.validateFlags(options);
    const dryRun = (flags & check.DRY_RUN) !== 0;
    this.expireReservations();

    if (!dryRun) this.report.validating();
    let result: ValidationResult;
    const proposed = byQuantity ? this.prices.value(symbol, amount) : amount;
    if (this.trading.state === 'halted') {
      result = byQuantity ? withNoQuantity(HALTED_RESULT) : HALTED_RESULT;
    } else if (!(this.equityValue > 0)) {
      result = byQuantity ? withNoQuantity(NO_EQUITY_RESULT) : NO_EQUITY_RESULT;
    } else if (Number.isNaN(proposed)) {
      const missing = Number.isNaN(this.prices.close(symbol)) ? 'close' : 'rate';
      result = noPriceResult(symbol, missing, missing === 'rate' ? quoteOf(symbol) : undefined);
    } else {
      const valuation = byQuantity ? { quantity: amount, price: this.prices.close(symbol), quoteRate: this.prices.quoteRate(symbol) } : undefined;
      try {
        result = this.evaluator.evaluate(config, symbol, side, proposed, regime, this.equityValue, valuation);
        if (!dryRun && this.evaluator.decidedWithUnknown) this.report.counters.unknownCorrelationDecisions += 1;
      } catch (error) {
        result = errorResult(config.onError, error, proposed, byQuantity ? amount : undefined);
        if (!dryRun) this.report.internalError(config.onError, error);
      }
    }
    let reservation: Reservation | undefined;
    if ((flags & check.RESERVE) !== 0 && (result.code === 'ALLOWED' || result.code === 'REDUCED')) {
      const held = byQuantity ? result.allowedQuantity! : result.allowedSize;
      reservation = this.reserve(symbol, side, byQuantity ? 'quantity' : 'size', held, regime, strategy ?? '');
      result = { ...result, reservationId: reservation.id };
    }
    if (!dryRun) {
      const checked = byQuantity
        ? { symbol, side, proposedQuantity: amount, regime, strategy }
        : { symbol, side, proposedSize: amount, regime, strategy };
      this.report.validated(checked, result);
      if (result.details !== null) this.noteUnknownCorrelations(symbol);
    }
    if (reservation !== undefined) this.report.reserved(reservation);
    return result;
  }

  getStats(): PortfolioStats {
    this.expireReservations();
    const { counters, observerErrors } = this.report;
    const stats = buildStats(this.current.enabled, this.equityValue, this.book, counters, observerErrors, this.maxCorrelation.get());
    return Object.assign(stats, riskStats(this.current, this.equityValue, this.book, this.bookRisk, this.annualiser, this.trading.state));
  }

  /**
   * Subscribes to `registered`, `unregistered`, `reduced` or `blocked`; returns the
   * unsubscriber. Listeners run synchronously after the change; one that throws changes
   * nothing: later listeners still run, and the error is counted (`observerErrors`).
   */
  on<K extends ManagerEventName>(event: K, listener: Listener<ManagerEvents[K]>): () => void {
    return this.report.events.on(event, listener);
  }

  off<K extends ManagerEventName>(event: K, listener: Listener<ManagerEvents[K]>): void {
    this.report.events.off(event, listener);
  }

  /** base × every multiplier, left to right (a bot's optimization × drawdown × portfolio). */
  composeSize(base: number, ...multipliers: number[]): number {
    return composeSize(base, ...multipliers);
  }

  /** Forgets cached correlations; answers are unchanged (caches are never stale), only slower once. */
  clearCaches(): void {
    this.correlations.clear();
    this.maxCorrelation.clear();
    this.bookRisk.invalidate();
  }

  private fraction(notional: number): number {
    return this.equityValue > 0 ? notional / this.equityValue : Number.NaN;
  }

  /** The clock, checked: a reservation's expiry must be a real time. */
  private readClock(): number {
    const t = this.now();
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new ConfigError('now', `must return a finite number of milliseconds, got ${quote(t)}`, t);
    }
    return t;
  }

  /**
   * Drops reservations whose time is up, each with its event and log line. Runs at the start
   * of every call that reads or changes the book, so an expired hold never counts; reads the
   * clock only while reservations are live.
   */
  private expireReservations(): void {
    if (this.book.reservationCount === 0) return;
    const expired = this.book.expire(this.readClock());
    for (const r of expired) this.report.reservationExpired(this.book.reservationOf(r));
  }

  private reserve(symbol: string, side: Side, unit: AmountUnit, amount: number, regime: string | undefined, strategy: string): Reservation {
    const expiresAt = this.readClock() + this.current.reservationTtlMs;
    const holding: ReservationHolding = Object.freeze({ id: this.book.freshReservationId(), symbol, side, unit, amount, regime, strategy, expiresAt });
    this.book.reserve(holding);
    return this.book.reservationOf(holding);
  }

  /**
   * Records an incoming position (checked): a new position in hedge mode, or netted into the
   * symbol's position in netting mode. `givenId` names a new position; in netting mode it must
   * be the open position's id when the symbol has one. Returns the position's id.
   */
  private record(givenId: string | undefined, incoming: Omit<Holding, 'id'>, unitField: AmountUnit): string {
    const open = this.book.mode === 'netting' ? this.book.netPosition(incoming.symbol) : undefined;
    if (givenId !== undefined && givenId !== open?.id && this.book.has(givenId)) {
      throw new ValidationError('id', `position ${quote(givenId)} is already open`, givenId);
    }
    if (open !== undefined && givenId !== undefined && givenId !== open.id) {
      throw new ValidationError('id', `netting mode holds one position per symbol: ${quote(incoming.symbol)} is open as ${quote(open.id)}, got ${quote(givenId)}`, givenId);
    }
    const plan = open === undefined ? undefined : this.book.planNet(incoming, unitField);
    return this.apply(plan, givenId, incoming);
  }

  /** Applies a checked registration (`plan` from planNet in netting mode); returns the position's id. */
  private apply(plan: ReturnType<PositionBook['planNet']> | undefined, givenId: string | undefined, incoming: Omit<Holding, 'id'>): string {
    if (plan === undefined || plan.kind === 'open') {
      const position: Holding = Object.freeze({ id: givenId ?? this.book.freshId(), ...incoming });
      this.book.open(position);
      const copy = this.book.positionOf(position);
      this.report.registered(copy);
      if (Number.isNaN(copy.size)) this.log.unpriced(copy);
      return position.id;
    }
    if (plan.kind === 'close') {
      const before = this.book.positionOf(plan.before);
      this.book.remove(plan.before.id);
      this.report.closed(before, 'netted');
      return plan.before.id;
    }
    const before = this.book.positionOf(plan.before);
    const after = this.book.positionOf(this.book.replace(plan.before, Object.freeze(plan.after)));
    this.report.resized(before, after);
    return after.id;
  }

  /**
   * After a counted decision: one warn per open symbol whose correlation with `symbol` is
   * unknown (until it is known again), and, without a timeframe, a check of whether the two
   * feeds' timestamps line up at all.
   */
  private noteUnknownCorrelations(symbol: string): void {
    const row = this.evaluator.lastRow;
    if (row === undefined || row.symbol !== symbol) return;
    if (!this.unknownPairs.empty) {
      for (let k = 0; k < row.count; k++) if (!Number.isNaN(row.correlations[k]!)) this.unknownPairs.known(symbol, row.slots[k]!.name);
    }
    if (row.unknown.length === 0) return;
    const { minPeriods, onUnknownCorrelation } = this.current;
    for (const u of row.unknown) {
      if (this.unknownPairs.firstTime(symbol, u.symbol)) this.log.unknownCorrelation(symbol, u.symbol, u.observations, minPeriods, onUnknownCorrelation);
    }
    const watch = this.alignment;
    if (watch === undefined) return;
    const report = (a: string, b: string, p: { barsA: number; barsB: number; shared: number }) => this.log.misaligned(a, b, p.barsA, p.barsB, p.shared);
    watch.check(symbol, report);
    for (const u of row.unknown) watch.check(u.symbol, report);
  }
}
