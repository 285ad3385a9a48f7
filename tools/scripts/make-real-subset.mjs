#!/usr/bin/env node
// Cuts the committed real-data subset (tools/data/lean-daily/) out of a copy of QuantConnect
// Lean's US daily equity files, already unzipped to `date,open,high,low,close,volume` with
// prices in dollars: `node tools/scripts/make-real-subset.mjs SOURCE_DIR`. A few symbols over
// a few years that hold a crash (2008), AIG's collapse and its 1:20 reverse split (2009):
// small enough to ship, real enough to test the replay's data handling and its verdict.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOLS = ['SPY', 'IWM', 'EEM', 'AAPL', 'BAC', 'AIG', 'IBM'];
const FROM = '2006-01-01';
const TO = '2010-12-31';
const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: node tools/scripts/make-real-subset.mjs SOURCE_DIR\n');
  process.exit(2);
}
const out = new URL('../data/lean-daily/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
for (const symbol of SYMBOLS) {
  const lines = readFileSync(join(source, `${symbol}.csv`), 'utf8').split(/\r?\n/);
  const header = lines[0];
  const rows = lines.slice(1).filter((l) => l.slice(0, 10) >= FROM && l.slice(0, 10) <= TO);
  writeFileSync(join(out, `${symbol}.csv`), `${[header, ...rows].join('\n')}\n`);
  process.stdout.write(`${symbol}: ${rows.length} rows\n`);
}
