/**
 * The user documentation: README.md and every page in docs/. Shared by the documentation
 * tests, which execute its runnable blocks and check its links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Page {
  /** Repository-relative path, e.g. `docs/manager.md`. */
  readonly path: string;
  readonly text: string;
}

/** README.md, then docs/*.md in name order. */
export function documentationPages(): Page[] {
  const docs = readdirSync(`${ROOT}docs`).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`);
  return ['README.md', ...docs].map((path) => ({ path, text: readFileSync(`${ROOT}${path}`, 'utf8') }));
}

export interface RunnableBlock {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/** The marker: a line `<!-- runnable -->` right before a ```js fence. */
export const RUNNABLE_MARKER = '<!-- runnable -->';
const RUNNABLE = /<!-- runnable -->[ \t]*\r?\n```js\r?\n([\s\S]*?)^```/gm;

export function runnableBlocks(page: Page): RunnableBlock[] {
  return [...page.text.matchAll(RUNNABLE)].map((m) => ({
    page: page.path,
    line: page.text.slice(0, m.index! + m[0].indexOf('```')).split('\n').length,
    code: m[1]!,
  }));
}

/** How many times the marker appears, whether or not a ```js fence follows it. */
export function markerCount(page: Page): number {
  return page.text.split(RUNNABLE_MARKER).length - 1;
}

/** A block that calls require() is CommonJS; every other block is an ES module. */
export function isCommonJs(code: string): boolean {
  return /\brequire\(/.test(code) && !/^\s*import\s/m.test(code) && !/^\s*export\s/m.test(code);
}

/** The `// prints: TEXT` expectations of a block. */
export function expectedLines(code: string): string[] {
  return [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1]!.trim());
}
