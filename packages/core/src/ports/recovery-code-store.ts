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
 * What a consume attempt found: `consumed` (it was the outstanding, unexpired code, now used);
 * `mismatch` (a code is outstanding and this is not it, or this is the code already used); `expired`
 * (the outstanding code is past `expiresAt`, whatever code was given); `none` (no code was ever
 * issued, it was revoked, or it was used and this is another code).
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
 * The one outstanding code per user.
 *
 * @group Ports
 */
export interface RecoveryCodeStore {
  /** Stores `code` as the user's only code, replacing any previous one (R7.3). */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure>;
  /** Revokes the user's code if it is still the one with `codeHmac` (D15). */
  revoke(userPoolId: string, username: string, codeHmac: string): ResultAsync<void, PortFailure>;
  /**
   * Atomically uses the code: exactly one concurrent caller with the right HMAC gets `consumed`.
   * The HMACs are compared in constant time where the store compares them itself.
   */
  consume(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<ConsumeOutcome, PortFailure>;
  /**
   * Tells what `consume` would answer now, without using the code: ConfirmForgotPassword verifies the
   * code, then checks the password policy and history, and only then consumes (so a rejected password
   * does not burn the code, and the policy is not an oracle for callers without the code).
   */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure>;
  /** Forgets the user's code entirely (user deleted). */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure>;
}
