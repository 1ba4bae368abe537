import type { AttemptLimit, AttemptVerdict, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { classifyStoredCode } from '@cognito-recovery/core/rules';
import type { ResultAsync } from 'neverthrow';
import { keyBytesHex, toNumber, toText } from './codec.js';
import type { SqlRow } from './executor.js';
import type { PostgresStoreOptions } from './schema.js';
import { StoreStatements } from './store-statements.js';
import { windowUpdate } from './sliding-window.js';

const PORT = 'RecoveryCodeStore';
const CODE_COLUMNS = 'code_hmac, expires_at, consumed_at';

/** The statements, for one schema: `$1` pool, `$2` the name's bytes as hex ({@link keyBytesHex}). */
function statements(s: string) {
  const p = { now: '$3', window: '$4', limit: '$5' };
  return {
    issue: `INSERT INTO ${s}.codes (pool_id, name, code_hmac, issued_at, expires_at) VALUES ($1, decode($2, 'hex'), $3, $4, $5)
      ON CONFLICT (pool_id, name) DO UPDATE
      SET code_hmac = excluded.code_hmac, issued_at = excluded.issued_at, expires_at = excluded.expires_at, consumed_at = NULL`,
    clear: `UPDATE ${s}.codes SET code_hmac = NULL, issued_at = NULL, expires_at = NULL, consumed_at = NULL
      WHERE pool_id = $1 AND name = decode($2, 'hex') AND code_hmac IS NOT NULL`,
    read: `SELECT ${CODE_COLUMNS} FROM ${s}.codes WHERE pool_id = $1 AND name = decode($2, 'hex')`,
    attempt: `INSERT INTO ${s}.codes AS k (pool_id, name, stamps, newest, window_ms, last_allowed)
      VALUES ($1, decode($2, 'hex'), ARRAY[$3::bigint], $3::bigint, $4::bigint, true)
      ON CONFLICT (pool_id, name) DO UPDATE SET ${windowUpdate('k', p)}
      RETURNING k.last_allowed AS allowed, k.code_hmac, k.expires_at, k.consumed_at`,
  };
}

/**
 * A {@link RecoveryCodeStore} on PostgreSQL: one row per name (`codes`; the name is kept as bytes, so
 * any string works, NUL characters included, as in `alice\u0000signup`) holding the code's HMAC, issue
 * and expiry times and, once used, `consumed_at`, and on the same row the name's confirm attempt
 * window (the times of the attempts still in it).
 *
 * - `issue` is one upsert replacing the code and clearing `consumed_at`, keeping the window;
 *   `clear` is one `UPDATE` that empties the code fields, never the window.
 * - `attemptAndVerify` is one upsert on the window (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): it
 *   locks the row, records the attempt only if the window has room, and returns the code fields of
 *   that same row version, so the code it classifies is the one stored at the instant the attempt was
 *   counted. `verify` is one `SELECT`. HMACs are compared with `crypto.timingSafeEqual`.
 * - The code is used by `PostgresUserStore.update` with `consume`, in the same statement as the user
 *   write (the row is locked, checked and marked used there), so exactly one concurrent caller wins
 *   and a code is never used without the password being written. Both stores must share the executor
 *   and the schema.
 *
 * @example
 * ```ts
 * const codes = new PostgresRecoveryCodeStore({ db });
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.attemptAndVerify(poolId, 'alice', codeHmac, now, { max: 5, windowMs: 3_600_000 });
 * // ok({ allowed: true, outcome: 'valid' }): one statement
 * ```
 * @group Adapters
 */
export class PostgresRecoveryCodeStore implements RecoveryCodeStore {
  readonly #sql: StoreStatements<keyof ReturnType<typeof statements>>;

  /** @param options - the executor and the schema (those of the user store). */
  constructor(options: PostgresStoreOptions) {
    this.#sql = new StoreStatements(PORT, options, statements);
  }

  /** Stores the code as the user's only one (one upsert, replacing any previous code, used or not; the attempt window stays). */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure> {
    return this.#sql.run('issue', [userPoolId, keyBytesHex(username), code.codeHmac, code.issuedAt, code.expiresAt]).map(() => undefined);
  }

  /** What a consuming write would find now (`valid` for `consumed`), from one `SELECT`. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return this.#sql.run('read', [userPoolId, keyBytesHex(username)], 'verify').map((rows) => classifyCode(rows[0], codeHmac, now));
  }

  /** Records the attempt in the user's window and classifies the code of that same row version: one statement. */
  attemptAndVerify(userPoolId: string, username: string, codeHmac: string, now: number, limit: AttemptLimit): ResultAsync<AttemptVerdict, PortFailure> {
    if (!(limit.max >= 1)) {
      return this.#sql.run('read', [userPoolId, keyBytesHex(username)], 'attemptAndVerify').map((rows) => ({
        allowed: false,
        outcome: classifyCode(rows[0], codeHmac, now),
      }));
    }
    return this.#sql.run('attempt', [userPoolId, keyBytesHex(username), now, limit.windowMs, limit.max], 'attemptAndVerify').map((rows) => ({
      allowed: rows[0]?.['allowed'] === true,
      outcome: classifyCode(rows[0], codeHmac, now),
    }));
  }

  /** Empties the user's code, used or not (one `UPDATE`); the attempt window stays. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    return this.#sql.run('clear', [userPoolId, keyBytesHex(username)]).map(() => undefined);
  }
}

/** What a consuming write would find on the code row, as the memory store classifies it: `valid` means it would use the code. */
function classifyCode(row: SqlRow | undefined, codeHmac: string, now: number): VerifyOutcome {
  const stored = toText(row?.['code_hmac']);
  const expiresAt = toNumber(row?.['expires_at']);
  const fields = stored === undefined || expiresAt === undefined ? undefined : { codeHmac: stored, expiresAt, consumedAt: toNumber(row?.['consumed_at']) };
  return classifyStoredCode(fields, codeHmac, now);
}
