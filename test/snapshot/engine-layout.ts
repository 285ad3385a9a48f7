/**
 * The engine's two snapshotted blocks as docs/design.md#memory-layout-and-who-owns-it lays them
 * out, for tests that edit one field of a real state or read its grid back: byte offsets of
 * every global, of the row order, timestamps and window mask, and of each field of a symbol's
 * record. Offsets are relative to the start of the block.
 */
import type { EngineState } from '../../bindings/engine.js';

const align16 = (x: number): number => (x + 15) & ~15;

export class EngineLayout {
  readonly slots: number;
  readonly maskWords: number;
  readonly recordFixed: number;
  readonly order = 64;
  readonly timestamps: number;
  readonly windowMask: number;

  constructor(readonly window: number) {
    this.slots = window + 1;
    this.maskWords = (this.slots + 63) >> 6;
    this.timestamps = align16(this.order + 4 * this.slots);
    this.windowMask = this.timestamps + 8 * this.slots;
    this.recordFixed = align16(32 + 16 * this.slots + 8 * this.maskWords);
  }

  /** Globals of the state block. */
  static readonly global = {
    window: 0, slots: 4, maskWords: 8, minPeriods: 12, rows: 16, symbols: 20, cursorRow: 24, cursorCol: 28,
    ignoredTooOld: 32, epoch: 40, appendedRows: 48, unused: 56,
  } as const;

  record(i: number): number {
    return i * this.recordFixed + 8 * ((i * (i + 1)) / 2);
  }
  shift(i: number): number { return this.record(i); }
  sum(i: number): number { return this.record(i) + 8; }
  hi(i: number): number { return this.record(i) + 16; }
  version(i: number): number { return this.record(i) + 24; }
  close(i: number, slot: number): number { return this.record(i) + 32 + 8 * slot; }
  return(i: number, slot: number): number { return this.record(i) + 32 + 8 * this.slots + 8 * slot; }
  missing(i: number, word: number): number { return this.record(i) + 32 + 16 * this.slots + 8 * word; }
  /** S(i, j), j ≤ i. */
  comoment(i: number, j: number): number { return this.record(i) + this.recordFixed + 8 * j; }
}

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A copy of `state` with one edit applied to a copy of its core or records block. */
export function editState(state: EngineState, block: 'core' | 'records', edit: (v: DataView, layout: EngineLayout) => void): EngineState {
  const copy = state[block].slice();
  edit(view(copy), new EngineLayout(state.window));
  return { ...state, [block]: copy };
}

/** The candles an engine state holds, per symbol in id order: [timestamp, close] in time order. */
export function candlesOf(state: EngineState): [number, number][][] {
  const layout = new EngineLayout(state.window);
  const core = view(state.core);
  const records = view(state.records);
  const rows = core.getInt32(EngineLayout.global.rows, true);
  const timeline = Array.from({ length: rows }, (_, p) => {
    const slot = core.getInt32(layout.order + 4 * p, true);
    return { slot, ts: core.getFloat64(layout.timestamps + 8 * slot, true) };
  });
  return state.symbols.map((_, i) =>
    timeline
      .map(({ slot, ts }) => [ts, Math.exp(records.getFloat64(layout.close(i, slot), true))] as [number, number])
      .filter(([, close]) => !Number.isNaN(close)),
  );
}
