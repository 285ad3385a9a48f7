/**
 * The one owner of typed-array views on wasm memory. `memory.grow` detaches the old
 * ArrayBuffer, so every access goes through `f64()`, which re-takes the view when the
 * buffer changed instead of trusting one taken earlier. A detached view reads as length 0
 * (memory is never empty), which is how growth is seen: asking the memory for its buffer is
 * a host call that costs more than a whole one-candle ingest's arithmetic.
 */
export class MemoryView {
  private view: Float64Array;
  private ints: Int32Array;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.view = new Float64Array(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
  }

  f64(): Float64Array {
    if (this.view.length === 0) this.retake();
    return this.view;
  }

  i32(): Int32Array {
    if (this.ints.length === 0) this.retake();
    return this.ints;
  }

  private retake(): void {
    const buffer = this.memory.buffer;
    this.view = new Float64Array(buffer);
    this.ints = new Int32Array(buffer);
  }

  bytes(begin: number, end: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, begin, end - begin);
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }
}
