/** Types for js-two-pass.mjs (the tests import it from TypeScript). */
export declare class JsTwoPass {
  constructor(symbols: number, options?: { window?: number; minPeriods?: number });
  /** The update's output: the packed strict lower triangle of correlations. */
  readonly tri: Float64Array;
  appendRow(closes: ArrayLike<number>): void;
  pushRow(closes: ArrayLike<number>): void;
  matrix(out: Float64Array): void;
  correlation(i: number, j: number): number;
}
