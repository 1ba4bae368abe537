import type { AttemptCounts, AttemptDecision, AttemptLimiter, PortFailure } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import { keyBytesHex, toNumber } from './codec.js';
import type { PostgresStoreOptions } from './schema.js';
import { StoreStatements } from './store-statements.js';
import { countIn, windowUpdate } from './sliding-window.js';

const PORT = 'AttemptLimiter';

/** The statements, for one schema: `$1` key (hex), `$2` now, `$3` window, `$4` limit. */
function statements(s: string) {
  const p = { now: '$2', window: '$3', limit: '$4' };
  return {
    attempt: `INSERT INTO ${s}.attempts AS a (key, stamps, newest, window_ms, last_allowed)
      VALUES (decode($1, 'hex'), ARRAY[$2::bigint], $2::bigint, $3::bigint, true)
      ON CONFLICT (key) DO UPDATE SET ${windowUpdate('a', p)}
      RETURNING a.last_allowed AS allowed, ${countIn('a.stamps', p)}::int AS count`,
    count: `SELECT ${countIn('a.stamps', p)}::int AS count FROM ${s}.attempts a WHERE a.key = decode($1, 'hex')`,
  };
}

/**
 * An exact sliding-window {@link AttemptLimiter} on PostgreSQL, like the memory limiter: one row per
 * key (`attempts`) holding the times of the attempts still in the window. An attempt is one upsert
 * (`INSERT … ON CONFLICT DO UPDATE … RETURNING`) that locks the key's row, prunes the times that left
 * the window and records this one only if fewer than `limit` remain: the check and the record are
 * one atomic statement, a refusal records nothing. Keys are stored as bytes, so any string works,
 * NUL characters and non-ASCII included.
 *
 * @example
 * ```ts
 * const limiter = new PostgresAttemptLimiter({ db });
 * await limiter.attempt('fp:pool:alice', 5, 3_600_000, Date.now()); // ok({ allowed: true, count: 1 }): one statement
 * ```
 * @group Adapters
 */
export class PostgresAttemptLimiter implements AttemptLimiter, AttemptCounts {
  readonly #sql: StoreStatements<keyof ReturnType<typeof statements>>;

  /** @param options - the executor and the schema. */
  constructor(options: PostgresStoreOptions) {
    this.#sql = new StoreStatements(PORT, options, statements);
  }

  /** Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise refuses it without recording (one statement). */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure> {
    if (!(limit >= 1)) return this.count(key, windowMs, now).map((count) => ({ allowed: false, count }));
    return this.#sql.run('attempt', [keyBytesHex(key), now, windowMs, limit]).map((rows) => ({
      allowed: rows[0]?.['allowed'] === true,
      count: toNumber(rows[0]?.['count']) ?? 0,
    }));
  }

  /** Attempts recorded for `key` in `(now - windowMs, now]` (one `SELECT`; {@link AttemptCounts}: for tests and operators). */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure> {
    return this.#sql.run('count', [keyBytesHex(key), now, windowMs]).map((rows) => toNumber(rows[0]?.['count']) ?? 0);
  }
}
