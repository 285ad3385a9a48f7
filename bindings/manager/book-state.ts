/**
 * The position book as plain data (for snapshots), and the checks a restored book must pass.
 * A snapshot's checksum catches corruption; these catch a snapshot written by hand or by a
 * buggy tool: each holding's names were read through registerPosition's own checks (see
 * snapshot/live-section.ts), and here the parts must describe a book that can exist.
 */
import { SnapshotError, quote } from '../errors.js';
import { storedCount } from '../snapshot/stored-field.js';
import type { Holding, PositionMode, ReservationHolding } from './positions.js';

export interface BookState {
  /** Open positions, oldest first. */
  readonly positions: readonly Holding[];
  /** Live reservations, oldest first. */
  readonly reservations: readonly ReservationHolding[];
  /** The symbols held, in the order they entered the book (the order stats list them in). */
  readonly symbolOrder: readonly string[];
  /** The regimes held, likewise. */
  readonly regimeOrder: readonly string[];
  /** The next generated id's number (`p<n>`). */
  readonly nextAutoId: number;
  /** The next reservation id's number (`r<n>`). */
  readonly nextReservationId: number;
}

function fail(field: string, message: string, value?: unknown): never {
  throw new SnapshotError(field, message, value);
}

/** `order` must list each name of `used` exactly once, and nothing else. */
function checkOrder(field: string, order: readonly string[], used: ReadonlySet<string>): void {
  const listed = new Set(order);
  if (listed.size !== order.length) fail(field, 'lists a name twice', order.length);
  const missing = [...used].find((name) => !listed.has(name));
  if (missing !== undefined) fail(field, `misses ${quote(missing)}, which an open position or reservation uses`, missing);
  const extra = order.find((name) => !used.has(name));
  if (extra !== undefined) fail(field, `lists ${quote(extra)}, which no open position or reservation uses`, extra);
}

function checkHoldings(field: string, holdings: readonly Holding[]): void {
  const ids = new Set<string>();
  holdings.forEach((h, k) => {
    if (ids.has(h.id)) fail(`${field}[${k}].id`, `id ${quote(h.id)} appears twice`, h.id);
    ids.add(h.id);
    if (!(h.amount > 0) || !Number.isFinite(h.amount)) fail(`${field}[${k}].amount`, `${quote(h.id)} has ${h.unit} ${quote(h.amount)}`, h.amount);
  });
}

export function checkBookState(state: BookState, mode: PositionMode): void {
  checkHoldings('positions', state.positions);
  checkHoldings('reservations', state.reservations);
  if (mode === 'netting') {
    const symbols = new Set<string>();
    for (const p of state.positions) {
      if (symbols.has(p.symbol)) fail('positions', `netting mode holds one position per symbol, ${quote(p.symbol)} has two`, p.symbol);
      symbols.add(p.symbol);
    }
  }
  for (const r of state.reservations) {
    if (!Number.isFinite(r.expiresAt)) fail('reservations', `${quote(r.id)} expires at ${quote(r.expiresAt)}`, r.expiresAt);
  }
  const all = [...state.positions, ...state.reservations];
  checkOrder('symbolOrder', state.symbolOrder, new Set(all.map((h) => h.symbol)));
  checkOrder('regimeOrder', state.regimeOrder, new Set(all.flatMap((h) => (h.regime === undefined ? [] : [h.regime]))));
  storedCount(state.nextAutoId, 'nextAutoId', 1);
  storedCount(state.nextReservationId, 'nextReservationId', 1);
}
