/**
 * Fake timers for timeout tests: a trigger that never answers, a Lambda that answers too late.
 *
 * @module
 */
import { vi } from 'vitest';

/**
 * Runs `operation` with `setTimeout`/`clearTimeout` faked and moves the fake time from timer to timer
 * until it settles, so a timeout (a trigger's 5 s, an SDK call's deadline) fires at once instead of
 * after real seconds. While no timer is pending (real I/O such as scrypt in flight), it yields to the
 * event loop. Timers are real again afterwards.
 *
 * @example
 * ```ts
 * recovery.triggers.register(FN, () => new Promise(() => undefined)); // never answers
 * const result = await settleWithFakeTimers(() => recovery.forgotPassword({ ClientId, Username: 'alice' }));
 * expect(result._unsafeUnwrapErr().name).toBe('UnexpectedLambdaException');
 * ```
 * @group Testing
 */
export async function settleWithFakeTimers<T>(operation: () => PromiseLike<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const state = { settled: false };
    const pending = Promise.resolve(operation()).finally(() => {
      state.settled = true;
    });
    while (!state.settled) {
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return await pending;
  } finally {
    vi.useRealTimers();
  }
}
