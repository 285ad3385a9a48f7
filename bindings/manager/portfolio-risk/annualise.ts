/**
 * How many bars make a year, to annualise per-bar variances: from the timeframe when bars are
 * aligned to one (a 365-day year: crypto markets trade every day), else the configured
 * barsPerYear. The config refuses a volatility or shock cap with neither.
 */
import { TIMEFRAMES } from '../../bar-time.js';
import type { RiskConfig } from '../../config.js';

export const YEAR_MS = 365 * 24 * 3_600_000;

export function barsPerYear(config: RiskConfig): number {
  const tf = config.timeframe;
  if (tf !== undefined) return YEAR_MS / (typeof tf === 'number' ? tf : TIMEFRAMES[tf]);
  return config.barsPerYear ?? Number.NaN;
}
