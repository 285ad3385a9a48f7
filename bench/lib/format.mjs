/** Markdown for the console and docs/performance.md. */

/** A duration in ms, with a unit chosen for it. */
export function time(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 2)} ms`;
  const us = ms * 1000;
  if (us >= 1) return `${us.toFixed(us >= 100 ? 0 : 1)} µs`;
  return `${(us * 1000).toFixed(0)} ns`;
}

export function times(figure) {
  return figure ? `${time(figure.median)} (p99 ${time(figure.p99)})` : '—';
}

export function ratio(x) {
  return Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)}×` : '—';
}

export function bytes(b) {
  if (!Number.isFinite(b)) return '—';
  return b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`;
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The "Met" column of the goals table for one check. */
function metLabel(c) {
  if (c.met) return 'yes';
  if (c.gate !== undefined && c.gate !== c.goal) return `**no**${c.withinMargin ? ` (CI gates at ${ratio(c.gate)}: holds)` : ''}`;
  return c.withinMargin ? `within the ${Math.round(c.margin * 100)}% noise margin` : '**no**';
}

export function checksTable(checks) {
  return table(
    ['Target', 'Measured', 'Goal', 'Met'],
    checks.map((c) => [
      c.label,
      c.unit === 'x' ? ratio(c.value) : c.unit === 'ms' ? time(c.value) : c.unit === 'bytes' ? bytes(c.value) : String(c.value),
      `${c.op} ${c.unit === 'x' ? ratio(c.goal) : c.unit === 'ms' ? time(c.goal) : c.unit === 'bytes' ? bytes(c.goal) : c.goal}`,
      metLabel(c),
    ]),
  );
}
