// Every row of the README's bad-input catalog, driven from the same data the table is rendered
// from: the call runs exactly as printed, throws the named error with the named field and the
// printed message, and the manager's snapshot bytes are identical before and after.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as errors from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { CATALOG, T, catalogManager, renderCatalog, type CatalogRow } from './catalog.js';

const root = new URL('../../', import.meta.url);
const START = '<!-- catalog:start -->';
const END = '<!-- catalog:end -->';

/** The catalog as printed in each document that carries it (the section file, the README). */
function printedTables(): { file: string; table: string }[] {
  return ['docs/reliability.md', 'README.md']
    .filter((file) => existsSync(new URL(file, root)))
    .map((file) => ({ file, text: readFileSync(new URL(file, root), 'utf8') }))
    .filter(({ text }) => text.includes(START))
    .map(({ file, text }) => ({ file, table: text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim() }));
}

test('the README table is the catalog, row for row', () => {
  const printed = printedTables();
  expect(printed.length, `a document with ${START}…${END}`).toBeGreaterThan(0);
  for (const { file, table } of printed) expect(table, file).toBe(renderCatalog(CATALOG));
});

test('the catalog covers every kind of bad input the issue lists', () => {
  const inputs = CATALOG.map((r) => r.input).join('\n');
  for (const kind of [/NaN/, /infinite/, /zero/, /negative/, /array too short/, /not an integer/, /unsorted/, /duplicated/, /unknown side/,
    /equity/, /symbol empty/, /symbol not a string/, /over 256/, /unknown position id/, /threshold above 1/, /negative cap/, /unknown key/, /maxSymbols/]) {
    expect(inputs).toMatch(kind);
  }
  expect(new Set(CATALOG.map((r) => r.input)).size).toBe(CATALOG.length);
});

function run(row: CatalogRow, m: PortfolioRiskManager): unknown {
  // The call string is what the README prints; run that, not a paraphrase of it.
  const call = new Function('m', 't', 'PortfolioRiskManager', `return ${row.call};`) as (...a: unknown[]) => unknown;
  try {
    call(m, T, PortfolioRiskManager);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('each row throws as printed and changes nothing', () => {
  test.each(CATALOG.map((r) => [r.input, r] as const))('%s', (_input, row) => {
    const m = catalogManager();
    const before = m.snapshot();
    const error = run(row, m);
    expect(error, `${row.call} did not throw`).toBeInstanceOf(errors[row.error]);
    expect((error as errors.PortfolioGuardError).name).toBe(row.error);
    expect((error as errors.PortfolioGuardError).field).toBe(row.field);
    expect((error as Error).message).toBe(row.message);
    expect(m.snapshot()).toEqual(before);
  });
});
