/** The risk manager's public surface. */
export { PortfolioRiskManager } from './manager.js';
export { composeSize } from './compose.js';
export { correlationCut, decideSize, type SizingLimits, type SizingInput, type SizingOutcome } from './rules.js';
export type { ManagerOptions } from './options.js';
export type { LoggerLike } from './logger.js';
export type { ManagerEvents, ManagerEventName, Listener } from './events.js';
export type { PortfolioStats, RuleCounts, BlockCounts } from './stats.js';
export type {
  Side,
  SizingRule,
  Binding,
  ValidationCode,
  PositionInput,
  Position,
  ValidationRequest,
  ValidateOptions,
  ValidationResult,
  ValidationDetails,
  CorrelationDetail,
  CapDetail,
  UnknownCorrelation,
} from './types.js';
