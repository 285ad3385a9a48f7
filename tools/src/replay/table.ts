/**
 * Plain-text side-by-side table for the terminal and for pasting into docs/replay.md: a label
 * column and one column per run, numbers right-aligned so digits line up.
 */

export type Cell = string | number;

export interface TableRow {
  label: string;
  cells: readonly Cell[];
  /** Indent level of the label (sub-rows such as "by correlation"). */
  indent?: number;
}

export function renderTable(header: readonly string[], rows: readonly TableRow[]): string {
  const labels = rows.map((r) => `${'  '.repeat(r.indent ?? 0)}${r.label}`);
  const cols = header.length - 1;
  const text = rows.map((r) => {
    if (r.cells.length !== cols) throw new RangeError(`row "${r.label}" has ${r.cells.length} cells, header has ${cols}`);
    return r.cells.map((c) => (typeof c === 'number' ? formatNumber(c) : c));
  });
  const labelWidth = Math.max(header[0].length, ...labels.map((l) => l.length));
  const widths = Array.from({ length: cols }, (_, j) => Math.max(header[j + 1].length, ...text.map((t) => t[j].length)));
  const line = (label: string, cells: readonly string[]): string =>
    [label.padEnd(labelWidth), ...cells.map((c, j) => c.padStart(widths[j]))].join('   ').trimEnd();
  const rule = '-'.repeat(labelWidth + widths.reduce((a, w) => a + w + 3, 0));
  return [line(header[0], header.slice(1)), rule, ...rows.map((_, i) => line(labels[i], text[i]))].join('\n');
}

/** Integers with thousands separators, other numbers with 2 decimals; NaN as "n/a". */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : x > 0 ? '∞' : '-∞';
  if (Number.isInteger(x)) return groupThousands(x.toFixed(0));
  return groupThousands(x.toFixed(2));
}

export function formatPercent(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${(x * 100).toFixed(digits)}%`;
}

export function formatMoney(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return groupThousands(x.toFixed(0));
}

export function formatFixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

function groupThousands(s: string): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int, frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}
