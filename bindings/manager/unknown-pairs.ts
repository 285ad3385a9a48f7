/**
 * Which pairs of symbols have been reported as having an unknown correlation, so that each
 * pair is reported once while it stays unknown, and again if it becomes unknown after being
 * known. Nested maps keyed in name order: a lookup builds no string.
 */
export class UnknownPairs {
  private readonly pairs = new Map<string, Set<string>>();

  /** True, and remembered, the first time the pair is seen unknown (since it was last known). */
  firstTime(a: string, b: string): boolean {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    let others = this.pairs.get(lo);
    if (others === undefined) {
      others = new Set();
      this.pairs.set(lo, others);
    }
    if (others.has(hi)) return false;
    others.add(hi);
    return true;
  }

  /** The pair is known now: a later unknown is news again. */
  known(a: string, b: string): void {
    const lo = a < b ? a : b;
    const others = this.pairs.get(lo);
    if (others === undefined) return;
    others.delete(a < b ? b : a);
    if (others.size === 0) this.pairs.delete(lo);
  }

  /** Whether any pair is remembered (so a known row needs walking at all). */
  get empty(): boolean {
    return this.pairs.size === 0;
  }
}
