// The byte codec round-trips every value exactly: any JavaScript string (lone surrogates
// included, which UTF-8 would lose), every f64 bit pattern the manager stores (NaN, −0), and
// byte blocks; and a read past the end is a SnapshotError, not a RangeError.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { SnapshotError } from '../../bindings/errors.js';
import { ByteReader, ByteWriter } from '../../bindings/snapshot/codec.js';

function bytesOf(w: ByteWriter): Uint8Array {
  const out = new Uint8Array(w.byteLength);
  w.writeTo(out, 0);
  return out;
}

test('strings, numbers and blocks come back as written', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }))),
      fc.array(fc.double()),
      fc.uint8Array({ maxLength: 9000 }),
      (strings, numbers, block) => {
        const w = new ByteWriter();
        for (const s of strings) w.string(s);
        for (const x of numbers) w.f64(x);
        w.bytes(block);
        w.u32(0xffffffff);
        w.bool(true);
        const r = new ByteReader(bytesOf(w));
        for (const s of strings) expect(r.string()).toBe(s);
        for (const x of numbers) expect(Object.is(r.f64(), x)).toBe(true);
        expect(r.bytes()).toEqual(block);
        expect(r.u32()).toBe(0xffffffff);
        expect(r.bool('flag')).toBe(true);
        expect(r.remaining).toBe(0);
      },
    ),
    { numRuns: 300 },
  );
});

test('a string longer than the writer\'s scratch buffer, and a lone surrogate, survive', () => {
  const long = '\uD83D'.repeat(5000) + 'é'.repeat(3000);
  const w = new ByteWriter();
  w.string(long);
  expect(new ByteReader(bytesOf(w)).string()).toBe(long);
});

test('reading past the end is a SnapshotError naming the offset', () => {
  const r = new ByteReader(new Uint8Array(6));
  r.u32();
  expect(() => r.f64()).toThrow(SnapshotError);
  expect(() => r.f64()).toThrow('snapshot: payload ends early: needs 8 more bytes at offset 4, has 2 (6 in all)');
});

test('a count that cannot fit in the bytes left is refused before anything is allocated', () => {
  const w = new ByteWriter();
  w.u32(1_000_000);
  expect(() => new ByteReader(bytesOf(w)).count('positions', 30)).toThrow('positions: claims 1000000 entries but only 0 bytes remain');
});
