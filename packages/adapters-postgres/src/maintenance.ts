/**
 * Deleting state that no longer changes any answer.
 *
 * @module
 */
import type { PortFailure } from '@cognito-recovery/core';
import { errAsync, type ResultAsync } from 'neverthrow';
import { toNumber } from './codec.js';
import type { SqlExecutor } from './executor.js';
import { execute } from './failure.js';
import { checkedSchema } from './schema.js';

/**
 * Options of {@link purgeExpired}.
 *
 * @example
 * ```ts
 * await purgeExpired(db, { retentionSeconds: 3_600 });
 * ```
 * @group Schema
 */
export interface PurgeOptions {
  /** Epoch ms to purge as of (default `Date.now()`). */
  readonly now?: number | undefined;
  /**
   * How long a code is kept after it expires, and after the newest confirm attempt leaves its window,
   * in seconds (default 86 400, as the DynamoDB store's TTL). Until then a late confirm answers
   * `expired` (or `mismatch` for a used code); after it, `none`: both are the same Cognito error for
   * an expired code.
   */
  readonly retentionSeconds?: number | undefined;
  /** The PostgreSQL schema (default `cognito_recovery`). */
  readonly schema?: string | undefined;
}

/**
 * How many rows {@link purgeExpired} deleted.
 *
 * @example
 * ```ts
 * const { codes, attempts }: PurgeReport = (await purgeExpired(db))._unsafeUnwrap();
 * ```
 * @group Schema
 */
export interface PurgeReport {
  /** Code rows (users' and hidden names' codes with their confirm windows). */
  readonly codes: number;
  /** Limiter rows whose every attempt has left its window. */
  readonly attempts: number;
}

/**
 * Deletes the code rows whose code expired (or was cleared) more than `retentionSeconds` ago and
 * whose confirm window has been empty as long, and the limiter rows whose window is empty: one
 * statement: it removes only what the ports' retention rules allow (never a code before it expires,
 * so the never-expiring code D19 leaves a real user stays; never a window with an attempt in it).
 * Run it periodically (every few minutes): under `PreventUserExistenceErrors = ENABLED`,
 * each ForgotPassword for a name nobody holds stores a never-sent code under a hidden name (§8), so
 * without a purge the `codes` table grows with every random name asked for.
 *
 * @example
 * ```ts
 * setInterval(() => {
 *   void purgeExpired(db).map(({ codes, attempts }) => console.log(`purged ${codes} codes, ${attempts} windows`));
 * }, 300_000).unref();
 * ```
 * @group Schema
 */
export function purgeExpired(db: SqlExecutor, options: PurgeOptions = {}): ResultAsync<PurgeReport, PortFailure> {
  const checked = checkedSchema(options.schema);
  if (checked.isErr()) return errAsync(checked.error);
  const s = checked.value;
  const now = options.now ?? Date.now();
  const retentionMs = (options.retentionSeconds ?? 86_400) * 1000;
  const text = `WITH purged_codes AS (
      DELETE FROM ${s}.codes
      WHERE (expires_at IS NULL OR expires_at + $2::bigint <= $1::bigint)
        AND (newest IS NULL OR newest + window_ms + $2::bigint <= $1::bigint)
      RETURNING 1
    ), purged_attempts AS (
      DELETE FROM ${s}.attempts WHERE newest + window_ms <= $1::bigint RETURNING 1
    )
    SELECT (SELECT count(*) FROM purged_codes)::int AS codes, (SELECT count(*) FROM purged_attempts)::int AS attempts`;
  return execute('Schema', 'purgeExpired', () => db.query(text, [now, retentionMs])).map((rows) => ({
    codes: toNumber(rows[0]?.['codes']) ?? 0,
    attempts: toNumber(rows[0]?.['attempts']) ?? 0,
  }));
}
