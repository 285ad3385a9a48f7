/**
 * The one owner of typed-array views on wasm memory. `memory.grow` detaches the old
 * ArrayBuffer, so every access goes through `f64()`, which re-takes the view when the
 * buffer changed instead of trusting one taken earlier.
 */
export class MemoryView {
  private buffer: ArrayBuffer;
  private view: Float64Array;
  private ints: Int32Array;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.view = new Float64Array(this.buffer);
    this.ints = new Int32Array(this.buffer);
  }

  f64(): Float64Array {
    if (this.memory.buffer !== this.buffer) this.retake();
    return this.view;
  }

  i32(): Int32Array {
    if (this.memory.buffer !== this.buffer) this.retake();
    return this.ints;
  }

  private retake(): void {
    this.buffer = this.memory.buffer;
    this.view = new Float64Array(this.buffer);
    this.ints = new Int32Array(this.buffer);
  }

  bytes(begin: number, end: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, begin, end - begin);
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }
}
