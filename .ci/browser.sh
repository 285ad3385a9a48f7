#!/usr/bin/env bash
# CI, browser side (called from .ci/run after `npm ci`, which builds dist/ and tools/dist/ through 'prepare'):
# Debian's chromium, then the core and manager suites in real headless Chromium (vitest
# browser mode), the simulator end-to-end test and the Content-Security-Policy check
# (playwright-core). Nothing downloads a
# browser build: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, and both use /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "== browser: install Debian chromium"
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
/usr/bin/chromium --version 2>/dev/null

echo "== browser: core and manager suites in headless Chromium (vitest browser mode)"
npm run test:browser

echo "== browser: simulator end-to-end (playwright-core + Debian chromium)"
npm run test:e2e

echo "== browser: the package under a strict Content-Security-Policy (playwright-core + Debian chromium)"
node --test --test-reporter=spec test/e2e/csp.e2e.mjs
