// The README's bot loop (examples/bot-loop.mjs) runs as written: the very same file is
// executed here with its package import ('../dist/index.js') pointed at the TypeScript
// sources of the package entry, bindings/index.ts.
import { readFileSync } from 'node:fs';
import { expect, test, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const PACKAGE_IMPORT = "import { PortfolioRiskManager, composeSize } from 'portfolio-guard';\n";
const FILE_IMPORT = "import { PortfolioRiskManager, composeSize } from '../dist/index.js';\n";

vi.mock('../../dist/index.js', () => import('../../bindings/index.js'));

test('the README block is examples/bot-loop.mjs, with the package imported by name', () => {
  const file = read('../../examples/bot-loop.mjs');
  const blocks = [...read('../../README.md').matchAll(/<!-- runnable -->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((code) => code.includes("import { PortfolioRiskManager, composeSize } from 'portfolio-guard'"))!;
  expect(block).toBeDefined();
  expect(block.startsWith(PACKAGE_IMPORT)).toBe(true);
  expect(block.slice(PACKAGE_IMPORT.length)).toBe(file.slice(file.indexOf(FILE_IMPORT) + FILE_IMPORT.length));
});

test('examples/bot-loop.mjs runs and prints the outcomes worked out by hand', async () => {
  const entry = await import('../../bindings/index.js');
  expect(Object.keys(entry), 'bindings/index.ts must export PortfolioRiskManager and composeSize').toEqual(
    expect.arrayContaining(['PortfolioRiskManager', 'composeSize']),
  );

  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  // @ts-expect-error -- the example is plain JavaScript, as a reader would write it: no types.
  await import('../../examples/bot-loop.mjs');
  vi.restoreAllMocks();

  // Its `// prints:` lines (the README runner's convention) all appear.
  for (const [, expected] of read('../../examples/bot-loop.mjs').matchAll(/\/\/ prints: (.*)$/gm)) {
    expect(printed).toContain(expected!.trim());
  }

  const line = (prefix: string) => printed.find((l) => l.startsWith(prefix)) ?? `missing: ${prefix}`;
  expect(printed[0]).toBe('[PORTFOLIO_RISK] Position registered: BTC/USDT long size=15000.000000 regime=TRENDING id=p1');

  // ETH follows BTC (ρ ≈ 0.93 > 0.85): cut by 1 − (ρ − 0.85)/0.15, i.e. between 0.25× and 1×.
  const eth = /^open long ETH\/USDT ([\d.]+) \(([\d.]+)x, correlation: high_correlation_with_BTC\/USDT\)$/.exec(line('open long ETH'));
  expect(eth, line('open long ETH')).not.toBeNull();
  const ethSize = Number(eth![1]);
  expect(Number(eth![2])).toBeGreaterThan(0.25);
  expect(Number(eth![2])).toBeLessThan(1);
  expect(Math.abs(ethSize / 12_000 - Number(eth![2]))).toBeLessThanOrEqual(0.005);

  // BTC short against $15k long: symbol headroom 25k − 15k = $10k of $15k → 0.67×. The hedge
  // against the correlated ETH long is not cut.
  expect(line('open short BTC')).toBe('open short BTC/USDT 10000.00 (0.67x, symbol: symbol_exposure_reduced_0.67)');
  // SOL 20k × 1.5 = 30k against the $25k symbol cap → exactly $25,000 (0.83×).
  expect(line('open long SOL')).toBe('open long SOL/USDT 25000.00 (0.83x, symbol: symbol_exposure_reduced_0.83)');

  const longExposure = (15_000 + Number(ethSize.toFixed(2)) + 25_000) / 100_000;
  expect(line('open=')).toMatch(new RegExp(`^open=4 long=${longExposure.toFixed(4)} short=0\\.1000 reduced=3 blocked=0 maxCorrelation=0\\.9\\d{3}$`));
  expect(JSON.parse(line('symbols').slice('symbols '.length))).toMatchObject({ 'BTC/USDT': 0.25, 'SOL/USDT': 0.25 });
  expect(printed.at(-1)).toBe('BTC/USDT exposure after close: 0.1000');
});
