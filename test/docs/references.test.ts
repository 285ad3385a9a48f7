/**
 * Every document a source file, a test, a shipped type or a documentation page refers to
 * exists in the repository, and every `#heading` such a reference names is a heading of that
 * document. A comment that cites a design document, or a page that links another, cannot
 * point at a file that was renamed, deleted or never committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './pages.js';
import { headingAnchors, problemWith, referencesIn, textFiles, type Reference } from './links.js';

/** Where references live: the sources, tests, tools, examples, scripts, benchmarks and docs. */
const SCANNED = ['bindings', 'assembly', 'test', 'tools', 'examples', 'scripts', 'bench', '.ci', 'README.md', 'docs'];

/** The checker's own files quote missing documents on purpose, as test cases. */
const CHECKER = new Set(['test/docs/links.ts', 'test/docs/references.test.ts']);

function scannedFiles(): string[] {
  const files = SCANNED.flatMap((dir) => textFiles(ROOT, dir)).filter((file) => !CHECKER.has(file));
  // The types the package ships carry the sources' doc comments.
  const shippedTypes = textFiles(ROOT, 'dist', (name) => name.endsWith('.d.ts'));
  return [...files, ...shippedTypes];
}

function problems(files: string[]): string[] {
  const refs: Reference[] = files.flatMap((file) => referencesIn(file, readFileSync(join(ROOT, file), 'utf8')));
  return refs.flatMap((ref) => {
    const problem = problemWith(ROOT, ref);
    return problem === undefined ? [] : [`${ref.from}:${ref.line}: ${problem}`];
  });
}

test('every *.md reference and relative link resolves, headings included', () => {
  const files = scannedFiles();
  expect(files).toContain('README.md');
  expect(files).toContain('dist/index.d.ts');
  expect(problems(files)).toEqual([]);
});

describe('the checker itself', () => {
  const check = (from: string, text: string) =>
    referencesIn(from, text).map((ref) => problemWith(ROOT, ref) ?? 'ok');

  test('finds a missing document in a comment, and accepts existing ones from the root or the file', () => {
    // Built at run time so the repository itself names no missing document.
    const missing = ['DESIGN', 'md'].join('.');
    expect(check('bindings/x.ts', `// see ${missing} for the rules`)).toEqual([`${missing}: no such file in the repository`]);
    expect(check('bindings/x.ts', '// see docs/readme/manager.md')).toEqual(['docs/readme/manager.md: no such file in the repository']);
    expect(check('bindings/x.ts', '// docs/design.md and README.md')).toEqual(['ok', 'ok']);
    expect(check('test/manager/x.ts', "read('../../README.md')")).toEqual(['ok']);
  });

  test('checks the heading a reference names', () => {
    expect(check('bindings/x.ts', '// docs/design.md#the-bar-grid')).toEqual(['ok']);
    expect(check('bindings/x.ts', '// docs/design.md#no-such-section')).toEqual(['docs/design.md#no-such-section: docs/design.md has no heading #no-such-section']);
  });

  test('checks relative links and images in markdown, not URLs', () => {
    expect(check('docs/engine.md', `[a](manager.md#the-answer) ![b](replay.svg) [c](https://example.com/${['GONE', 'md'].join('.')})`)).toEqual(['ok', 'ok']);
    expect(check('docs/engine.md', '![chart](missing.svg) [d](#nowhere) [e](#api)')).toEqual([
      'missing.svg: no such file in the repository',
      '#nowhere: docs/engine.md has no heading #nowhere',
      'ok',
    ]);
  });

  test('makes the anchors GitHub and npm make', () => {
    const anchors = headingAnchors('# A\n## Start-up load: 500 symbols × 1,000 candles\n## Real data: `npm run check:data`\n## A\n```\n# not a heading\n```');
    expect([...anchors]).toEqual(['a', 'start-up-load-500-symbols--1000-candles', 'real-data-npm-run-checkdata', 'a-1']);
  });
});
