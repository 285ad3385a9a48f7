/**
 * The book-level rules as pure arithmetic: for each measure of the whole book, the largest
 * total trade t ≥ 0 (a notional, or a weight for the volatility and shock rules) on one
 * symbol that keeps the measure within max(limit, the measure now). Every measure is convex
 * in t, so the sizes it allows are an interval from 0 and only its upper end is needed; and a
 * trade that leaves the measure no higher than it is now is never cut, even over the limit
 * (a net-reducing short while net exposure is above its cap, a hedge).
 *
 * `d` is the trade's direction (+1 long, −1 short). In netting mode a symbol's gross is
 * |nₖ + d·t|; in hedge mode every trade adds to it (the sides are held apart).
 */

/** Gross-type measure (book, group, asset) = rest + gross of the traded symbol. */
export function grossRoom(limit: number, before: number, symbolGross: number, directedNet: number, netting: boolean): number {
  const ceiling = limit > before ? limit : before;
  // Netting: rest + |nₖ + d·t| ≤ ceiling ⇔ t ≤ ceiling − rest − d·nₖ, with rest = before − |nₖ|.
  return netting ? ceiling - (before - symbolGross) - directedNet : ceiling - before;
}

/** |N + d·t| ≤ max(limit, |N|), for the book's signed net N. */
export function netRoom(limit: number, net: number, d: number): number {
  const now = net < 0 ? -net : net;
  return (limit > now ? limit : now) - d * net;
}

/**
 * Variance after a trade of weight x on symbol k: V(x) = c + 2·x·b + x²·a, with c = wᵀΣw,
 * b = d·(Σw)ₖ and a = Σₖₖ. The largest x ≥ 0 with V(x) ≤ max(limit, c), in closed form:
 * the larger root of a·x² + 2b·x − q = 0 (q = headroom ≥ 0), written so that neither branch
 * subtracts nearly equal numbers. Infinity when the trade never raises the variance enough.
 */
export function quadraticRoom(limit: number, c: number, b: number, a: number): number {
  const q = (limit > c ? limit : c) - c;
  if (!(a > 0)) return b > 0 ? q / (2 * b) : Number.POSITIVE_INFINITY;
  const root = Math.sqrt(b * b + a * q);
  return b > 0 ? q / (b + root) : (root - b) / a;
}

/**
 * Shock risk after a trade of weight x on symbol k: rest + |wₖ + d·x|·σₖ. The largest x ≥ 0
 * keeping it ≤ max(limit, rest + |wₖ|·σₖ).
 */
export function shockRoom(limit: number, rest: number, directedWeight: number, sigma: number): number {
  const now = rest + (directedWeight < 0 ? -directedWeight : directedWeight) * sigma;
  if (!(sigma > 0)) return Number.POSITIVE_INFINITY;
  return ((limit > now ? limit : now) - rest) / sigma - directedWeight;
}
