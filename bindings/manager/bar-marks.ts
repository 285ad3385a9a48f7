/**
 * What a bar sent through updateMarketBar records besides the engine's row: each symbol's
 * latest close (PriceBook) and, without a timeframe, its bar time (AlignmentWatch). A bot
 * sends the same symbols in the same order every bar, so each position of the bar keeps the
 * price column and bar-time record of the name it held last: a name found again at its
 * position is recorded without looking it up.
 */
import type { AlignmentWatch, BarTimes } from './alignment.js';
import type { BarInput } from './bar-input.js';
import type { PriceBook } from './prices.js';

export class BarMarks {
  private readonly names: string[] = [];
  /** The index of each position's price entry. */
  private readonly entries: number[] = [];
  private readonly times: (BarTimes | undefined)[] = [];

  constructor(
    private readonly prices: PriceBook,
    private readonly alignment: AlignmentWatch | undefined,
  ) {}

  /** Records the closes of `bar` (read and pushed) at bar time `t`. */
  record(bar: BarInput, t: number): void {
    const { prices, alignment, names, entries, times } = this;
    for (let k = 0; k < bar.count; k++) {
      const name = bar.symbols[k]!;
      const close = bar.closes[k]!;
      if (names[k] === name) {
        prices.setCloseAt(entries[k]!, t, close);
        if (alignment !== undefined) alignment.recordInto(times[k]!, t);
      } else {
        names[k] = name;
        entries[k] = prices.setClose(name, t, close).index;
        times[k] = alignment?.recordOne(name, t);
      }
    }
  }
}
