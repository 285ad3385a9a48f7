/** Types for probe.mjs (the tests import it from TypeScript): the raw core's exports used there. */
export interface RowParts {
  readonly memory: WebAssembly.Memory;
  init(windowRows: number, minObservations: number, initialCapacity: number): number;
  addSymbol(): number;
  rowInputPtr(): number;
  pushRow(timestamp: number): void;
  correlation(i: number, j: number): number;
  simdEnabled(): number;
  rankTwoOnly(): void;
  triangleStreamFloor(): void;
  refreshOnly(): void;
  maintainOnly(): void;
}
export declare function loadRowParts(): Promise<RowParts>;
