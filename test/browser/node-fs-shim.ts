/**
 * Browser stand-in for `node:fs`, used only by vitest.browser.config.ts (an alias). A few
 * suites read repository text files with
 * `readFileSync(new URL('…', import.meta.url), 'utf8')`: the engine and reference suites their
 * JSON fixtures, the README check the README's bot loop and the example it runs, the bad-input
 * suite every markdown page (listed with readdirSync) for the table it prints. A
 * page has no file system, so those files are bundled as text by Vite (the globs below) and
 * served from here by their path in the repository. Anything else throws, so a test that
 * really needs the file system fails loudly instead of passing on made-up data.
 */
const globbed = {
  ...import.meta.glob('../fixtures/**/*', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../*.md', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../docs/**/*.md', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../examples/*.mjs', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

/** Repository-relative path (no leading slash) → text. */
const files = new Map<string, string>();
for (const [key, text] of Object.entries(globbed)) {
  files.set(new URL(key, 'http://repo/test/browser/').pathname.slice(1), text);
}

function repoPath(path: unknown): string {
  const href = path instanceof URL ? path.href : String(path);
  let pathname: string;
  try {
    pathname = new URL(href, 'http://repo/').pathname;
  } catch {
    pathname = href;
  }
  return decodeURIComponent(pathname).replace(/^\/+/, '');
}

/**
 * The bundled file a requested path names. Vite serves files under the project root at
 * `/<path>` and others at `/@fs/<absolute path>`, so match on the repository-relative path
 * as a suffix (at a `/` boundary), the longest one winning.
 */
function lookup(key: string): string | undefined {
  let best: string | undefined;
  for (const name of files.keys()) {
    if ((key === name || key.endsWith(`/${name}`)) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : files.get(best);
}

export function readFileSync(path: unknown, encoding?: unknown): string {
  const key = repoPath(path);
  const text = lookup(key);
  if (text === undefined) {
    throw new Error(`node:fs is not available in the browser; ${key} is not one of the files test/browser/node-fs-shim.ts bundles`);
  }
  const enc = typeof encoding === 'string' ? encoding : (encoding as { encoding?: string } | undefined)?.encoding;
  if (enc !== 'utf8' && enc !== 'utf-8') throw new Error('browser node:fs shim: only utf8 text reads are supported');
  return text;
}

/**
 * The path under directory `dir` (ending in `/`) of each bundled file beneath it. Like
 * `lookup`, a requested directory matches a bundled file's directory as a path suffix.
 */
function* under(dir: string): Generator<string> {
  for (const name of files.keys()) {
    for (let cut = name.indexOf('/'); cut >= 0; cut = name.indexOf('/', cut + 1)) {
      const parent = name.slice(0, cut + 1);
      if (dir === parent || dir.endsWith(`/${parent}`)) yield name.slice(cut + 1);
    }
  }
}

const asDirectory = (path: unknown) => `${repoPath(path).replace(/\/+$/, '')}/`;

/** A bundled file, or a directory some bundled file is under (matched as readdirSync does). */
export function existsSync(path: unknown): boolean {
  if (lookup(repoPath(path)) !== undefined) return true;
  return !under(asDirectory(path)).next().done;
}

/** The entries of a directory, as far as the bundled files show them (`withFileTypes` only). */
export function readdirSync(path: unknown, options?: { withFileTypes?: boolean }): { name: string; isDirectory(): boolean }[] {
  if (options?.withFileTypes !== true) throw new Error('browser node:fs shim: readdirSync needs { withFileTypes: true }');
  const dir = asDirectory(path);
  const entries = new Map<string, boolean>();
  for (const rest of under(dir)) {
    const [first, ...deeper] = rest.split('/');
    entries.set(first!, (entries.get(first!) ?? false) || deeper.length > 0);
  }
  if (entries.size === 0) throw new Error(`node:fs is not available in the browser; no bundled file is under ${dir}`);
  return [...entries].map(([name, isDir]) => ({ name, isDirectory: () => isDir }));
}

export default { readFileSync, existsSync, readdirSync };
