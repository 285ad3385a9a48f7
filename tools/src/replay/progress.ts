/**
 * A progress bar on stderr for long replays. It appears only after the run has lasted a
 * second (short runs stay clean), only on an interactive terminal, and never in CI, so logs
 * and pipes never receive carriage-return noise. stdout (the table) is never touched.
 */

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  label: string;
  total: number;
  stream?: ProgressSink;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Milliseconds before the bar first appears. */
  delayMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export class Progress {
  private readonly enabled: boolean;
  private readonly stream: ProgressSink;
  private readonly start: number;
  private readonly delayMs: number;
  private readonly now: () => number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    const env = options.env ?? process.env;
    this.enabled = progressAllowed(this.stream, env);
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
    this.delayMs = options.delayMs ?? 1000;
  }

  /** Reports `done` of `total` units; cheap enough to call every bar. */
  update(done: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.start < this.delayMs) return;
    // Redraw at most ten times a second: terminals are slow compared with a replay bar.
    if (t - this.lastDraw < 100 && done < this.options.total) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r${renderBar(this.options.label, done, this.options.total, t - this.start, this.stream.columns ?? 80)}`);
  }

  /** Clears the bar, if one was drawn, so the next output starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write(`\r${' '.repeat(Math.max(0, (this.stream.columns ?? 80) - 1))}\r`);
    this.drawn = false;
  }
}

/** The bar is for people watching a terminal; CI logs and redirected stderr get nothing. */
export function progressAllowed(stream: ProgressSink, env: Record<string, string | undefined>): boolean {
  if (!stream.isTTY) return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return true;
}

export function renderBar(label: string, done: number, total: number, elapsedMs: number, columns: number): string {
  const frac = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const eta = frac > 0 && frac < 1 ? ` eta ${formatSeconds((elapsedMs * (1 - frac)) / frac)}` : '';
  const tail = ` ${pct} ${done}/${total}${eta}`;
  const width = Math.max(10, Math.min(40, columns - label.length - tail.length - 4));
  const filled = Math.round(frac * width);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
}

function formatSeconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
