/**
 * Loads the correlation core through the compiler's static `raw` bindings. The wasm bytes
 * are embedded (deflated, base64), so nothing touches fs or fetch: the same code runs in Node, in a
 * page and in a bundle. `@assemblyscript/loader` is not used: it is deprecated since
 * AssemblyScript 0.20, and the raw bindings give typed exports generated from the source.
 */
import { instantiate, instantiateSync } from './core-bindings.generated.js';
import { packedCoresBase64, scalarCoreBytes, simdCoreBytes } from './core-wasm.generated.js';
import { inflateSync } from './inflate.generated.js';

export type CoreExports = Awaited<ReturnType<typeof instantiate>>;
export type SimdChoice = 'auto' | boolean;

export interface LoadedCore {
  readonly exports: CoreExports;
  readonly simd: boolean;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface CoreBytes {
  readonly simd: Uint8Array<ArrayBuffer>;
  readonly scalar: Uint8Array<ArrayBuffer>;
}
let unpacked: CoreBytes | undefined;
const compiled = new Map<boolean, WebAssembly.Module>();

/** Both cores, inflated once per process on first use. */
function unpack(): CoreBytes {
  const all = new Uint8Array(simdCoreBytes + scalarCoreBytes);
  inflateSync(decodeBase64(packedCoresBase64), { out: all });
  return { simd: all.subarray(0, simdCoreBytes), scalar: all.subarray(simdCoreBytes) };
}

function bytesFor(simd: boolean): Uint8Array<ArrayBuffer> {
  unpacked ??= unpack();
  return simd ? unpacked.simd : unpacked.scalar;
}

/** True where the host validates the SIMD build (every current browser and Node ≥ 16). */
export function simdSupported(): boolean {
  return WebAssembly.validate(bytesFor(true));
}

function pick(choice: SimdChoice): boolean {
  if (choice === false) return false;
  const supported = simdSupported();
  if (choice === true && !supported) throw new Error('WebAssembly SIMD is not supported here');
  return supported;
}

/** Synchronous load: Node and workers (browsers' main threads refuse big sync compiles). */
export function loadCoreSync(choice: SimdChoice = 'auto'): LoadedCore {
  const simd = pick(choice);
  let module = compiled.get(simd);
  if (!module) {
    module = new WebAssembly.Module(bytesFor(simd));
    compiled.set(simd, module);
  }
  return { exports: instantiateSync(module, {}), simd };
}

/** Asynchronous load: works everywhere. Each call gets its own instance and memory. */
export async function loadCore(choice: SimdChoice = 'auto'): Promise<LoadedCore> {
  const simd = pick(choice);
  let module = compiled.get(simd);
  if (!module) {
    module = await WebAssembly.compile(bytesFor(simd));
    compiled.set(simd, module);
  }
  return { exports: await instantiate(module, {}), simd };
}
