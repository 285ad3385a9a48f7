/**
 * Browser-only checks (vitest.browser.config.ts; excluded from the Node run): the package
 * entry itself, as a page imports it, with async create(), SIMD detection and the scalar
 * fallback, on the main thread of real Chromium.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CorrelationEngine, simdSupported } from '../../bindings/index.js';

const T0 = Date.UTC(2024, 0, 1);

/** Two symbols driven by one seeded factor, so their correlation is high and known. */
function feed(engine: CorrelationEngine, rows = 120): void {
  let seed = 12345;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.01;
  let a = 100;
  let b = 50;
  let c = 10;
  const ca: [number, number][] = [];
  const cb: [number, number][] = [];
  const cc: [number, number][] = [];
  for (let k = 0; k < rows; k++) {
    const m = noise();
    a *= Math.exp(m);
    b *= Math.exp(0.9 * m + 0.3 * noise());
    c *= Math.exp(-0.5 * m + noise());
    const ts = T0 + k * 60_000;
    ca.push([ts, a]);
    cb.push([ts, b]);
    cc.push([ts, c]);
  }
  engine.setCandles('A', ca.map(([ts, close]) => ({ timestamp: ts, close })));
  engine.setCandles('B', cb.map(([ts, close]) => ({ timestamp: ts, close })));
  engine.setCandles('C', cc.map(([ts, close]) => ({ timestamp: ts, close })));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('in a real browser page', () => {
  test('this really is Chromium, not Node', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
    expect(navigator.userAgent).toMatch(/Chrome\/\d+/);
    expect((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node).toBeUndefined();
  });

  test('Chromium validates the SIMD build, and async create() picks it', async () => {
    expect(simdSupported()).toBe(true);
    const engine = await CorrelationEngine.create({ window: 50, minPeriods: 10 });
    expect(engine.simd).toBe(true);
    expect(engine.stats().simd).toBe(true);
  });

  test('where WebAssembly.validate rejects SIMD, create() falls back to the scalar build with identical answers', async () => {
    const simd = await CorrelationEngine.create({ window: 50, minPeriods: 10 });
    feed(simd);
    const spy = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(simdSupported()).toBe(false);
    const scalar = await CorrelationEngine.create({ window: 50, minPeriods: 10 });
    expect(spy).toHaveBeenCalled();
    expect(scalar.simd).toBe(false);
    await expect(CorrelationEngine.create({ simd: true })).rejects.toThrow(/SIMD/);
    feed(scalar);
    const a = simd.matrix();
    const b = scalar.matrix();
    expect(a.length).toBe(9);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(a[0 * 3 + 1]).toBeGreaterThan(0.8);
    expect(a[0 * 3 + 2]).toBeLessThan(0);
  });

  test('simd: false forces the scalar build even where SIMD is available', async () => {
    const engine = await CorrelationEngine.create({ window: 20, minPeriods: 5, simd: false });
    expect(engine.simd).toBe(false);
  });

  test('createSync() also works on a page main thread (the module is small enough for a sync compile)', () => {
    const engine = CorrelationEngine.createSync({ window: 20, minPeriods: 5 });
    feed(engine, 40);
    expect(Number.isFinite(engine.correlation('A', 'B'))).toBe(true);
  });
});
