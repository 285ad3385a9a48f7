/**
 * References to documents: every `*.md` path a source file, a test, a shipped type or a page
 * mentions, and every relative link or image in the pages, resolved against the repository.
 * A documentation link may name a heading (`manager.md#the-answer`); headings get the anchors
 * GitHub and npm give them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface Reference {
  /** Repository-relative path of the file that holds the reference. */
  readonly from: string;
  readonly line: number;
  /** As written, e.g. `docs/design.md#the-bar-grid` or `../README.md`. */
  readonly target: string;
}

const TEXT_FILE = /\.(?:[cm]?[jt]s|d\.[cm]?ts|py|sh|md|json|html|css|txt)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.readme-run']);
const GENERATED = /\.generated\./;

/** Text files under `dir` (repository-relative), skipping dependencies, build output and generated code. */
export function textFiles(root: string, dir: string, keep: (name: string) => boolean = (n) => TEXT_FILE.test(n)): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return keep(dir) ? [dir] : [];
  const out: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...textFiles(root, path, keep));
    } else if (keep(entry.name) && !GENERATED.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

// A path ending in .md (with an optional #heading), not part of a URL.
const MD_PATH = /(?<![\w./:-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w-]+\.md)(#[\w-]+)?(?![\w/-])/g;
// A markdown link or image with a relative target: [text](target) or ![alt](target).
const MD_LINK = /!?\[[^\]]*\]\(([^)\s]+)\)/g;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Every `*.md` mention in a file, and in markdown files every relative link or image too. */
export function referencesIn(from: string, text: string): Reference[] {
  const found: Reference[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    const seen = new Set<string>();
    const add = (target: string) => {
      if (seen.has(target)) return;
      seen.add(target);
      found.push({ from, line: index + 1, target });
    };
    for (const m of lineText.matchAll(MD_PATH)) {
      // Skip the path part of a URL (https://host/a/README.md).
      if (/https?:\/\/\S*$/.test(lineText.slice(0, m.index))) continue;
      add(m[1]! + (m[2] ?? ''));
    }
    if (from.endsWith('.md')) for (const target of relativeLinks(lineText)) add(target);
  });
  return found;
}

/** The relative targets of the markdown links and images on one line. */
function relativeLinks(lineText: string): string[] {
  return [...lineText.matchAll(MD_LINK)].map((m) => m[1]!).filter((target) => !EXTERNAL.test(target));
}

/** Only the relative links and images of a markdown document (not paths mentioned in text). */
export function linksIn(from: string, text: string): Reference[] {
  return text.split('\n').flatMap((lineText, index) => relativeLinks(lineText).map((target) => ({ from, line: index + 1, target })));
}

/**
 * The anchors of a markdown document's headings, as GitHub (and npm) make them: lower case,
 * punctuation and symbols dropped (hyphens and underscores kept), each space a hyphen, and
 * `-1`, `-2`… on repeats.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const m = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/**
 * Why a reference does not resolve, or undefined when it does. A path is looked up relative
 * to the referring file and then to the repository root (code comments name paths from the
 * root); a `#heading` must be a heading of the document it names.
 */
export function problemWith(root: string, ref: Reference): string | undefined {
  const [path, anchor] = ref.target.split('#', 2) as [string, string | undefined];
  const candidates = path === '' ? [ref.from] : [normalize(join(dirname(ref.from), path)), normalize(path)];
  const resolved = candidates.find((p) => !p.startsWith('..') && existsSync(join(root, p)));
  if (resolved === undefined) return `${ref.target}: no such file in the repository`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md')) return `${ref.target}: only markdown documents have headings`;
  const anchors = headingAnchors(readFileSync(join(root, resolved), 'utf8'));
  return anchors.has(anchor) ? undefined : `${ref.target}: ${relative(root, join(root, resolved))} has no heading #${anchor}`;
}
