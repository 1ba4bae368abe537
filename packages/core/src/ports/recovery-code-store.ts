import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * The outstanding recovery code of one user: only its HMAC is stored (R7.1, D8).
 *
 * @group Ports
 */
export interface StoredCode {
  /** HMAC-SHA256 of the code under the recovery's code key, base64url. */
  readonly codeHmac: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  /** Epoch milliseconds; the code is valid while `now < expiresAt`. */
  readonly expiresAt: number;
}

/**
 * What a consuming write found (`UserStore.update` with a {@link CodeConsumption}): `consumed` (it
 * was the outstanding, unexpired code, now used); `mismatch` (a code is outstanding and this is not
 * it, or this is the code already used); `expired` (the outstanding code is past `expiresAt`, whatever
 * code was given); `none` (no code was ever issued, it was cleared or swept, or it was used and this is
 * another code).
 *
 * @group Ports
 */
export type ConsumeOutcome = 'consumed' | 'mismatch' | 'expired' | 'none';

/**
 * What a verify found, without using the code: `valid` (the outstanding, unexpired code), or as
 * {@link ConsumeOutcome}.
 *
 * @group Ports
 */
export type VerifyOutcome = 'valid' | 'mismatch' | 'expired' | 'none';

/**
 * The confirm-attempt limit {@link RecoveryCodeStore.attemptAndVerify} applies (D9): at most `max`
 * attempts in any `windowMs`.
 *
 * @group Ports
 */
export interface AttemptLimit {
  /** Attempts allowed in the window (a `max` below 1 refuses every attempt). */
  readonly max: number;
  /** The sliding window, in milliseconds. */
  readonly windowMs: number;
}

/**
 * The answer of {@link RecoveryCodeStore.attemptAndVerify}.
 *
 * @group Ports
 */
export interface AttemptVerdict {
  /** The attempt was within the limit and has been recorded; when false nothing was recorded. */
  readonly allowed: boolean;
  /** What `verify` would have answered at the same instant. */
  readonly outcome: VerifyOutcome;
}

/**
 * The one outstanding code per user, and the user's confirm-attempt window (D9). The window is kept
 * apart from the code: `issue` and `clear` never reset it. The code is used by `UserStore.update` with
 * a {@link CodeConsumption}, in the same atomic write as the new password, so this store and the
 * `UserStore` of a composition are a pair over one database.
 *
 * - **Names** are any string: usernames (any Unicode), and the hidden names ConfirmForgotPassword and
 *   simulated ForgotPassword answers use for nobody (§8, D19), which begin with a space
 *   (` unknown alice@example.com`) so that no username can equal them. Compare exactly.
 * - **Never reject**: every method answers a `ResultAsync` that resolves, to `err(PortFailure)` when
 *   the backend fails, never a rejected promise or a thrown error, and a failure's `reason` quotes no
 *   HMAC.
 * - **Retention**: what the store (or a sweeper beside it, a TTL, a cron `DELETE`) may remove, and
 *   when; everything else is kept until `issue` replaces it or `clear` removes it.
 *   - A code, outstanding or used (the D20 revocation marker included), once `now >= expiresAt`;
 *     never before. Deleting it turns `expired` (and `mismatch` for a used code) into `none`: the
 *     caller still gets a refusal (`ExpiredCodeException`). A code stored with `expiresAt =
 *     Number.MAX_SAFE_INTEGER` (the unusable code D19 leaves a real user answered as nobody) is
 *     therefore never swept: it answers `mismatch` until a real code replaces it, as nobody's would.
 *   - Codes under hidden names follow the same rule; under `PreventUserExistenceErrors = ENABLED`
 *     they are most of the expired codes (one per name asked for), which is why a store needs the
 *     sweep at all.
 *   - A name's confirm-attempt window, once its newest attempt has left it (at or before
 *     `now - windowMs`, with the `windowMs` of the latest call); never earlier, which would hand out
 *     a fresh D9 allowance. Where a code and a window share a row, delete the row only when both may
 *     go.
 *
 *   Keep a margin above the clock skew between your processes: the bundled stores keep expired codes
 *   and empty windows a day (the DynamoDB TTL, PostgreSQL's `purgeExpired`).
 *
 * @group Ports
 */
export interface RecoveryCodeStore {
  /** Stores `code` as the user's only code, replacing any previous one (R7.3); the attempt window stays. */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure>;
  /**
   * Tells what a consuming write would find now, without using the code or counting an attempt.
   * The HMACs are compared in constant time where the store compares them itself.
   */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure>;
  /**
   * Atomically counts a confirm attempt and verifies the code (D9: the attempt is counted before the
   * code is compared). If fewer than `limit.max` attempts were recorded for the user in
   * `(now - limit.windowMs, now]`, this one is recorded and allowed; otherwise it is refused and
   * nothing is recorded. Either way `outcome` is what `verify` answers at that instant. A success
   * does not reset the window. Any `username` works, also one that holds no code (ConfirmForgotPassword
   * counts attempts for nobody under a key that cannot be a username).
   */
  attemptAndVerify(userPoolId: string, username: string, codeHmac: string, now: number, limit: AttemptLimit): ResultAsync<AttemptVerdict, PortFailure>;
  /** Forgets the user's code, used or not (user deleted); the attempt window stays. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure>;
}
