/**
 * The records of new users (`AdminCreateUser`, `SignUp`): the username rules of alias and
 * username-attribute pools (R3.2, R3.3) and the initial record.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import { NO_MFA, NO_PASSWORD_HISTORY, type Attributes, type SrpVerifier, type User, type UserStatus } from '../model/user.js';
import { checkWritableAttributes, isEmailShaped, isPhoneShaped, type AttributeError } from './attributes.js';

/** The canonical username and attributes of a user about to be created. @group Rules */
export interface NewIdentity {
  /** The canonical username (the sub in username-attribute pools). */
  readonly username: string;
  /** The attributes, `sub` included. */
  readonly attributes: Attributes;
}

/**
 * Applies the pool's username rules to a new user. Username-attribute pools (R3.3) need an email or
 * phone number (whichever the pool allows), which becomes that attribute, and the username becomes the
 * sub. Alias pools (R3.2) refuse a username shaped like an email (or phone) when email (phone) is an alias.
 *
 * @example
 * ```ts
 * planIdentity(emailUsernamePool, 'alice@example.com', {}, 'sub-1');
 * // ok({ username: 'sub-1', attributes: { email: 'alice@example.com', sub: 'sub-1' } })
 * ```
 * @group Rules
 */
export function planIdentity(pool: UserPool, username: string, attributes: Attributes, sub: string): Result<NewIdentity, AttributeError> {
  const checked = checkWritableAttributes(attributes);
  if (checked.isErr()) return err(checked.error);
  if (pool.usernameAttributes.length > 0) {
    const kind =
      pool.usernameAttributes.includes('email') && isEmailShaped(username)
        ? 'email'
        : pool.usernameAttributes.includes('phone_number') && isPhoneShaped(username)
          ? 'phone_number'
          : undefined;
    if (kind === undefined) return err(cognitoError('InvalidParameterException', usernameShapeMessage(pool.usernameAttributes)));
    return ok({ username: sub, attributes: { ...attributes, [kind]: username, sub } });
  }
  if (pool.aliasAttributes.includes('email') && isEmailShaped(username)) return err(cognitoError('InvalidParameterException', messages.usernameIsEmail));
  if (pool.aliasAttributes.includes('phone_number') && isPhoneShaped(username)) return err(cognitoError('InvalidParameterException', messages.usernameIsPhone));
  return ok({ username, attributes: { ...attributes, sub } });
}

/** R23.2: what a username that fits none of the pool's username attributes is told, naming what the pool allows. */
function usernameShapeMessage(allowed: UserPool['usernameAttributes']): string {
  if (!allowed.includes('phone_number')) return messages.usernameNotEmail;
  return allowed.includes('email') ? messages.usernameNotEmailOrPhone : messages.usernameNotPhone;
}

/** The fields of a new user that differ between operations. @group Rules */
export interface NewUserFields {
  /** Initial status. */
  readonly status: UserStatus;
  /** Password hash. */
  readonly passwordHash: string | undefined;
  /** The SRP salt and verifier of the password (R18.15). */
  readonly srp?: SrpVerifier | undefined;
  /** When the password was set (D32). */
  readonly passwordSetAt?: number | undefined;
}

/**
 * Builds a new user record (version 1, enabled, no MFA).
 *
 * @example
 * ```ts
 * newUser(pool, identity, { status: 'UNCONFIRMED', passwordHash }, clock.now());
 * ```
 * @group Rules
 */
export function newUser(pool: UserPool, identity: NewIdentity, fields: NewUserFields, now: number): User {
  const sub = identity.attributes['sub'] ?? identity.username;
  return {
    userPoolId: pool.id,
    username: identity.username,
    sub,
    attributes: identity.attributes,
    status: fields.status,
    enabled: true,
    passwordHash: fields.passwordHash,
    srp: fields.srp,
    passwordSetAt: fields.passwordSetAt,
    passwordHistory: NO_PASSWORD_HISTORY,
    mfa: NO_MFA,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
