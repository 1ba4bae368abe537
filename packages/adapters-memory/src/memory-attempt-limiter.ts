import type { AttemptCounts, AttemptDecision, AttemptLimiter, PortFailure } from '@cognito-recovery/core';
import { okAsync, type ResultAsync } from 'neverthrow';
import { SlidingWindows } from './sliding-windows.js';

/**
 * A Map-backed sliding-window {@link AttemptLimiter}. Per key it keeps the times of the attempts
 * still in the window, never more than `limit` of them; an attempt at `t` stops counting at
 * `t + windowMs`. Keys are kept in least-recently-used order and every call drops a couple of keys
 * whose window has passed, so memory stays bounded by the keys active within a window.
 *
 * @example
 * ```ts
 * const limiter = new MemoryAttemptLimiter();
 * const decision = await limiter.attempt('forgot:pool:alice', 5, 3_600_000, clock.now());
 * // ok({ allowed: true, count: 1 })
 * ```
 * @group Adapters
 */
export class MemoryAttemptLimiter implements AttemptLimiter, AttemptCounts {
  readonly #windows = new SlidingWindows();

  /** Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise refuses it without recording. */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure> {
    return okAsync(this.#windows.attempt(key, limit, windowMs, now));
  }

  /** Forgets every recorded attempt, so every key starts with an empty window (a local server's `POST /_local/reset`). */
  reset(): void {
    this.#windows.clear();
  }

  /** Attempts recorded for `key` in `(now - windowMs, now]` ({@link AttemptCounts}: for tests and operators; no use case reads it). */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure> {
    return okAsync(this.#windows.count(key, windowMs, now));
  }
}
