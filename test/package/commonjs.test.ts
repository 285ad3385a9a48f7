/**
 * CommonJS users load the package (an ES module) with require() on Node ≥ 20.19, where
 * require(esm) is on by default, and with import() on any Node. Run as real .cjs files inside
 * the package, so `portfolio-guard` resolves through its own `exports` map exactly as it does
 * for a user. require() of an ES module fails if the module graph has a top-level await: this
 * test is what notices.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ROOT } from '../docs/pages.js';

const DIR = `${ROOT}test/.readme-run`;

/** Runs `code` as the file `name` inside the package; returns its stdout, or the stderr of a failure. */
function run(name: string, code: string): { ok: boolean; out: string } {
  mkdirSync(DIR, { recursive: true });
  const file = `${DIR}/${name}`;
  writeFileSync(file, code);
  try {
    return { ok: true, out: execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }) };
  } catch (error) {
    return { ok: false, out: String((error as { stderr?: string }).stderr ?? error) };
  } finally {
    rmSync(file, { force: true });
  }
}

const SCENARIO = `
  const risk = pg.PortfolioRiskManager.createSync({ enabled: true });
  risk.updateEquity(100_000);
  const answer = risk.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 40_000, regime: 'TRENDING' });
  console.log(JSON.stringify({ exports: Object.keys(pg).sort(), multiplier: answer.sizeMultiplier }));
`;

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const requireEsmByDefault = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);

test('import() from CommonJS and import from an ES module load the same package', () => {
  const esm = run('esm-entry.mjs', `import * as pg from 'portfolio-guard';\n${SCENARIO}`);
  const dynamic = run('dynamic-import.cjs', `import('portfolio-guard').then((pg) => {\n${SCENARIO}\n});`);
  expect(esm.ok, esm.out).toBe(true);
  expect(dynamic.ok, dynamic.out).toBe(true);
  const expected = JSON.parse(esm.out);
  expect(expected.multiplier).toBe(0.625);
  expect(expected.exports).toEqual(expect.arrayContaining(['PortfolioRiskManager', 'CorrelationEngine', 'composeSize', 'ValidationError']));
  expect(JSON.parse(dynamic.out)).toEqual(expected);
});

test(`require('portfolio-guard') ${requireEsmByDefault ? 'works' : 'is refused'} on Node ${process.versions.node}`, () => {
  const required = run('require.cjs', `const pg = require('portfolio-guard');\n${SCENARIO}`);
  if (requireEsmByDefault) {
    expect(required.ok, required.out).toBe(true);
    const esm = run('esm-entry.mjs', `import * as pg from 'portfolio-guard';\n${SCENARIO}`);
    expect(JSON.parse(required.out)).toEqual(JSON.parse(esm.out));
  } else {
    // Older Node: the README tells these users to use import() instead.
    expect(required.ok).toBe(false);
    expect(required.out).toMatch(/ERR_REQUIRE_ESM/);
  }
});
