/**
 * Misaligned candle feeds, told apart from short histories. Without a `timeframe`, the bar
 * grid is the union of every candle timestamp, so a symbol stamped a second late (or in
 * another phase) puts its closes on rows of its own: its returns and those of the symbols it
 * interleaves with go missing, and their correlations stay unknown however much data arrives.
 *
 * The watch keeps, per symbol, the timestamps of its latest W + 1 bars (a sorted array, 8·(W+1)
 * bytes per symbol), and calls two symbols misaligned when, among the newest W + 1 timestamps
 * of either of them, each has at least minPeriods bars but they share fewer than minPeriods.
 * It is asked only about symbols whose correlations a decision found unknown, once per change
 * of the data, and it reports each misaligned pair once (again only if it realigns and then
 * drifts apart). It is a diagnostic, not state: snapshots do not carry it.
 */

/** The latest `keep` distinct timestamps of one symbol, sorted; appending is amortised O(1). */
export class BarTimes {
  private data: Float64Array;
  private start = 0;
  private end = 0;

  constructor(private readonly keep: number) {
    this.data = new Float64Array(2 * keep);
  }

  get count(): number {
    return this.end - this.start;
  }

  /** The k-th newest timestamp (k = 0: the newest). */
  fromNewest(k: number): number {
    return this.data[this.end - 1 - k]!;
  }

  /** Adds a bar time; false when it changed nothing (known, or older than every kept one). */
  insert(t: number): boolean {
    const { data } = this;
    if (this.end > this.start && t <= data[this.end - 1]!) return this.insertInside(t);
    if (this.end === data.length) this.compact();
    data[this.end++] = t;
    if (this.end - this.start > this.keep) this.start += 1;
    return true;
  }

  private insertInside(t: number): boolean {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    if (this.data[lo] === t) return false;
    if (lo === this.start && this.count === this.keep) return false;
    if (this.end === this.data.length) {
      lo -= this.start;
      this.compact();
    }
    this.data.copyWithin(lo + 1, lo, this.end);
    this.data[lo] = t;
    this.end += 1;
    if (this.end - this.start > this.keep) this.start += 1;
    return true;
  }

  private compact(): void {
    this.data.copyWithin(0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
  }
}

/** Bars each symbol has among the newest `rows` timestamps of the two, and how many they share. */
export interface PairAlignment {
  barsA: number;
  barsB: number;
  shared: number;
}

export class AlignmentWatch {
  private readonly times = new Map<string, BarTimes>();
  /** Moves whenever any symbol's bar times change. */
  private version = 0;
  private readonly checkedAt = new Map<string, number>();
  /** Pairs reported misaligned and not realigned since, as "a\0b" with a < b. */
  private readonly reported = new Set<string>();
  private readonly scratch: PairAlignment = { barsA: 0, barsB: 0, shared: 0 };

  constructor(
    private readonly rows: number,
    private readonly minPeriods: number,
  ) {}

  /** Records the bar times of one symbol's candles: timestamps[0..count). */
  record(symbol: string, timestamps: ArrayLike<number>, count: number): void {
    let bars = this.times.get(symbol);
    if (bars === undefined) {
      bars = new BarTimes(this.rows);
      this.times.set(symbol, bars);
    }
    let changed = false;
    for (let k = 0; k < count; k++) if (bars.insert(timestamps[k]!)) changed = true;
    if (changed) this.version += 1;
  }

  /**
   * Records one bar time for one symbol (a whole-row update). Returns the symbol's bar times,
   * which a caller recording the same symbol every bar may keep for recordInto (never dropped).
   */
  recordOne(symbol: string, timestamp: number): BarTimes {
    let bars = this.times.get(symbol);
    if (bars === undefined) {
      bars = new BarTimes(this.rows);
      this.times.set(symbol, bars);
    }
    this.recordInto(bars, timestamp);
    return bars;
  }

  /** recordOne for bar times recordOne returned. */
  recordInto(bars: BarTimes, timestamp: number): void {
    if (bars.insert(timestamp)) this.version += 1;
  }

  /**
   * Calls `report` for every symbol misaligned with `symbol` that has not been reported yet.
   * Does nothing when the data has not changed since `symbol` was last checked.
   */
  check(symbol: string, report: (a: string, b: string, alignment: PairAlignment) => void): void {
    if (this.checkedAt.get(symbol) === this.version) return;
    this.checkedAt.set(symbol, this.version);
    const mine = this.times.get(symbol);
    if (mine === undefined) return;
    for (const [other, theirs] of this.times) {
      if (other === symbol) continue;
      const key = symbol < other ? `${symbol}\u0000${other}` : `${other}\u0000${symbol}`;
      const a = this.compare(mine, theirs);
      const misaligned = a.barsA >= this.minPeriods && a.barsB >= this.minPeriods && a.shared < this.minPeriods;
      if (!misaligned) {
        this.reported.delete(key);
      } else if (!this.reported.has(key)) {
        this.reported.add(key);
        report(symbol, other, a);
      }
    }
  }

  /** Walks both symbols' newest bar times back, over the newest `rows` distinct timestamps. */
  private compare(a: BarTimes, b: BarTimes): PairAlignment {
    const out = this.scratch;
    out.barsA = out.barsB = out.shared = 0;
    let i = 0;
    let j = 0;
    for (let seen = 0; seen < this.rows && (i < a.count || j < b.count); seen++) {
      const ta = i < a.count ? a.fromNewest(i) : Number.NEGATIVE_INFINITY;
      const tb = j < b.count ? b.fromNewest(j) : Number.NEGATIVE_INFINITY;
      if (ta === tb) {
        out.barsA += 1;
        out.barsB += 1;
        out.shared += 1;
        i += 1;
        j += 1;
      } else if (ta > tb) {
        out.barsA += 1;
        i += 1;
      } else {
        out.barsB += 1;
        j += 1;
      }
    }
    return out;
  }
}
