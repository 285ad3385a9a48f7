/** The risk manager's public surface. */
export { PortfolioRiskManager } from './manager.js';
export { composeSize } from './compose.js';
export { correlationCut, decideSize, type SizingLimits, type SizingInput, type SizingOutcome } from './rules.js';
export type { ManagerOptions, RestoreOptions } from './options.js';
// Here rather than in the package entry so that `export * from './manager/index.js'` carries it.
export type { RiskConfigUpdate } from '../config.js';
export type { LoggerLike } from './logger.js';
export type { ManagerEvents, ManagerEventName, Listener, CloseCause } from './events.js';
export type { BarCloses } from './bar-input.js';
export type { ExchangePosition, SyncOptions, SyncResult } from './sync-positions.js';
export type { PortfolioStats, RuleCounts, BlockCounts } from './stats.js';
export type {
  Side,
  SizingRule,
  Binding,
  ValidationCode,
  PositionInput,
  Position,
  Reservation,
  Amount,
  AmountUnit,
  ValuationDetail,
  NettingDetail,
  ValidationRequest,
  ValidateOptions,
  ValidationResult,
  ValidationDetails,
  CorrelationDetail,
  CapDetail,
  UnknownCorrelation,
} from './types.js';
