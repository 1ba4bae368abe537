/**
 * Sign-in lockout after failed attempts (R25.1, D27), on the `AttemptLimiter`'s sliding windows.
 *
 * Two windows per user (or, under `PreventUserExistenceErrors = ENABLED`, per pool and normalised
 * input of nobody): the failures of the last {@link LOCKOUT_WINDOW_MS} (`n`), and the recent failures
 * (kept {@link MAX_LOCKOUT_MS}). The user is locked out while `n ≥ 5` and a failure lies within the
 * last `min(2^(n−5), 900)` seconds. Attempts refused during a lockout are not recorded, so they don't
 * extend later lockouts. Differences from D27: the counter is a sliding window (a failure stops
 * counting 15 minutes after it happened), so a successful sign-in does not reset it, and the 15 quiet
 * minutes that reset the DG's counter are counted from each failure rather than from the last attempt.
 *
 * @module
 */
import type { UserPool } from '../model/user-pool.js';
import { normaliseUnknownLogin } from './login-resolution.js';

/** D27: failures before the first lockout. @group Rules */
export const LOCKOUT_THRESHOLD = 5;

/** D27: how long a failure counts (15 minutes). @group Rules */
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

/** D27: the longest lockout (900 s). @group Rules */
export const MAX_LOCKOUT_MS = 900_000;

/** The limit failures are recorded with: never reached (15 minutes hold far fewer unrefused failures). @group Rules */
export const LOCKOUT_RECORD_LIMIT = 10_000;

/**
 * D27: the lockout, in ms, that `failures` failures within the window impose after the latest one:
 * `undefined` below {@link LOCKOUT_THRESHOLD}, else `min(2^(n−5), 900)` seconds.
 *
 * @example
 * ```ts
 * lockoutMs(4); // undefined
 * lockoutMs(5); // 1000
 * lockoutMs(7); // 4000
 * lockoutMs(20); // 900000
 * ```
 * @group Rules
 */
export function lockoutMs(failures: number): number | undefined {
  if (failures < LOCKOUT_THRESHOLD) return undefined;
  const exponent = failures - LOCKOUT_THRESHOLD;
  return exponent >= 10 ? MAX_LOCKOUT_MS : Math.min(2 ** exponent * 1000, MAX_LOCKOUT_MS);
}

/** The two limiter keys of one lockout subject. @group Rules */
export interface LockoutKeys {
  /** Failures of the last {@link LOCKOUT_WINDOW_MS}. */
  readonly failures: string;
  /** Recent failures, read with the current lockout as the window. */
  readonly recent: string;
}

/**
 * D27: the lockout keys of a user (by canonical username) or, for nobody (`username` undefined), of
 * the pool and the normalised input, so unknown inputs lock out exactly like users. NUL separators,
 * as the other limiter keys; nobody's part starts with NUL, which no username holds (R2.1), so no
 * input's key is a user's.
 *
 * @example
 * ```ts
 * lockoutKeys(pool, 'alice', 'ALICE@example.com').failures; // 'signin-fail\0us-east-1_x\0alice'
 * ```
 * @group Rules
 */
export function lockoutKeys(pool: Pick<UserPool, 'id' | 'caseSensitive'>, username: string | undefined, input: string): LockoutKeys {
  const subject = username === undefined ? `\u0000${normaliseUnknownLogin(pool, input)}` : username;
  return { failures: `signin-fail\u0000${pool.id}\u0000${subject}`, recent: `signin-recent\u0000${pool.id}\u0000${subject}` };
}

/**
 * The single-use key of a sealed challenge state (D28 SECRET_BLOCK, D31 Session): the first
 * `attempt(key, 1, validity, now)` is allowed, every later one refused.
 *
 * @group Rules
 */
export function singleUseKey(label: 'srp' | 'session', poolId: string, nonce: string): string {
  return `${label}\u0000${poolId}\u0000${nonce}`;
}
