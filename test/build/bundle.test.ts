/**
 * What `import 'portfolio-guard'` ships to a browser: the package entry (package.json
 * "exports", i.e. the built dist/) bundled by esbuild for the browser platform and minified,
 * as an app's bundler would. The import graph must be the library alone — its own modules,
 * the embedded wasm, and zod — small enough for a page, with zod its only runtime dependency.
 * The simulation model the replay and the simulator page share
 * (portfolio-guard-tools/simulation) must bundle for the browser too.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { default: string }>;
  dependencies: Record<string, string>;
};
/** The budget for the minified browser bundle of the package entry, wasm included. */
const MAX_BYTES = 150_000;

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * `inputs`: every module in the import graph (what the bundler had to resolve); `included`:
 * those that contribute bytes to the output after tree-shaking.
 */
async function browserBundle(entry: string): Promise<{ bytes: number; inputs: string[]; included: string[] }> {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const included = Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0).map(([file]) => file);
  return { bytes: result.outputFiles[0].contents.byteLength, inputs: Object.keys(result.metafile.inputs), included };
}

describe('the package entry in a browser bundle', async () => {
  const entry = manifest.exports['.'].default;
  const { bytes, inputs, included } = await browserBundle(entry);

  test(`is at most ${MAX_BYTES.toLocaleString('en-US')} bytes minified, the wasm cores included`, () => {
    expect(included.some((p) => p.includes('core-wasm.generated'))).toBe(true);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  test('pulls in no Node built-in', () => {
    expect(inputs.filter((p) => nodeBuiltins.has(p) || p.startsWith('node:'))).toEqual([]);
  });

  test('is the library alone: its own dist/ modules and zod, no replay, command line or tools', () => {
    const outside = inputs.filter((p) => !p.startsWith('dist/') && !p.startsWith('node_modules/zod/'));
    expect(outside).toEqual([]);
    expect(inputs.filter((p) => /(^|\/)(replay|cli|tools)\//.test(p))).toEqual([]);
  });

  test('zod is the only runtime dependency, and none of its locales or classic API end up in the bundle', () => {
    expect(Object.keys(manifest.dependencies)).toEqual(['zod']);
    expect(included.filter((p) => p.includes('node_modules/zod/') && /\/(locales|classic)\//.test(p))).toEqual([]);
  });
});

describe('the shared simulation model in a browser bundle', async () => {
  const { inputs } = await browserBundle('portfolio-guard-tools/simulation');

  test('pulls in no Node built-in', () => {
    expect(inputs.filter((p) => nodeBuiltins.has(p) || p.startsWith('node:'))).toEqual([]);
  });

  test('is the simulation modules alone (the library reaches it as types only)', () => {
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((p) => !p.startsWith('tools/dist/simulation/'))).toEqual([]);
  });
});
