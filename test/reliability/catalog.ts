/**
 * The bad-input catalog: one row per kind of bad input, with the call exactly as the
 * documentation prints it, the error it throws and the full message. bad-input.test.ts
 * executes each `call` string as written (so the documentation cannot show a call that does
 * something else) and checks that the printed table is `renderCatalog(CATALOG)`, so the two
 * cannot drift. FURTHER_BAD_INPUT holds more call sites of the same checks, run the same way
 * but not printed.
 *
 * In a call, `m` is a manager with positions and candles (see `catalogManager`) and `t` a
 * timestamp (T below).
 */
import { PortfolioRiskManager } from '../../bindings/manager/index.js';

export type ErrorName = 'ValidationError' | 'NotFoundError' | 'ConfigError' | 'CapacityError' | 'SnapshotError';

export interface CatalogRow {
  readonly input: string;
  /** JavaScript, run with `m`, `t` and `PortfolioRiskManager` in scope. */
  readonly call: string;
  readonly error: ErrorName;
  readonly field: string;
  /** The full `error.message`: always `${field}: …`. */
  readonly message: string;
}

/** The timestamp `t` of the calls: one minute after the fixture's last bar. */
export const T = 1_700_000_000_000 + 40 * 60_000;

/**
 * The manager every row runs against: three symbols (its maxSymbols), two open positions,
 * equity, counted validations, and one live reservation (`r1`, ETH/USDT short 1000).
 * Deterministic, so the messages below are exact.
 */
export function catalogManager(): PortfolioRiskManager {
  const m = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: 30, minPeriods: 10 }, { maxSymbols: 3 });
  ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].forEach((symbol, s) => {
    const candles = Array.from({ length: 40 }, (_, k) => [T - (40 - k) * 60_000, 0, 0, 0, 100 * Math.exp(0.01 * Math.sin(k * (s + 2))), 1]);
    m.updateMarketData(symbol, candles);
  });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 5_000, regime: 'RANGING' });
  m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 30_000, regime: 'TRENDING' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'short', proposedSize: 1_000, regime: 'RANGING' }, { reserve: true });
  return m;
}

const row = (input: string, call: string, error: ErrorName, message: string): CatalogRow => ({
  input,
  call,
  error,
  field: message.slice(0, message.indexOf(': ')),
  message,
});

const OK = "{ symbol: 'SOL/USDT', side: 'long', proposedSize: 1000, regime: 'TRENDING' }";
const POS = "symbol: 'SOL/USDT', side: 'long', size: 1000, regime: 'TRENDING'";

export const CATALOG: readonly CatalogRow[] = [
  // Candles: values
  row('close is NaN', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1, NaN, 1]])', 'ValidationError', 'candles[0].close: must be a finite price > 0, got NaN'),
  row('close is infinite', 'm.updateMarketData(\'BTC/USDT\', [{ timestamp: t, close: Infinity }])', 'ValidationError', 'candles[0].close: must be a finite price > 0, got Infinity'),
  row('close is zero', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1, 0, 1]])', 'ValidationError', 'candles[0].close: must be a finite price > 0, got 0'),
  row('close is negative (after a good candle)', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1, 100, 1], [t + 60000, 1, 1, 1, -5, 1]])', 'ValidationError', 'candles[1].close: must be a finite price > 0, got -5'),
  row('close is a string', 'm.updateMarketData(\'BTC/USDT\', [{ timestamp: t, close: \'100\' }])', 'ValidationError', 'candles[0].close: must be a finite price > 0, got "100"'),
  // Candles: shape
  row('candle array too short', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1]])', 'ValidationError', 'candles[0]: must be [timestamp, open, high, low, close, volume], got 4 values'),
  row('candle neither array nor object', 'm.updateMarketData(\'BTC/USDT\', [42])', 'ValidationError', 'candles[0]: must be an OHLCV array or a {timestamp, close} object, got 42'),
  row('candles not an array', 'm.updateMarketData(\'BTC/USDT\', { timestamp: t, close: 100 })', 'ValidationError', 'candles: must be an array, got object'),
  row('candle object without a time', 'm.updateMarketData(\'BTC/USDT\', [{ close: 100 }])', 'ValidationError', 'candles[0].timestamp: is missing (give `timestamp` or `time`)'),
  // Candles: timestamps within one call
  row('timestamp not an integer', 'm.updateMarketData(\'BTC/USDT\', [[t + 0.5, 1, 1, 1, 100, 1]])', 'ValidationError', `candles[0].timestamp: must be an integer timestamp, got ${T + 0.5}`),
  row('timestamp a date string', 'm.updateMarketData(\'BTC/USDT\', [[\'2024-01-01\', 1, 1, 1, 100, 1]])', 'ValidationError', 'candles[0].timestamp: must be an integer timestamp, got "2024-01-01"'),
  row('timestamps unsorted', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1, 100, 1], [t - 60000, 1, 1, 1, 101, 1]])', 'ValidationError', `candles[1].timestamp: is older than the previous candle's (${T}); sort candles by time`),
  row('timestamp duplicated', 'm.updateMarketData(\'BTC/USDT\', [[t, 1, 1, 1, 100, 1], [t, 1, 1, 1, 101, 1]])', 'ValidationError', `candles[1].timestamp: duplicates the previous candle's (${T}); sort candles by time`),
  // Candles: units
  row('timestamp in seconds', 'm.updateMarketData(\'BTC/USDT\', [[1700002400, 1, 1, 1, 100, 1]])', 'ValidationError', "candles[0].timestamp: looks like seconds, not milliseconds (1700002400); multiply by 1000, or set timestampUnit: 's'"),
  row('timestamp in microseconds', 'm.updateMarketData(\'BTC/USDT\', [[1700002400000000, 1, 1, 1, 100, 1]])', 'ValidationError', 'candles[0].timestamp: looks like microseconds or nanoseconds, not milliseconds (1700002400000000); divide it down to milliseconds'),
  row('timestamp an invalid Date', 'm.updateMarketData(\'BTC/USDT\', [{ timestamp: new Date(\'someday\'), close: 100 }])', 'ValidationError', 'candles[0].timestamp: must be a valid Date, got an invalid Date'),
  // One bar for many symbols
  row('bar close NaN', "m.updateMarketBar(t, { 'BTC/USDT': 100, 'ETH/USDT': NaN })", 'ValidationError', 'closes["ETH/USDT"]: must be a finite price > 0, got NaN'),
  row('bar symbol empty', "m.updateMarketBar(t, [['BTC/USDT', 100], ['', 5]])", 'ValidationError', 'closes[1]: must be a non-empty string, got ""'),
  row('bar entry not a pair', "m.updateMarketBar(t, [['BTC/USDT', 100, 1]])", 'ValidationError', 'closes[0]: must be a [symbol, close] pair, got array(3)'),
  row('bar symbol duplicated', "m.updateMarketBar(t, [['BTC/USDT', 100], ['BTC/USDT', 101]])", 'ValidationError', 'closes["BTC/USDT"]: is given twice in one bar'),
  row('bar closes not a collection', 'm.updateMarketBar(t, 100)', 'ValidationError', 'closes: must be a record of closes by symbol, a Map or an iterable of [symbol, close] pairs, got 100'),
  row('bar timestamp in seconds', "m.updateMarketBar(1700002400, new Map([['BTC/USDT', 100]]))", 'ValidationError', "timestamp: looks like seconds, not milliseconds (1700002400); multiply by 1000, or set timestampUnit: 's'"),
  // Sides
  row('unknown side (register)', `m.registerPosition({ symbol: 'SOL/USDT', side: 'buy', size: 1000, regime: 'TRENDING' })`, 'ValidationError', 'side: must be "long" or "short", got "buy"'),
  row('unknown side (validate)', `m.validateNewPosition({ ...${OK}, side: 'LONG' })`, 'ValidationError', 'side: must be "long" or "short", got "LONG"'),
  row('unknown side (exposure)', 'm.getDirectionalExposure(\'flat\')', 'ValidationError', 'side: must be "long" or "short", got "flat"'),
  // Sizes and equity
  row('size negative', `m.registerPosition({ ${POS.replace('1000', '-1000')} })`, 'ValidationError', 'size: must be a finite number > 0, got -1000'),
  row('size zero', `m.registerPosition({ ${POS.replace('1000', '0')} })`, 'ValidationError', 'size: must be a finite number > 0, got 0'),
  row('size NaN', `m.registerPosition({ ${POS.replace('1000', 'NaN')} })`, 'ValidationError', 'size: must be a finite number > 0, got NaN'),
  row('size and quantity both', `m.registerPosition({ ${POS}, quantity: 2 })`, 'ValidationError', 'quantity: give size (notional) or quantity (base units), not both'),
  row('quantity zero', "m.registerPosition({ symbol: 'SOL/USDT', side: 'long', quantity: 0, regime: 'TRENDING' })", 'ValidationError', 'quantity: must be a finite number > 0, got 0'),
  row('size infinite', `m.registerPosition({ ${POS.replace('1000', 'Infinity')} })`, 'ValidationError', 'size: must be a finite number > 0, got Infinity'),
  row('proposed size zero', `m.validateNewPosition({ ...${OK}, proposedSize: 0 })`, 'ValidationError', 'proposedSize: must be a finite number > 0, got 0'),
  row('proposed size a string', `m.validateNewPosition({ ...${OK}, proposedSize: '1000' })`, 'ValidationError', 'proposedSize: must be a finite number > 0, got "1000"'),
  row('proposed size and quantity both', `m.validateNewPosition({ ...${OK}, proposedQuantity: 10 })`, 'ValidationError', 'proposedQuantity: give proposedSize (notional) or proposedQuantity (base units), not both'),
  row('proposed quantity negative', "m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedQuantity: -1 })", 'ValidationError', 'proposedQuantity: must be a finite number > 0, got -1'),
  row('resize negative', 'm.resizePosition(\'p1\', -5)', 'ValidationError', 'size: must be a finite number ≥ 0, got -5'),
  row('resize NaN', 'm.resizePosition(\'p1\', NaN)', 'ValidationError', 'size: must be a finite number ≥ 0, got NaN'),
  row('equity NaN', 'm.updateEquity(NaN)', 'ValidationError', 'equity: must be a finite number, got NaN'),
  row('equity infinite', 'm.updateEquity(-Infinity)', 'ValidationError', 'equity: must be a finite number, got -Infinity'),
  row('equity a string', 'm.updateEquity(\'100000\')', 'ValidationError', 'equity: must be a finite number, got "100000"'),
  // Names
  row('symbol empty', `m.registerPosition({ ${POS.replace("'SOL/USDT'", "''")} })`, 'ValidationError', 'symbol: must be a non-empty string, got ""'),
  row('symbol not a string', `m.registerPosition({ ${POS.replace("'SOL/USDT'", '42')} })`, 'ValidationError', 'symbol: must be a non-empty string, got 42'),
  row('symbol missing (candles)', 'm.updateMarketData(undefined, [[t, 1, 1, 1, 100, 1]])', 'ValidationError', 'symbol: must be a non-empty string, got undefined'),
  row('symbol over 256 characters (candles)', 'm.updateMarketData(\'X\'.repeat(300), [[t, 1, 1, 1, 100, 1]])', 'ValidationError', 'symbol: must be at most 256 characters, got 300'),
  row('symbol over 256 characters (validate)', `m.validateNewPosition({ ...${OK}, symbol: 'X'.repeat(257) })`, 'ValidationError', 'symbol: must be at most 256 characters, got 257'),
  row('regime empty', `m.registerPosition({ ${POS.replace("'TRENDING'", "''")} })`, 'ValidationError', 'regime: must be a non-empty string, got ""'),
  row('strategy not a string', `m.registerPosition({ ${POS}, strategy: 7 })`, 'ValidationError', 'strategy: must be a string when given, got 7'),
  row('regime over 256 characters', `m.validateNewPosition({ ...${OK}, regime: 'X'.repeat(300) })`, 'ValidationError', 'regime: must be at most 256 characters, got 300'),
  row('strategy over 256 characters', `m.registerPosition({ ${POS}, strategy: 'X'.repeat(300) })`, 'ValidationError', 'strategy: must be at most 256 characters, got 300'),
  // Position ids
  row('unknown position id (resize)', 'm.resizePosition(\'p99\', 1000)', 'NotFoundError', 'id: no open position "p99"'),
  row('unknown id or symbol (unregister)', 'm.unregisterPosition(\'p99\')', 'NotFoundError', 'idOrSymbol: no open position or symbol "p99"'),
  // Reservations
  row('unknown reservation (fill)', "m.fillReservation('r99')", 'NotFoundError', 'reservationId: no live reservation "r99" (never made, or already filled, released or expired)'),
  row('unknown reservation (release)', "m.releaseReservation('r99')", 'NotFoundError', 'reservationId: no live reservation "r99" (never made, or already filled, released or expired)'),
  row('fill above the reservation', "m.fillReservation('r1', 1500)", 'ValidationError', 'filled: exceeds the reserved size 1000: validate the excess as a new trade, got 1500'),
  row('fill zero', "m.fillReservation('r1', 0)", 'ValidationError', 'filled: must be a finite number > 0, got 0'),
  row('reserve on a dry run', `m.validateNewPosition(${OK}, { dryRun: true, reserve: true })`, 'ValidationError', 'reserve: a dry run cannot reserve: drop dryRun to hold the allowed size for an order'),
  // Quote rates
  row('quote rate zero', "m.updateQuoteRate('BTC', 0)", 'ValidationError', 'rate: must be a finite number > 0, got 0'),
  row('quote currency with a slash', "m.updateQuoteRate('BTC/USDT', 42000)", 'ValidationError', 'currency: must be a currency code without "/" or ":", got "BTC/USDT"'),
  row('quote rate without an account currency', "m.updateQuoteRate('BTC', 42000)", 'ValidationError', 'currency: no accountCurrency is configured, so prices are taken to be in account currency and no rate is used'),
  row('id already open', `m.registerPosition({ id: 'p1', ${POS} })`, 'ValidationError', 'id: position "p1" is already open'),
  // Configuration
  row('threshold above 1', 'm.updateConfig({ maxPairwiseCorrelation: 1.5 })', 'ConfigError', 'maxPairwiseCorrelation: Too big: expected number to be <=1, got 1.5'),
  row('negative cap', 'm.updateConfig({ max_symbol_exposure_pct: -0.1 })', 'ConfigError', 'max_symbol_exposure_pct: Too small: expected number to be >=0, got -0.1'),
  row('unknown key', 'm.updateConfig({ maxLeverage: 3 })', 'ConfigError', 'maxLeverage: unknown key (known: enabled, correlationLookback, minPeriods, maxPairwiseCorrelation, maxCorrelationReduction, maxSymbolExposurePct, maxDirectionalExposurePct, maxRegimeExposurePct, minFillRatio, hedgeAwareCorrelation, onError, timeframe, timestampUnit, onUnknownCorrelation, accountCurrency, reservationTtlMs, positionMode, maxGrossExposurePct, maxNetExposurePct, maxOpenPositions, groups, maxAssetExposurePct, maxPortfolioVolatility, maxShockRisk, barsPerYear, drawdownGuard or their snake_case forms)'),
  row('a key in both spellings', 'm.updateConfig({ minFillRatio: 0.2, min_fill_ratio: 0.3 })', 'ConfigError', 'min_fill_ratio: given twice, as "minFillRatio" and "min_fill_ratio"'),
  row('window changed after creation', 'm.updateConfig({ correlationLookback: 50 })', 'ConfigError', 'correlationLookback: fixed at creation: create a new manager to change it (is 30, got 50)'),
  row('threshold above 1 (creation)', 'PortfolioRiskManager.createSync({ max_pairwise_correlation: 2 })', 'ConfigError', 'max_pairwise_correlation: Too big: expected number to be <=1, got 2'),
  row('unknown timeframe (creation)', "PortfolioRiskManager.createSync({ timeframe: '90s' })", 'ConfigError', 'timeframe: Invalid input: expected one of "1m"|"3m"|"5m"|"15m"|"30m"|"1h"|"2h"|"4h"|"6h"|"12h"|"1d"|"1w" or a whole number of milliseconds >= 1, got "90s"'),
  row('timeframe changed after creation', "m.updateConfig({ timeframe: '1h' })", 'ConfigError', 'timeframe: fixed at creation: create a new manager to change it (is undefined, got "1h")'),
  row('unknown timestamp unit (creation)', "PortfolioRiskManager.createSync({ timestamp_unit: 'us' })", 'ConfigError', 'timestamp_unit: Invalid option: expected one of "s"|"ms", got "us"'),
  row('unknown policy for unknown correlations', "m.updateConfig({ onUnknownCorrelation: 'warn' })", 'ConfigError', 'onUnknownCorrelation: Invalid option: expected one of "ignore"|"block"|"maxCut", got "warn"'),
  row('account currency with a slash (creation)', "PortfolioRiskManager.createSync({ accountCurrency: 'USD/T' })", 'ConfigError', 'accountCurrency: Invalid input: expected a currency code without "/" or ":", got "USD/T"'),
  row('reservation time-to-live zero', 'm.updateConfig({ reservation_ttl_ms: 0 })', 'ConfigError', 'reservation_ttl_ms: Too small: expected number to be >=1, got 0'),
  row('unknown position mode (creation)', "PortfolioRiskManager.createSync({ position_mode: 'oneway' })", 'ConfigError', 'position_mode: Invalid option: expected one of "hedge"|"netting", got "oneway"'),
  row('position mode changed after creation', "m.updateConfig({ positionMode: 'netting' })", 'ConfigError', 'positionMode: fixed at creation: create a new manager to change it (is hedge, got "netting")'),
  // null switches a book-level rule off (removed on update, absent at creation); a key with a
  // default has no "off", so null there is refused rather than read as its default.
  row('null for a key with a default', 'm.updateConfig({ maxCorrelationReduction: null })', 'ConfigError', 'maxCorrelationReduction: Invalid input: expected number, received null, got null'),
  row('null for a key with a default (creation)', 'PortfolioRiskManager.createSync({ portfolio_risk: { enabled: true, max_correlation_reduction: null } })', 'ConfigError', 'portfolio_risk.max_correlation_reduction: Invalid input: expected number, received null, got null'),
  row('clock not a function (creation)', 'PortfolioRiskManager.createSync({}, { now: 5 })', 'ConfigError', 'now: must be a function returning milliseconds, got 5'),
  row('minPeriods above the window (creation)', 'PortfolioRiskManager.createSync({ correlationLookback: 10, minPeriods: 20 })', 'ConfigError', 'minPeriods: must be ≤ correlationLookback (10), got 20'),
  // Capacity
  row('one symbol more than maxSymbols', 'm.updateMarketData(\'XRP/USDT\', [[t, 1, 1, 1, 0.5, 1]])', 'CapacityError', 'symbol: the engine holds at most 3 symbols (maxSymbols)'),
  row('a bar with a symbol more than maxSymbols', "m.updateMarketBar(t, { 'BTC/USDT': 100, 'XRP/USDT': 0.5 })", 'CapacityError', 'symbol: the engine holds at most 3 symbols (maxSymbols)'),
  row('maxSymbols above the core\'s ceiling', 'PortfolioRiskManager.createSync({}, { maxSymbols: 20000 })', 'ConfigError', 'maxSymbols: must be an integer in [1, 16384], got 20000'),
  // Snapshots
  row('not a snapshot', 'PortfolioRiskManager.restoreSync(new TextEncoder().encode(\'{"positions": []}\'))', 'SnapshotError', 'snapshot: is not a portfolio-guard snapshot (wrong magic bytes)'),
  row('truncated snapshot', 'PortfolioRiskManager.restoreSync(m.snapshot().subarray(0, 12))', 'SnapshotError', 'snapshot: is truncated: 12 bytes, shorter than the 20-byte header'),
  row('snapshot of another format version', 'PortfolioRiskManager.restoreSync(Uint8Array.of(0x89, 0x50, 0x47, 0x55, 0x41, 0x52, 0x44, 0x0a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))', 'SnapshotError', 'version: snapshot format version 9 is not supported (this build reads version 3)'),
  // Options
  row('dryRun not a boolean', `m.validateNewPosition(${OK}, { dryRun: 'yes' })`, 'ValidationError', 'dryRun: must be a boolean when given, got "yes"'),
  row('reserve not a boolean', `m.validateNewPosition(${OK}, { reserve: 1 })`, 'ValidationError', 'reserve: must be a boolean when given, got 1'),
  row('unknown event', 'm.on(\'filled\', () => {})', 'ValidationError', 'event: must be one of registered, unregistered, reduced, blocked, reserved, reservationFilled, reservationReleased, reservationExpired, tradingState, got "filled"'),
];

/**
 * The same checks reached through other calls and arguments: every method that takes a
 * symbol, a size or a request, a new symbol whose candles are refused (it must not be added),
 * a bad candle after several good ones.
 */
export const FURTHER_BAD_INPUT: readonly CatalogRow[] = [
  row('regime not a string (register)', "m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 1000, regime: 7 })", 'ValidationError', 'regime: must be a non-empty string, got 7'),
  row('neither size nor quantity (register)', "m.registerPosition({ symbol: 'SOL/USDT', side: 'long' })", 'ValidationError', 'size: must be a finite number > 0, got undefined'),
  row('reservation id empty (release)', "m.releaseReservation('')", 'ValidationError', 'reservationId: must be a non-empty string, got ""'),
  row('fill NaN', "m.fillReservation('r1', NaN)", 'ValidationError', 'filled: must be a finite number > 0, got NaN'),
  row('quote currency empty', "m.updateQuoteRate('', 1)", 'ValidationError', 'currency: must be a non-empty string, got ""'),
  row('bar timestamp a string', "m.updateMarketBar('2024-01-01', { 'BTC/USDT': 100 })", 'ValidationError', 'timestamp: must be an integer timestamp, got "2024-01-01"'),
  row('bar close of a new symbol zero', "m.updateMarketBar(t, [['BTC/USDT', 100], ['NEW/USDT', 0]])", 'ValidationError', 'closes["NEW/USDT"]: must be a finite price > 0, got 0'),
  row('neither proposedSize nor proposedQuantity (validate)', "m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', regime: 'TRENDING' })", 'ValidationError', 'proposedSize: must be a finite number > 0, got undefined'),
  row('proposed quantity NaN', "m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedQuantity: NaN })", 'ValidationError', 'proposedQuantity: must be a finite number > 0, got NaN'),
  row('quantity and size both, quantity bad (register)', "m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 1000, quantity: -1 })", 'ValidationError', 'quantity: give size (notional) or quantity (base units), not both'),
  row('timeframe not a whole number of ms (creation)', 'PortfolioRiskManager.createSync({ timeframe: 1.5 })', 'ConfigError', 'timeframe: Invalid input: expected one of "1m"|"3m"|"5m"|"15m"|"30m"|"1h"|"2h"|"4h"|"6h"|"12h"|"1d"|"1w" or a whole number of milliseconds >= 1, got 1.5'),
  row('null for a key with a default, snake_case (update)', 'm.updateConfig({ min_fill_ratio: null })', 'ConfigError', 'min_fill_ratio: Invalid input: expected number, received null, got null'),
  row('null for enabled (update)', 'm.updateConfig({ enabled: null })', 'ConfigError', 'enabled: Invalid input: expected boolean, received null, got null'),
  row('null for a fixed key (update)', 'm.updateConfig({ timeframe: null })', 'ConfigError', 'timeframe: fixed at creation: create a new manager to change it (is undefined, got null)'),
  row('timestamp unit changed after creation', "m.updateConfig({ timestampUnit: 's' })", 'ConfigError', 'timestampUnit: fixed at creation: create a new manager to change it (is undefined, got "s")'),
  row('account currency changed after creation', "m.updateConfig({ account_currency: 'USDT' })", 'ConfigError', 'account_currency: fixed at creation: create a new manager to change it (is undefined, got "USDT")'),
  row('bar closes a generator with a bad close', "m.updateMarketBar(t, (function* () { yield ['BTC/USDT', 100]; yield ['ETH/USDT', Infinity]; })())", 'ValidationError', 'closes["ETH/USDT"]: must be a finite price > 0, got Infinity'),
  row('clock not a function (restore)', "PortfolioRiskManager.restoreSync(m.snapshot(), { now: 'soon' })", 'ConfigError', 'now: must be a function returning milliseconds, got "soon"'),
  row('bar timestamp an invalid Date', "m.updateMarketBar(new Date('someday'), { 'BTC/USDT': 100 })", 'ValidationError', 'timestamp: must be a valid Date, got an invalid Date'),
  row('bar timestamp in microseconds', "m.updateMarketBar(1700002400000000, { 'BTC/USDT': 100 })", 'ValidationError', 'timestamp: looks like microseconds or nanoseconds, not milliseconds (1700002400000000); divide it down to milliseconds'),
  row('position not an object', 'm.registerPosition(null)', 'ValidationError', 'position: must be an object, got null'),
  row('id or symbol empty (unregister)', "m.unregisterPosition('')", 'ValidationError', 'idOrSymbol: must be a non-empty string, got ""'),
  row('proposed size negative', `m.validateNewPosition({ ...${OK}, proposedSize: -1000 })`, 'ValidationError', 'proposedSize: must be a finite number > 0, got -1000'),
  row('proposed size NaN', `m.validateNewPosition({ ...${OK}, proposedSize: NaN })`, 'ValidationError', 'proposedSize: must be a finite number > 0, got NaN'),
  row('symbol empty (validate)', `m.validateNewPosition({ ...${OK}, symbol: '' })`, 'ValidationError', 'symbol: must be a non-empty string, got ""'),
  row('regime empty (validate)', `m.validateNewPosition({ ...${OK}, regime: '' })`, 'ValidationError', 'regime: must be a non-empty string, got ""'),
  row('no request (validate)', 'm.validateNewPosition(undefined)', 'ValidationError', 'request: must be an object, got undefined'),
  row('timestamp duplicated, new symbol', "m.updateMarketData('NEW/USDT', [[t, 1, 1, 1, 100, 1], [t, 1, 1, 1, 101, 1]])", 'ValidationError', `candles[1].timestamp: duplicates the previous candle's (${T}); sort candles by time`),
  row('close negative after three good candles', "m.updateMarketData('BTC/USDT', [[t, 1, 1, 1, 100, 1], [t + 60000, 1, 1, 1, 101, 1], [t + 120000, 1, 1, 1, 102, 1], [t + 180000, 1, 1, 1, -1, 1]])", 'ValidationError', 'candles[3].close: must be a finite price > 0, got -1'),
  row('symbol empty (candles)', "m.updateMarketData('', [[t, 1, 1, 1, 100, 1]])", 'ValidationError', 'symbol: must be a non-empty string, got ""'),
  row('symbol empty (exposure)', "m.getSymbolExposure('')", 'ValidationError', 'symbol: must be a non-empty string, got ""'),
  row('symbol not a string (correlation)', "m.getCorrelation('BTC/USDT', null)", 'ValidationError', 'b: must be a non-empty string, got null'),
  row('exchange positions not an array (sync)', "m.syncPositions({ symbol: 'BTC/USDT', side: 'long', notional: 1000 })", 'ValidationError', 'positions: must be an array of ccxt positions, got object'),
  row('exchange position side a buy (sync)', "m.syncPositions([{ symbol: 'BTC/USDT', side: 'long', notional: 1000 }, { symbol: 'ETH/USDT', side: 'buy', notional: 500 }])", 'ValidationError', 'positions[1].side: must be "long" or "short", got "buy"'),
  row('exchange position without notional or mark price (sync)', "m.syncPositions([{ symbol: 'BTC/USDT', side: 'long', contracts: 2 }])", 'ValidationError', 'positions[0].markPrice: must be a finite number > 0, got undefined'),
];

/** A markdown code span for `s`, safe inside a table cell. */
function code(s: string): string {
  const escaped = s.replaceAll('|', '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

/** The table the documentation prints. */
export function renderCatalog(rows: readonly CatalogRow[]): string {
  const lines = ['| bad input | call | throws | message (starts with `field`) |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.input} | ${code(r.call)} | ${r.error} | ${code(r.message)} |`);
  return lines.join('\n');
}
