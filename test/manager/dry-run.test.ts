// dryRun answers a what-if: the same answer, but no counters, no events, no log lines.
import { expect, test } from 'vitest';
import { enabledManager, recordingLogger } from './helpers.js';

test('a dry run equals the real answer and leaves counters, events and logs untouched', () => {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 24_500, regime: 'T' });
  const events: string[] = [];
  m.on('reduced', () => events.push('reduced'));
  m.on('blocked', () => events.push('blocked'));
  const linesBefore = logger.lines.length;
  const statsBefore = m.getStats();

  const reduce = { symbol: 'BTC/USDT', side: 'long', proposedSize: 1_000, regime: 'T' } as const;
  const block = { ...reduce, proposedSize: 10_000 };
  const dryReduce = m.validateNewPosition(reduce, { dryRun: true });
  const dryBlock = m.validateNewPosition(block, { dryRun: true });
  expect(dryReduce.code).toBe('REDUCED');
  expect(dryBlock.code).toBe('BLOCKED');
  expect(events).toEqual([]);
  expect(logger.lines.length).toBe(linesBefore);
  expect(m.getStats()).toEqual(statsBefore);

  expect(m.validateNewPosition(reduce)).toEqual(dryReduce);
  expect(m.validateNewPosition(block, { dryRun: false })).toEqual(dryBlock);
  expect(events).toEqual(['reduced', 'blocked']);
  expect(m.getStats()).toMatchObject({ validations: 2, reducedTrades: 1, blockedTrades: 1 });
});

test('a non-boolean dryRun is rejected rather than guessed', () => {
  const m = enabledManager();
  m.updateEquity(1);
  expect(() => m.validateNewPosition({ symbol: 'A', side: 'long', proposedSize: 1, regime: 'R' }, { dryRun: 'yes' as never })).toThrow(/dryRun/);
});
