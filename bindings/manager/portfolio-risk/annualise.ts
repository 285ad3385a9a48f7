/**
 * How many bars make a year, to annualise per-bar variances (a 365-day year: crypto markets
 * trade every day): from the timeframe when bars are aligned to one, else the configured
 * barsPerYear, else the bar grid's own median row spacing. The last is derived from the
 * candles, so it is cached under the engine's data version and read again only after the
 * grid changed. NaN while the grid has fewer than two rows: no return exists yet, so no
 * volatility can be annualised (the volatility and shock rules then treat risk as unknown).
 */
import { TIMEFRAMES } from '../../bar-time.js';
import type { RiskConfig } from '../../config.js';

export const YEAR_MS = 365 * 24 * 3_600_000;

export class Annualiser {
  private version = Number.NaN;
  private fromGrid = Number.NaN;

  /** `medianSpacing`: the grid's median row spacing in milliseconds (NaN below two rows). */
  constructor(private readonly medianSpacing: () => number) {}

  /** Bars per year under `config`; `dataVersion` is the engine's, read just before. */
  barsPerYear(config: RiskConfig, dataVersion: number): number {
    const tf = config.timeframe;
    if (tf !== undefined) return YEAR_MS / (typeof tf === 'number' ? tf : TIMEFRAMES[tf]);
    if (config.barsPerYear !== undefined) return config.barsPerYear;
    if (dataVersion !== this.version) {
      this.fromGrid = YEAR_MS / this.medianSpacing();
      this.version = dataVersion;
    }
    return this.fromGrid;
  }
}
