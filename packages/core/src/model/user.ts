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
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds. */
  readonly updatedAt: number;
  /** Optimistic version; the store bumps it on every update. */
  readonly version: number;
}
