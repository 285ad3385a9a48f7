/**
 * The position book as plain data (for snapshots), and the consistency check a restored book
 * must pass. A snapshot's checksum catches corruption; this catches a snapshot written by
 * hand or by a buggy tool, whose parts would describe a book that cannot exist.
 */
import { SnapshotError, quote } from '../errors.js';
import type { Position } from './types.js';

export interface BookState {
  /** Open positions, oldest first. */
  readonly positions: readonly Position[];
  /** The open symbols, in the order they entered the book (the order stats list them in). */
  readonly symbolOrder: readonly string[];
  /** The open regimes, likewise. */
  readonly regimeOrder: readonly string[];
  /** The next generated id's number (`p<n>`). */
  readonly nextAutoId: number;
}

function fail(field: string, message: string, value?: unknown): never {
  throw new SnapshotError(field, message, value);
}

/** `order` must list each name of `used` exactly once, and nothing else. */
function checkOrder(field: string, order: readonly string[], used: ReadonlySet<string>): void {
  const listed = new Set(order);
  if (listed.size !== order.length) fail(field, 'lists a name twice', order.length);
  const missing = [...used].find((name) => !listed.has(name));
  if (missing !== undefined) fail(field, `misses ${quote(missing)}, which an open position uses`, missing);
  const extra = order.find((name) => !used.has(name));
  if (extra !== undefined) fail(field, `lists ${quote(extra)}, which no open position uses`, extra);
}

export function checkBookState(state: BookState): void {
  const ids = new Set<string>();
  for (const p of state.positions) {
    if (ids.has(p.id)) fail('positions', `position id ${quote(p.id)} appears twice`, p.id);
    ids.add(p.id);
    if (!(p.size > 0) || !Number.isFinite(p.size)) fail('positions', `position ${quote(p.id)} has size ${quote(p.size)}`, p.size);
  }
  checkOrder('symbolOrder', state.symbolOrder, new Set(state.positions.map((p) => p.symbol)));
  checkOrder('regimeOrder', state.regimeOrder, new Set(state.positions.map((p) => p.regime)));
  if (!Number.isSafeInteger(state.nextAutoId) || state.nextAutoId < 1) {
    fail('nextAutoId', `must be a positive integer, got ${quote(state.nextAutoId)}`, state.nextAutoId);
  }
}
