// Bad input: every call in the catalog (the table the documentation prints, and further call
// sites of the same checks) runs exactly as written, throws the named typed error with the
// named field and the full message, and leaves the manager exactly as it was — its snapshot
// bytes, everything observable about it, and its correlations.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as errors from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { observableState } from '../manager/helpers.js';
import { CATALOG, FURTHER_BAD_INPUT, T, catalogManager, renderCatalog, type CatalogRow } from './catalog.js';

const root = new URL('../../', import.meta.url);
const START = '<!-- catalog:start -->';
const END = '<!-- catalog:end -->';

/** README.md and every page under docs/, wherever the docs keep their markdown. */
function documents(): string[] {
  const pages = (dir: string): string[] =>
    readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? pages(`${dir}${e.name}/`) : e.name.endsWith('.md') ? [`${dir}${e.name}`] : [],
    );
  return ['README.md', ...(existsSync(new URL('docs/', root)) ? pages('docs/') : [])];
}

/** The catalog as printed in each document that carries it. */
function printedTables(): { file: string; table: string }[] {
  return documents()
    .map((file) => ({ file, text: readFileSync(new URL(file, root), 'utf8') }))
    .filter(({ text }) => text.includes(START))
    .map(({ file, text }) => ({ file, table: text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim() }));
}

test('the documentation prints the catalog, row for row', () => {
  const printed = printedTables();
  expect(printed.length, `a document with ${START}…${END}`).toBeGreaterThan(0);
  for (const { file, table } of printed) expect(table, file).toBe(renderCatalog(CATALOG));
});

test('the catalog covers every kind of bad input: values, shapes, times and units, bars, sides, amounts, names, ids, reservations, rates, config, capacity', () => {
  const inputs = CATALOG.map((r) => r.input).join('\n');
  for (const kind of [/NaN/, /infinite/, /zero/, /negative/, /array too short/, /not an integer/, /unsorted/, /duplicated/, /unknown side/,
    /equity/, /symbol empty/, /symbol not a string/, /over 256/, /unknown position id/, /threshold above 1/, /negative cap/, /unknown key/, /maxSymbols/,
    /seconds/, /microseconds/, /bar close/, /quantity/, /reservation/, /fill above/, /quote rate/, /timeframe/, /account currency/, /position mode/, /clock/]) {
    expect(inputs).toMatch(kind);
  }
  const all = [...CATALOG, ...FURTHER_BAD_INPUT];
  expect(new Set(all.map((r) => r.input)).size).toBe(all.length);
});

function run(row: CatalogRow, m: PortfolioRiskManager): unknown {
  // The call string is what the documentation prints; run that, not a paraphrase of it.
  const call = new Function('m', 't', 'PortfolioRiskManager', `return ${row.call};`) as (...a: unknown[]) => unknown;
  try {
    call(m, T, PortfolioRiskManager);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('each bad call throws as written and changes nothing', () => {
  test.each([...CATALOG, ...FURTHER_BAD_INPUT].map((r) => [r.input, r] as const))('%s', (_input, row) => {
    const m = catalogManager();
    const bytes = m.snapshot();
    const before = observableState(m);
    const correlation = m.getCorrelation('BTC/USDT', 'ETH/USDT');
    const error = run(row, m);
    expect(error, `${row.call} did not throw`).toBeInstanceOf(errors[row.error]);
    expect((error as errors.PortfolioGuardError).name).toBe(row.error);
    expect((error as errors.PortfolioGuardError).field).toBe(row.field);
    expect((error as Error).message).toBe(row.message);
    expect(m.snapshot()).toEqual(bytes);
    expect(observableState(m)).toEqual(before);
    expect(Object.is(m.getCorrelation('BTC/USDT', 'ETH/USDT'), correlation)).toBe(true);
  });
});
