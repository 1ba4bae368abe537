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
 * Per-key sliding-window counters (D9): ForgotPassword's request limit per user.
 *
 * - **Keys** are any string: the core builds them with NUL separators (`fp NUL pool NUL username`)
 *   from usernames and inputs that may hold any character, non-ASCII included. Compare them exactly
 *   (no case folding, no Unicode normalisation, no trimming); store them as bytes if the backend
 *   cannot hold NUL in text.
 * - **Never reject**: `attempt` answers a `ResultAsync` that resolves, to `err(PortFailure)` when
 *   the backend fails (`throttled` when it throttled), never a rejected promise or a thrown error.
 * - **Retention**: a key's window may be deleted once every attempt in it has left it (its newest
 *   attempt is at or before `now - windowMs`, with the `windowMs` of the key's latest call); never
 *   earlier, since that would hand out a fresh allowance. Nothing else is ever deleted by the limiter.
 *
 * @group Ports
 */
export interface AttemptLimiter {
  /**
   * Atomically: if fewer than `limit` attempts were recorded for `key` in `(now - windowMs, now]`,
   * record this one and allow it; otherwise refuse it without recording. A `limit` below 1 refuses
   * without recording and answers the count in the window (a read).
   */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure>;
}

/**
 * Not a port: no use case reads a window without attempting. The bundled limiters also offer this
 * read for tests and operators (`MemoryAttemptLimiter`, `DynamoAttemptLimiter`,
 * `PostgresAttemptLimiter`); `attempt(key, 0, windowMs, now)` answers the same count through the port.
 *
 * @example
 * ```ts
 * const limiter: AttemptLimiter & AttemptCounts = new MemoryAttemptLimiter();
 * await limiter.count('fp\u0000us-east-1_Pool\u0000alice', 3_600_000, Date.now()); // ok(0)
 * ```
 * @group Ports
 */
export interface AttemptCounts {
  /** Attempts recorded for `key` in `(now - windowMs, now]`. */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure>;
}
