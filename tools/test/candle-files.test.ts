import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleFileError, loadCandleDir, parseCandleFile, parseTime, symbolFromFileName } from '../src/replay/candle-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-candles-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The thrown error, asserted to be a one-line CandleFileError. */
function failure(fn: () => unknown): CandleFileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CandleFileError);
    const e = err as CandleFileError;
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error('expected a CandleFileError, nothing was thrown');
}

const T0 = Date.UTC(2018, 0, 10, 5, 15); // 1515561300000

describe('ccxt / freqtrade JSON', () => {
  it('reads OHLCV arrays and names the symbol the freqtrade way', () => {
    const file = write(
      'ADA_BTC-5m.json',
      JSON.stringify([
        [T0, 5.33e-5, 5.34e-5, 5.28e-5, 5.29e-5, 431401.9],
        [T0 + 300_000, 5.29e-5, 5.3e-5, 5.26e-5, 5.27e-5, 311565.6],
      ]),
    );
    const c = loadCandleDir(dir);
    expect(c.series.map((s) => s.symbol)).toEqual(['ADA/BTC']);
    expect(Array.from(c.timestamps)).toEqual([T0, T0 + 300_000]);
    expect(Array.from(c.series[0].close)).toEqual([5.29e-5, 5.27e-5]);
    expect(Array.from(c.series[0].volume)).toEqual([431401.9, 311565.6]);
    expect(c.files).toEqual([{ file, symbol: 'ADA/BTC', rows: 2 }]);
  });

  it('reads candle objects with timestamp, time or date', () => {
    const text = JSON.stringify([
      { timestamp: T0, close: 10 },
      { time: T0 + 60_000, close: '11' },
      { date: '2018-01-10 05:17', close: 12, open: 11 },
    ]);
    const c = parseCandleFile(write('X.json', text), text);
    expect(c.symbol).toBe('X');
    expect(Array.from(c.time)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    expect(Array.from(c.close)).toEqual([10, 11, 12]);
    expect(c.open[2]).toBe(11);
    expect(Number.isNaN(c.open[0])).toBe(true);
  });

  it('takes epoch seconds as well as ms', () => {
    write('S.json', JSON.stringify([[T0 / 1000, 1, 1, 1, 1, 0]]));
    expect(loadCandleDir(dir).timestamps[0]).toBe(T0);
  });
});

describe('CSV', () => {
  it('reads the lean-daily layout: date,open,high,low,close,volume with ISO dates', () => {
    write('AAPL.csv', 'date,open,high,low,close,volume\n1998-01-02,13.63,16.25,13.5,16.25,6315000\n1998-01-05,16.5,16.56,15.19,16,5677300\n');
    const c = loadCandleDir(dir);
    expect(c.series[0].symbol).toBe('AAPL');
    expect(Array.from(c.timestamps)).toEqual([Date.UTC(1998, 0, 2), Date.UTC(1998, 0, 5)]);
    expect(Array.from(c.series[0].close)).toEqual([16.25, 16]);
    expect(Array.from(c.series[0].high)).toEqual([16.25, 16.56]);
  });

  it("reads Lean's headerless form with YYYYMMDD HH:MM times", () => {
    const text = '20140609 00:00,1000,1010,990,1005,12\r\n20140610 00:00,1005,1020,1000,1015,13\r\n';
    const c = parseCandleFile(write('spy.csv', text), text);
    expect(Array.from(c.time)).toEqual([Date.UTC(2014, 5, 9), Date.UTC(2014, 5, 10)]);
    expect(Array.from(c.close)).toEqual([1005, 1015]);
  });

  it('finds time and close columns by name in any order, with ; separators and quotes', () => {
    const text = '"Close";"Volume";"Timestamp"\n"2.5";"7";"1515561300000"\n"2.75";"8";"1515561600000"\n';
    const c = parseCandleFile(join(dir, 'Q.csv'), text);
    expect(Array.from(c.time)).toEqual([T0, T0 + 300_000]);
    expect(Array.from(c.close)).toEqual([2.5, 2.75]);
    expect(Array.from(c.volume)).toEqual([7, 8]);
  });

  it('aligns several files on the union of their timestamps, NaN where a symbol has no row', () => {
    write('A.csv', 'time,close\n2020-01-01,1\n2020-01-02,2\n2020-01-04,4\n');
    write('B.json', JSON.stringify([[Date.UTC(2020, 0, 2), 0, 0, 0, 20, 0], [Date.UTC(2020, 0, 3), 0, 0, 0, 30, 0]]));
    write('README.md', 'not candles');
    mkdirSync(join(dir, 'sub.csv')); // a folder with a candle-like name is not a file
    // Prices that double and halve would read as splits; this test is about the grid.
    const c = loadCandleDir(dir, { hygiene: false });
    expect(Array.from(c.timestamps)).toEqual([1, 2, 3, 4].map((d) => Date.UTC(2020, 0, d)));
    const [a, b] = c.series;
    expect(Array.from(a.close)).toEqual([1, 2, Number.NaN, 4]);
    expect(Array.from(b.close)).toEqual([Number.NaN, 20, 30, Number.NaN]);
    expect(c.ignored).toEqual(['README.md', 'sub.csv']);
  });
});

describe('bad files give one line naming the file and the row', () => {
  it('a non-numeric close in a CSV names the line and the data row', () => {
    const file = write('AAPL.csv', 'date,open,high,low,close,volume\n1998-01-02,1,1,1,16.25,1\n1998-01-05,1,1,1,abc,1\n');
    const e = failure(() => loadCandleDir(dir));
    expect(e.message).toBe(`${file} line 3 (row 2): close must be a positive number, got "abc"`);
    expect(e.row).toBe(2);
    expect(e.file).toBe(file);
  });

  it('a zero or negative close is rejected', () => {
    const file = write('Z.json', JSON.stringify([[T0, 1, 1, 1, 1, 1], [T0 + 1000, 1, 1, 1, 0, 1]]));
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file} row 2: close must be a positive number, got 0`);
  });

  it('rows out of time order', () => {
    const file = write('U.csv', 'time,close\n2020-01-02,1\n2020-01-03,1\n2020-01-01,1\n');
    expect(failure(() => loadCandleDir(dir)).message).toBe(
      `${file} line 4 (row 3): timestamp 2020-01-01T00:00:00Z is earlier than the row before (2020-01-03T00:00:00Z); rows must be in time order`,
    );
  });

  it('a duplicate timestamp', () => {
    const file = write('D.json', JSON.stringify([[T0, 1, 1, 1, 1, 1], [T0, 1, 1, 1, 2, 1]]));
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file} row 2: duplicate timestamp 2018-01-10T05:15:00Z (same as the row before)`);
  });

  it('an impossible date', () => {
    const file = write('F.csv', 'date,close\n2021-02-28,1\n2021-02-30,1\n');
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file} line 3 (row 2): time is not a date or timestamp, got "2021-02-30"`);
  });

  it('a short row', () => {
    const file = write('S.csv', 'date,open,high,low,close,volume\n2021-02-01,1,1,1,1,1\n2021-02-02,1,1\n');
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file} line 3 (row 2): expected 6 fields, got 3`);
  });

  it('a header without a close column', () => {
    const file = write('H.csv', 'date,open,high\n2021-02-01,1,1\n');
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file}: line 1: header has no close column, got "date,open,high"`);
  });

  it('a header without a time column', () => {
    const file = write('H.csv', 'when,close\n2021-02-01,1\n');
    expect(failure(() => loadCandleDir(dir)).message).toMatch(new RegExp(`^${escape(file)}: line 1: header has no time column`));
  });

  it('JSON that does not parse names the line and column', () => {
    const file = write('J.json', '[\n  [1515561300000, 1, 1, 1, 1, 1],\n  [1515561600000, 1, 1, 1, 1, 1,]\n]');
    // The stray "]" after the trailing comma: line 3, column 33.
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file}: is not valid JSON (unexpected "]" at line 3, column 33)`);
    rmSync(file);
    const cut = write('K.json', '[[1515561300000, 1, 1, 1, 1, 1]');
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${cut}: is not valid JSON (unexpected end of file at line 1, column 32)`);
  });

  it('JSON that is not an array, and array rows that are too short', () => {
    const file = write('O.json', '{"candles": []}');
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${file}: must hold a JSON array of candles, got object`);
    rmSync(file);
    const short = write('P.json', JSON.stringify([[T0, 1, 1, 1, 1, 1], [T0 + 1, 2, 3]]));
    expect(failure(() => loadCandleDir(dir)).message).toBe(
      `${short} row 2: a candle array needs [timestamp, open, high, low, close, volume?], got 3 values`,
    );
  });

  it('empty and too-short files are skipped with their reason; a folder of nothing else is an error', () => {
    const file = write('E.csv', '\n\n');
    write('H.csv', 'date,close\n');
    write('J.json', '[]');
    write('K.json', '');
    write('S.csv', 'date,close\n2020-01-01,1\n2020-01-02,1.01\n');
    write('OK.csv', 'date,close\n2020-01-01,1\n2020-01-02,1.01\n2020-01-03,1.02\n');
    const c = loadCandleDir(dir, { minRows: 3 });
    expect(c.series.map((s) => s.symbol)).toEqual(['OK']);
    expect(c.skipped).toEqual([
      { file: 'E.csv', reason: 'empty' },
      { file: 'H.csv', reason: 'empty' },
      { file: 'J.json', reason: 'empty' },
      { file: 'K.json', reason: 'empty' },
      { file: 'S.csv', reason: '2 candles, fewer than 3' },
    ]);
    for (const f of ['H.csv', 'J.json', 'K.json', 'S.csv', 'OK.csv']) rmSync(join(dir, f));
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${dir}: no usable candle file in this folder (skipped: E.csv: empty)`);
    rmSync(file);
    expect(failure(() => loadCandleDir(dir)).message).toBe(`${dir}: no .json or .csv candle files in this folder`);
  });

  it('symbols quoted in different currencies are refused, naming the quotes', () => {
    write('ADA_BTC-5m.json', JSON.stringify([[T0, 1, 1, 1, 1, 1]]));
    write('ETH_USDT-5m.json', JSON.stringify([[T0, 1, 1, 1, 1, 1]]));
    expect(failure(() => loadCandleDir(dir)).message).toBe(
      `${dir}: symbols are quoted in different currencies: BTC (ADA/BTC), USDT (ETH/USDT); replay one quote currency at a time`,
    );
  });

  it('the quote currency comes from BASE/QUOTE names, else from the option', () => {
    write('ADA_BTC-5m.json', JSON.stringify([[T0, 1, 1, 1, 1, 1]]));
    expect(loadCandleDir(dir).quote).toBe('BTC');
    rmSync(join(dir, 'ADA_BTC-5m.json'));
    write('SPY.csv', 'date,close\n2020-01-01,1\n');
    expect(loadCandleDir(dir).quote).toBe('USD');
    expect(loadCandleDir(dir, { quote: 'EUR' }).quote).toBe('EUR');
  });

  it('two files for one symbol', () => {
    write('ADA_BTC-5m.json', JSON.stringify([[T0, 1, 1, 1, 1, 1]]));
    const second = write('ADA_BTC-1h.json', JSON.stringify([[T0, 1, 1, 1, 1, 1]]));
    expect(failure(() => loadCandleDir(dir)).message).toBe(
      `${join(dir, 'ADA_BTC-5m.json')}: symbol "ADA/BTC" is also given by ${second}; keep one file per symbol`,
    );
  });
});

describe('parseTime and symbol names', () => {
  it.each([
    ['2020-03-04', Date.UTC(2020, 2, 4)],
    ['2020/03/04 13:05', Date.UTC(2020, 2, 4, 13, 5)],
    ['2020-03-04T13:05:06.250Z', Date.UTC(2020, 2, 4, 13, 5, 6, 250)],
    ['2020-03-04T13:05:06+02:00', Date.UTC(2020, 2, 4, 11, 5, 6)],
    ['20200304', Date.UTC(2020, 2, 4)],
    ['20200304 13:05', Date.UTC(2020, 2, 4, 13, 5)],
    ['1583326800', Date.UTC(2020, 2, 4, 13)],
    ['1583326800000', Date.UTC(2020, 2, 4, 13)],
    [1583326800000, Date.UTC(2020, 2, 4, 13)],
  ])('%s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2020-13-01', '2020-02-30', '20201301', -5, Number.NaN, null])('rejects %s', (input) => {
    expect(parseTime(input)).toBeNull();
  });

  it('maps freqtrade file names to pairs and leaves others alone', () => {
    expect(symbolFromFileName('/x/ETH_BTC-5m.json')).toBe('ETH/BTC');
    expect(symbolFromFileName('BTC_USDT-1h.json')).toBe('BTC/USDT');
    expect(symbolFromFileName('AAPL.csv')).toBe('AAPL');
    expect(symbolFromFileName('BRK_B.csv')).toBe('BRK_B');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
