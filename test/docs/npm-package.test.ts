/**
 * The README as the npm page shows it. npmjs.com renders the README of the published tarball
 * and, for a package without a repository link, cannot resolve a relative image path, so every
 * image is an absolute URL of the file as published: the package CDN's copy of this very
 * version (`https://cdn.jsdelivr.net/npm/portfolio-guard@<version>/<path>`). The file must
 * therefore be in the tarball, and the URL must name the version in package.json (bump both
 * together). Relative links in the shipped documents must point at shipped files, so they also
 * work in an installed package.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, documentationPages } from './pages.js';
import { linksIn } from './links.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { name: string; version: string };
const readme = readFileSync(`${ROOT}README.md`, 'utf8');

/** The files `npm pack` would publish (scripts skipped: the list does not need a build). */
function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [report] = JSON.parse(out) as [{ files: { path: string }[] }];
  return new Set(report.files.map((f) => f.path));
}

/** Image sources in markdown (`![alt](src)`) and HTML (`<img src="…">`). */
function imageSources(markdown: string): string[] {
  return [
    ...[...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]!),
  ];
}

describe('the npm page', () => {
  const packed = packedFiles();
  const cdn = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/`;

  test('the README ships', () => {
    expect(packed).toContain('README.md');
  });

  test(`every README image is an absolute URL of a shipped file of version ${pkg.version}`, () => {
    const images = imageSources(readme);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const src of images) {
      expect(src.startsWith(cdn), `${src} must start with ${cdn}`).toBe(true);
      const path = src.slice(cdn.length);
      expect(packed, `${path} (from ${src}) is not in the package`).toContain(path);
    }
  });

  test('relative links and images in the shipped documents point at shipped files', () => {
    const shipped = documentationPages().filter((page) => packed.has(page.path));
    expect(shipped.map((p) => p.path)).toContain('docs/manager.md');
    for (const page of shipped) {
      for (const ref of linksIn(page.path, page.text)) {
        const path = ref.target.split('#')[0]!;
        if (path === '') continue;
        const target = normalize(join(dirname(page.path), path));
        expect(packed, `${page.path}:${ref.line} links ${ref.target}`).toContain(target);
      }
    }
  });
});
