// A damaged snapshot is refused with a SnapshotError and builds nothing: every single-bit flip
// (exhaustively on one snapshot, and at random positions of random states), every truncation,
// and trailing garbage.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager } from '../manager/helpers.js';
import { apply, opArb, warmUp } from '../manager/operations.js';

function restoreError(bytes: Uint8Array): SnapshotError {
  try {
    PortfolioRiskManager.restoreSync(bytes);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw new Error(`expected a SnapshotError, got ${String(error)}`);
  }
  throw new Error('expected a SnapshotError, the snapshot was accepted');
}

function flipped(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

/** A small but complete state: candles, positions both ways, counters, a changed config. */
function smallSnapshot(): Uint8Array {
  const m = enabledManager({ correlationLookback: 6, minPeriods: 3 });
  warmUp(m);
  m.updateEquity(80_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 9_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: '__proto__', side: 'short', size: 3_000, regime: 'constructor', strategy: 's' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 30_000, regime: 'TRENDING' });
  m.updateConfig({ maxSymbolExposurePct: 0.3 });
  return m.snapshot();
}

describe('single-bit flips', () => {
  test('every bit of a small snapshot, flipped alone, is detected', () => {
    const bytes = smallSnapshot();
    const fields = new Set<string>();
    for (let bit = 0; bit < bytes.length * 8; bit++) fields.add(restoreError(flipped(bytes, bit)).field);
    // Each region of the frame reports its own kind of damage.
    expect([...fields].sort()).toEqual(['checksum', 'snapshot', 'version']);
    expect(PortfolioRiskManager.restoreSync(bytes).getStats().openPositions).toBe(2);
  });

  test('a random bit of a random state, flipped, is detected', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.nat(), (ops, pick) => {
        const m = enabledManager({ correlationLookback: 12, minPeriods: 4 });
        warmUp(m);
        m.updateEquity(1e5);
        const equity = { value: 1e5 };
        for (const op of ops) {
          try {
            apply(m, op, equity);
          } catch {
            // Refused operations are part of a random run; the state is what matters here.
          }
        }
        const bytes = m.snapshot();
        expect(restoreError(flipped(bytes, pick % (bytes.length * 8)))).toBeInstanceOf(SnapshotError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('truncation and padding', () => {
  test('every proper prefix is refused', () => {
    const bytes = smallSnapshot();
    for (let n = 0; n < bytes.length; n++) {
      const error = restoreError(bytes.subarray(0, n));
      expect(error.message, `prefix of ${n} bytes`).toMatch(/truncated/);
    }
  });

  test('bytes after the payload are refused', () => {
    const bytes = smallSnapshot();
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes);
    expect(restoreError(padded).message).toBe(`snapshot: has 3 unexpected bytes after the ${bytes.length - 20}-byte payload`);
  });
});
