/**
 * Play/pause, single step, speed, reset with a seed, and the four sliders. Slider moves are
 * reported (debounced) as a full set of caps; the page rebuilds the manager with them.
 */
import type { Caps } from '../caps.js';
import { SPEEDS, speedLabel } from '../params.js';

export interface ControlHandlers {
  toggle(): void;
  step(): void;
  speed(barsPerSecond: number): void;
  caps(caps: Caps): void;
  reset(seed: number): void;
}

const SLIDERS: { key: keyof Caps; id: string; format: (v: number) => string }[] = [
  { key: 'symbol', id: 'cap-symbol', format: (v) => `${Math.round(v * 100)}%` },
  { key: 'direction', id: 'cap-direction', format: (v) => `${Math.round(v * 100)}%` },
  { key: 'regime', id: 'cap-regime', format: (v) => `${Math.round(v * 100)}%` },
  { key: 'correlation', id: 'cap-correlation', format: (v) => v.toFixed(2) },
];

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
}

export class Controls {
  private readonly play = byId<HTMLButtonElement>('play');
  private readonly speedSelect = byId<HTMLSelectElement>('speed');
  private readonly seedInput = byId<HTMLInputElement>('seed');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(caps: Caps, speed: number, seed: number, handlers: ControlHandlers) {
    this.play.addEventListener('click', () => handlers.toggle());
    byId<HTMLButtonElement>('step').addEventListener('click', () => handlers.step());
    byId<HTMLButtonElement>('reset').addEventListener('click', () => handlers.reset(Number(this.seedInput.value) || 0));
    this.seedInput.value = String(seed);

    for (const s of SPEEDS) {
      const option = document.createElement('option');
      option.value = Number.isFinite(s) ? String(s) : 'max';
      option.textContent = speedLabel(s);
      this.speedSelect.append(option);
    }
    this.speedSelect.value = Number.isFinite(speed) ? String(speed) : 'max';
    if (this.speedSelect.value === '') {
      const option = document.createElement('option');
      option.value = String(speed);
      option.textContent = speedLabel(speed);
      this.speedSelect.append(option);
      this.speedSelect.value = String(speed);
    }
    this.speedSelect.addEventListener('change', () => {
      const v = this.speedSelect.value;
      handlers.speed(v === 'max' ? Number.POSITIVE_INFINITY : Number(v));
    });

    for (const slider of SLIDERS) {
      const input = byId<HTMLInputElement>(slider.id);
      const output = byId<HTMLOutputElement>(`${slider.id}-value`);
      input.value = String(caps[slider.key]);
      output.value = slider.format(caps[slider.key]);
      input.addEventListener('input', () => {
        output.value = slider.format(Number(input.value));
        clearTimeout(this.timer);
        this.timer = setTimeout(() => handlers.caps(this.read()), 120);
      });
    }
  }

  read(): Caps {
    const caps = {} as Caps;
    for (const slider of SLIDERS) caps[slider.key] = Number(byId<HTMLInputElement>(slider.id).value);
    return caps;
  }

  showRunning(running: boolean): void {
    this.play.textContent = running ? '❚❚ Pause' : '▶ Play';
    this.play.setAttribute('aria-pressed', String(running));
  }
}
