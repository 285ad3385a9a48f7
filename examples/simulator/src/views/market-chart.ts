/**
 * The market strip: an equal-weighted index of every symbol (log scale) and the account's
 * equity over the last bars, with the generator's regime along the bottom and crash episodes
 * shaded red, so you can see what the heatmap and the log are reacting to.
 */
import type { SyntheticMarket } from 'portfolio-guard-tools/simulation';
import { setupCanvas } from './canvas.js';
import { PALETTE } from './colors.js';

export class MarketChart {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly index: Float64Array;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly width: number,
    private readonly height: number,
    private readonly market: SyntheticMarket,
    private readonly span = 480,
  ) {
    this.ctx = setupCanvas(canvas, width, height);
    const bars = market.timestamps.length;
    this.index = new Float64Array(bars);
    for (let t = 1; t < bars; t++) {
      let sum = 0;
      for (const s of market.series) sum += Math.log(s.close[t] / s.close[t - 1]);
      this.index[t] = this.index[t - 1] + sum / market.series.length;
    }
  }

  render(bar: number, equity: Float64Array, initialEquity: number): void {
    const { ctx, width, height, span } = this;
    const pad = { left: 8, right: 8, top: 18, bottom: 14 };
    ctx.fillStyle = PALETTE.panel;
    ctx.fillRect(0, 0, width, height);
    const end = Math.max(1, bar);
    const start = Math.max(0, end - span);
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const x = (t: number) => pad.left + ((t - start) / span) * plotW;
    const { regimes, crash } = this.market.truth;

    for (let t = start; t < end; t++) {
      ctx.fillStyle = PALETTE.regimes[regimes[t]] ?? PALETTE.muted;
      ctx.fillRect(x(t), height - pad.bottom + 4, plotW / span + 0.5, 6);
      if (crash[t] === 1) {
        ctx.fillStyle = PALETTE.crash;
        ctx.fillRect(x(t), pad.top, plotW / span + 0.5, plotH);
      }
    }

    const line = (values: (t: number) => number, colour: string): void => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let t = start; t < end; t++) {
        const v = values(t);
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi >= lo)) return;
      const range = Math.max(hi - lo, 1e-9);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let pen = false;
      for (let t = start; t < end; t++) {
        const v = values(t);
        if (!Number.isFinite(v)) {
          pen = false;
          continue;
        }
        const y = pad.top + plotH - ((v - lo) / range) * plotH;
        if (pen) ctx.lineTo(x(t), y);
        else ctx.moveTo(x(t), y);
        pen = true;
      }
      ctx.stroke();
    };
    line((t) => this.index[t], '#9fb3d9');
    line((t) => Math.log(equity[t]), '#f0c05a');

    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const last = equity[end - 1];
    const pnl = Number.isFinite(last) ? (100 * (last - initialEquity)) / initialEquity : 0;
    const legend: [string, string][] = [
      ['#9fb3d9', 'market index (equal-weighted)'],
      ['#f0c05a', `equity ${pnl >= 0 ? '+' : ''}${pnl.toFixed(1)}%`],
      [PALETTE.regimes.TRENDING, 'trending'],
      [PALETTE.regimes.RANGING, 'ranging'],
      [PALETTE.regimes.VOLATILE, 'volatile'],
      [PALETTE.blocked, 'crash'],
    ];
    let lx = pad.left;
    for (const [colour, label] of legend) {
      ctx.fillStyle = colour;
      ctx.fillRect(lx, 6, 10, 6);
      ctx.fillStyle = PALETTE.muted;
      ctx.fillText(label, lx + 14, 9);
      lx += 22 + ctx.measureText(label).width;
    }
    ctx.textAlign = 'right';
    ctx.fillText(`last ${span} bars (1h)`, width - pad.right, 9);
  }
}
