/**
 * What `AdminCreateUser` and `SignUp` share: attribute checks, the username rules of alias and
 * username-attribute pools (R3.2, R3.3), and writing the new user with its claims.
 *
 * @module
 * @internal
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import { NO_MFA, NO_PASSWORD_HISTORY, type Attributes, type User, type UserStatus } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { loginClaimsOf } from '../../rules/login-resolution.js';
import { claimKindOf, claimTakenError, updateUser, type ClaimError, type PortError } from './admin-context.js';

/** The standard attributes of every pool's schema (`custom:*` attributes are accepted too). @internal */
export const STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+$/u;
const PHONE_SHAPE = /^\+[0-9]+$/u;

/** Whether a value looks like an email address. @internal */
export function isEmailShaped(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** Whether a value looks like an E.164 phone number. @internal */
export function isPhoneShaped(value: string): boolean {
  return PHONE_SHAPE.test(value);
}

/** Attribute-check failures. @internal */
export type AttributeError = CognitoError<'InvalidParameterException'>;

/** `Cannot modify the non-mutable attribute sub`. @internal */
export const SUB_IMMUTABLE = 'Cannot modify the non-mutable attribute sub';

/**
 * Checks attributes a caller writes: names in the schema (standard or `custom:*`), no `sub`, a
 * well-formed email and phone number, verification flags `"true"` or `"false"`.
 *
 * @internal
 */
export function checkWritableAttributes(attributes: Attributes): Result<void, AttributeError> {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'sub') return err(cognitoError('InvalidParameterException', SUB_IMMUTABLE));
    if (!STANDARD_ATTRIBUTES.has(name) && !(name.startsWith('custom:') && name.length > 'custom:'.length)) {
      return err(cognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`));
    }
    if (name === 'email' && value !== '' && !isEmailShaped(value)) return err(cognitoError('InvalidParameterException', 'Invalid email address format.'));
    if (name === 'phone_number' && value !== '' && !isPhoneShaped(value)) return err(cognitoError('InvalidParameterException', 'Invalid phone number format.'));
    if ((name === 'email_verified' || name === 'phone_number_verified') && value !== 'true' && value !== 'false') {
      return err(cognitoError('InvalidParameterException', `Invalid value for ${name}: expected "true" or "false".`));
    }
  }
  return ok(undefined);
}

/** The canonical username and attributes of a user about to be created. @internal */
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
 * @internal
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
    if (kind === undefined) return err(cognitoError('InvalidParameterException', 'Username should be either an email or a phone number.'));
    return ok({ username: sub, attributes: { ...attributes, [kind]: username, sub } });
  }
  if (pool.aliasAttributes.includes('email') && isEmailShaped(username)) {
    return err(cognitoError('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.'));
  }
  if (pool.aliasAttributes.includes('phone_number') && isPhoneShaped(username)) {
    return err(cognitoError('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone_number alias.'));
  }
  return ok({ username, attributes: { ...attributes, sub } });
}

/** The fields of a new user that differ between operations. @internal */
export interface NewUserFields {
  /** Initial status. */
  readonly status: UserStatus;
  /** Password hash. */
  readonly passwordHash: string | undefined;
}

/** Builds a new user record (version 1, enabled, no MFA). @internal */
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
    passwordHistory: NO_PASSWORD_HISTORY,
    mfa: NO_MFA,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** Errors of {@link createUserRecord}. @internal */
export type CreateUserError = ClaimError | PortError | CognitoError<'UserNotFoundException'>;

/**
 * Writes a new user with its claims. A verified email or phone alias held by someone else moves to the
 * new user when `forceAliasCreation` is set: the previous owner's `<attr>_verified` becomes `"false"`
 * (R3.2: the last user to verify an alias owns it); otherwise the conflict is `AliasExistsException`.
 *
 * @internal
 */
export function createUserRecord(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  forceAliasCreation: boolean,
  usernameTaken: string,
): ResultAsync<User, CreateUserError> {
  const attempt = (movesLeft: number): ResultAsync<User, CreateUserError> =>
    deps.users.create(user, loginClaimsOf(pool, user.username, user.attributes)).orElse((failure) => {
      if (failure.kind === 'PortFailure') return errAsync(fromPortFailure(failure));
      const kind = claimKindOf(pool, failure.claim);
      const movable = (kind === 'email' || kind === 'phone_number') && pool.aliasAttributes.includes(kind);
      if (!forceAliasCreation || !movable || movesLeft === 0) return errAsync(claimTakenError(pool, failure.claim, usernameTaken));
      return deps.users
        .findByClaim(pool.id, failure.claim)
        .mapErr(fromPortFailure)
        .andThen((owner) =>
          owner === undefined
            ? okAsync(undefined)
            : updateUser(deps, pool, owner, (current) => ok({ ...current, attributes: { ...current.attributes, [`${kind}_verified`]: 'false' } })).map(() => undefined),
        )
        .andThen(() => attempt(movesLeft - 1));
    });
  return attempt(2);
}
