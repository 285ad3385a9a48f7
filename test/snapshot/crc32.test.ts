// CRC-32 against its published check value and against zlib's implementation (node:zlib,
// independent C code), over lengths that exercise both the 4-byte loop and the byte tail.
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { crc32 } from '../../bindings/snapshot/crc32.js';

test('the check value of "123456789" is 0xCBF43926 (the CRC-32/ISO-HDLC catalogue entry)', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array(0))).toBe(0);
});

test('equals zlib.crc32 on any bytes, at any offset into a larger buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(7), (data, skip) => {
      const view = data.subarray(Math.min(skip, data.length));
      expect(crc32(view)).toBe(zlibCrc32(view));
    }),
    { numRuns: 500 },
  );
});
