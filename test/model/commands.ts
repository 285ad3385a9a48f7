/**
 * fast-check commands: each one calls the real manager and the model with the same input,
 * checks the answers (or the refusals) agree, then checks every readable part of the state.
 * Commands name their inputs literally (`register("p3", ETH/USDT short 2500 RANGING)`), so a
 * failing run shrinks to a sequence that reads like a bot's log.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { PortfolioGuardError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { expectSameState, expectValidation, expectation } from './compare.js';
import { ModelManager, Refusal, type ModelRequest, type Side } from './manager-model.js';
import { LAST_BAR, REGIMES, SYMBOLS, barOf, timestamp } from './market.js';

export interface Real {
  m: PortfolioRiskManager;
}

type Cmd = fc.Command<ModelManager, Real>;

/** Runs the model and the manager; both refuse alike, or both answer and `same` compares. */
function both<M, R>(name: string, model: () => M, real: () => R, same: (m: M, r: R) => void): void {
  let expected: M | Refusal;
  try {
    expected = model();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    expected = e;
  }
  let actual: R | unknown;
  let threw = false;
  try {
    actual = real();
  } catch (e) {
    actual = e;
    threw = true;
  }
  if (expected instanceof Refusal) {
    expect(threw, `${name}: the model refuses with ${expected}, the manager answered`).toBe(true);
    expect(actual, name).toBeInstanceOf(PortfolioGuardError);
    expect([(actual as PortfolioGuardError).name, (actual as PortfolioGuardError).field], name).toEqual([expected.type, expected.field]);
    return;
  }
  if (threw) throw actual;
  same(expected, actual as R);
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(6));
const q = (s: string): string => JSON.stringify(s);
const regimeText = (r: number | undefined): string => (r === undefined ? 'no regime' : REGIMES[r]!);

/** The newest bar any symbol has had (−1 before the first candle). */
function headBar(model: ModelManager): number {
  let head = -1;
  for (const symbol of model.candles.symbols) for (const t of model.candles.timestamps(symbol)) head = Math.max(head, barOf(t));
  return head;
}

/** Where a candle of `bar` is stamped: inside its minute when bars are floored to '1m'. */
function stamp(model: ModelManager, bar: number, jitter: number): number {
  return model.config.timeframe === '1m' ? timestamp(bar) + ((jitter + 7_919 * bar) % 60_000) : timestamp(bar);
}

function sendCandles(model: ModelManager, real: Real, s: number, bars: number[], style: 'ccxt' | 'object', jitter: number, where: string): void {
  const symbol = SYMBOLS[s]!;
  const candles = bars.map((b) => [stamp(model, b, jitter), model.market.close(s, b)] as const);
  const input = candles.map(([t, c]) => (style === 'ccxt' ? [t, c, c, c, c, 1] : { timestamp: t, close: c }));
  both(where, () => model.updateMarketData(symbol, candles), () => real.m.updateMarketData(symbol, input), (m, r) => expect(r, where).toEqual(m));
}

/**
 * A run of one symbol's candles placed relative to the newest bar: `back` 0 appends new bars,
 * small values re-send overlapping ones, large ones reach inside or behind the window.
 */
class Candles implements Cmd {
  constructor(readonly s: number, readonly back: number, readonly count: number, readonly step: number, readonly style: 'ccxt' | 'object', readonly jitter: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const from = Math.max(0, headBar(model) + 1 - this.back);
    const bars = Array.from({ length: this.count }, (_, k) => from + k * this.step).filter((b) => b <= LAST_BAR);
    sendCandles(model, real, this.s, bars, this.style, this.jitter, String(this));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `candles(${q(SYMBOLS[this.s]!)}, ${this.count} bars step ${this.step} from head${this.back === 1 ? '' : this.back > 1 ? `−${this.back - 1}` : '+1'}, ${this.style}, jitter ${this.jitter})`;
  }
}

/** A bot's loop: the next bar, with each symbol re-sending its last 3 candles (some skip: gaps). */
class Tick implements Cmd {
  constructor(readonly skip: readonly number[], readonly style: 'ccxt' | 'object', readonly jitter: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const next = headBar(model) + 1;
    if (next > LAST_BAR) return;
    SYMBOLS.forEach((_, s) => {
      if (this.skip.includes(s)) return;
      sendCandles(model, real, s, [next - 2, next - 1, next].filter((b) => b >= 0), this.style, this.jitter, `${this} symbol ${s}`);
    });
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `tick(${this.skip.length ? `without ${this.skip.map((s) => SYMBOLS[s]).join(', ')}, ` : ''}${this.style})`;
  }
}

/**
 * The same loop in one call per bar: updateMarketBar with the next bar's close of every
 * symbol but the skipped ones, as a record, a Map or a list of pairs. `back` > 0 sends an
 * older bar instead (a late bar: applied symbol by symbol).
 */
class Bar implements Cmd {
  constructor(readonly skip: readonly number[], readonly form: 'record' | 'map' | 'pairs', readonly back: number, readonly jitter: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const bar = headBar(model) + 1 - this.back;
    if (bar > LAST_BAR || bar < 0) return;
    const closes = SYMBOLS.flatMap((symbol, s) => (this.skip.includes(s) ? [] : [[symbol, model.market.close(s, bar)] as const]));
    const t = stamp(model, bar, this.jitter);
    const input = this.form === 'map' ? new Map(closes) : this.form === 'pairs' ? closes : Object.fromEntries(closes);
    both(String(this), () => model.updateMarketBar(t, closes), () => real.m.updateMarketBar(t, input), () => {});
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `bar(${this.back ? `head−${this.back - 1}` : 'next'}${this.skip.length ? ` without ${this.skip.map((s) => SYMBOLS[s]).join(', ')}` : ''}, ${this.form})`;
  }
}

/**
 * A bar `back` bars before the newest, re-sent with another close (an in-progress candle is
 * `back` 0), optionally followed by a bad candle that must make the whole call change nothing.
 * With bars floored to '1m', the revision may come as two candles of the same bar in one call.
 */
class Revise implements Cmd {
  constructor(readonly s: number, readonly back: number, readonly offset: number, readonly bad: 'none' | 'nan' | 'zero' | 'negative' | 'duplicate', readonly twice: boolean) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const symbol = SYMBOLS[this.s]!;
    const bar = Math.max(0, headBar(model) - this.back);
    const twice = this.twice && model.config.timeframe === '1m';
    const candles: [number, number][] = [];
    // Two candles of one bar: the later one (30 s into it) is the bar's close.
    if (twice) candles.push([timestamp(bar) + 10_000, model.market.close(this.s, bar, this.offset + 1)]);
    candles.push([timestamp(bar) + (twice ? 30_000 : 0), model.market.close(this.s, bar, this.offset)]);
    const next = timestamp(bar + 1);
    if (this.bad === 'nan') candles.push([next, Number.NaN]);
    if (this.bad === 'zero') candles.push([next, 0]);
    if (this.bad === 'negative') candles.push([next, -1]);
    if (this.bad === 'duplicate') candles.push([candles.at(-1)![0], 1]);
    both(String(this), () => model.updateMarketData(symbol, candles), () => real.m.updateMarketData(symbol, candles.map(([timestamp, close]) => ({ timestamp, close }))), (m, r) => expect(r, String(this)).toEqual(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    const bad = this.bad === 'none' ? '' : `, then a ${this.bad} candle`;
    return `revise(${q(SYMBOLS[this.s]!)}, head${this.back ? `−${this.back}` : ''}, ${this.offset > 0 ? '+' : ''}${this.offset} step${this.twice ? ', twice in the bar' : ''}${bad})`;
  }
}

class Register implements Cmd {
  constructor(
    readonly id: string | undefined,
    readonly s: number,
    readonly side: Side,
    readonly size: number,
    readonly r: number | undefined,
    readonly byQuantity: boolean,
  ) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    // A quantity worth about `size` at the latest close (1 unit per dollar without one).
    const price = model.price(SYMBOLS[this.s]!);
    const amount = this.byQuantity ? { quantity: Number.isNaN(price) || this.size <= 0 ? this.size : this.size / price } : { size: this.size };
    const input = {
      ...(this.id === undefined ? {} : { id: this.id }),
      symbol: SYMBOLS[this.s]!,
      side: this.side,
      ...amount,
      ...(this.r === undefined ? {} : { regime: REGIMES[this.r]! }),
      strategy: 'model',
    };
    both(String(this), () => model.registerPosition(input), () => real.m.registerPosition(input), (m, r) => expect(r, String(this)).toBe(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `register(${this.id === undefined ? '' : `${q(this.id)}, `}${SYMBOLS[this.s]} ${this.side} ${this.byQuantity ? 'worth ' : ''}${fmt(this.size)} ${regimeText(this.r)})`;
  }
}

class Resize implements Cmd {
  constructor(readonly id: string, readonly size: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    both(String(this), () => model.resizePosition(this.id, this.size), () => real.m.resizePosition(this.id, this.size), (m, r) => expect(r, String(this)).toEqual(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `resize(${q(this.id)}, ${fmt(this.size)})`;
  }
}

class Unregister implements Cmd {
  constructor(readonly key: string) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    both(String(this), () => model.unregisterPosition(this.key), () => real.m.unregisterPosition(this.key), (m, r) => expect(r, String(this)).toEqual(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `unregister(${q(this.key)})`;
  }
}

class Equity implements Cmd {
  constructor(readonly value: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    both(String(this), () => model.updateEquity(this.value), () => real.m.updateEquity(this.value), () => {});
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `equity(${fmt(this.value)})`;
  }
}

class Validate implements Cmd {
  constructor(
    readonly s: number,
    readonly side: Side,
    readonly size: number,
    readonly r: number | undefined,
    readonly mode: 'validate' | 'dryRun' | 'reserve' | 'dryRun+reserve',
    readonly byQuantity: boolean,
  ) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const symbol = SYMBOLS[this.s]!;
    const price = model.price(symbol);
    const amount = this.byQuantity ? { proposedQuantity: Number.isNaN(price) ? this.size / 100 : this.size / price } : { proposedSize: this.size };
    const request: ModelRequest = { symbol, side: this.side, ...amount, ...(this.r === undefined ? {} : { regime: REGIMES[this.r]! }) };
    const dryRun = this.mode.startsWith('dryRun');
    const reserve = this.mode.endsWith('reserve');
    both(
      String(this),
      () => expectation(model, model.validate(request, dryRun, reserve), request),
      () => real.m.validateNewPosition(request as never, { dryRun, reserve }),
      (exp, actual) => {
        expectValidation(actual, exp, model, request, String(this));
        const decision = exp.decision;
        // The model cannot decide a boundary case within tolerance; it counts (and reserves)
        // what the manager chose, which the line above has checked was one of the possible outcomes.
        if (!dryRun) model.count(actual.code, actual.binding, decision !== null && decision.excess > 0 && decision.unknown.length > 0);
        const allowed = actual.code === 'ALLOWED' || actual.code === 'REDUCED';
        if (reserve && allowed) {
          const id = model.reserve(request, this.byQuantity ? 'quantity' : 'size', this.byQuantity ? actual.allowedQuantity! : actual.allowedSize);
          expect(actual.reservationId, String(this)).toBe(id);
        } else {
          expect(actual.reservationId, String(this)).toBeUndefined();
        }
      },
    );
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `${this.mode}(${SYMBOLS[this.s]} ${this.side} ${this.byQuantity ? 'worth ' : ''}${fmt(this.size)} ${regimeText(this.r)})`;
  }
}

/** An order in flight fills: all of it, part of it, a rounding dust more, or far too much. */
class Fill implements Cmd {
  constructor(readonly pick: number, readonly part: 'all' | 'half' | 'dust above' | 'twice' | 'unknown') {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const r = model.reservations[this.pick % Math.max(1, model.reservations.length)];
    const id = r === undefined || this.part === 'unknown' ? 'r999' : r.id;
    const amount = r === undefined ? undefined : { all: undefined, half: r.amount / 2, 'dust above': r.amount * (1 + 1e-12), twice: r.amount * 2, unknown: undefined }[this.part];
    both(String(this), () => model.fillReservation(id, amount), () => real.m.fillReservation(id, amount), (m, x) => expect(x, String(this)).toBe(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `fill(reservation #${this.pick}, ${this.part})`;
  }
}

class Release implements Cmd {
  constructor(readonly pick: number, readonly unknown: boolean) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const r = model.reservations[this.pick % Math.max(1, model.reservations.length)];
    const id = r === undefined || this.unknown ? 'r999' : r.id;
    both(String(this), () => model.releaseReservation(id), () => real.m.releaseReservation(id), () => {});
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return this.unknown ? 'release(unknown)' : `release(reservation #${this.pick})`;
  }
}

/** Time passes on the clock reservations expire on. */
class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    model.advance(this.ms);
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `advance(${this.ms / 1000} s)`;
  }
}

/** `fixed`: also send a window key, unchanged (accepted) or changed (refused). */
type FixedKey = 'none' | 'same lookback' | 'lookback+1' | 'minPeriods+1' | 'other mode';

class UpdateConfig implements Cmd {
  constructor(readonly partial: Record<string, unknown>, readonly fixed: FixedKey) {}
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const { correlationLookback, minPeriods, positionMode } = model.config;
    const extra = {
      none: {},
      'same lookback': { correlationLookback },
      'lookback+1': { correlationLookback: correlationLookback + 1 },
      'minPeriods+1': { minPeriods: minPeriods + 1 },
      'other mode': { positionMode: positionMode === 'hedge' ? 'netting' : 'hedge' },
    }[this.fixed];
    const partial: Record<string, unknown> = { ...this.partial, ...extra };
    both(String(this), () => model.updateConfig(partial), () => real.m.updateConfig(partial), (m, r) => expect(r, String(this)).toEqual(m));
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return `updateConfig(${JSON.stringify(this.partial)}${this.fixed === 'none' ? '' : ` + ${this.fixed}`})`;
  }
}

/** A restart: the manager is replaced by one restored from its snapshot; the model carries on. */
class Restart implements Cmd {
  check = () => true;
  run(model: ModelManager, real: Real): void {
    const bytes = real.m.snapshot();
    const restored = PortfolioRiskManager.restoreSync(bytes, { now: () => model.now });
    expect(restored.snapshot(), 'the restored manager\'s own snapshot').toEqual(bytes);
    real.m = restored;
    expectSameState(real.m, model, String(this));
  }
  toString(): string {
    return 'snapshot→restore';
  }
}

const symbolIndex = fc.nat(SYMBOLS.length - 1);
const regimeIndex = fc.option(fc.nat(REGIMES.length - 1), { freq: 5, nil: undefined });
const side = fc.constantFrom<Side>('long', 'short');
const style = fc.constantFrom<'ccxt' | 'object'>('ccxt', 'object');
const jitter = fc.nat(59_999);
/** Whole-dollar sizes make exact ties between caps common; fractional ones test rounding. */
const size = fc.oneof(
  fc.constantFrom(100, 2_500, 5_000, 10_000, 25_000, 60_000),
  fc.double({ min: 1, max: 80_000, noNaN: true }),
);
/** Proposals mostly below the caps, so the correlation rule gets to decide too. */
const proposal = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(500, 2_000, 5_000) },
  { weight: 2, arbitrary: fc.double({ min: 1, max: 8_000, noNaN: true }) },
  { weight: 1, arbitrary: size },
);
/** Auto ids (p1, p2, …), ids a caller chose, and names that are also symbols. */
const positionId = fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => `p${n}`), fc.constantFrom('mine', '__proto__', 'constructor', 'BTC/USDT'));
const ratio = fc.oneof(fc.constantFrom(0.25, 0.5, 0.75, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const cap = fc.oneof(fc.double({ min: 0, max: 1.5, noNaN: true }), fc.constantFrom(0.1, 0.25, 0.5, 0.6));

const configUpdate: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            enabled: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
            maxPairwiseCorrelation: fc.oneof(fc.constantFrom(0.5, 0.7, 0.85), fc.double({ min: 0.3, max: 0.95, noNaN: true })),
            maxCorrelationReduction: ratio,
            maxSymbolExposurePct: cap,
            maxDirectionalExposurePct: cap,
            maxRegimeExposurePct: cap,
            minFillRatio: fc.double({ min: 0, max: 0.6, noNaN: true }),
            hedgeAwareCorrelation: fc.boolean(),
            onError: fc.constantFrom('block', 'allow'),
            onUnknownCorrelation: fc.constantFrom('ignore', 'block', 'maxCut'),
            reservationTtlMs: fc.constantFrom(30_000, 60_000, 300_000),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom<FixedKey>('none', 'none', 'none', 'same lookback'),
      )
      .map(([partial, fixed]) => new UpdateConfig(partial, fixed)),
  },
  // Refused updates: each must leave everything as it was.
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom<Record<string, unknown>>({ maxPairwiseCorrelation: 1.2 }, { maxSymbolExposurePct: -0.1 }, { maxLeverage: 3 }, { reservationTtlMs: 0 }, { onUnknownCorrelation: 'warn' }).map((p) => new UpdateConfig(p, 'none')),
      fc.constantFrom<FixedKey>('lookback+1', 'minPeriods+1', 'other mode').map((fixed) => new UpdateConfig({}, fixed)),
    ),
  },
);

export function commandArbs(): fc.Arbitrary<Cmd>[] {
  const w = (weight: number, arbitrary: fc.Arbitrary<Cmd>) => ({ weight, arbitrary });
  return [
    fc.oneof(
      w(4, fc.tuple(symbolIndex, fc.oneof({ weight: 4, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.nat(LAST_BAR) }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 1, 1, 2, 3), style, jitter).map(([s, back, count, step, st, j]) => new Candles(s, back, count, step, st, j))),
      w(4, fc.tuple(fc.uniqueArray(symbolIndex, { maxLength: 2 }), style, jitter).map(([skip, st, j]) => new Tick(skip, st, j))),
      w(3, fc.tuple(fc.uniqueArray(symbolIndex, { maxLength: 2 }), fc.constantFrom<Bar['form']>('record', 'map', 'pairs'), fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }), jitter).map(([skip, form, back, j]) => new Bar(skip, form, back, j))),
      w(2, fc.tuple(symbolIndex, fc.oneof({ weight: 3, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.nat(LAST_BAR) }), fc.integer({ min: -4, max: 4 }).filter((o) => o !== 0), fc.constantFrom('none', 'none', 'none', 'nan', 'zero', 'negative', 'duplicate') as fc.Arbitrary<Revise['bad']>, fc.boolean()).map(([s, b, o, bad, twice]) => new Revise(s, b, o, bad, twice))),
      w(5, fc.tuple(fc.option(positionId, { freq: 3 }), symbolIndex, side, fc.oneof({ weight: 9, arbitrary: size }, { weight: 1, arbitrary: fc.constantFrom(0, -5) }), regimeIndex, fc.boolean()).map(([id, s, sd, sz, r, qty]) => new Register(id ?? undefined, s, sd, sz, r, qty))),
      w(2, fc.tuple(positionId, fc.oneof({ weight: 4, arbitrary: size }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(-1) })).map(([id, sz]) => new Resize(id, sz))),
      w(2, fc.oneof(positionId, fc.constantFrom(...SYMBOLS)).map((key) => new Unregister(key))),
      w(1, fc.oneof(fc.constantFrom(100_000, 50_000, 250_000, 0, -1_000), fc.double({ min: 1_000, max: 1e6, noNaN: true })).map((v) => new Equity(v))),
      w(7, fc.tuple(symbolIndex, side, proposal, regimeIndex, fc.constantFrom<Validate['mode']>('validate', 'validate', 'dryRun', 'reserve', 'reserve', 'dryRun+reserve'), fc.boolean()).map(([s, sd, sz, r, mode, qty]) => new Validate(s, sd, sz, r, mode, qty))),
      w(2, fc.tuple(fc.nat(), fc.constantFrom<Fill['part']>('all', 'all', 'half', 'dust above', 'twice', 'unknown')).map(([pick, part]) => new Fill(pick, part))),
      w(1, fc.tuple(fc.nat(), fc.boolean()).map(([pick, unknown]) => new Release(pick, unknown))),
      w(1, fc.constantFrom(1_000, 30_000, 60_000, 300_000).map((ms) => new Advance(ms))),
      w(1, configUpdate),
      w(1, fc.constant(new Restart())),
    ),
  ];
}
