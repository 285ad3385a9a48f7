/**
 * Page parameters from the URL, so a run can be reproduced or scripted:
 * `?seed=7&symbols=48&bars=6000&speed=max&autoplay=0&pauseAt=640`.
 */
export const SPEEDS = [1, 4, 16, 60, 240, Number.POSITIVE_INFINITY] as const;

export interface PageParams {
  seed: number;
  symbols: number;
  bars: number;
  /** Bars per second; Infinity runs as fast as the frame budget allows. */
  speed: number;
  autoplay: boolean;
  /** Pause when this market bar is reached (0: never). */
  pauseAt: number;
}

export const DEFAULTS: PageParams = { seed: 42, symbols: 48, bars: 6000, speed: 16, autoplay: true, pauseAt: 0 };

function int(value: string | null, fallback: number, lo: number, hi: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.trunc(n))) : fallback;
}

export function readParams(search: string): PageParams {
  const q = new URLSearchParams(search);
  const speedText = q.get('speed');
  const speed = speedText === 'max' ? Number.POSITIVE_INFINITY : int(speedText, DEFAULTS.speed, 1, 1000);
  return {
    seed: int(q.get('seed'), DEFAULTS.seed, 0, 2 ** 31 - 1),
    symbols: int(q.get('symbols'), DEFAULTS.symbols, 30, 100),
    bars: int(q.get('bars'), DEFAULTS.bars, 400, 50_000),
    speed,
    autoplay: q.get('autoplay') !== '0',
    pauseAt: int(q.get('pauseAt'), DEFAULTS.pauseAt, 0, 1_000_000),
  };
}

export const speedLabel = (speed: number): string => (Number.isFinite(speed) ? `${speed} bars/s` : 'max');
