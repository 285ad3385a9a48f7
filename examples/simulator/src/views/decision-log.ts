/**
 * The scrolling decision log, newest first: one line per validateNewPosition answer (allowed,
 * reduced ×m, blocked, with the manager's reason), and one per trim (positions cut back under
 * a cap after prices moved or a slider lowered it). Only the newest `limit` lines stay in the DOM.
 */
import type { Decision, StepReport, TrimEvent } from '../simulation.js';

const money = (x: number): string => `$${Math.round(x).toLocaleString('en-US')}`;

export class DecisionLog {
  private lines = 0;

  constructor(private readonly list: HTMLOListElement, private readonly limit = 200) {}

  clear(): void {
    this.list.replaceChildren();
    this.lines = 0;
  }

  /** Appends the lines of some steps, oldest step first. */
  add(reports: readonly StepReport[]): void {
    const items: HTMLLIElement[] = [];
    for (const report of reports) {
      for (const trim of report.trims) items.push(trimLine(trim));
      for (const d of report.decisions) items.push(decisionLine(d));
    }
    if (items.length === 0) return;
    const fresh = items.slice(-this.limit);
    const fragment = document.createDocumentFragment();
    for (let k = fresh.length - 1; k >= 0; k--) fragment.appendChild(fresh[k]);
    this.list.prepend(fragment);
    this.lines += fresh.length;
    while (this.lines > this.limit && this.list.lastChild) {
      this.list.lastChild.remove();
      this.lines--;
    }
  }
}

function decisionLine(d: Decision): HTMLLIElement {
  const r = d.result;
  const kind = r.code === 'REDUCED' ? 'reduced' : r.allowed ? 'allowed' : 'blocked';
  const verdict = kind === 'reduced' ? `reduced ×${r.sizeMultiplier.toFixed(2)}` : kind === 'allowed' ? 'allowed ×1.00' : 'blocked';
  const li = line(kind);
  li.append(
    span('bar', `#${d.bar}`),
    span(`side ${d.side}`, d.side === 'long' ? '▲' : '▼'),
    span('sym', d.symbol.replace('/USD', '') + (d.addOn ? '+' : '')),
    span('size', money(d.proposed)),
    span(`verdict ${kind}`, verdict),
    span('reason', kind === 'allowed' ? 'ok' : r.reason.replace('/USD', '')),
  );
  li.title =
    `${d.side} ${d.symbol}${d.addOn ? ' (add-on)' : ''}: asked ${money(d.proposed)} (base × upstream ${d.upstream.toFixed(2)}), ` +
    `opened ${money(d.opened)} · code ${r.code} · binding ${r.binding} · reason ${r.reason}`;
  return li;
}

function trimLine(t: TrimEvent): HTMLLIElement {
  const li = line('trim');
  li.append(
    span('bar', `#${t.bar}`),
    span('side', '✂'),
    span('sym', `${t.positions} pos`),
    span('size', money(t.released)),
    span('verdict trim', 'trimmed'),
    span('reason', `${t.rules.join('+')} over cap (${t.cause === 'caps' ? 'cap lowered' : 'prices moved'})`),
  );
  return li;
}

function line(kind: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `decision ${kind}`;
  li.dataset.kind = kind;
  return li;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}
