/** Types for stdlib-mpcorr.mjs (the tests import it from TypeScript). */
export declare class StdlibMpcorr {
  constructor(symbols: number, options?: { window?: number });
  readonly tri: Float64Array;
  pushRow(closes: ArrayLike<number>): void;
  correlation(i: number, j: number): number;
}
