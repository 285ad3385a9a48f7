/**
 * Every ```js block in README.md and docs/*.md preceded by a `<!-- runnable -->` line runs as
 * written, in its own Node process, importing the package by its own name (Node resolves a
 * package's self-reference through its `exports` map), so what a reader copies is what is
 * tested. A block that calls require() runs as CommonJS (a .cjs file), any other as an ES
 * module. Each line `// prints: TEXT` must match a line the block printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ROOT, documentationPages, expectedLines, isCommonJs, markerCount, runnableBlocks } from './pages.js';

const pages = documentationPages();
const RUN_DIR = `${ROOT}test/.readme-run`;

test('every runnable marker is followed by a ```js block (a mistyped fence would silently not run)', () => {
  for (const page of pages) expect(runnableBlocks(page).length, page.path).toBe(markerCount(page));
});

test('the README\'s bot loop is a runnable example', () => {
  const blocks = runnableBlocks(pages.find((p) => p.path === 'README.md')!);
  expect(blocks.some((b) => b.code.includes('validateNewPosition') && b.code.includes('updateMarketData'))).toBe(true);
});

for (const page of pages) {
  const blocks = runnableBlocks(page);
  if (blocks.length === 0) continue;
  describe(`${page.path} examples run as written`, () => {
    blocks.forEach((block, index) => {
      test(`example ${index + 1} (line ${block.line})`, () => {
        mkdirSync(RUN_DIR, { recursive: true });
        const name = `${page.path.replace(/[/.]/g, '-')}-${index + 1}`;
        const file = `${RUN_DIR}/${name}.${isCommonJs(block.code) ? 'cjs' : 'mjs'}`;
        writeFileSync(file, block.code);
        try {
          const output = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
          const lines = output.split('\n');
          for (const expected of expectedLines(block.code)) expect(lines, `${page.path}:${block.line}`).toContain(expected);
        } finally {
          rmSync(file, { force: true });
        }
      }, 60_000);
    });
  });
}
