/**
 * PortfolioRiskManager: before a bot sends an order it asks "may I open this, and at what
 * size?". The answer only ever shrinks or blocks a trade. Every call reads each field of its
 * arguments once and checks it before touching state, so a throw (a typed error naming the
 * field) changes nothing; loggers and listeners hear about a change after it is made, and
 * nothing they do (throwing included) changes the call's outcome.
 */
import { parseConfigUpdate, parseRiskConfig, type RiskConfig, type RiskConfigSource, type RiskConfigUpdate } from '../config.js';
import { CorrelationEngine, type IngestResult } from '../engine.js';
import type { Candle } from '../candles.js';
import { NotFoundError, quote } from '../errors.js';
import { checkName, checkOptionalLabel } from '../names.js';
import { decodeManagerSnapshot, encodeManagerSnapshot, type ManagerState } from '../snapshot/manager-snapshot.js';
import { BookMaxCorrelation } from './book-correlation.js';
import { BookView } from './book-view.js';
import * as check from './checks.js';
import { composeSize } from './compose.js';
import { CorrelationCache } from './correlation-cache.js';
import { TradeEvaluator } from './evaluator.js';
import type { Listener, ManagerEventName, ManagerEvents } from './events.js';
import { RiskLog } from './logger.js';
import { asConfigError, prepareOptions, prepareRestoreOptions, type ManagerOptions, type RestoreOptions } from './options.js';
import { PositionBook } from './positions.js';
import { Reporter } from './reporter.js';
import { DISABLED_RESULT, NO_EQUITY_RESULT, errorResult } from './results.js';
import { Counters, buildStats, type PortfolioStats } from './stats.js';
import type { Position, PositionInput, Side, ValidateOptions, ValidationRequest, ValidationResult } from './types.js';

export class PortfolioRiskManager {
  /** The correlation engine, for advanced use (matrices, rows). Feed candles through the manager. */
  readonly engine: CorrelationEngine;
  private current: RiskConfig;
  private readonly book: PositionBook;
  private readonly correlations: CorrelationCache;
  private readonly maxCorrelation: BookMaxCorrelation;
  private readonly evaluator: TradeEvaluator;
  private readonly report: Reporter;
  private readonly log: RiskLog;
  private equityValue: number;

  private constructor(config: RiskConfig, engine: CorrelationEngine, log: RiskLog, restored?: Omit<ManagerState, 'config' | 'engine' | 'maxSymbols'>) {
    this.current = config;
    this.engine = engine;
    this.log = log;
    this.book = restored ? PositionBook.fromState(restored.book) : new PositionBook();
    this.equityValue = restored ? restored.equity : Number.NaN;
    this.report = new Reporter(log, restored ? Counters.fromState(restored.counters) : new Counters());
    const view = new BookView(engine, this.book);
    this.correlations = new CorrelationCache(view);
    this.maxCorrelation = new BookMaxCorrelation(view);
    this.evaluator = new TradeEvaluator(this.book, this.correlations);
  }

  /** Works everywhere (browsers' main threads included). */
  static async create(config?: RiskConfigSource, options?: ManagerOptions): Promise<PortfolioRiskManager> {
    const risk = parseRiskConfig(config);
    const prepared = prepareOptions(risk, options);
    const engine = await CorrelationEngine.create(prepared.engine).catch((e: unknown) => { throw asConfigError(e); });
    return new PortfolioRiskManager(risk, engine, new RiskLog(prepared.logger));
  }

  /** Node and workers: compiles the wasm synchronously. */
  static createSync(config?: RiskConfigSource, options?: ManagerOptions): PortfolioRiskManager {
    const risk = parseRiskConfig(config);
    const prepared = prepareOptions(risk, options);
    let engine: CorrelationEngine;
    try {
      engine = CorrelationEngine.createSync(prepared.engine);
    } catch (e) {
      throw asConfigError(e);
    }
    return new PortfolioRiskManager(risk, engine, new RiskLog(prepared.logger));
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
    return new PortfolioRiskManager(state.config, engine, new RiskLog(prepared.logger), state);
  }

  /** restore(), synchronously (Node and workers). */
  static restoreSync(snapshot: Uint8Array | ArrayBuffer, options?: RestoreOptions): PortfolioRiskManager {
    const state = decodeManagerSnapshot(snapshot);
    const prepared = prepareRestoreOptions(state, options);
    const engine = CorrelationEngine.fromStateSync(state.engine, prepared.engine);
    return new PortfolioRiskManager(state.config, engine, new RiskLog(prepared.logger), state);
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
   * in camelCase or snake_case. Validated by the creation schema against the merged config;
   * correlationLookback and minPeriods are fixed at creation (ConfigError). A bad update throws
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
    return next;
  }

  /**
   * The whole state as bytes: config, equity, engine (grid, rings, co-moments), positions, id
   * counter and stats counters, framed with a magic number, a format version, the length and
   * a CRC-32. `PortfolioRiskManager.restore(bytes)` gives a manager whose every answer (and
   * whose own snapshot) is identical. Write it to disk to survive restarts.
   */
  snapshot(): Uint8Array {
    return encodeManagerSnapshot({
      config: this.current,
      equity: this.equityValue,
      engine: this.engine.exportState(),
      maxSymbols: this.engine.maxSymbols,
      book: this.book.exportState(),
      counters: this.report.counters.exportState(),
    });
  }

  /** NaN until updateEquity is called. */
  get equity(): number {
    return this.equityValue;
  }

  /** Account equity in account currency; ≤ 0 makes validation block (there is nothing to size against). */
  updateEquity(equity: number): void {
    this.equityValue = check.requireEquity(equity);
  }

  /** Candles for one symbol (ccxt arrays or `{timestamp|time, close}`); overlapping re-sends are fine. */
  updateMarketData(symbol: string, candles: readonly Candle[]): IngestResult {
    // The engine checks the symbol, with the same rules and messages as every manager call.
    return this.engine.setCandles(symbol, candles);
  }

  /** Records a filled position; returns its id. Several per symbol, long and short. */
  registerPosition(input: PositionInput): string {
    const p = check.requireObject(input, 'position');
    const givenId = p.id;
    const id = givenId === undefined ? undefined : checkName(givenId, 'id');
    const symbol = checkName(p.symbol, 'symbol');
    const side = check.requireSide(p.side, 'side');
    const size = check.requireSize(p.size, 'size');
    const regime = checkName(p.regime, 'regime');
    const strategy = checkOptionalLabel(p.strategy, 'strategy') ?? '';
    const position = this.book.add(id, symbol, side, size, regime, strategy);
    this.report.registered(position);
    return position.id;
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
    const closed = ids.map((id) => this.book.remove(id));
    for (const position of closed) this.report.closed(position, 'unregister');
    return closed;
  }

  /** Partial close (or add): sets a position's size. 0 closes it and returns null. */
  resizePosition(id: string, size: number): Position | null {
    const key = checkName(id, 'id');
    const next = check.requireSize(size, 'size', true);
    const before = this.book.get(key);
    if (before === undefined) throw new NotFoundError('id', `no open position ${quote(key)}`, key);
    if (next === 0) {
      this.report.closed(this.book.remove(key), 'resize');
      return null;
    }
    const after = this.book.resize(key, next);
    this.report.resized(before, after);
    return after;
  }

  getPosition(id: string): Position | undefined {
    return this.book.get(checkName(id, 'id'));
  }

  /** Open positions, oldest first. */
  getPositions(): Position[] {
    return [...this.book.positions()];
  }

  /** Pearson correlation of log returns; NaN when unknown (no data or too few shared bars). */
  getCorrelation(a: string, b: string): number {
    const i = this.engine.symbolId(checkName(a, 'a'));
    const j = this.engine.symbolId(checkName(b, 'b'));
    return i === undefined || j === undefined ? Number.NaN : this.engine.correlationById(i, j);
  }

  /** Gross (long + short) notional of a symbol / equity; NaN without positive equity. */
  getSymbolExposure(symbol: string): number {
    return this.fraction(this.book.symbolGross(checkName(symbol, 'symbol')));
  }

  getRegimeExposure(regime: string): number {
    return this.fraction(this.book.regimeGross(checkName(regime, 'regime')));
  }

  getDirectionalExposure(side: Side): number {
    return this.fraction(this.book.directional(check.requireSide(side, 'side')));
  }

  /**
   * May this trade open, and at what size? `proposedSize` is the size after upstream
   * multipliers; open `proposedSize × sizeMultiplier`. See docs/portfolio-risk.md for rules.
   */
  validateNewPosition(request: ValidationRequest, options?: ValidateOptions): ValidationResult {
    // Off means no behaviour change at all: not even argument checks can throw.
    const config = this.current;
    if (!config.enabled) return DISABLED_RESULT;
    const r = check.requireObject(request, 'request');
    const symbol = checkName(r.symbol, 'symbol');
    const side = check.requireSide(r.side, 'side');
    const proposed = check.requireSize(r.proposedSize, 'proposedSize');
    const regime = checkName(r.regime, 'regime');
    const strategy = checkOptionalLabel(r.strategy, 'strategy');
    const dryRun = check.isDryRun(options);

    if (!dryRun) this.report.validating();
    let result: ValidationResult;
    if (!(this.equityValue > 0)) {
      result = NO_EQUITY_RESULT;
    } else {
      try {
        result = this.evaluator.evaluate(config, symbol, side, proposed, regime, this.equityValue);
      } catch (error) {
        result = errorResult(config.onError, error);
        if (!dryRun) this.report.internalError(config.onError, error);
      }
    }
    if (!dryRun) this.report.validated({ symbol, side, proposedSize: proposed, regime, strategy }, result);
    return result;
  }

  getStats(): PortfolioStats {
    const { counters, observerErrors } = this.report;
    return buildStats(this.current.enabled, this.equityValue, this.book, counters, observerErrors, this.maxCorrelation.get());
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
  }

  private fraction(notional: number): number {
    return this.equityValue > 0 ? notional / this.equityValue : Number.NaN;
  }
}
