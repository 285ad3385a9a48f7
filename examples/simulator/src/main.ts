/**
 * The simulator page: wires the simulation to the views and the controls, and runs it on
 * animation frames at the chosen speed. Everything the risk manager decides goes through
 * the package entry (`portfolio-guard`), loaded with no bundler configuration: the wasm is
 * embedded, created with the async `PortfolioRiskManager.create()`.
 */
import { simdSupported } from 'portfolio-guard';
import { DEFAULT_CAPS, type Caps } from './caps.js';
import { readParams, speedLabel, type PageParams } from './params.js';
import { createProbe, updateProbe } from './probe.js';
import { Simulation, type StepReport } from './simulation.js';
import { Controls } from './views/controls.js';
import { DecisionLog } from './views/decision-log.js';
import { ExposureView } from './views/exposure.js';
import { HeatmapView } from './views/heatmap.js';
import { MarketChart } from './views/market-chart.js';

const INITIAL_EQUITY = 100_000;
const LOOKBACK = 100;
/** Per-frame time budget for simulation steps at "max" speed, in ms. */
const FRAME_BUDGET_MS = 12;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

class App {
  private sim!: Simulation;
  private chart!: MarketChart;
  private running: boolean;
  private speed: number;
  private seed: number;
  private busy = false;
  private pendingCaps: Caps | undefined;
  private owed = 0;
  private lastFrame = 0;
  private stepOnce = false;
  private matrix = new Float64Array(0);
  private meanCorrelation = Number.NaN;
  private pairsAbove = 0;
  private readonly byRule = new Map<string, number>();
  private readonly probe = createProbe();
  private readonly heatmap = new HeatmapView($('heatmap'), 400);
  private readonly exposure = new ExposureView($('exposure'), 282, 400);
  private readonly log = new DecisionLog($('log'));
  private readonly controls: Controls;

  constructor(private readonly params: PageParams) {
    this.running = params.autoplay;
    this.speed = params.speed;
    this.seed = params.seed;
    this.controls = new Controls(DEFAULT_CAPS, params.speed, params.seed, {
      toggle: () => {
        this.running = !this.running;
        this.controls.showRunning(this.running);
      },
      step: () => {
        this.running = false;
        this.stepOnce = true;
        this.controls.showRunning(false);
      },
      speed: (s) => {
        this.speed = s;
        this.owed = 0;
      },
      caps: (caps) => {
        this.pendingCaps = caps;
      },
      reset: (seed) => void this.start(seed, this.controls.read()),
    });
    this.controls.showRunning(this.running);
  }

  async start(seed: number, caps: Caps): Promise<void> {
    this.busy = true;
    this.seed = seed;
    $('status').textContent = 'generating market…';
    this.sim = await Simulation.create(
      { seed, symbols: this.params.symbols, bars: this.params.bars, lookback: LOOKBACK, initialEquity: INITIAL_EQUITY },
      caps,
    );
    this.chart = new MarketChart($('market'), 1240, 150, this.sim.market);
    this.log.clear();
    this.byRule.clear();
    this.pendingCaps = undefined;
    $('simd').textContent = this.sim.simd ? 'wasm SIMD' : 'wasm scalar';
    $('simd').title = `WebAssembly.validate chose the ${this.sim.simd ? 'SIMD (f64x2)' : 'scalar'} build (simdSupported() = ${simdSupported()})`;
    this.busy = false;
    this.render();
  }

  frame(now: number): void {
    const elapsed = this.lastFrame === 0 ? 0 : Math.min(250, now - this.lastFrame);
    this.lastFrame = now;
    if (!this.busy && this.sim) {
      if (this.pendingCaps !== undefined) {
        const caps = this.pendingCaps;
        this.pendingCaps = undefined;
        this.busy = true;
        this.sim.reconfigure(caps).then(
          () => (this.busy = false),
          (error: unknown) => {
            this.busy = false;
            this.probe.errors.push(String(error));
          },
        );
      } else {
        this.advance(now, elapsed);
      }
      this.render();
    }
    requestAnimationFrame((t) => this.frame(t));
  }

  private advance(now: number, elapsed: number): void {
    let due = 0;
    if (this.stepOnce) {
      due = 1;
      this.stepOnce = false;
    } else if (this.running) {
      if (Number.isFinite(this.speed)) {
        this.owed = Math.min(this.owed + (elapsed * this.speed) / 1000, this.speed);
        due = Math.floor(this.owed);
        this.owed -= due;
      } else {
        due = Number.POSITIVE_INFINITY;
      }
    }
    const reports: StepReport[] = [];
    const deadline = now + FRAME_BUDGET_MS;
    const pauseAt = this.params.pauseAt;
    for (let k = 0; k < due && !this.sim.finished; k++) {
      if (this.running && this.sim.bar === pauseAt) {
        this.running = false;
        this.controls.showRunning(false);
        break;
      }
      const report = this.sim.step();
      reports.push(report);
      for (const d of report.decisions) {
        const kind = d.result.code === 'REDUCED' ? 'reduced' : d.result.allowed ? 'allowed' : 'blocked';
        const key = `${kind} ${d.result.binding}`;
        this.byRule.set(key, (this.byRule.get(key) ?? 0) + 1);
      }
      if (performance.now() > deadline) break;
    }
    // At high speed only the newest steps can be read anyway.
    this.log.add(reports.slice(-100));
    if (this.sim.finished && this.running) {
      this.running = false;
      this.controls.showRunning(false);
    }
  }

  private render(): void {
    const sim = this.sim;
    const n = sim.order.length;
    if (this.matrix.length !== n * n) this.matrix = new Float64Array(n * n);
    sim.correlationMatrix(this.matrix);
    const held = sim.order.map((s) => sim.book.sideOf(s));
    const stats = this.heatmap.render({
      matrix: this.matrix,
      n,
      sectors: sim.order.map((s) => sim.sectorName(s)),
      held,
      threshold: sim.caps.correlation,
    });
    this.meanCorrelation = stats.mean;
    this.pairsAbove = stats.aboveThreshold;
    this.exposure.render(sim.exposures(), sim.caps);
    this.chart.render(sim.bar, sim.equityCurve, INITIAL_EQUITY);

    const c = sim.counts;
    const bar = Math.max(0, sim.bar - 1);
    const regime = sim.market.truth.regimes[bar];
    $('status').textContent =
      `bar ${bar.toLocaleString('en-US')} / ${sim.market.timestamps.length.toLocaleString('en-US')}` +
      ` · ${regime.toLowerCase()}${sim.inCrash(bar) ? ' · CRASH' : ''}` +
      ` · equity $${Math.round(sim.book.equity).toLocaleString('en-US')}` +
      ` · ${sim.book.size} open · ${speedLabel(this.speed)}${this.busy ? ' · applying caps…' : ''}`;
    $('status').classList.toggle('crash', sim.inCrash(bar));
    $('count-allowed').textContent = String(c.allowed);
    $('count-reduced').textContent = String(c.reduced);
    $('count-blocked').textContent = String(c.blocked);
    $('count-trims').textContent = String(c.trims);
    $('heat-caption').textContent =
      `${n} symbols · mean ρ ${Number.isFinite(stats.mean) ? stats.mean.toFixed(2) : '—'} · ` +
      `${stats.aboveThreshold} pairs above ${sim.caps.correlation.toFixed(2)}`;

    updateProbe(this.probe, sim, {
      running: this.running,
      speed: this.speed,
      seed: this.seed,
      meanCorrelation: this.meanCorrelation,
      pairsAboveThreshold: this.pairsAbove,
      byRule: this.byRule,
    });
  }
}

async function main(): Promise<void> {
  const params = readParams(location.search);
  const app = new App(params);
  await app.start(params.seed, DEFAULT_CAPS);
  requestAnimationFrame((t) => app.frame(t));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  window.__sim?.errors.push(message);
  const status = document.getElementById('status');
  if (status) status.textContent = `failed to start: ${message}`;
  throw error;
});
