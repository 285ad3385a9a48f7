#!/usr/bin/env node
/**
 * Bundles the simulator page into examples/simulator/dist/ with esbuild: src/main.ts →
 * app.js, plus index.html and style.css. The page imports only public exports:
 * `portfolio-guard` resolves to the package's own entry (dist/index.js, through package.json
 * "exports"), exactly what an app depending on the package gets, bundled with no loader,
 * plugin or wasm configuration at all; `portfolio-guard-tools/simulation` is the synthetic
 * market and account model the replay runs too (tools/dist/simulation/).
 * platform: 'browser' makes any `node:` import on that path a build error.
 *
 *   node examples/simulator/build.mjs          # build once
 *   import { buildSimulator } from './build.mjs' # (the e2e test)
 */
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const outdir = path.join(here, 'dist');

export async function buildSimulator({ quiet = false } = {}) {
  for (const entry of [path.join(root, 'dist/index.js'), path.join(root, 'tools/dist/simulation/index.js')]) {
    try {
      await stat(entry);
    } catch {
      throw new Error(`${path.relative(process.cwd(), entry)} is missing: run \`npm run build && npm run build:tools\` first (npm install runs both through "prepare")`);
    }
  }
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'src/main.ts')],
    outfile: path.join(outdir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: true,
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  await copyFile(path.join(here, 'index.html'), path.join(outdir, 'index.html'));
  await copyFile(path.join(here, 'style.css'), path.join(outdir, 'style.css'));
  const inputs = Object.keys(result.metafile.inputs);
  const nodeBuiltins = inputs.filter((p) => p.startsWith('node:'));
  if (nodeBuiltins.length > 0) throw new Error(`the browser bundle pulls in Node built-ins: ${nodeBuiltins.join(', ')}`);
  const bytes = result.metafile.outputs[path.relative(process.cwd(), path.join(outdir, 'app.js'))]?.bytes;
  if (!quiet) {
    const from = (dir) => inputs.filter((p) => path.resolve(p).startsWith(path.join(root, dir))).length;
    console.log(`simulator built: ${path.relative(process.cwd(), outdir)}/ (app.js ${bytes ? `${(bytes / 1024).toFixed(0)} KiB` : ''}, ${from('dist/')} modules from the package entry, ${from('tools/dist/')} from the simulation model)`);
  }
  return { outdir, inputs };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSimulator().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
