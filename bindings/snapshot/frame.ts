/**
 * The snapshot frame: a fixed 20-byte header, then the payload.
 *
 *   offset  size  field
 *        0     8  magic  89 'P' 'G' 'U' 'A' 'R' 'D' 0A
 *        8     4  format version, u32 little-endian
 *       12     4  payload length in bytes, u32 little-endian
 *       16     4  CRC-32 of the payload, u32 little-endian
 *       20     …  payload
 *
 * The magic follows PNG's: a byte with the high bit set catches a 7-bit text transfer, the
 * line feed catches a line-ending conversion. Checks run in the order that gives the most
 * useful message: not a snapshot, then another format version, then the length (truncated or
 * padded), then the checksum (corrupted). Only then is the payload parsed.
 */
import { SnapshotError, quote } from '../errors.js';
import { crc32 } from './crc32.js';
import type { ByteWriter } from './codec.js';

export const MAGIC: readonly number[] = Object.freeze([0x89, 0x50, 0x47, 0x55, 0x41, 0x52, 0x44, 0x0a]);
export const HEADER_BYTES = 20;

export function frame(version: number, payload: ByteWriter): Uint8Array {
  const length = payload.byteLength;
  const out = new Uint8Array(HEADER_BYTES + length);
  out.set(MAGIC, 0);
  payload.writeTo(out, HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(8, version, true);
  view.setUint32(12, length, true);
  view.setUint32(16, crc32(out.subarray(HEADER_BYTES)), true);
  return out;
}

/** The payload of a well-formed frame of format `version`; a SnapshotError otherwise. */
export function unframe(input: unknown, version: number): Uint8Array {
  const bytes = asBytes(input);
  // Compare what is there, so a snapshot cut inside its magic reads as truncated, not foreign.
  if (MAGIC.some((b, k) => k < bytes.length && bytes[k] !== b)) {
    throw new SnapshotError('snapshot', 'is not a portfolio-guard snapshot (wrong magic bytes)', bytes.length);
  }
  if (bytes.length < HEADER_BYTES) {
    throw new SnapshotError('snapshot', `is truncated: ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`, bytes.length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(8, true);
  if (found !== version) {
    throw new SnapshotError('version', `snapshot format version ${found} is not supported (this build reads version ${version})`, found);
  }
  const length = view.getUint32(12, true);
  const actual = bytes.length - HEADER_BYTES;
  if (actual < length) {
    throw new SnapshotError('snapshot', `is truncated: the header promises ${length} payload bytes, ${actual} are present`, actual);
  }
  if (actual > length) {
    throw new SnapshotError('snapshot', `has ${actual - length} unexpected bytes after the ${length}-byte payload`, actual);
  }
  const payload = bytes.subarray(HEADER_BYTES);
  const expected = view.getUint32(16, true);
  const computed = crc32(payload);
  if (computed !== expected) {
    throw new SnapshotError('checksum', `snapshot is corrupted: CRC-32 ${hex(computed)} does not match the stored ${hex(expected)}`, computed);
  }
  return payload;
}

function asBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new SnapshotError('snapshot', `must be a Uint8Array (or ArrayBuffer) from snapshot(), got ${quote(input)}`, input);
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
