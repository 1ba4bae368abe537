import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * The answer of {@link AttemptLimiter.attempt}.
 *
 * @group Ports
 */
export interface AttemptDecision {
  /** The attempt was within the limit and has been recorded. */
  readonly allowed: boolean;
  /** Attempts recorded in the window, this one included when allowed. */
  readonly count: number;
}

/**
 * Per-key sliding-window counters (D9).
 *
 * @group Ports
 */
export interface AttemptLimiter {
  /**
   * Atomically: if fewer than `limit` attempts were recorded for `key` in `(now - windowMs, now]`,
   * record this one and allow it; otherwise refuse it without recording.
   */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure>;
  /** Attempts recorded for `key` in the window ending at `now`. */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure>;
}
