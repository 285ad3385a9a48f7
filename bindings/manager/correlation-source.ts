/**
 * The four engine calls the manager's correlation caches read. `CorrelationEngine` satisfies
 * it; naming the subset keeps the caches testable against a scripted source.
 */
export interface CorrelationSource {
  /** The engine's id for a symbol it has seen candles (or addSymbol) for. */
  symbolId(name: string): number | undefined;
  /** NaN when unknown: too few pairwise-complete bars, or a degenerate window. */
  correlationById(i: number, j: number): number;
  pairObservationsById(i: number, j: number): number;
  /** Changes whenever any correlation involving the symbol may have changed. */
  symbolVersion(id: number): number;
}

/** Version stamp of a symbol the engine does not know yet. */
export const ABSENT = -1;

/**
 * Resolves a name to its engine id, or ABSENT. Symbols ids are stable once given out, so
 * a known id is final and only an absent one needs looking up again.
 */
export function resolveId(source: CorrelationSource, name: string): number {
  return source.symbolId(name) ?? ABSENT;
}
