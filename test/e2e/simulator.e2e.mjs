/**
 * End-to-end: the simulator page in real headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core; nothing downloads a browser).
 *
 *   npm run test:e2e        (node --test test/e2e/)
 *
 * 1. Builds the page (examples/simulator/build.mjs; E2E_SKIP_BUILD=1 to reuse a build) and
 *    starts scripts/serve-demo.mjs on 127.0.0.1 with PORT=0 (a free port), reading its URL.
 * 2. Runs a seeded market at full speed for several hundred bars into its first crash and
 *    checks, from the page's own `window.__sim` probe and its DOM/canvas: decisions of every
 *    kind appear in the log, no exposure ever exceeded its cap (at the end of any bar, and
 *    right after any trade), the heatmap canvas is painted, correlations jump in the crash.
 *    Saves the screenshot the README shows (docs/simulator.png; E2E_SCREENSHOT overrides).
 * 3. Moves two sliders and checks that the new caps take effect live and still hold.
 * 4. Loads the package entry (dist/index.js) in a page with no bundler at all, only an
 *    import map for zod/mini, with and without WebAssembly SIMD.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSimulator } from '../../examples/simulator/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT = path.resolve(root, process.env.E2E_SCREENSHOT || 'docs/simulator.png');
const SEED = 7;
const TOLERANCE = 1e-9;
const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

let server;
let baseUrl;
let browser;
let page;
const problems = [];

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve-demo.mjs')], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve-demo printed no URL in 15 s\n${out}${err}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^simulator: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-demo exited with ${code}\n${out}${err}`));
    });
  });
}

const probe = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__sim)));

async function waitForBar(bar, timeout = 60_000) {
  await page.waitForFunction((b) => window.__sim?.bar >= b, bar, { timeout, polling: 50 });
}

function assertCapsHeld(sim, when) {
  assert.deepEqual(sim.violations, [], `cap violations ${when}`);
  for (const kind of ['symbol', 'long', 'short', 'regime']) {
    assert.ok(sim.maxRatio[kind] <= 1 + TOLERANCE, `${kind} exposure reached ${sim.maxRatio[kind]} × its cap ${when}`);
    assert.ok(sim.maxRatioAfterTrade[kind] <= 1 + TOLERANCE, `${kind} exposure reached ${sim.maxRatioAfterTrade[kind]} × its cap after a trade ${when}`);
  }
}

before(async () => {
  if (process.env.E2E_SKIP_BUILD !== '1') await buildSimulator({ quiet: true });
  const started = await startServer();
  server = started.child;
  baseUrl = started.url;
  browser = await chromium.launch(LAUNCH);
  page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGTERM');
});

let crash;
let meanBeforeCrash;

test('the page loads, creates the manager asynchronously and uses the SIMD build', async () => {
  // First load paused, to learn where the seeded market's first crash is.
  await page.goto(`${baseUrl}?seed=${SEED}&autoplay=0`);
  await page.waitForFunction(() => window.__sim?.ready === true, null, { timeout: 30_000 });
  const sim = await probe();
  assert.equal(sim.errors.length, 0, sim.errors.join('\n'));
  assert.equal(sim.simd, true, 'Chromium supports wasm SIMD, the page should use it');
  assert.ok(sim.symbols >= 30 && sim.symbols <= 100, `symbols ${sim.symbols}`);
  assert.equal(sim.barsSimulated, 0);
  assert.equal(sim.running, false);
  assert.ok(sim.crashes.length > 0, 'the synthetic market has crash episodes');
  crash = sim.crashes.find(([start]) => start >= sim.firstBar + 300) ?? sim.crashes[0];
  assert.ok(crash[0] >= sim.firstBar + 100, `first crash at bar ${crash[0]} is too early to compare`);
  assert.match(await page.locator('#simd').textContent(), /SIMD/);
});

test('several hundred bars: decisions of every kind, caps never exceeded', async () => {
  await page.goto(`${baseUrl}?seed=${SEED}&speed=max&pauseAt=${crash[0]}`);
  await waitForBar(crash[0]);
  await page.waitForFunction(() => window.__sim.running === false, null, { timeout: 10_000 });
  const sim = await probe();
  assert.equal(sim.bar, crash[0], 'paused exactly at the crash');
  assert.ok(sim.barsSimulated >= 300, `only ${sim.barsSimulated} bars simulated`);
  assert.ok(sim.decisions >= sim.barsSimulated, `a proposal every bar: ${sim.decisions} decisions in ${sim.barsSimulated} bars`);
  assert.ok(sim.counts.allowed > 0 && sim.counts.reduced > 0 && sim.counts.blocked > 0, JSON.stringify(sim.counts));
  assertCapsHeld(sim, 'before the crash');
  meanBeforeCrash = sim.meanCorrelation;
  assert.ok(Number.isFinite(meanBeforeCrash));

  const kinds = await page.$$eval('#log li', (items) => items.map((li) => li.dataset.kind));
  assert.ok(kinds.length > 50, `decision log has ${kinds.length} lines`);
  for (const kind of ['allowed', 'reduced', 'blocked']) assert.ok(kinds.includes(kind), `no ${kind} line in the log`);
  const reduced = await page.locator('#log li.reduced .verdict').first().textContent();
  assert.match(reduced, /^reduced ×0\.\d\d$/);
  const reason = await page.locator('#log li.blocked .reason').first().textContent();
  assert.match(reason, /_(exposure|correlation)_/);
});

test('in the crash correlations jump, the heatmap shows it, and the caps still hold', async () => {
  // Step through the crash one bar at a time with the Step button.
  const steps = Math.min(20, crash[1] - crash[0]);
  for (let k = 0; k < steps; k++) {
    const bar = (await probe()).bar;
    await page.click('#step');
    await waitForBar(bar + 1, 10_000);
  }
  const sim = await probe();
  assert.equal(sim.inCrash, true);
  assert.ok(
    sim.meanCorrelation > meanBeforeCrash + 0.2,
    `mean correlation ${sim.meanCorrelation.toFixed(3)} in the crash vs ${meanBeforeCrash.toFixed(3)} before`,
  );
  assert.ok(sim.pairsAboveThreshold > 0);
  assertCapsHeld(sim, 'in the crash');

  const heat = await page.evaluate(() => {
    const canvas = document.getElementById('heatmap');
    const ctx = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const background = [data[0], data[1], data[2]];
    let painted = 0;
    let reddish = 0;
    const colours = new Set();
    for (let k = 0; k < data.length; k += 4) {
      const [r, g, b, a] = [data[k], data[k + 1], data[k + 2], data[k + 3]];
      if (a === 0) continue;
      if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 12) painted++;
      if (r > 150 && r > g + 60 && r > b + 60) reddish++;
      colours.add((r << 16) | (g << 8) | b);
    }
    return { pixels: width * height, painted, reddish, colours: colours.size };
  });
  assert.ok(heat.painted > heat.pixels * 0.4, `heatmap: ${heat.painted} of ${heat.pixels} pixels painted`);
  assert.ok(heat.colours > 30, `heatmap: only ${heat.colours} colours`);
  assert.ok(heat.reddish > heat.pixels * 0.2, `heatmap: ${heat.reddish} strongly positive (red) pixels in a crash`);

  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  const png = await readFile(SCREENSHOT);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
});

test('sliders take effect live: lower symbol cap and correlation threshold, caps hold', async () => {
  const before = await probe();
  await page.locator('#cap-symbol').fill('0.05');
  await page.locator('#cap-correlation').fill('0.5');
  await page.waitForFunction(
    () => window.__sim.caps.symbol === 0.05 && window.__sim.caps.correlation === 0.5,
    null,
    { timeout: 10_000 },
  );
  const applied = await probe();
  assert.ok(applied.reconfigurations > before.reconfigurations, 'the manager took the new caps');
  assert.equal(await page.locator('#cap-symbol-value').textContent(), '5%');

  await page.click('#play');
  await waitForBar(applied.bar + 150);
  await page.click('#play');
  await page.waitForFunction(() => window.__sim.running === false, null, { timeout: 10_000 });
  const sim = await probe();
  assert.equal(sim.caps.symbol, 0.05);
  assertCapsHeld(sim, 'after lowering the symbol cap to 5%');
  const symbolRule = (s) => (s.byRule['reduced symbol'] ?? 0) + (s.byRule['blocked symbol'] ?? 0);
  assert.ok(symbolRule(sim) > symbolRule(applied), `the 5% symbol cap never bound: ${JSON.stringify(sim.byRule)}`);
  assert.deepEqual(sim.errors, []);
});

test('no page errors, failed requests or console errors', () => {
  assert.deepEqual(problems, []);
});

// The package entry with no bundler: dist/index.js as plain ES modules and an import map for
// it and the one module of its one runtime dependency it imports (zod/mini), served from the
// repository by request interception.
async function plainPage(withoutSimd) {
  const context = await browser.newContext();
  const origin = 'http://portfolio-guard.test';
  const types = { '.js': 'text/javascript', '.html': 'text/html' };
  await context.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') {
      await route.fulfill({
        contentType: 'text/html',
        // An import map for the package and the zod entry it imports.
        body: `<!doctype html><script type="importmap">{"imports":{"portfolio-guard":"/dist/index.js","zod/mini":"/node_modules/zod/mini/index.js"}}</script><p>plain</p>`,
      });
      return;
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    const allowed = [path.join(root, 'dist') + path.sep, path.join(root, 'node_modules/zod') + path.sep];
    if (!allowed.some((dir) => file.startsWith(dir))) {
      await route.fulfill({ status: 404, body: 'not served' });
      return;
    }
    try {
      await route.fulfill({ contentType: types[path.extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
    } catch {
      await route.fulfill({ status: 404, body: 'missing' });
    }
  });
  if (withoutSimd) await context.addInitScript(() => (WebAssembly.validate = () => false));
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${origin}/`);
  const result = await p.evaluate(async () => {
    const pg = await import('portfolio-guard');
    const manager = await pg.PortfolioRiskManager.create({ enabled: true, correlationLookback: 30, minPeriods: 10 });
    let a = 100;
    let b = 50;
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
    const A = [];
    const B = [];
    for (let k = 0; k < 40; k++) {
      const m = noise();
      a *= Math.exp(m);
      b *= Math.exp(m + 0.2 * noise());
      A.push([1_700_000_000_000 + k * 60_000, a, a, a, a, 1]);
      B.push([1_700_000_000_000 + k * 60_000, b, b, b, b, 1]);
    }
    manager.updateMarketData('BTC/USDT', A);
    manager.updateMarketData('ETH/USDT', B);
    manager.updateEquity(100_000);
    manager.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
    const answer = manager.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 10_000, regime: 'TRENDING' });
    return {
      simdSupported: pg.simdSupported(),
      simd: manager.engine.simd,
      correlation: manager.getCorrelation('BTC/USDT', 'ETH/USDT'),
      answer: { allowed: answer.allowed, sizeMultiplier: answer.sizeMultiplier, code: answer.code, reason: answer.reason },
    };
  });
  await context.close();
  return { ...result, errors };
}

test('the package entry loads in a page with no bundler (import map only), SIMD detected, scalar fallback', async () => {
  const withSimd = await plainPage(false);
  const scalar = await plainPage(true);
  assert.deepEqual(withSimd.errors, []);
  assert.deepEqual(scalar.errors, []);
  assert.equal(withSimd.simdSupported, true);
  assert.equal(withSimd.simd, true);
  assert.equal(scalar.simdSupported, false);
  assert.equal(scalar.simd, false);
  assert.ok(withSimd.correlation > 0.85, `correlation ${withSimd.correlation}`);
  assert.equal(scalar.correlation, withSimd.correlation, 'the scalar build gives the same bits');
  assert.deepEqual(scalar.answer, withSimd.answer);
  assert.equal(withSimd.answer.code, 'REDUCED', JSON.stringify(withSimd.answer));
});
