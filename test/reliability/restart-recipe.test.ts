// The restart recipe (docs/reliability.md) runs as written, against the package's TypeScript
// sources (test/docs runs the same block against the built package): its `// prints:` lines
// all appear, and it cleans up its temp file.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';

const root = new URL('../../', import.meta.url);
const MARK = 'function saveRiskManager(';

/** The recipe block in each document that has it. */
function recipes(): string[] {
  return ['docs/reliability.md', 'README.md']
    .filter((file) => existsSync(new URL(file, root)))
    .flatMap((file) => [...readFileSync(new URL(file, root), 'utf8').matchAll(/<!-- runnable -->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]!))
    .filter((code) => code.includes(MARK));
}

afterEach(() => vi.restoreAllMocks());

test('the restart recipe persists, restores the same answers, and refuses a damaged file', async () => {
  const blocks = recipes();
  expect(blocks.length).toBeGreaterThan(0);
  const code = blocks[0]!;
  expect(code).toContain("from 'portfolio-guard'");
  for (const other of blocks) expect(other).toBe(code);

  const dir = new URL('test/.readme-run/', root);
  mkdirSync(dir, { recursive: true });
  const file = new URL('restart-recipe.mjs', dir);
  writeFileSync(file, code.replace("from 'portfolio-guard'", "from '../../bindings/index.ts'"));
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  try {
    await import(/* @vite-ignore */ file.href);
  } finally {
    rmSync(file, { force: true });
  }
  const expected = [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1]!.trim());
  expect(expected.length).toBeGreaterThanOrEqual(4);
  for (const line of expected) expect(printed).toContain(line);
  expect(printed.filter((l) => l.startsWith('before restart'))[0]!.slice(7)).toBe(printed.filter((l) => l.startsWith('after restart'))[0]!.slice(6));
});
