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

/** The benchmark's same-algorithm baseline, in plain JavaScript (rows only). */
const shiftedComoment: Implementation = {
  name: 'JsShiftedComoment (bench/baselines)',
  create(symbols, { window, minPeriods }): RollingCorrelation {
    const js = new JsShiftedComoment(symbols, { window, minPeriods });
    return { pushRow: (closes) => js.pushRow(closes), correlation: (i, j) => js.correlation(i, j) };
  },
  evictionTolerance: 1e-12,
  minPeriods: true,
  degenerateWindows: true,
  clamps: true,
  gaps: true,
  revisions: null,
  rowAndMatrix: false,
};

/** The benchmark's recompute-everything baseline (rows only). */
const twoPass: Implementation = {
  name: 'JsTwoPass (bench/baselines)',
  create(symbols, { window, minPeriods }): RollingCorrelation {
    const js = new JsTwoPass(symbols, { window, minPeriods });
    return { pushRow: (closes) => js.pushRow(closes), correlation: (i, j) => js.correlation(i, j) };
  },
  evictionTolerance: 1e-14,
  minPeriods: true,
  degenerateWindows: true,
  clamps: true,
  gaps: true,
  revisions: null,
  rowAndMatrix: false,
};

/**
 * One @stdlib/stats-incr-mpcorr accumulator per pair. Its rules are not the others': no
 * minimum count, no degenerate-window rule, no clamp, no missing values; of the contract it
 * keeps symmetry and eviction (its one-pass update drifts, hence the looser tolerance).
 */
const stdlib: Implementation = {
  name: 'StdlibMpcorr (bench/baselines, @stdlib/stats-incr-mpcorr)',
  create(symbols, { window }): RollingCorrelation {
    const sp = new StdlibMpcorr(symbols, { window });
    return { pushRow: (closes) => sp.pushRow(closes), correlation: (i, j) => sp.correlation(i, j) };
  },
  evictionTolerance: 1e-9,
  minPeriods: false,
  degenerateWindows: false,
  clamps: false,
  gaps: false,
  revisions: null,
  rowAndMatrix: false,
};

for (const implementation of [engine(true), engine(false), reference, shiftedComoment, twoPass, stdlib]) {
  rollingCorrelationContract(implementation);
}
