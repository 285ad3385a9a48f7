/** The replay for Node: candle files in, the same proposals with portfolio risk off and on, reports out. */
export { CandleFileError, loadCandleDir, parseCandleFile, type LoadedMarket, type ParsedCandles } from './candle-files.js';
export { runReplay, readConfigFile, type ReplayOptions, type ReplayOutcome } from './run.js';
export { simulate, type ReplayManager, type RunResult, type SimulationOptions, type SimulationResult } from './simulate.js';
export { BreakoutSignals, DEFAULT_STRATEGY, type StrategyParams } from './strategy.js';
