export { CorrelationEngine } from './engine.js';
export type { EngineOptions, EngineStats, EngineState, IngestResult } from './engine.js';
export type { Candle, CandleObject, OhlcvArray, OhlcvField } from './candles.js';
export { simdSupported } from './wasm/load.js';
export {
  PortfolioGuardError, ValidationError, ConfigError, NotFoundError, CapacityError, SnapshotError,
} from './errors.js';
export * from './manager/index.js';
export { parseRiskConfig, DEFAULT_RISK_CONFIG, CONFIG_KEYS } from './config.js';
export type { RiskConfig, RiskConfigInput, RiskConfigSource, PortfolioRiskYaml, Timeframe } from './config.js';
export { TIMEFRAMES } from './bar-time.js';
export { orderAmount, orderSideToClose, orderSideToOpen, sideOpenedBy, type OrderSide } from './orders.js';
