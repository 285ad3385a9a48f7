/**
 * The rolling-correlation contract (rolling-correlation.contract.ts) applied to every
 * implementation in the repository, each through a small adapter onto the contract's one
 * shape: rows of closes by symbol id, correlation by pair of ids.
 */
import { CorrelationEngine } from '../../bindings/engine.js';
import { JsShiftedComoment } from '../../bench/baselines/js-shifted-comoment.mjs';
import { JsTwoPass } from '../../bench/baselines/js-two-pass.mjs';
import { StdlibMpcorr } from '../../bench/baselines/stdlib-mpcorr.mjs';
import { SeriesRecorder, referenceAll } from '../reference/pearson-reference.js';
import { rollingCorrelationContract, type Implementation, type RollingCorrelation } from './rolling-correlation.contract.js';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const name = (i: number): string => `S${i}`;

/** The engine, fed rows with pushRow and revisions with setCandles, one build forced. */
function engine(simd: boolean): Implementation {
  return {
    name: `CorrelationEngine (${simd ? 'SIMD' : 'scalar'} build)`,
    create(symbols, { window, minPeriods }): RollingCorrelation {
      const e = CorrelationEngine.createSync({ window, minPeriods, initialCapacity: symbols, simd });
      if (e.simd !== simd) throw new Error(`the ${simd ? 'SIMD' : 'scalar'} build is not available here`);
      for (let i = 0; i < symbols; i++) e.addSymbol(name(i));
      let rows = 0;
      return {
        pushRow: (closes) => e.pushRow(T0 + MINUTE * rows++, closes),
        correlation: (i, j) => e.correlationById(i, j),
        row: (i) => e.row(name(i)),
        matrix: () => e.matrix(),
        setClose: (i, k, close) => void e.setCandles(name(i), [{ timestamp: T0 + MINUTE * k, close }]),
      };
    },
    evictionTolerance: 1e-12,
    minPeriods: true,
    degenerateWindows: true,
    clamps: true,
    gaps: true,
    // Its co-moments take a revision as S += (a − b)·u: reverting undoes it to rounding only.
    revisions: { revertTolerance: 1e-14 },
    rowAndMatrix: true,
  };
}

/** The plain-TS reference: every answer recomputed two-pass from the candle history. */
const reference: Implementation = {
  name: 'plain-TS reference (test/reference/pearson-reference.ts)',
  create(symbols, { window, minPeriods }): RollingCorrelation {
    const recorder = new SeriesRecorder();
    const ids = Array.from({ length: symbols }, (_, i) => name(i));
    for (const id of ids) recorder.add(id, []);
    let rows = 0;
    const matrix = () => referenceAll(recorder.series, ids, window, minPeriods).matrix;
    return {
      pushRow: (closes) => {
        const ts = T0 + MINUTE * rows++;
        closes.forEach((c, i) => {
          if (!Number.isNaN(c)) recorder.add(name(i), [[ts, c]]);
        });
      },
      correlation: (i, j) => matrix()[i * symbols + j],
      setClose: (i, k, close) => recorder.add(name(i), [[T0 + MINUTE * k, close]]),
    };
  },
  evictionTolerance: 0,
  minPeriods: true,
  degenerateWindows: true,
  clamps: true,
  gaps: true,
  revisions: { revertTolerance: 0 },
  rowAndMatrix: false,
};

/** A benchmark baseline: fed rows, asked by pair; no timestamps, so no re-sends or revisions. */
function baseline(
  name: string,
  make: (symbols: number, options: { window: number; minPeriods: number }) => Pick<RollingCorrelation, 'pushRow' | 'correlation'>,
  rules: Pick<Implementation, 'evictionTolerance' | 'minPeriods' | 'degenerateWindows' | 'clamps' | 'gaps'>,
): Implementation {
  return {
    name,
    create: (symbols, options) => {
      const js = make(symbols, options);
      return { pushRow: (closes) => js.pushRow(closes), correlation: (i, j) => js.correlation(i, j) };
    },
    ...rules,
    revisions: null,
    rowAndMatrix: false,
  };
}

const EXACT_RULES = { minPeriods: true, degenerateWindows: true, clamps: true, gaps: true };

/** The benchmark's same-algorithm baseline, in plain JavaScript. */
const shiftedComoment = baseline('JsShiftedComoment (bench/baselines)', (n, o) => new JsShiftedComoment(n, o), {
  evictionTolerance: 1e-12,
  ...EXACT_RULES,
});

/** The benchmark's recompute-everything baseline. */
const twoPass = baseline('JsTwoPass (bench/baselines)', (n, o) => new JsTwoPass(n, o), { evictionTolerance: 1e-14, ...EXACT_RULES });

/**
 * One @stdlib/stats-incr-mpcorr accumulator per pair. Its rules are not the others': no
 * minimum count, no degenerate-window rule, no clamp, no missing values; of the contract it
 * keeps symmetry and eviction (its one-pass update drifts, hence the looser tolerance).
 */
const stdlib = baseline('StdlibMpcorr (bench/baselines, @stdlib/stats-incr-mpcorr)', (n, o) => new StdlibMpcorr(n, { window: o.window }), {
  evictionTolerance: 1e-9,
  minPeriods: false,
  degenerateWindows: false,
  clamps: false,
  gaps: false,
});

for (const implementation of [engine(true), engine(false), reference, shiftedComoment, twoPass, stdlib]) {
  rollingCorrelationContract(implementation);
}
