/**
 * The package under a strict Content-Security-Policy, in real headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core; nothing downloads a browser).
 *
 *   node --test --test-reporter=spec test/e2e/csp.e2e.mjs      (.ci/browser.sh runs it)
 *
 * What docs/browser.md claims: a page whose policy is `script-src 'self' 'wasm-unsafe-eval'`
 * loads the package and answers, and reports no violation at all (nothing in the package
 * compiles JavaScript from strings: zod/mini validates without `new Function`); without
 * 'wasm-unsafe-eval' the browser refuses to compile the WebAssembly core (create() rejects,
 * and the violation names `wasm-eval`); an inline import map (no bundler) needs its own hash
 * in script-src.
 *
 * Pages are served by request interception: the HTML carries the policy as a real response
 * header, the script is the package entry bundled by esbuild for the browser (as any app
 * bundles it) or, for the import-map page, dist/ and zod/mini as plain ES modules.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ORIGIN = 'http://csp.portfolio-guard.test';
const STRICT = "script-src 'self' 'wasm-unsafe-eval'";
const WITHOUT_WASM = "script-src 'self'";

// The page's program: create a manager asynchronously, feed two correlated symbols, ask once,
// and report on window.__result.
const PROGRAM = `
window.__result = (async () => {
  try {
    const risk = await PortfolioRiskManager.create({ enabled: true, correlationLookback: 30, minPeriods: 10 });
    // ETH follows BTC's swings, with a small wiggle of its own: correlated well above 0.85.
    const bars = (price) => Array.from({ length: 40 }, (_, k) => ({ timestamp: 1_700_000_000_000 + k * 60_000, close: price(k) }));
    risk.updateMarketData('BTC/USDT', bars((k) => 100 * Math.exp(0.01 * Math.sin(k))));
    risk.updateMarketData('ETH/USDT', bars((k) => 50 * Math.exp(0.01 * Math.sin(k) + 0.002 * Math.cos(3 * k))));
    risk.updateEquity(100_000);
    risk.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'TRENDING' });
    const answer = risk.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 10_000, regime: 'TRENDING' });
    return { ok: true, code: answer.code, simd: risk.engine.simd, correlation: risk.getCorrelation('BTC/USDT', 'ETH/USDT') };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
})();
`;
const IMPORT = "import { PortfolioRiskManager } from 'portfolio-guard';\n";

let browser;
let bundled;

/** The program bundled with the package for the browser, as any app bundles it. */
async function bundle(source) {
  const built = await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return built.outputFiles[0].text;
}

before(async () => {
  bundled = await bundle(IMPORT + PROGRAM);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * Serves `html` at / with `policy` as its Content-Security-Policy header, and the files that
 * `files(pathname)` returns as [type, body]; then waits until the program reported, or the
 * page failed. Violations are collected by a listener installed before any page script.
 */
async function load(policy, html, files) {
  const context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const file = pathname === '/' ? ['text/html; charset=utf-8', html] : await files(pathname);
    if (file === undefined) {
      await route.fulfill({ status: 404, body: 'not served' });
      return;
    }
    const headers = { 'content-type': file[0] };
    if (pathname === '/') headers['content-security-policy'] = policy;
    await route.fulfill({ status: 200, headers, body: file[1] });
  });
  const page = await context.newPage();
  const violations = [];
  await page.exposeFunction('__violation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__violation({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  const pageErrors = [];
  const failed = new Promise((resolve) => page.on('pageerror', (error) => resolve(pageErrors.push(error.message))));
  await page.goto(`${ORIGIN}/`);
  await Promise.race([page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 }), failed]);
  const result = await page.evaluate(() => window.__result);
  await context.close();
  return { result, violations, pageErrors };
}

const bundledPage = (policy, script) =>
  load(policy, '<!doctype html><script type="module" src="/app.js"></script>', async (pathname) =>
    pathname === '/app.js' ? ['text/javascript', script] : undefined);

test(`a bundled app loads and answers under "${STRICT}"`, async () => {
  const { result, violations, pageErrors } = await bundledPage(STRICT, bundled);
  assert.deepEqual(pageErrors, []);
  assert.equal(result.ok, true, result.error);
  assert.equal(result.simd, true);
  assert.ok(result.correlation > 0.85, `correlation ${result.correlation}`);
  assert.equal(result.code, 'REDUCED');
  assert.deepEqual(violations, [], 'nothing compiles JavaScript from strings, so nothing is reported');
});

test(`without 'wasm-unsafe-eval' ("${WITHOUT_WASM}") the core cannot compile, and the policy says why`, async () => {
  const { result, violations } = await bundledPage(WITHOUT_WASM, bundled);
  assert.equal(result.ok, false, 'the manager was created although the policy forbids compiling WebAssembly');
  assert.match(result.error, /WebAssembly/);
  assert.match(result.error, /Content Security Policy/i);
  assert.deepEqual(violations, [{ directive: 'script-src', blocked: 'wasm-eval' }]);
});

test('with an import map instead of a bundler, the inline map needs its hash in script-src', async () => {
  const importMap = JSON.stringify({ imports: { 'portfolio-guard': '/dist/index.js', 'zod/mini': '/node_modules/zod/mini/index.js' } });
  const html = `<!doctype html><script type="importmap">${importMap}</script><script type="module" src="/main.js"></script>`;
  const hash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  const served = [path.join(root, 'dist') + path.sep, path.join(root, 'node_modules/zod') + path.sep];
  const files = async (pathname) => {
    if (pathname === '/main.js') return ['text/javascript', IMPORT + PROGRAM];
    const file = path.join(root, decodeURIComponent(pathname));
    if (!served.some((dir) => file.startsWith(dir))) return undefined;
    try {
      return ['text/javascript', await readFile(file)];
    } catch {
      return undefined;
    }
  };

  const withHash = await load(`${STRICT} ${hash}`, html, files);
  assert.equal(withHash.result?.ok, true, withHash.result?.error ?? withHash.pageErrors.join('\n'));
  assert.equal(withHash.result.code, 'REDUCED');
  assert.deepEqual(withHash.violations, []);

  // Without the hash the inline map is refused, so the module's bare import cannot resolve.
  const withoutHash = await load(STRICT, html, files);
  assert.equal(withoutHash.result, undefined, 'the module ran although its import map was refused');
  assert.match(withoutHash.pageErrors.join('\n'), /portfolio-guard/);
  assert.ok(withoutHash.violations.some((v) => v.blocked === 'inline'), JSON.stringify(withoutHash.violations));
});
