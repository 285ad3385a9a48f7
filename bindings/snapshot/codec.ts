/**
 * Little-endian binary fields for snapshots. Strings are stored as UTF-16 code units, not
 * UTF-8: a JavaScript string may hold a lone surrogate, which UTF-8 cannot encode (TextEncoder
 * turns it into U+FFFD), and symbol names are user data that must come back bit-identical.
 *
 * The writer keeps large byte blocks (the engine's state) by reference and copies them once,
 * into the final buffer, so a 400 MB state is not copied three times on the way out.
 */
import { SnapshotError, quote } from '../errors.js';

const SCRATCH = 4096;
const U32_MAX = 0xffffffff;

export class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly scratch = new Uint8Array(SCRATCH);
  private readonly view = new DataView(this.scratch.buffer);
  private used = 0;
  private total = 0;

  get byteLength(): number {
    return this.total + this.used;
  }

  u8(value: number): void {
    this.room(1).setUint8(this.used, value);
    this.used += 1;
  }

  u32(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > U32_MAX) throw new RangeError(`u32 out of range: ${value}`);
    this.room(4).setUint32(this.used, value, true);
    this.used += 4;
  }

  f64(value: number): void {
    this.room(8).setFloat64(this.used, value, true);
    this.used += 8;
  }

  bool(value: boolean): void {
    this.u8(value ? 1 : 0);
  }

  string(value: string): void {
    this.u32(value.length);
    for (let k = 0; k < value.length; k++) {
      this.room(2).setUint16(this.used, value.charCodeAt(k), true);
      this.used += 2;
    }
  }

  /** A length-prefixed block, kept by reference until writeTo. */
  bytes(block: Uint8Array): void {
    this.u32(block.length);
    this.flush();
    this.chunks.push(block);
    this.total += block.length;
  }

  /** Copies everything written into `target` at `offset`. */
  writeTo(target: Uint8Array, offset: number): void {
    this.flush();
    let at = offset;
    for (const chunk of this.chunks) {
      target.set(chunk, at);
      at += chunk.length;
    }
  }

  /** The scratch view, flushed first when `n` more bytes would not fit. */
  private room(n: number): DataView {
    if (this.used + n > this.scratch.length) this.flush();
    return this.view;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.slice(0, this.used));
    this.total += this.used;
    this.used = 0;
  }
}

/** Reads what ByteWriter wrote; any read past the end is a SnapshotError. */
export class ByteReader {
  private readonly view: DataView;
  private at = 0;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get remaining(): number {
    return this.data.length - this.at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1));
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  f64(): number {
    return this.view.getFloat64(this.take(8), true);
  }

  bool(field: string): boolean {
    const v = this.u8();
    if (v > 1) throw new SnapshotError(field, `must be 0 or 1, got ${v}`, v);
    return v === 1;
  }

  string(): string {
    const length = this.u32();
    const start = this.take(length * 2);
    // fromCharCode in chunks: one call per string would overflow the stack on long names.
    let out = '';
    for (let k = 0; k < length; k += 1024) {
      const units: number[] = [];
      const end = Math.min(length, k + 1024);
      for (let u = k; u < end; u++) units.push(this.view.getUint16(start + u * 2, true));
      out += String.fromCharCode(...units);
    }
    return out;
  }

  /** A view on the block, not a copy: the caller copies it where it belongs. */
  bytes(): Uint8Array {
    const length = this.u32();
    const start = this.take(length);
    return this.data.subarray(start, start + length);
  }

  /** A u32 element count, checked against the bytes left so a bad count cannot allocate wildly. */
  count(field: string, minBytesEach: number): number {
    const n = this.u32();
    if (n * minBytesEach > this.remaining) {
      throw new SnapshotError(field, `claims ${n} entries but only ${this.remaining} bytes remain`, n);
    }
    return n;
  }

  private take(n: number): number {
    if (n > this.remaining) {
      throw new SnapshotError('snapshot', `payload ends early: needs ${n} more bytes at offset ${this.at}, has ${this.remaining} (${quote(this.data.length)} in all)`, this.at);
    }
    const start = this.at;
    this.at += n;
    return start;
  }
}
