/**
 * An engine's exported state, and what restoring one checks on this side of the boundary: the
 * layout version, the options, the symbol names. The bytes themselves are checked by the core
 * (assembly/restore.ts), which answers with a code and where it failed; `restoreFailure` puts
 * that into words. Every refusal is a SnapshotError naming the field.
 */
import { SnapshotError, quote } from './errors.js';
import { checkName } from './names.js';
import { storedField } from './snapshot/stored-field.js';
import type { CoreExports } from './wasm/load.js';
import { LAYOUT_VERSION, MAX_WINDOW } from './wasm/core-limits.generated.js';

/** Everything needed to rebuild an engine; see CorrelationEngine.exportState. */
export interface EngineState {
  /** The core's layout version (LAYOUT_VERSION of the build that exported it). */
  readonly layout: number;
  readonly window: number;
  readonly minPeriods: number;
  readonly symbols: readonly string[];
  readonly core: Uint8Array;
  readonly records: Uint8Array;
}

/** Refuses a snapshot written by a core of another memory layout, naming both versions. */
export function checkLayout(layout: unknown, field = 'layout'): void {
  if (layout !== LAYOUT_VERSION) {
    throw new SnapshotError(field, `the engine state was written by core layout ${quote(layout)}; this build reads layout ${LAYOUT_VERSION}`, layout);
  }
}

function wholeIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SnapshotError(field, `must be an integer in [${min}, ${max}], got ${quote(value)}`, value);
  }
  return value;
}

/** The parts of an EngineState that TypeScript can check before any memory is laid out. */
export function checkEngineState(state: EngineState): void {
  if (state === null || typeof state !== 'object') {
    throw new SnapshotError('state', `must be an object from exportState(), got ${quote(state)}`, state);
  }
  checkLayout(state.layout);
  const window = wholeIn(state.window, 'window', 1, MAX_WINDOW);
  wholeIn(state.minPeriods, 'minPeriods', 1, window);
  if (!Array.isArray(state.symbols)) throw new SnapshotError('symbols', `must be an array of names, got ${quote(state.symbols)}`, state.symbols);
  state.symbols.forEach((name, k) => storedField(checkName, name, `symbols[${k}]`));
  if (new Set(state.symbols).size !== state.symbols.length) {
    throw new SnapshotError('symbols', 'a symbol name appears twice', state.symbols.length);
  }
  for (const block of ['core', 'records'] as const) {
    if (!(state[block] instanceof Uint8Array)) throw new SnapshotError(block, `must be a Uint8Array, got ${quote(state[block])}`, state[block]);
  }
}

/** Where the core's check failed, read from its result area. */
interface Failure {
  readonly at: number;
  readonly other: number;
  readonly found: number;
  readonly limit: number;
  /** Symbol names by id, quoted. */
  readonly name: (id: number) => string;
}

type Describe = (f: Failure) => readonly [field: string, message: string];

const COUNT_RULE = 'must be a whole number in [0, 2^50]';

// Keyed by the names the core exports its codes under (assembly/restore.ts).
const DESCRIPTIONS: Readonly<Record<string, Describe>> = {
  RESTORE_WINDOW: (f) => ['core.window', `is ${f.found}, the engine is laid out for a window of ${f.limit}`],
  RESTORE_SLOTS: (f) => ['core.slots', `is ${f.found}, a window of ${f.limit - 1} keeps ${f.limit} grid slots`],
  RESTORE_MASK_WORDS: (f) => ['core.maskWords', `is ${f.found}, one bit per grid slot takes ${f.limit} words`],
  RESTORE_MIN_PERIODS: (f) => ['core.minPeriods', `is ${f.found}, the configuration says ${f.limit}`],
  RESTORE_ROWS: (f) => ['core.rows', `is ${f.found}, must be in [0, ${f.limit}]`],
  RESTORE_SYMBOLS: (f) => ['symbols', `the core block holds ${f.found} symbols, the state names ${f.limit}`],
  RESTORE_CURSOR: (f) => ['core.cursor', `(${f.found}, ${f.limit}) is not a pair of the co-moment triangle`],
  RESTORE_IGNORED: (f) => ['core.ignoredTooOld', `${COUNT_RULE}, got ${f.found}`],
  RESTORE_EPOCH: (f) => ['core.epoch', `${COUNT_RULE}, got ${f.found}`],
  RESTORE_APPENDED: (f) => ['core.appendedRows', `${COUNT_RULE}, got ${f.found}`],
  RESTORE_STATE_GAPS: () => ['core', 'bytes that hold no field are not zero'],
  RESTORE_ORDER: (f) => [
    `core.order[${f.at}]`,
    f.found < 0 || f.found >= f.limit ? `slot ${f.found} is not one of the ${f.limit} slots in use` : `slot ${f.found} is listed twice`,
  ],
  RESTORE_TIMESTAMP: (f) => [
    `core.timestamps[${f.at}]`,
    Number.isSafeInteger(f.found) ? `${f.found} is not newer than the previous row's ${f.limit}` : `${f.found} is not an integer timestamp`,
  ],
  RESTORE_FREE_TIMESTAMP: (f) => [`core.timestamps`, `slot ${f.other}, which no row uses, holds ${f.found}`],
  RESTORE_WINDOW_MASK: (f) => ['core.windowMask', `slot ${f.other} is marked ${f.found ? 'in' : 'out of'} the window, the row order puts it ${f.limit ? 'in' : 'out of'} it`],
  RESTORE_SHIFT: (f) => [`records[${f.at}].shift`, `of ${f.name(f.at)} is ${f.found}; a mean of log returns lies within ±${f.limit}`],
  RESTORE_VERSION: (f) => [`records[${f.at}].version`, `of ${f.name(f.at)} ${COUNT_RULE}, got ${f.found}`],
  RESTORE_CLOSE: (f) => [`records[${f.at}].closes[${f.other}]`, `of ${f.name(f.at)} is ${f.found}, not the log of a finite price > 0`],
  RESTORE_FREE_CLOSE: (f) => [`records[${f.at}].closes[${f.other}]`, `of ${f.name(f.at)} is ${f.found} in a slot no row uses`],
  RESTORE_RETURN: (f) => [`records[${f.at}].returns[${f.other}]`, `of ${f.name(f.at)} is ${f.found}, its closes give ${f.limit}`],
  RESTORE_MISSING: (f) => [`records[${f.at}].missing`, `word ${f.other} of ${f.name(f.at)}'s missing-return mask disagrees with its returns`],
  RESTORE_RECORD_GAPS: (f) => [`records[${f.at}]`, `bytes of ${f.name(f.at)}'s record that hold no field are not zero`],
  RESTORE_HI: (f) => [`records[${f.at}].hi`, `of ${f.name(f.at)} is ${f.found}, not the largest Σu² of a window (it breaks the bound ${f.limit})`],
  RESTORE_SUM: (f) => [`records[${f.at}].sum`, `Σu of ${f.name(f.at)} is ${f.found}, its returns give ${f.limit}: further apart than rounding can take a running sum`],
  RESTORE_COMOMENT: (f) => [
    `records[${f.at}].comoments[${f.other}]`,
    `of ${f.name(f.at)} with ${f.name(f.other)} is ${f.found}, their returns give ${f.limit}: further apart than rounding can take a running sum`,
  ],
};

const byCode = new WeakMap<CoreExports, ReadonlyMap<number, Describe>>();

function descriptions(core: CoreExports): ReadonlyMap<number, Describe> {
  let map = byCode.get(core);
  if (map === undefined) {
    const exported = core as unknown as Record<string, { readonly value: number }>;
    map = new Map(Object.entries(DESCRIPTIONS).map(([name, describe]) => [exported[name]!.value, describe] as const));
    byCode.set(core, map);
  }
  return map;
}

/** The SnapshotError for a failed restoreCheck, from the code and the core's result area. */
export function restoreFailure(core: CoreExports, heap: Float64Array, code: number, symbols: readonly string[]): SnapshotError {
  const slot = (offset: { readonly value: number }) => heap[(core.resultsPtr() + offset.value) >>> 3]!;
  const failure: Failure = {
    at: slot(core.RESULT_RESTORE_AT),
    other: slot(core.RESULT_RESTORE_OTHER),
    found: slot(core.RESULT_RESTORE_FOUND),
    limit: slot(core.RESULT_RESTORE_LIMIT),
    name: (id) => quote(symbols[id]),
  };
  const describe = descriptions(core).get(code);
  if (describe === undefined) return new SnapshotError('core', `the core refused the state (check ${code})`, code);
  const [field, message] = describe(failure);
  return new SnapshotError(field, message, failure.found);
}
