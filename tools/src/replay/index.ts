/** The replay for Node: candle files in, the same proposals with portfolio risk off and on, reports out. */
export { CandleFileError, loadCandleDir, parseCandleFile, type LoadedMarket, type ParsedCandles } from './candle-files.js';
export { runReplay, readConfigFile, type ReplayOptions, type ReplayOutcome } from './run.js';
export { computeSignals, simulate, type ReplayManager, type RunResult, type SimulationOptions, type SimulationResult } from './simulate.js';
export { BreakoutSignals, DEFAULT_STRATEGY, type StrategyParams } from './strategy.js';
export { runExperiment, type Experiment, type ExperimentOptions, type Column } from './experiment.js';
export { GrossCapManager, RandomThrottleManager, scaleCurve } from './baselines.js';
export { PRESETS, DEFAULT_PRESET, SIZING_RULES, getPreset, withRulesOff, type Preset, type RuleSwitch } from './presets.js';
export { cleanCandles, matchSplit, DEFAULT_HYGIENE, type HygieneOptions, type HygieneReport } from './hygiene.js';
export { runSeeds, type SeedsOptions, type SeedsResult } from './seeds.js';
export { blockBootstrap, bootstrapMean, type Interval } from './stats.js';
