/**
 * Every ```js block in README.md that is preceded by `<!-- runnable -->` runs as written,
 * importing the package by its own name (Node resolves a package's self-reference through
 * its `exports` map), so what a user copies is what is tested. A line `// prints: TEXT` in
 * a block must match a line the block printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/<!-- runnable -->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README examples run as written', () => {
  test('the README has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });
  blocks.forEach((code, index) => {
    test(`example ${index + 1}`, () => {
      const dir = `${root}test/.readme-run`;
      mkdirSync(dir, { recursive: true });
      const file = `${dir}/example-${index + 1}.mjs`;
      writeFileSync(file, code);
      try {
        const output = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
        for (const [, expected] of code.matchAll(/\/\/ prints: (.*)$/gm)) {
          expect(output.split('\n')).toContain(expected.trim());
        }
      } finally {
        rmSync(file, { force: true });
      }
    }, 60_000);
  });
});
