/**
 * The experiment in words and numbers: the comparison table (risk on against the
 * exposure-matched baselines, risk off last as the different-leverage reference), risk on's
 * Sharpe minus each baseline's with its interval, what each rule cut and how those trades did
 * without it, the attribution runs, and the JSON report's experiment sections.
 */
import type { Column, Experiment, TradeGroup } from './experiment.js';
import type { Interval } from './stats.js';
import { formatFixed, formatMoney, formatPercent, renderTable, type TableRow } from './table.js';

/** A difference and its 95% interval, e.g. "−0.21 [−0.80, +0.35]". */
export function formatInterval(i: Interval, digits = 2): string {
  const f = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}` : 'n/a');
  return `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;
}

/** Whether an interval excludes 0, in words. */
export function verdict(i: Interval): string {
  if (!(Number.isFinite(i.low) && Number.isFinite(i.high))) return 'no interval (too little data)';
  if (i.low > 0) return 'risk on better';
  if (i.high < 0) return 'risk on worse';
  return 'no significant difference';
}

function counts(c: Column): { proposed: number; admitted: number; reduced: number; blocked: number } | null {
  if (!c.run) return null;
  const m = c.run.decisions.multiplier;
  let admitted = 0;
  let reduced = 0;
  for (const x of m) {
    if (x > 0) admitted++;
    if (x > 0 && x < 1) reduced++;
  }
  return { proposed: m.length, admitted, reduced, blocked: m.length - admitted };
}

export function experimentTable(e: Experiment): string {
  const throttle = e.randomThrottle;
  const cols: { head: string; col: Column }[] = [
    { head: 'risk on', col: e.on },
    { head: 'scaled risk off', col: e.scaledRiskOff },
    { head: 'gross cap', col: e.grossCap },
    { head: `random throttle`, col: throttle.mean },
    { head: `risk off (×${(1 / (e.scaledRiskOff.leverage || Number.NaN)).toFixed(2)})`, col: e.off },
  ];
  const row = (label: string, cell: (c: Column, k: number) => string | number, indent = 0): TableRow => ({
    label,
    indent,
    cells: cols.map((c, k) => cell(c.col, k)),
  });
  const count = (key: 'proposed' | 'admitted' | 'reduced' | 'blocked') => (c: Column, k: number): string | number => {
    if (k === 1) return counts(e.off)![key];
    if (k === 3) return Math.round(throttle.draws.reduce((s, d) => s + counts(d)![key], 0) / throttle.draws.length);
    return counts(c)?.[key] ?? 'n/a';
  };
  const rows: TableRow[] = [
    row('mean gross exposure', (c) => formatPercent(c.meanGrossExposure, 0)),
    row('Sharpe (annualised, rf = 0)', (c) => formatFixed(c.metrics.sharpe, 2)),
    row('total return', (c) => formatPercent(c.metrics.totalReturn)),
    row('max drawdown', (c) => formatPercent(c.metrics.maxDrawdown)),
    row('annualised volatility', (c) => formatPercent(c.metrics.annualVolatility)),
    row('worst bar', (c) => formatPercent(c.metrics.worstBar, 2)),
  ];
  if (e.crashEpisodes.length > 0) rows.push(row(`crash episodes P&L (${e.crashEpisodes.length})`, (c) => formatPercent(c.crashPnl, 1)));
  rows.push(
    row('max gross exposure', (c) => formatPercent(c.maxGrossExposure, 0)),
    row('trades proposed', count('proposed')),
    row('admitted', count('admitted'), 1),
    row('of which reduced', count('reduced'), 2),
    row('blocked', count('blocked'), 1),
    row('fees paid', (c) => (c.run ? formatMoney(c.run.feesPaid) : 'n/a')),
    row('avg pairwise corr, held book', (c) => (c.run && c.run.bookCorrelationBars > 0 ? formatFixed(c.run.bookCorrelation, 3) : 'n/a')),
  );
  if (cols.some((c) => c.col.ruinedAtBar >= 0)) rows.push(row('ruined at bar', (c) => (c.ruinedAtBar >= 0 ? c.ruinedAtBar : '-')));
  const table = renderTable(['', ...cols.map((c) => c.head)], rows);

  const d = e.pairedDifferences[0].interval;
  const lines = e.pairedDifferences.map((p) => `  vs ${p.baseline.padEnd(15)} ${formatInterval(p.interval).padEnd(24)} ${verdict(p.interval)}`);
  return [
    table,
    '',
    `Baselines hold risk on's exposure: scaled risk off is risk off at ×${e.scaledRiskOff.leverage.toFixed(3)} leverage, gross cap admits first come`,
    `up to ${formatPercent(e.grossCap.capPct, 0)} gross, random throttle admits ${formatPercent(throttle.rate, 1)} of proposals at random (mean of ${throttle.draws.length} draws).`,
    '',
    `Sharpe, risk on − baseline, 95% interval (moving-block bootstrap, ${d.bars.toLocaleString('en-US')} bars, blocks of ${d.blockLength}):`,
    ...lines,
  ].join('\n');
}

function bp(g: TradeGroup): string {
  if (g.trades === 0) return '-';
  return `${g.meanBp >= 0 ? '+' : '−'}${Math.abs(g.meanBp).toFixed(0)} ± ${Number.isFinite(g.seBp) ? g.seBp.toFixed(0) : 'n/a'}`;
}

/** What each rule cut, and how those trades did in risk off: the rule's choice, trade by trade. */
export function ruleTradesTable(e: Experiment): string {
  const rows: TableRow[] = e.admitted.byRule.map((r) => ({
    label: r.rule,
    cells: [r.blocked.trades, bp(r.blocked), r.reduced.trades, bp(r.reduced)],
  }));
  rows.push({ label: 'admitted in full', cells: [e.admitted.full.trades, bp(e.admitted.full), '', ''] });
  return [
    'What risk on cut, by rule, and those trades\' return in risk off (bp of notional per trade, net of fees, mean ± s.e.):',
    renderTable(['rule', 'blocked', 'risk-off bp', 'reduced', 'risk-off bp'], rows),
  ].join('\n');
}

export function attributionTable(e: Experiment): string {
  if (!e.attribution) return '';
  const rows: TableRow[] = [
    { label: 'all rules (risk on)', cells: [formatPercent(e.on.meanGrossExposure, 0), formatFixed(e.on.metrics.sharpe, 2), formatPercent(e.on.metrics.maxDrawdown), formatInterval(e.pairedDifferences[0].interval)] },
    ...e.attribution.map((a) => ({
      label: `${a.mode === 'keepOne' ? 'only' : 'without'} ${a.rule}`,
      cells: [formatPercent(a.column.meanGrossExposure, 0), formatFixed(a.column.metrics.sharpe, 2), formatPercent(a.column.metrics.maxDrawdown), formatInterval(a.sharpeVsScaledRiskOff)],
    })),
  ];
  return [
    'Attribution: each rule alone and every rule but one (Sharpe − scaled risk off\'s, 95% interval):',
    renderTable(['run', 'mean gross', 'Sharpe', 'max DD', 'Sharpe vs scaled off'], rows),
  ].join('\n');
}

function columnJson(c: Column): Record<string, unknown> {
  return {
    name: c.name,
    metrics: c.metrics,
    meanGrossExposure: c.meanGrossExposure,
    maxGrossExposure: c.maxGrossExposure,
    crashPnl: c.crashPnl,
    ruinedAtBar: c.ruinedAtBar,
    ...(c.run ? { counts: c.run.counts } : {}),
  };
}

/** The experiment's sections of replay.json. */
export function experimentJson(e: Experiment): Record<string, unknown> {
  return {
    baselines: {
      scaledRiskOff: { ...columnJson(e.scaledRiskOff), leverage: e.scaledRiskOff.leverage },
      grossCap: { ...columnJson(e.grossCap), capPct: e.grossCap.capPct },
      randomThrottle: { rate: e.randomThrottle.rate, mean: columnJson(e.randomThrottle.mean), draws: e.randomThrottle.draws.map(columnJson) },
    },
    pairedDifferences: e.pairedDifferences,
    cutTrades: e.admitted,
    attribution: e.attribution
      ? e.attribution.map((a) => ({ rule: a.rule, mode: a.mode, sharpeVsScaledRiskOff: a.sharpeVsScaledRiskOff, ...columnJson(a.column) }))
      : null,
    crashEpisodes: e.crashEpisodes,
    blockLength: e.blockLength,
  };
}
