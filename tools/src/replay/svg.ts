/**
 * Hand-written SVG of a replay: equity curves of every run on top, gross exposure (% of equity)
 * below, shared x axis, a legend, and optional shaded bands (the synthetic market's crash
 * episodes). No charting dependency: a static file that renders on GitHub and in any browser.
 *
 * The x axis is the bar index, not clock time, so an exchange calendar (no weekends) and a
 * 24/7 market both draw without flat gaps; tick labels show the date of the bar underneath.
 */

export interface ChartRun {
  name: string;
  color: string;
  equity: ArrayLike<number>;
  /** Gross exposure as a fraction of equity, per bar. */
  gross: ArrayLike<number>;
  /** Dashed stroke, to tell runs apart in greyscale too. */
  dashed?: boolean;
}

export interface ChartInput {
  title: string;
  subtitle?: string;
  /** ms since the epoch, one per bar. */
  timestamps: ArrayLike<number>;
  runs: readonly ChartRun[];
  /** 1 on bars to shade. */
  shaded?: ArrayLike<number>;
  shadedLabel?: string;
}

const W = 960;
const H = 600;
const LEFT = 84;
const RIGHT = 24;
const EQ_TOP = 84;
const EQ_BOTTOM = 380;
const GX_TOP = 420;
const GX_BOTTOM = 540;
const PLOT_W = W - LEFT - RIGHT;

export function renderReplaySvg(input: ChartInput): string {
  const n = input.timestamps.length;
  if (n < 2) throw new RangeError('renderReplaySvg: need at least two bars');
  for (const run of input.runs) {
    if (run.equity.length !== n || run.gross.length !== n) {
      throw new RangeError(`renderReplaySvg: run "${run.name}" does not have one value per bar`);
    }
  }
  const x = (i: number): number => LEFT + (i / (n - 1)) * PLOT_W;

  const eqRange = niceRange(input.runs.flatMap((r) => finiteExtent(r.equity)));
  const gxRange = niceRange([0, ...input.runs.flatMap((r) => finiteExtent(r.gross))].map((v) => v * 100));
  const yEq = (v: number): number => EQ_BOTTOM - ((v - eqRange.min) / (eqRange.max - eqRange.min)) * (EQ_BOTTOM - EQ_TOP);
  const yGx = (v: number): number =>
    GX_BOTTOM - ((v * 100 - gxRange.min) / (gxRange.max - gxRange.min)) * (GX_BOTTOM - GX_TOP);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="28" font-size="17" font-weight="600" fill="#111">${esc(input.title)}</text>`,
  );
  if (input.subtitle) out.push(`<text x="${LEFT}" y="48" fill="#555">${esc(input.subtitle)}</text>`);

  // Shaded bands first, so that lines draw over them.
  if (input.shaded) {
    for (const [a, b] of runsOfOnes(input.shaded)) {
      const x0 = x(Math.max(0, a - 0.5));
      const x1 = x(Math.min(n - 1, b + 0.5));
      const width = Math.max(1, x1 - x0);
      for (const [top, bottom] of [[EQ_TOP, EQ_BOTTOM], [GX_TOP, GX_BOTTOM]] as const) {
        out.push(`<rect x="${f(x0)}" y="${top}" width="${f(width)}" height="${bottom - top}" fill="#d62728" fill-opacity="0.10"/>`);
      }
    }
  }

  out.push(...yAxis(eqRange, yEq, EQ_TOP, EQ_BOTTOM, (v) => compactMoney(v), 'equity'));
  out.push(...yAxis(gxRange, (v) => yGx(v / 100), GX_TOP, GX_BOTTOM, (v) => `${trimNumber(v)}%`, 'gross exposure'));
  out.push(...xAxis(input.timestamps, x));

  for (const run of input.runs) {
    const dash = run.dashed ? ' stroke-dasharray="6 3"' : '';
    out.push(
      `<polyline fill="none" stroke="${run.color}" stroke-width="1.4"${dash} stroke-linejoin="round" points="${points(run.equity, x, yEq)}"/>`,
      `<polyline fill="none" stroke="${run.color}" stroke-width="1.1"${dash} stroke-linejoin="round" points="${points(run.gross, x, yGx)}"/>`,
    );
  }

  // Legend, top right of the equity panel.
  const items: { label: string; color: string; dashed?: boolean; band?: boolean }[] = input.runs.map((r) => ({
    label: r.name,
    color: r.color,
    dashed: r.dashed,
  }));
  if (input.shaded && input.shadedLabel && runsOfOnes(input.shaded).length > 0) {
    items.push({ label: input.shadedLabel, color: '#d62728', band: true });
  }
  let lx = W - RIGHT - 10;
  const ly = EQ_TOP - 16;
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k];
    const textWidth = it.label.length * 6.6;
    lx -= textWidth + 34;
    if (it.band) {
      out.push(`<rect x="${f(lx)}" y="${ly - 6}" width="24" height="12" fill="#d62728" fill-opacity="0.18"/>`);
    } else {
      const dash = it.dashed ? ' stroke-dasharray="6 3"' : '';
      out.push(`<line x1="${f(lx)}" y1="${ly}" x2="${f(lx + 24)}" y2="${ly}" stroke="${it.color}" stroke-width="2"${dash}/>`);
    }
    out.push(`<text x="${f(lx + 30)}" y="${ly + 4}" fill="#222">${esc(it.label)}</text>`);
    lx -= 6;
  }

  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

interface Range {
  min: number;
  max: number;
  step: number;
}

/** Rounds an extent out to "nice" tick steps (1, 2, 2.5, 5 × 10^k), about five ticks. */
export function niceRange(values: readonly number[]): Range {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.05 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  // toPrecision trims binary noise (5.300000000000001) from the tick values.
  const clean = (v: number): number => Number(v.toPrecision(12));
  return { min: clean(Math.floor(lo / step) * step), max: clean(Math.ceil(hi / step) * step), step: clean(step) };
}

function yAxis(range: Range, y: (v: number) => number, top: number, bottom: number, label: (v: number) => string, title: string): string[] {
  const out: string[] = [];
  const count = Math.round((range.max - range.min) / range.step);
  for (let k = 0; k <= count; k++) {
    const v = range.min + k * range.step;
    const yy = y(v);
    out.push(
      `<line x1="${LEFT}" y1="${f(yy)}" x2="${W - RIGHT}" y2="${f(yy)}" stroke="#e5e5e5"/>`,
      `<text x="${LEFT - 8}" y="${f(yy + 4)}" text-anchor="end" fill="#444">${esc(label(v))}</text>`,
    );
  }
  out.push(
    `<line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${bottom}" stroke="#888"/>`,
    `<line x1="${LEFT}" y1="${bottom}" x2="${W - RIGHT}" y2="${bottom}" stroke="#888"/>`,
    `<text transform="translate(18 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#333">${esc(title)}</text>`,
  );
  return out;
}

function xAxis(timestamps: ArrayLike<number>, x: (i: number) => number): string[] {
  const n = timestamps.length;
  const span = timestamps[n - 1] - timestamps[0];
  const day = 86_400_000;
  const fmt = (ms: number): string => {
    const iso = new Date(ms).toISOString();
    if (span > 3 * 365 * day) return iso.slice(0, 4);
    if (span > 60 * day) return iso.slice(0, 7);
    if (span > 2 * day) return iso.slice(0, 10);
    return iso.slice(11, 16);
  };
  const out: string[] = [];
  const ticks = 7;
  for (let k = 0; k < ticks; k++) {
    const i = Math.round((k / (ticks - 1)) * (n - 1));
    const xx = x(i);
    for (const bottom of [EQ_BOTTOM, GX_BOTTOM]) {
      out.push(`<line x1="${f(xx)}" y1="${bottom}" x2="${f(xx)}" y2="${bottom + 5}" stroke="#888"/>`);
    }
    const anchor = k === 0 ? 'start' : k === ticks - 1 ? 'end' : 'middle';
    out.push(`<text x="${f(xx)}" y="${GX_BOTTOM + 20}" text-anchor="${anchor}" fill="#444">${esc(fmt(timestamps[i]))}</text>`);
  }
  out.push(`<text x="${LEFT + PLOT_W / 2}" y="${GX_BOTTOM + 44}" text-anchor="middle" fill="#333">bar (UTC date of the bar)</text>`);
  return out;
}

/**
 * Polyline points; above two points per pixel column, each column keeps its minimum and
 * maximum in the order they occur, so spikes and drawdowns survive the thinning.
 */
function points(values: ArrayLike<number>, x: (i: number) => number, y: (v: number) => number): string {
  const n = values.length;
  const pts: string[] = [];
  const push = (i: number): void => {
    if (Number.isFinite(values[i])) pts.push(`${f(x(i))},${f(y(values[i]))}`);
  };
  if (n <= PLOT_W * 2) {
    for (let i = 0; i < n; i++) push(i);
    return pts.join(' ');
  }
  let start = 0;
  for (let col = 0; col < PLOT_W; col++) {
    const end = Math.min(n, Math.round(((col + 1) / PLOT_W) * n));
    let iMin = -1;
    let iMax = -1;
    for (let i = start; i < end; i++) {
      if (!Number.isFinite(values[i])) continue;
      if (iMin < 0 || values[i] < values[iMin]) iMin = i;
      if (iMax < 0 || values[i] > values[iMax]) iMax = i;
    }
    if (iMin >= 0) {
      if (iMin === iMax) push(iMin);
      else if (iMin < iMax) {
        push(iMin);
        push(iMax);
      } else {
        push(iMax);
        push(iMin);
      }
    }
    start = end;
  }
  return pts.join(' ');
}

function runsOfOnes(flags: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  let begin = -1;
  for (let i = 0; i <= flags.length; i++) {
    const on = i < flags.length && flags[i] === 1;
    if (on && begin < 0) begin = i;
    if (!on && begin >= 0) {
      out.push([begin, i - 1]);
      begin = -1;
    }
  }
  return out;
}

function finiteExtent(values: ArrayLike<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [];
}

function compactMoney(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trimNumber(v / 1e9)}B`;
  if (a >= 1e6) return `${trimNumber(v / 1e6)}M`;
  if (a >= 1e3) return `${trimNumber(v / 1e3)}k`;
  return trimNumber(v);
}

function trimNumber(v: number): string {
  return String(Number(v.toFixed(2)));
}

function f(v: number): string {
  return v.toFixed(1);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
