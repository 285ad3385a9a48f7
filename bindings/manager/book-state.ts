/**
 * The position book as plain data (for snapshots), and the checks a restored book must pass.
 * A snapshot's checksum catches corruption; these catch a snapshot written by hand or by a
 * buggy tool: every position must be one registerPosition would accept (the same name and
 * size checks, under the snapshot field that held it), and the parts must describe a book that
 * can exist.
 */
import { SnapshotError, quote } from '../errors.js';
import { checkName, checkOptionalLabel } from '../names.js';
import { storedCount, storedField } from '../snapshot/stored-field.js';
import { requireSize } from './checks.js';
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

/** The position as registerPosition would have recorded it, or a SnapshotError naming the field. */
function checkPosition(p: Position, at: string): void {
  storedField(checkName, p.id, `${at}.id`);
  storedField(checkName, p.symbol, `${at}.symbol`);
  storedField(requireSize, p.size, `${at}.size`);
  storedField(checkName, p.regime, `${at}.regime`);
  storedField(checkOptionalLabel, p.strategy, `${at}.strategy`);
}

export function checkBookState(state: BookState): void {
  const ids = new Set<string>();
  state.positions.forEach((p, k) => {
    checkPosition(p, `positions[${k}]`);
    if (ids.has(p.id)) fail(`positions[${k}].id`, `position id ${quote(p.id)} appears twice`, p.id);
    ids.add(p.id);
  });
  checkOrder('symbolOrder', state.symbolOrder, new Set(state.positions.map((p) => p.symbol)));
  checkOrder('regimeOrder', state.regimeOrder, new Set(state.positions.map((p) => p.regime)));
  storedCount(state.nextAutoId, 'nextAutoId', 1);
}
