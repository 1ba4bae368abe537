import type { Clock } from '@cognito-recovery/core';

/**
 * A {@link Clock} that only moves when told to, so tests can step over code validity and
 * rate-limit windows without waiting.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.UTC(2024, 0, 1));
 * clock.advanceBy(3_600_000); // one hour later: the code has expired
 * ```
 * @group Adapters
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #realTime: boolean;
  #offset = 0;

  /**
   * @param startMs - the initial time in epoch milliseconds (default 2024-01-01T00:00:00Z).
   * @param options - `realTime: true` makes the clock follow the system time (a local server), still
   *   movable forward with `advanceBy`; `startMs` is then ignored.
   * @throws RangeError when `startMs` is not a finite number.
   */
  constructor(startMs: number = Date.UTC(2024, 0, 1), options: { readonly realTime?: boolean } = {}) {
    this.#now = finite(startMs, 'startMs');
    this.#realTime = options.realTime === true;
  }

  /** Whether the clock follows the system time (`realTime: true`) rather than moving only when told to. */
  get realTime(): boolean {
    return this.#realTime;
  }

  /** The current time in epoch milliseconds. */
  now(): number {
    return this.#realTime ? Date.now() + this.#offset : this.#now;
  }

  /**
   * Moves the clock forward by `ms` milliseconds and returns the new time.
   *
   * @throws RangeError when `ms` is negative or not finite (use {@link ManualClock.set} to go back).
   */
  advanceBy(ms: number): number {
    if (finite(ms, 'ms') < 0) throw new RangeError('advanceBy(ms) needs ms >= 0; use set() to go back in time');
    this.#now += ms;
    this.#offset += ms;
    return this.now();
  }

  /**
   * Sets the time to `ms` epoch milliseconds (backwards too).
   *
   * @throws RangeError when `ms` is not finite.
   */
  set(ms: number): void {
    this.#now = finite(ms, 'ms');
    this.#offset = ms - Date.now();
  }
}

function finite(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number`);
  return value;
}
