/**
 * The prices a quantity is valued at: the latest close of every symbol the manager has
 * candles for, and the quote rates a bot sets by hand. Kept here rather than read back from
 * the engine, which stores closes as logarithms (exp(log(p)) is not always p, and a valuation
 * must be the price the bot saw).
 *
 * "Latest" is by bar time: a candle for a newer bar replaces the close, one for the latest bar
 * revises it (an in-progress candle re-sent), one for an older bar changes nothing (a re-sent
 * history must not roll prices back).
 *
 * A quantity of `BASE/QUOTE` is worth quantity × close × rate, where rate converts QUOTE into
 * the account currency: the latest close of `QUOTE/ACCOUNT` when the manager has candles for
 * it, else 1 / the close of `ACCOUNT/QUOTE`, else the rate set with `updateQuoteRate`. Without
 * an account currency, or for a symbol not written BASE/QUOTE, prices are taken to be in the
 * account currency already (rate 1). Unknown → NaN, never a guess.
 *
 * `version` moves whenever any price or rate changes, so that the book can tell in O(1) that
 * its marked exposures are still current.
 */
import { quoteOf } from '../currency.js';

/**
 * Every symbol's bar time and close, in two columns indexed by the symbol's entry. A bar
 * re-marks every symbol at once, and columns keep that pass to a few contiguous cache lines
 * where one object per symbol would be a scattered read each.
 */
interface PriceColumns {
  readonly times: number[];
  readonly closes: number[];
}

export class PriceEntry {
  /** Symbols whose prices convert this one's quote currency, precomputed (no string building on the hot path). */
  readonly quote: string | undefined;
  readonly direct: string | undefined;
  readonly inverse: string | undefined;
  /** The entry's row in the columns. */
  readonly index: number;

  constructor(
    symbol: string,
    account: string | undefined,
    private readonly columns: PriceColumns,
    barTime: number,
    close: number,
  ) {
    const q = account === undefined ? undefined : quoteOf(symbol);
    const foreign = q !== undefined && q !== account;
    this.quote = foreign ? q : undefined;
    this.direct = foreign ? `${q}/${account}` : undefined;
    this.inverse = foreign ? `${account}/${q}` : undefined;
    this.index = columns.times.push(barTime) - 1;
    columns.closes.push(close);
  }

  get barTime(): number {
    return this.columns.times[this.index]!;
  }

  get close(): number {
    return this.columns.closes[this.index]!;
  }
}

/** Prices and quote rates as plain data (snapshots), in the order they were first set. */
export interface PriceState {
  readonly closes: readonly { readonly symbol: string; readonly barTime: number; readonly close: number }[];
  readonly rates: readonly { readonly currency: string; readonly rate: number }[];
}

export class PriceBook {
  /** Moves on every change of a close or a rate. */
  version = 0;
  private readonly entries = new Map<string, PriceEntry>();
  private readonly columns: PriceColumns = { times: [], closes: [] };
  private readonly rates = new Map<string, number>();

  constructor(readonly accountCurrency: string | undefined) {}

  /**
   * Records a close for `barTime`, unless a newer bar's close is already known. Returns the
   * symbol's entry: a caller that sets the same symbol's close every bar may keep its index and
   * use setCloseAt, sparing the lookup (entries are never dropped).
   */
  setClose(symbol: string, barTime: number, close: number): PriceEntry {
    const entry = this.entries.get(symbol);
    if (entry === undefined) {
      const created = new PriceEntry(symbol, this.accountCurrency, this.columns, barTime, close);
      this.entries.set(symbol, created);
      this.version += 1;
      return created;
    }
    this.setCloseAt(entry.index, barTime, close);
    return entry;
  }

  /** setClose for the entry whose `index` is `at`. */
  setCloseAt(at: number, barTime: number, close: number): void {
    const { times, closes } = this.columns;
    if (barTime < times[at]!) return;
    times[at] = barTime;
    if (!Object.is(closes[at], close)) {
      closes[at] = close;
      this.version += 1;
    }
  }

  setRate(currency: string, rate: number): void {
    if (Object.is(this.rates.get(currency), rate)) return;
    this.rates.set(currency, rate);
    this.version += 1;
  }

  /** The latest close, NaN before the first candle. */
  close(symbol: string): number {
    return this.entries.get(symbol)?.close ?? Number.NaN;
  }

  /** What one unit of the symbol's quote currency is worth in the account currency; NaN when unknown. */
  quoteRate(symbol: string): number {
    const entry = this.entries.get(symbol);
    return entry === undefined ? Number.NaN : this.rateOf(entry);
  }

  /** What one unit of `currency` is worth in the account currency, as for a symbol quoted in it; NaN when unknown. */
  currencyRate(currency: string): number {
    const account = this.accountCurrency;
    if (account === undefined || currency === account) return 1;
    return this.rateOf({ quote: currency, direct: `${currency}/${account}`, inverse: `${account}/${currency}` });
  }

  /** quantity × close × rate in account currency, NaN when the close or the rate is unknown. */
  value(symbol: string, quantity: number): number {
    const entry = this.entries.get(symbol);
    if (entry === undefined) return Number.NaN;
    return quantity * entry.close * this.rateOf(entry);
  }

  exportState(): PriceState {
    return {
      closes: [...this.entries].map(([symbol, e]) => ({ symbol, barTime: e.barTime, close: e.close })),
      rates: [...this.rates].map(([currency, rate]) => ({ currency, rate })),
    };
  }

  static fromState(state: PriceState, accountCurrency: string | undefined): PriceBook {
    const book = new PriceBook(accountCurrency);
    for (const { symbol, barTime, close } of state.closes) book.entries.set(symbol, new PriceEntry(symbol, accountCurrency, book.columns, barTime, close));
    for (const { currency, rate } of state.rates) book.rates.set(currency, rate);
    return book;
  }

  private rateOf(entry: Pick<PriceEntry, 'quote' | 'direct' | 'inverse'>): number {
    if (entry.quote === undefined) return 1;
    const direct = this.entries.get(entry.direct!);
    if (direct !== undefined) return direct.close;
    const inverse = this.entries.get(entry.inverse!);
    if (inverse !== undefined) return 1 / inverse.close;
    return this.rates.get(entry.quote) ?? Number.NaN;
  }
}
