/**
 * Random market data for the engine tests.
 *  - fast-check arbitraries (shrinkable): candle sets with gaps, off-grid timestamps, flat
 *    runs, constant-return (geometric) runs, +-50% spikes, and feed plans that chunk, shuffle,
 *    re-send and revise them (property tests).
 *  - mulberry32 + DriftMarket: a seeded row generator for the 10^6-row drift run.
 *
 * Log-precision note (measured, not guessed): V8's Math.log and the wasm libm's log differ by
 * 1 ulp on 1-5% of inputs. The engine takes ln in wasm, the reference in JS, so every return
 * carries up to ulp(ln p) of noise the engine is not responsible for; relative to a return r
 * that is ulp(ln p)/|r|, and a correlation moves by about that much. To test the engine at
 * 1e-12 the generators keep ulp(ln p)/|r| <= ~1e-13: log prices stay within about +-2 (prices
 * 0.1..8; the price scale is irrelevant to the arithmetic on returns, and real price levels
 * are covered by the pandas fixture at 1e-9), and every non-zero return is >= 5e-3. Series
 * with tiny returns live at prices 1 + e, |e| <= ~1e-7, where the two logs (measured) agree on
 * all but ~1 in 10^6 inputs.
 */
import fc from 'fast-check';

export type TsClose = [number, number];

export interface Market {
  symbols: string[];
  /** final candles per symbol, strictly increasing timestamps */
  candles: Map<string, TsClose[]>;
}

export interface FeedCall {
  symbol: string;
  /** strictly increasing timestamps within one call */
  candles: TsClose[];
}

export const SYMBOL_POOL = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', '__proto__', 'constructor', 'ADA_BTC', 'x'];

type Segment =
  | { kind: 'walk'; z: number[] }
  | { kind: 'flat'; len: number }
  | { kind: 'geom'; len: number; rate: number }
  | { kind: 'spike'; up: boolean }
  | { kind: 'gap'; len: number }
  | { kind: 'offgrid'; z: number[] };

const zArb = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });

function segmentArb(W: number): fc.Arbitrary<Segment> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(zArb, { minLength: 1, maxLength: 25 }).map((z) => ({ kind: 'walk' as const, z })) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: W + 5 }).map((len) => ({ kind: 'flat' as const, len })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ len: fc.integer({ min: 2, max: W + 5 }), rate: fc.constantFrom(0.005, 0.02, 0.05) })
        .map((g) => ({ kind: 'geom' as const, ...g })),
    },
    { weight: 1, arbitrary: fc.boolean().map((up) => ({ kind: 'spike' as const, up })) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 8 }).map((len) => ({ kind: 'gap' as const, len })) },
    { weight: 1, arbitrary: fc.array(zArb, { minLength: 1, maxLength: 3 }).map((z) => ({ kind: 'offgrid' as const, z })) },
  );
}

interface SymbolSpec {
  vol: number;
  /** loading on the common factor, so pairs have real (non-zero) correlations */
  beta: number;
  startRow: number;
  segments: Segment[];
}

/** A market of 2..maxSymbols symbols on a shared, irregular timestamp grid of ~rows rows. */
export function marketArb(opts: { W: number; minRows?: number; maxRows?: number; maxSymbols?: number }): fc.Arbitrary<Market> {
  const { W } = opts;
  const minRows = opts.minRows ?? Math.max(3, W >> 1);
  const maxRows = opts.maxRows ?? 3 * W;
  const maxSymbols = opts.maxSymbols ?? 5;
  return fc
    .record({
      names: fc.shuffledSubarray(SYMBOL_POOL, { minLength: 2, maxLength: maxSymbols }),
      rows: fc.integer({ min: minRows, max: maxRows }),
      steps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 16 }),
      common: fc.array(zArb, { minLength: 1, maxLength: 64 }),
      specs: fc.array(
        fc.record({
          vol: fc.constantFrom(0.01, 0.03),
          beta: fc.constantFrom(0, 0.6, 0.95, -0.8),
          startRow: fc.integer({ min: 0, max: W }),
          segments: fc.array(segmentArb(W), { minLength: 1, maxLength: 14 }),
        }),
        { minLength: 5, maxLength: 5 },
      ),
    })
    .map(({ names, rows, steps, common, specs }) => {
      // master grid spaced by multiples of 10 so "ts + 1" is a timestamp only off-grid candles use
      const ts: number[] = [];
      let t = 1_600_000_000_000;
      for (let k = 0; k < rows; k++) {
        ts.push(t);
        t += 10 * steps[k % steps.length];
      }
      const candles = new Map<string, TsClose[]>();
      names.forEach((name, s) => candles.set(name, buildSymbol(specs[s], ts, common)));
      return { symbols: names, candles };
    });
}

function buildSymbol(spec: SymbolSpec, ts: number[], common: number[]): TsClose[] {
  const out: TsClose[] = [];
  let lp = 0; // log price; kept within about +-2, see the log-precision note
  let k = Math.min(spec.startRow, ts.length - 1);
  const own = Math.sqrt(1 - spec.beta * spec.beta);
  const towardZero = () => (lp > 0 ? -1 : 1);
  // |shock| >= vol/2 (>= 5e-3): keeps returns large next to ln's ulp, and keeps a run of equal
  // shocks (a constant-return run) far from the 1e-20 relative degeneracy threshold, where
  // NaN-or-not would be decided by rounding (the degenerate tests probe that on purpose).
  const shock = (z: number) => {
    const u = spec.beta * common[k % common.length] + own * z - 0.1 * lp;
    return spec.vol * (Math.abs(u) < 0.5 ? (u < 0 ? -0.5 : 0.5) : u);
  };
  const close = () => Math.exp(lp);
  // segments repeat until the grid is covered, so long grids still get every feature
  for (let seg = 0; k < ts.length; seg++) {
    const s = spec.segments[seg % spec.segments.length];
    switch (s.kind) {
      case 'walk':
        for (const z of s.z) {
          if (k >= ts.length) break;
          lp += shock(z);
          out.push([ts[k++], close()]);
        }
        break;
      case 'offgrid':
        for (const z of s.z) {
          if (k >= ts.length) break;
          lp += shock(z);
          out.push([ts[k++] + 1, close()]);
        }
        break;
      case 'flat':
        for (let i = 0; i < s.len && k < ts.length; i++) out.push([ts[k++], close()]);
        break;
      case 'geom':
        // constant log step: identical returns up to ln rounding (the geometric price case)
        for (let i = 0, step = towardZero() * s.rate; i < s.len && k < ts.length; i++) {
          lp += step;
          out.push([ts[k++], close()]);
        }
        break;
      case 'spike':
        // +-50%, pointing back toward 1 once the price has wandered
        lp += (Math.abs(lp) < 0.5 ? s.up : lp < 0) ? Math.log(1.5) : Math.log(0.5);
        out.push([ts[k++], close()]);
        break;
      case 'gap':
        k += s.len;
        break;
    }
  }
  return out;
}

interface ExtraCall {
  sym: number;
  start: number;
  len: number;
  /** 1 = identical re-send; otherwise a revision of every close in the range */
  factor: number;
  key: number;
}

/**
 * A feed plan for a market: every candle is sent at least once (in chunks of random size),
 * plus re-sends and revisions of random ranges, all in a random global order. Chunks of
 * different symbols interleave freely, so history arrives out of time order (back-fill) and
 * some candles arrive after the window has moved past them.
 * The final state is defined by replaying the calls in order (last close wins).
 */
export function feedPlanArb(market: Market): fc.Arbitrary<FeedCall[]> {
  const n = market.symbols.length;
  return fc
    .record({
      chunkSizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
      keys: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 }),
      chronological: fc.boolean(),
      extras: fc.array(
        fc.record({
          sym: fc.nat({ max: n - 1 }),
          start: fc.nat({ max: 400 }),
          len: fc.integer({ min: 1, max: 15 }),
          factor: fc.constantFrom(1, 1, 0.97, 1.2, 0.5),
          key: fc.nat({ max: 1000 }),
        }),
        { maxLength: 8 },
      ),
    })
    .map(({ chunkSizes, keys, chronological, extras }) => {
      const keyed: Array<{ key: number; call: FeedCall }> = [];
      let c = 0;
      market.symbols.forEach((symbol, s) => {
        const all = market.candles.get(symbol)!;
        for (let i = 0, part = 0; i < all.length; part++) {
          const size = chunkSizes[c % chunkSizes.length];
          const chunk = all.slice(i, i + size);
          // chronological: symbol after symbol, in time order (a bot's start-up load)
          const key = chronological ? s * 1e6 + part : keys[c % keys.length];
          keyed.push({ key, call: { symbol, candles: chunk } });
          i += size;
          c++;
        }
      });
      for (const e of extras as ExtraCall[]) {
        const symbol = market.symbols[e.sym];
        const all = market.candles.get(symbol)!;
        if (all.length === 0) continue;
        const start = e.start % all.length;
        const candles = all.slice(start, start + e.len).map(([ts, p]) => [ts, p * e.factor] as TsClose);
        keyed.push({ key: chronological ? 1e9 + e.key : e.key, call: { symbol, candles } });
      }
      // stable sort keeps each symbol's chunks in order when keys tie
      return keyed.sort((a, b) => a.key - b.key).map((k) => k.call).filter((call) => call.candles.length > 0);
    });
}

export type CandleStyle = 'ccxt' | 'timestamp' | 'time';

/** The engine accepts ccxt arrays and {timestamp|time, close} objects; exercise all three. */
export function toEngineCandles(candles: readonly TsClose[], style: CandleStyle) {
  switch (style) {
    case 'ccxt':
      return candles.map(([ts, c]) => [ts, c * 1.001, c * 1.002, c * 0.998, c, 12.5]);
    case 'timestamp':
      return candles.map(([ts, c]) => ({ timestamp: ts, close: c }));
    case 'time':
      return candles.map(([ts, c]) => ({ time: ts, close: c }));
  }
}

/** Union grid of a market as rows of closes in symbol order (NaN = no candle), for pushRow. */
export function marketRows(market: Market): { timestamps: number[]; rows: Float64Array[] } {
  const tsSet = new Set<number>();
  for (const list of market.candles.values()) for (const [ts] of list) tsSet.add(ts);
  const timestamps = [...tsSet].sort((a, b) => a - b);
  const index = new Map(timestamps.map((ts, i) => [ts, i] as [number, number]));
  const rows = timestamps.map(() => new Float64Array(market.symbols.length).fill(NaN));
  market.symbols.forEach((s, j) => {
    for (const [ts, c] of market.candles.get(s)!) rows[index.get(ts)!][j] = c;
  });
  return { timestamps, rows };
}

// ---------------------------------------------------------------------------------------
// Seeded generator for the long drift run

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * Six symbols, one row per call to next() (closes in symbol order, NaN = gap):
 *  0 base        log-price mean-reverting around ln 100, sigma 1e-2, +-50% spikes; never missing
 *                (so no row is empty and a row is a row for every ingestion path)
 *  1 correlated  0.8*base + 0.6*own, sigma 2e-2, 2% single gaps and occasional 150-row holes
 *  2 flat runs   walks of 200..2000 rows alternating with flat runs of 101..400 rows (> W)
 *  3 vol drop    sigma 1e-2 until volDropRow, then 1e-5 (1000x lower); price rebased to ~1
 *                at the drop so ln's ulp stays far below the new sigma
 *  4 drift       price 1 + e: returns +-1e-9 with sigma 1e-12 (mean/sigma = 1e3), direction
 *                flips every 150 rows; windows inside a leg have mean/sigma 1e3. Near 1 the
 *                two libms' logs agree (a ramp at ordinary prices would put ulp(ln p) at
 *                ~1e-11 sigma, i.e. test the libm instead of the engine)
 *  5 sparse      40% gaps, spikes, sigma 5e-3
 * Log prices are mean-reverting (factor 0.999) so a million rows cannot overflow.
 */
export class DriftMarket {
  static readonly N = 6;
  private readonly rng: () => number;
  private readonly lp = new Float64Array(DriftMarket.N);
  private row = 0;
  private holeLeft = 0;
  private flatLeft = 0;
  private walkLeft = 500;
  private drift = -7.5e-8; // symbol 4's price - 1, centred so |drift| <= ~7.5e-8

  constructor(seed: number, readonly volDropRow: number) {
    this.rng = mulberry32(seed);
    this.lp.set([Math.log(100), Math.log(30), Math.log(5e-5), Math.log(2), 0, Math.log(1e4)]);
  }

  next(): Float64Array {
    const { rng, lp } = this;
    const g = () => gaussian(rng);
    const spike = () => (rng() < 1e-3 ? (rng() < 0.5 ? Math.log(1.5) : Math.log(0.5)) : 0);
    const revert = (i: number, centre: number) => (lp[i] = centre + 0.999 * (lp[i] - centre));
    const out = new Float64Array(DriftMarket.N);
    const zBase = g();

    revert(0, Math.log(100));
    lp[0] += 0.01 * zBase + spike();
    out[0] = Math.exp(lp[0]);

    revert(1, Math.log(30));
    lp[1] += 0.02 * (0.8 * zBase + 0.6 * g());
    if (this.holeLeft === 0 && rng() < 2e-4) this.holeLeft = 150;
    if (this.holeLeft > 0) {
      this.holeLeft--;
      out[1] = NaN;
    } else out[1] = rng() < 0.02 ? NaN : Math.exp(lp[1]);

    if (this.walkLeft > 0) {
      revert(2, Math.log(5e-5));
      lp[2] += 0.01 * g();
      if (--this.walkLeft === 0) this.flatLeft = 101 + Math.floor(rng() * 300);
    } else if (--this.flatLeft === 0) this.walkLeft = 200 + Math.floor(rng() * 1800);
    out[2] = Math.exp(lp[2]);

    if (this.row === this.volDropRow) lp[3] = 0;
    if (this.row < this.volDropRow) {
      revert(3, Math.log(2));
      lp[3] += 0.01 * g();
    } else {
      revert(3, 0);
      lp[3] += 1e-5 * g();
    }
    out[3] = Math.exp(lp[3]);

    const leg = Math.floor(this.row / 150) % 2 === 0 ? 1 : -1;
    this.drift += leg * 1e-9 + 1e-12 * g();
    out[4] = 1 + this.drift;

    revert(5, Math.log(1e4));
    lp[5] += 5e-3 * g() + spike();
    out[5] = rng() < 0.4 ? NaN : Math.exp(lp[5]);

    this.row++;
    return out;
  }
}
