/** Types for js-shifted-comoment.mjs (the tests import it from TypeScript). */
export interface JsShiftedComomentOptions {
  window?: number;
  minPeriods?: number;
  kernel?: 'blocked' | 'plain';
}
export declare class JsShiftedComoment {
  constructor(symbols: number, options?: JsShiftedComomentOptions);
  readonly n: number;
  readonly w: number;
  readonly budget: number;
  readonly shift: Float64Array;
  readonly sum: Float64Array;
  readonly tri: Float64Array;
  readonly present: Int32Array;
  readonly reseeds: { empty: number; scale: number; drift: number };
  windowRows(): number;
  pushRow(closes: ArrayLike<number>): void;
  /** The rank-2 update of the last row's a and b (triangle and Sx), as assembly applyRankTwo. */
  applyRankTwo(): void;
  /** Its triangle loop alone (what bench/ceiling.mjs times). */
  rankTwoBlocked(): void;
  correlation(i: number, j: number): number;
  exactPearson(i: number, j: number, minPeriods: number): number;
  pairCount(i: number, j: number): number;
  stateBytes(): number;
}
