/**
 * The engine as the manager's correlation caches read it: names resolved by its symbol table,
 * everything else through its list queries, one wasm call per answer (list-queries.ts).
 */
import { LIST_QUERIES, type CorrelationEngine } from '../engine.js';
import type { CorrelationSource } from './correlation-source.js';

export function engineSource(engine: CorrelationEngine): CorrelationSource {
  const list = engine[LIST_QUERIES];
  return {
    symbolId: (name) => engine.symbolId(name),
    dataVersion: () => list.dataVersion(),
    correlationsWith: (self, ids, count, correlations, observations) => list.correlationsWith(self, ids, count, correlations, observations),
    maxCorrelation: (ids, count) => list.maxCorrelation(ids, count),
  };
}
