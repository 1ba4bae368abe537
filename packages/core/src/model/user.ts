/**
 * A user of a pool.
 *
 * @module
 */

/** `UserStatusType` (R4.0). @group Model */
export type UserStatus =
  'UNCONFIRMED' | 'CONFIRMED' | 'ARCHIVED' | 'COMPROMISED' | 'UNKNOWN' | 'RESET_REQUIRED' | 'FORCE_CHANGE_PASSWORD' | 'EXTERNAL_PROVIDER';

/** Every `UserStatusType` value. @group Model */
export const USER_STATUSES: readonly UserStatus[] = [
  'UNCONFIRMED',
  'CONFIRMED',
  'ARCHIVED',
  'COMPROMISED',
  'UNKNOWN',
  'RESET_REQUIRED',
  'FORCE_CHANGE_PASSWORD',
  'EXTERNAL_PROVIDER',
];

/** User attributes; values are strings, flags are `"true"` / `"false"` (R9.0.3). @group Model */
export type Attributes = Readonly<Record<string, string>>;

/** MFA settings that disqualify a recovery channel (R5.3). @group Model */
export interface UserMfa {
  /** SMS MFA active. */
  readonly smsMfaEnabled: boolean;
  /** Email MFA active. */
  readonly emailMfaEnabled: boolean;
}

/** No MFA: one shared, frozen value for every user created without it. @group Model */
export const NO_MFA: UserMfa = Object.freeze({ smsMfaEnabled: false, emailMfaEnabled: false });

/** No previous passwords: one shared, frozen value. @group Model */
export const NO_PASSWORD_HISTORY: readonly string[] = Object.freeze([]);

/** A user's SRP salt and verifier (R18.15), lowercase hex. @group Model */
export interface SrpVerifier {
  /** The salt, 32 hex characters (16 random bytes). */
  readonly salt: string;
  /** `v = g^x mod N` (R18.6), lowercase hex without padding. */
  readonly verifier: string;
}

/**
 * A user.
 *
 * @group Model
 */
export interface User {
  /** The pool. */
  readonly userPoolId: string;
  /** The canonical username, as first spelled. */
  readonly username: string;
  /** The immutable `sub`. */
  readonly sub: string;
  /** All attributes, `sub` included. */
  readonly attributes: Attributes;
  /** `UserStatus`. */
  readonly status: UserStatus;
  /** `Enabled`. */
  readonly enabled: boolean;
  /** Hash from the `PasswordHasher`; `undefined` when the user has no password. */
  readonly passwordHash: string | undefined;
  /** Previous password hashes, newest first, as many as the pool's history keeps. */
  readonly passwordHistory: readonly string[];
  /** MFA settings. */
  readonly mfa: UserMfa;
  /**
   * The SRP verifier of the current password (R18.15, D28): a fresh 16-byte salt and `v = g^x mod N`
   * (R18.6), both lowercase hex; `undefined` when the user has no password (or was stored before SRP).
   */
  readonly srp?: SrpVerifier | undefined;
  /** Epoch milliseconds at which the current password was set (temporary-password expiry, D32). */
  readonly passwordSetAt?: number | undefined;
  /**
   * D38: tokens whose sign-in or issue time (epoch seconds) is at or before this are revoked
   * (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser).
   */
  readonly tokensRevokedBefore?: number | undefined;
  /**
   * R24.5, D44: new values of attributes listed in `AttributesRequireVerificationBeforeUpdate`, held
   * until verified; the stored `attributes` keep the original (verified) values meanwhile.
   */
  readonly pendingAttributes?: Attributes | undefined;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds. */
  readonly updatedAt: number;
  /** Optimistic version; the store bumps it on every update. */
  readonly version: number;
}
