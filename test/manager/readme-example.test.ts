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
  expect(printed[0]).toBe('[PORTFOLIO_RISK] Position registered: BTC/USDT long quantity=0.350000 regime=TRENDING id=p1');
  // ETH's candles are stamped 1.5 s into the hour: only the 1h timeframe puts them on BTC's bars.
  expect(Number(line('BTC/ETH correlation').split(' ').at(-1))).toBeGreaterThan(0.85);

  const open = (symbol: string) => {
    const text = printed.find((l) => l.startsWith('open ') && l.includes(` ${symbol} `)) ?? `missing: open ${symbol}`;
    const match = /^open (?:long|short) \S+ ([\d.]+) = ([\d.]+) USDT \(([\d.]+)x, (\w+): (\S+)\); symbol now ([\d.]+)$/.exec(text);
    expect(match, text).not.toBeNull();
    const [, quantity, value, multiplier, binding, reason, exposure] = match!;
    return { quantity: Number(quantity), value: Number(value), multiplier: Number(multiplier), binding, reason, exposure: Number(exposure) };
  };

  // ETH follows BTC (ρ ≈ 0.93 > 0.85): cut by 1 − (ρ − 0.85)/0.15, i.e. between 0.25× and 1×,
  // of 10,000 × 1.2 = 12,000 USDT; the symbol then holds just that.
  const eth = open('ETH/USDT');
  expect([eth.binding, eth.reason]).toEqual(['correlation', 'high_correlation_with_BTC/USDT']);
  expect(eth.multiplier).toBeGreaterThan(0.25);
  expect(eth.multiplier).toBeLessThan(1);
  expect(Math.abs(eth.value / 12_000 - eth.multiplier)).toBeLessThanOrEqual(0.005);
  expect(Math.abs(eth.exposure - eth.value / 100_000)).toBeLessThanOrEqual(0.00005);

  // The BTC short meets the 0.35 BTC long marked at the bar's close: it gets what is left under
  // the 25% symbol cap, so the symbol is then exactly full. The hedge against the correlated
  // ETH long is not cut.
  const btc = open('BTC/USDT');
  expect([btc.binding, btc.reason]).toEqual(['symbol', `symbol_exposure_reduced_${btc.multiplier.toFixed(2)}`]);
  expect(Math.abs(btc.value / 15_000 - btc.multiplier)).toBeLessThanOrEqual(0.005);
  expect(btc.exposure).toBe(0.25);

  // SOL 20,000 × 1.5 = 30,000 against the 25,000 symbol cap → exactly 25,000 (0.83×).
  const sol = open('SOL/USDT');
  expect([sol.value, sol.multiplier, sol.binding, sol.exposure]).toEqual([25_000, 0.83, 'symbol', 0.25]);

  // Every reservation was filled; after the BTC long closes, only the short is left on BTC.
  const stats = /^open=4 long=([\d.]+) short=([\d.]+) reduced=3 blocked=0 in flight=0 maxCorrelation=0\.9\d{3}$/.exec(line('open='));
  expect(stats, line('open=')).not.toBeNull();
  expect(printed.at(-1)).toBe(`BTC/USDT exposure after close: ${stats![2]}`);
  expect(JSON.parse(line('symbols').slice('symbols '.length))['SOL/USDT']).toBeCloseTo(0.25, 12);
});
