/**
 * Compiles bench/probe/row-parts.ts in memory with the release SIMD build's flags and
 * instantiates it: the production core with extra entry points that time parts of a row.
 */
import asc from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function loadRowParts() {
  let wasm;
  const { error, stderr } = await asc.main([
    'bench/probe/row-parts.ts', '--outFile', 'row-parts.wasm',
    '-O3', '--shrinkLevel', '1', '--noAssert', '--runtime', 'stub',
    '--use', 'abort=', '--use', 'ASC_SIMD=0', '--enable', 'simd',
    '--disable', 'mutable-globals', '--disable', 'sign-extension',
    '--disable', 'nontrapping-f2i', '--disable', 'bulk-memory',
  ], {
    baseDir: root,
    writeFile(name, contents) { if (name.endsWith('.wasm')) wasm = contents; },
  });
  if (error) throw new Error(`bench probe: asc failed: ${error.message}\n${stderr}`);
  const { instance } = await WebAssembly.instantiate(wasm, {
    env: { abort() { throw new Error('bench probe: abort'); } },
  });
  return instance.exports;
}
