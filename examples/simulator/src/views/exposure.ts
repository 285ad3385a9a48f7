/**
 * Exposure bars against each cap: the largest symbol exposures, long and short, and each
 * regime. Every bar is drawn on its own cap's scale (the white line is the cap), so bars of
 * different kinds compare as "how close to the limit".
 */
import type { Caps, Exposure } from '../caps.js';
import { setupCanvas } from './canvas.js';
import { PALETTE } from './colors.js';

const SYMBOL_ROWS = 8;

export class ExposureView {
  private readonly ctx: CanvasRenderingContext2D;

  constructor(readonly canvas: HTMLCanvasElement, private readonly width: number, private readonly height: number) {
    this.ctx = setupCanvas(canvas, width, height);
  }

  render(list: readonly Exposure[], caps: Caps): void {
    const { ctx, width, height } = this;
    ctx.fillStyle = PALETTE.panel;
    ctx.fillRect(0, 0, width, height);
    const symbols = list
      .filter((e) => e.kind === 'symbol')
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
      .slice(0, SYMBOL_ROWS);
    const groups: [string, Exposure[], number, number][] = [
      ['Symbol (gross)', symbols, SYMBOL_ROWS, caps.symbol],
      ['Direction', list.filter((e) => e.kind === 'long' || e.kind === 'short'), 2, caps.direction],
      ['Regime (gross)', list.filter((e) => e.kind === 'regime'), 3, caps.regime],
    ];
    const rowH = 19;
    const headerH = 22;
    const labelW = 72;
    const valueW = 80;
    const track = width - labelW - valueW - 16;
    const capX = labelW + track * 0.8;
    let y = 6;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const [title, rows, slots, cap] of groups) {
      ctx.fillStyle = PALETTE.muted;
      ctx.textAlign = 'left';
      ctx.fillText(`${title.toUpperCase()}  · cap ${(100 * cap).toFixed(0)}% of equity`, 8, y + headerH / 2);
      y += headerH;
      for (let k = 0; k < slots; k++) {
        const e = rows[k];
        const mid = y + rowH / 2;
        ctx.fillStyle = PALETTE.background;
        ctx.fillRect(labelW, y + 3, track, rowH - 6);
        if (e !== undefined) {
          const ratio = e.cap > 0 ? e.value / e.cap : 0;
          const w = Math.min(track, ratio * track * 0.8);
          ctx.fillStyle = ratio > 1 + 1e-9 ? PALETTE.blocked : ratio > 0.8 ? PALETTE.reduced : barColour(e);
          ctx.fillRect(labelW, y + 3, w, rowH - 6);
          ctx.fillStyle = PALETTE.text;
          ctx.textAlign = 'left';
          ctx.fillText(e.label.replace('/USD', ''), 8, mid);
          ctx.textAlign = 'right';
          ctx.fillText(`${(100 * e.value).toFixed(1)}%  ${(100 * ratio).toFixed(0)}%`, width - 8, mid);
        }
        ctx.fillStyle = PALETTE.cap;
        ctx.fillRect(capX - 1, y + 1, 2, rowH - 2);
        y += rowH;
      }
      y += 6;
    }
    ctx.fillStyle = PALETTE.muted;
    ctx.textAlign = 'left';
    ctx.fillText('white line = cap · right: % of equity, % of cap', 8, Math.min(height - 8, y + 4));
  }
}

function barColour(e: Exposure): string {
  if (e.kind === 'long') return PALETTE.long;
  if (e.kind === 'short') return PALETTE.short;
  if (e.kind === 'regime') return PALETTE.regimes[e.label] ?? PALETTE.muted;
  return '#5b8def';
}
