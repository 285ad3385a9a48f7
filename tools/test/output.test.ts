import { describe, expect, it } from 'vitest';
import { Progress, progressAllowed, renderBar } from '../src/replay/progress.js';
import { niceRange, renderReplaySvg } from '../src/replay/svg.js';
import { formatNumber, formatPercent, renderTable } from '../src/replay/table.js';

describe('renderTable', () => {
  it('aligns labels left and numbers right, one column per run', () => {
    const text = renderTable(
      ['', 'risk off', 'risk on'],
      [
        { label: 'trades proposed', cells: [1234, 1234] },
        { label: 'blocked', cells: [0, 56], indent: 1 },
        { label: 'Sharpe', cells: ['1.20', '0.85'] },
      ],
    );
    expect(text.split('\n')).toEqual([
      '                  risk off   risk on',
      '------------------------------------',
      'trades proposed      1,234     1,234',
      '  blocked                0        56',
      'Sharpe                1.20      0.85',
    ]);
  });

  it('refuses rows that do not match the header', () => {
    expect(() => renderTable(['', 'a', 'b'], [{ label: 'x', cells: [1] }])).toThrow(RangeError);
  });

  it('formats numbers', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-1234.5)).toBe('-1,234.50');
    expect(formatNumber(Number.NaN)).toBe('n/a');
    expect(formatPercent(-0.0123, 2)).toBe('-1.23%');
  });
});

describe('renderReplaySvg', () => {
  const n = 50;
  const ts = Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const input = {
    title: 'A <b> & "c"',
    timestamps: ts,
    runs: [
      { name: 'risk off', color: '#777', equity: ts.map((_, i) => 100 + i), gross: ts.map(() => 1.5), dashed: true },
      { name: 'risk on', color: '#17b', equity: ts.map((_, i) => 100 + i / 2), gross: ts.map(() => 0.5) },
    ],
    shaded: ts.map((_, i) => (i >= 10 && i < 15 ? 1 : 0)),
    shadedLabel: 'crash episode',
  };

  it('is a standalone SVG with both curves of every run, axes and a legend', () => {
    const svg = renderReplaySvg(input);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    for (const label of ['risk off', 'risk on', 'crash episode', 'equity', 'gross exposure']) expect(svg).toContain(`>${label}</text>`);
    // Text is escaped, so a symbol or folder name cannot break the markup.
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    // One shaded band, drawn in both panels.
    expect(svg.match(/fill-opacity="0.10"/g)).toHaveLength(2);
    // Open and close tags balance (a cheap well-formedness check without an XML parser).
    const opened = (svg.match(/<(svg|text)\b/g) ?? []).length;
    const closed = (svg.match(/<\/(svg|text)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('thins long curves to at most two points per pixel column, keeping the extremes', () => {
    const big = 100_000;
    const t = Array.from({ length: big }, (_, i) => i * 60_000);
    const equity = t.map((_, i) => (i === 54_321 ? 10 : 100));
    const svg = renderReplaySvg({ title: 'x', timestamps: t, runs: [{ name: 'r', color: '#000', equity, gross: t.map(() => 0) }] });
    const first = /points="([^"]*)"/.exec(svg)![1].split(' ');
    expect(first.length).toBeLessThanOrEqual(2 * 852);
    // The single dip survives: some point sits at the bottom of the equity range.
    const ys = first.map((p) => Number(p.split(',')[1]));
    expect(Math.max(...ys)).toBeGreaterThan(Math.min(...ys) + 200);
  });

  it('niceRange rounds out to 1-2-2.5-5 steps', () => {
    expect(niceRange([0, 97])).toEqual({ min: 0, max: 100, step: 20 });
    expect(niceRange([93_000, 157_000])).toEqual({ min: 80_000, max: 160_000, step: 20_000 });
    // A flat series is padded by 5% each way: [4.75, 5.25] in steps of 0.1.
    expect(niceRange([5, 5])).toEqual({ min: 4.7, max: 5.3, step: 0.1 });
  });

  it('rejects curves that do not have one value per bar', () => {
    expect(() => renderReplaySvg({ ...input, runs: [{ ...input.runs[0], gross: [1] }] })).toThrow(RangeError);
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const writes: string[] = [];
    return { isTTY, columns: 80, write: (s: string) => writes.push(s), writes };
  };

  it('is only for an interactive terminal outside CI', () => {
    expect(progressAllowed(sink(false), {})).toBe(false);
    expect(progressAllowed(sink(true), {})).toBe(true);
    expect(progressAllowed(sink(true), { CI: 'true' })).toBe(false);
    expect(progressAllowed(sink(true), { CI: '1' })).toBe(false);
    expect(progressAllowed(sink(true), { CI: 'false' })).toBe(true);
  });

  it('stays silent for the first second, then draws at most ten times a second, and clears', () => {
    let now = 0;
    const s = sink(true);
    const p = new Progress({ label: 'replay', total: 100, stream: s, env: {}, now: () => now });
    now = 900;
    p.update(50);
    expect(s.writes).toEqual([]);
    now = 1000;
    p.update(60);
    now = 1050;
    p.update(61); // within 100 ms of the last draw
    now = 1100;
    p.update(70);
    expect(s.writes).toHaveLength(2);
    expect(s.writes[0]).toBe(`\r${renderBar('replay', 60, 100, 1000, 80)}`);
    p.finish();
    expect(s.writes[2]).toMatch(/^\r +\r$/);
  });

  it('never writes to a pipe', () => {
    let now = 0;
    const s = sink(false);
    const p = new Progress({ label: 'replay', total: 10, stream: s, env: {}, now: () => now });
    now = 5000;
    p.update(5);
    p.finish();
    expect(s.writes).toEqual([]);
  });

  it('renders the fraction done and an estimate of the time left', () => {
    // Half done after 4 s: 4 s left.
    expect(renderBar('replay', 50, 100, 4000, 80)).toBe(`replay [${'#'.repeat(20)}${'-'.repeat(20)}]  50% 50/100 eta 4s`);
  });
});
