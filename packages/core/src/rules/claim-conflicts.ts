/**
 * What a claim another user holds means to the caller (R3.2, R3.3): the kind of a stored claim and
 * the exception it turns into.
 *
 * @module
 */
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import type { Claim } from '../ports/user-store.js';
import { claimOf, type ClaimKind } from './login-resolution.js';

const KINDS: readonly ClaimKind[] = ['username', 'sub', 'email', 'phone_number', 'preferred_username'];

/**
 * The kind of a stored claim, from its prefix.
 *
 * @example
 * ```ts
 * claimKindOf(pool, claimOf(pool, 'email', 'a@x.com')); // 'email'
 * ```
 * @group Rules
 */
export function claimKindOf(pool: Pick<UserPool, 'caseSensitive'>, claim: Claim): ClaimKind {
  return KINDS.find((kind) => claim.startsWith(claimOf(pool, kind, ''))) ?? 'username';
}

/** The errors a contested claim turns into. @group Rules */
export type ClaimError = CognitoError<'AliasExistsException' | 'UsernameExistsException'>;

/**
 * The exception for a claim another user holds: the username (or sub) is `UsernameExistsException`
 * with `usernameTaken`; a username-attribute value is `UsernameExistsException` and an alias
 * `AliasExistsException`, both `An account with the given <attribute> already exists.`
 *
 * @example
 * ```ts
 * claimTakenError(aliasPool, claimOf(aliasPool, 'email', 'a@x.com'), messages.usernameExists);
 * // AliasExistsException 'An account with the given email already exists.'
 * ```
 * @group Rules
 */
export function claimTakenError(pool: Pick<UserPool, 'caseSensitive' | 'usernameAttributes'>, claim: Claim, usernameTaken: string): ClaimError {
  const kind = claimKindOf(pool, claim);
  switch (kind) {
    case 'username':
    case 'sub':
      return cognitoError('UsernameExistsException', usernameTaken);
    case 'email':
    case 'phone_number':
      if (pool.usernameAttributes.includes(kind)) return cognitoError('UsernameExistsException', messages.aliasExists(kind));
      return cognitoError('AliasExistsException', messages.aliasExists(kind));
    case 'preferred_username':
      return cognitoError('AliasExistsException', messages.aliasExists(kind));
  }
}
