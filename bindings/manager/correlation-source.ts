/**
 * The engine calls the manager's correlation caches make. The engine's list queries
 * (bindings/list-queries.ts) satisfy it; naming the subset keeps the caches testable against
 * a scripted source.
 */
export interface CorrelationSource {
  /** The engine's id for a symbol it has seen candles (or addSymbol) for. */
  symbolId(name: string): number | undefined;
  /** Changes whenever any correlation or pair count may have changed, a new symbol included. */
  dataVersion(): number;
  /**
   * Correlation (NaN when unknown) and pairwise-complete count of `self` with each of
   * ids[0..count) into correlations[k] and observations[k]; an ABSENT id answers NaN and 0.
   */
  correlationsWith(self: number, ids: readonly number[], count: number, correlations: number[], observations: number[]): void;
  /** The highest known correlation among pairs of distinct ids[0..count) (ABSENT ones skipped); NaN when none. */
  maxCorrelation(ids: readonly number[], count: number): number;
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
