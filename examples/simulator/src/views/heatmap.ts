/**
 * The live correlation heatmap: the engine's N×N matrix (symbols grouped by sector), drawn
 * one pixel per cell into an offscreen image and scaled up without smoothing. Ticks on the
 * left edge mark symbols with an open position (green long, red short).
 */
import { setupCanvas } from './canvas.js';
import { correlationRgb, PALETTE } from './colors.js';

export interface HeatmapInput {
  readonly matrix: Float64Array;
  readonly n: number;
  /** Sector label of each display row, for the group separators. */
  readonly sectors: readonly string[];
  /** Side of the open position per display row, if any. */
  readonly held: readonly ('long' | 'short' | undefined)[];
  readonly threshold: number;
}

export class HeatmapView {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly cells: HTMLCanvasElement;
  private readonly margin = { left: 44, top: 16, right: 8, bottom: 34 };

  constructor(readonly canvas: HTMLCanvasElement, private readonly size: number) {
    this.ctx = setupCanvas(canvas, size, size);
    this.cells = document.createElement('canvas');
  }

  render(input: HeatmapInput): { mean: number; aboveThreshold: number } {
    const { ctx, margin } = this;
    const { n, matrix } = input;
    const side = this.size - margin.left - margin.right;
    const cell = side / n;
    ctx.fillStyle = PALETTE.panel;
    ctx.fillRect(0, 0, this.size, this.size);

    if (this.cells.width !== n) {
      this.cells.width = n;
      this.cells.height = n;
    }
    const cctx = this.cells.getContext('2d')!;
    const image = cctx.createImageData(n, n);
    let sum = 0;
    let count = 0;
    let above = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const r = matrix[i * n + j];
        const [red, green, blue] = correlationRgb(r);
        const k = 4 * (i * n + j);
        image.data[k] = red;
        image.data[k + 1] = green;
        image.data[k + 2] = blue;
        image.data[k + 3] = 255;
        if (j > i && Number.isFinite(r)) {
          sum += r;
          count++;
          if (r > input.threshold) above++;
        }
      }
    }
    cctx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.cells, margin.left, margin.top, side, side);

    // Sector separators and labels.
    ctx.strokeStyle = PALETTE.background;
    ctx.lineWidth = 1.5;
    ctx.fillStyle = PALETTE.muted;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && input.sectors[i] === input.sectors[start]) continue;
      const y0 = margin.top + start * cell;
      const y1 = margin.top + i * cell;
      if (i < n) {
        ctx.beginPath();
        ctx.moveTo(margin.left, y1);
        ctx.lineTo(margin.left + side, y1);
        ctx.moveTo(margin.left + i * cell, margin.top);
        ctx.lineTo(margin.left + i * cell, margin.top + side);
        ctx.stroke();
      }
      ctx.textAlign = 'right';
      ctx.fillText(input.sectors[start], margin.left - 9, (y0 + y1) / 2);
      start = i;
    }
    // Open positions.
    for (let i = 0; i < n; i++) {
      const held = input.held[i];
      if (held === undefined) continue;
      ctx.fillStyle = held === 'long' ? PALETTE.long : PALETTE.short;
      ctx.fillRect(margin.left - 6, margin.top + i * cell, 4, Math.max(1, cell - 0.5));
    }
    // Colour scale.
    const y = this.size - margin.bottom + 12;
    for (let x = 0; x < side; x++) {
      const [red, green, blue] = correlationRgb((2 * x) / (side - 1) - 1);
      ctx.fillStyle = `rgb(${red},${green},${blue})`;
      ctx.fillRect(margin.left + x, y, 1, 8);
    }
    ctx.fillStyle = PALETTE.muted;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText('−1', margin.left, y + 11);
    ctx.textAlign = 'center';
    ctx.fillText('0', margin.left + side / 2, y + 11);
    ctx.textAlign = 'right';
    ctx.fillText('+1', margin.left + side, y + 11);
    const tx = margin.left + ((input.threshold + 1) / 2) * side;
    ctx.fillStyle = PALETTE.cap;
    ctx.fillRect(tx - 0.5, y - 3, 1.5, 14);

    return { mean: count > 0 ? sum / count : Number.NaN, aboveThreshold: above };
  }
}
