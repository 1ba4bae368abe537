import type { AttemptCounts, AttemptDecision, AttemptLimiter, PortFailure } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import { countIn, SlidingWindowItems } from './sliding-window.js';
import { key, type DynamoTableOptions, type Item } from './table.js';

/** The limit item's key: `pk = limit#<key>`, `sk = limit`. @internal */
export function limitKey(limiterKey: string): Item {
  return key(`limit#${limiterKey}`, 'limit');
}

/**
 * A sliding-window {@link AttemptLimiter} on DynamoDB, exact like the memory limiter. Each key is one
 * item holding the times of the attempts still in the window (`stamps`), the newest of them, a
 * version and a TTL (newest attempt + window). An attempt is one conditional `UpdateItem`:
 *
 * - when the key has no attempt in the window (no item, or `newest <= now - windowMs`), the item is
 *   reset to this attempt without being read (the common case: one request);
 * - otherwise the attempt is recorded only if the version is still the one the decision was made on
 *   (compare-and-set); a failed condition returns the current item (`ALL_OLD`), the decision is made
 *   again on it and, if still allowed, written again. Each failure means another caller's write
 *   succeeded, so the loop always progresses.
 *
 * A refusal is answered only from a state DynamoDB returned during the call and writes nothing. The
 * last state each key was written with is remembered per process (bounded), so repeated attempts from
 * one process also cost one request.
 *
 * @example
 * ```ts
 * const limiter = new DynamoAttemptLimiter({ client: dynamodb, tableName: 'cognito-recovery' });
 * await limiter.attempt('fp:pool:alice', 5, 3_600_000, Date.now()); // ok({ allowed: true, count: 1 })
 * ```
 * @group Adapters
 */
export class DynamoAttemptLimiter implements AttemptLimiter, AttemptCounts {
  readonly #windows: SlidingWindowItems;

  /** @param options - the table. */
  constructor(options: DynamoTableOptions) {
    this.#windows = new SlidingWindowItems(options, 'AttemptLimiter', (newest, windowMs) => newest + windowMs);
  }

  /** Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise refuses it without recording. */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure> {
    return this.#windows.attempt(limitKey(key), limit, windowMs, now).map(({ allowed, count }) => ({ allowed, count }));
  }

  /** Attempts recorded for `key` in `(now - windowMs, now]`, from one strongly consistent `GetItem` ({@link AttemptCounts}: for tests and operators). */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure> {
    return this.#windows.read(limitKey(key)).map((item) => countIn(item, windowMs, now));
  }
}
