import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

/**
 * `npm run test:browser`: the core (engine) and manager suites in real headless Chromium,
 * through vitest browser mode. The browser is Debian's `chromium` package (.ci/browser.sh
 * installs it); nothing here downloads a browser build (install with
 * PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; `playwright` has no install script of its own).
 * CHROMIUM_PATH overrides the binary for machines that keep it elsewhere.
 *
 * Every engine, reference and manager test file runs here, and the bad-input suite, plus
 * test/browser/ (the package entry in a page, SIMD detection and fallback) and the simulation
 * model the simulator page runs (tools/test/simulation/). The only Node-specific thing any of
 * them touches is reading repository text files (pandas fixtures, the README section and
 * example the manager's README test runs, the markdown pages the bad-input table is printed
 * in); rather than excluding those files, `node:fs` is aliased to test/browser/node-fs-shim.ts,
 * which serves exactly those files as Vite raw imports.
 *
 * Not run here, because they genuinely need Node or are not core/manager suites:
 *   - test/long/**       10^6-row drift and long property runs (vitest.long.config.ts): minutes of CPU, Node by design.
 *   - test/docs/**       runs the documentation's code blocks as Node processes (child_process, fs writes).
 *   - test/bench/**      benchmark baselines: time and memory of the Node process.
 *   - tools/test/* (the replay and its CLI): they read and write candle folders and reports
 *                        (node:fs, node:os tmpdir) — a Node command-line tool.
 *   - test/e2e/**        drives Chromium from Node with playwright-core (npm run test:e2e).
 *   - test/*.test.ts other than test/engine.*: scratch files, not part of any suite.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  resolve: {
    alias: {
      'node:fs': new URL('./test/browser/node-fs-shim.ts', import.meta.url).pathname,
    },
  },
  optimizeDeps: {
    // Pre-bundle up front so Vite does not discover these mid-run and reload the page.
    include: ['fast-check', 'zod/mini', 'yaml'],
  },
  test: {
    include: [
      'test/engine/**/*.test.ts',
      'test/engine.*.test.ts',
      'test/reference/**/*.test.ts',
      'test/manager/**/*.test.ts',
      'test/reliability/bad-input.test.ts',
      'test/browser/**/*.test.ts',
      'tools/test/simulation/**/*.test.ts',
    ],
    exclude: ['test/long/**', 'test/docs/**', 'test/bench/**', 'test/e2e/**', 'node_modules/**'],
    // Property runs take longer in a page than in Node (no worker parallelism per file).
    testTimeout: 120_000,
    hookTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: chromium,
          headless: true,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
