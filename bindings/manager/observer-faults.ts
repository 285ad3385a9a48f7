/**
 * Loggers and event listeners watch the manager; they never steer it. A call has decided and
 * changed state before it tells them anything, so what they throw is caught and tallied here
 * instead of reaching the caller (who would retry a trade that was recorded) or a microtask
 * (which in Node is an uncaught exception: the bot dies right after its order decision).
 *
 * Every failure is counted (`getStats().observerErrors`). Each failing observer is reported
 * once: the first failure of a logger method (`info`, `warn`, `error`, `debug`) or of one
 * listener on one event. A sink that breaks for good (a closed log pipe) then writes one line
 * about it, not one per trade. The tally is this process's, like the observers themselves:
 * it is not part of a snapshot, and a restored manager starts at 0.
 */
export class ObserverFaults {
  /** Observer calls that threw. */
  count = 0;
  private readonly failedMethods = new Set<string>();
  // Weak, so that listeners which subscribe, fail and unsubscribe by the thousand are not kept.
  private readonly failedListeners = new Map<string, WeakSet<object>>();

  /** Counts a failure of the logger's `method`; true the first time that method fails. */
  loggerFailed(method: string): boolean {
    this.count += 1;
    if (this.failedMethods.has(method)) return false;
    this.failedMethods.add(method);
    return true;
  }

  /** Counts a failure of `listener` on `event`; true the first time it fails there. */
  listenerFailed(event: string, listener: object): boolean {
    this.count += 1;
    let failed = this.failedListeners.get(event);
    if (failed === undefined) this.failedListeners.set(event, (failed = new WeakSet()));
    if (failed.has(listener)) return false;
    failed.add(listener);
    return true;
  }
}

/** An observer's error as one line of text; never throws, whatever was thrown. */
export function describeError(error: unknown): string {
  try {
    return String(error instanceof Error ? error.message : error);
  } catch {
    return 'a value that cannot be printed';
  }
}
