/**
 * The package under test, as users get it: the built dist/ (run `npm run build` first).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../../dist/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('bench: dist/index.js is missing — run `npm run build` first.');
  process.exit(2);
}

const pkg = await import(entry.href);

export const { CorrelationEngine } = pkg;

/** The risk manager from the public entry (dist/manager/ while the entry does not export it yet). */
export const PortfolioRiskManager =
  pkg.PortfolioRiskManager ?? (await import(new URL('../../dist/manager/index.js', import.meta.url).href)).PortfolioRiskManager;

/** An engine with `n` symbols S0..S(n−1), laid out for them up front. */
export function engineWith(n, { window = 100, simd = 'auto' } = {}) {
  const engine = CorrelationEngine.createSync({ window, initialCapacity: n, simd });
  for (let i = 0; i < n; i++) engine.addSymbol(`S${i}`);
  return engine;
}
