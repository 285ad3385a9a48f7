/**
 * The market the model-based tests trade in: a few symbols on a one-minute grid whose closes
 * sit on a lattice, close = base · e^(0.01·level) with an integer level. Two closes are
 * therefore equal or at least 1% apart, so every log return is 0 or ≥ ~0.01 in magnitude: the
 * 1-ulp disagreements between wasm's and V8's Math.log stay ~1e-13 of a return, far inside
 * the 1e-9 the model allows. Levels follow a common factor (loadings 1, 2, −1, 0…) plus rare
 * idiosyncratic steps, so correlations above 0.85, strongly negative ones and unknown pairs
 * (too few bars, flat or constant-step windows) all occur.
 */
import { rng } from '../manager/helpers.js';

/** A whole minute (2023-11-14 22:14 UTC), so that bars floored to '1m' keep their own times. */
export const T0 = 1_700_000_040_000;
export const MINUTE = 60_000;
/** Bars 0..LAST_BAR exist; with windows of 6–30 bars, old bars fall out and become too old. */
export const LAST_BAR = 80;

export const SYMBOLS = ['BTC/USDT', 'ETH/USDT', '__proto__', 'constructor', 'toString', 'ünï/€'] as const;
export const REGIMES = ['TRENDING', 'RANGING', '__proto__', 'hasOwnProperty'] as const;
const BASES = [40_000, 2_500, 0.5, 7, 95, 1.3];
const LOADINGS = [1, 1, -1, 2, 0, 1];

export const timestamp = (bar: number): number => T0 + bar * MINUTE;
export const barOf = (ts: number): number => (ts - T0) / MINUTE;

export class Market {
  private readonly levels: number[][];

  constructor(readonly seed: number) {
    const next = rng(seed);
    const factor = Array.from({ length: LAST_BAR + 1 }, () => Math.floor(next() * 5) - 2);
    this.levels = SYMBOLS.map((_, s) => {
      let level = 0;
      return factor.map((f) => {
        const u = next();
        // One bar in three has an idiosyncratic step of ±1.
        level += LOADINGS[s]! * f + (u < 1 / 6 ? -1 : u > 5 / 6 ? 1 : 0);
        return level;
      });
    });
  }

  /** The close of symbol index `s` at `bar`, moved `offset` lattice steps (a revision). */
  close(s: number, bar: number, offset = 0): number {
    return BASES[s]! * Math.exp(0.01 * (this.levels[s]![bar]! + offset));
  }
}
