/**
 * Steps shared by the administrator and directory operations: load the pool, find the user, turn a
 * claim conflict into Cognito's exception, and update a user under optimistic versioning.
 *
 * @module
 * @internal
 */
import { errAsync, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { Claim } from '../../ports/user-store.js';
import { claimOf, loginClaimsOf, type ClaimKind } from '../../rules/login-resolution.js';
import { findUser } from './find-user.js';

/** A port failure as the caller sees it. @internal */
export type PortError = CognitoError<'InternalErrorException' | 'TooManyRequestsException'>;

/** The message of `UserNotFoundException` in administrator operations. @internal */
export const USER_DOES_NOT_EXIST = 'User does not exist.';

/** Loads a pool; an unknown id is `ResourceNotFoundException` `User pool <id> does not exist.` @internal */
export function loadPool(deps: Pick<Ports, 'pools'>, userPoolId: string): ResultAsync<UserPool, CognitoError<'ResourceNotFoundException'> | PortError> {
  return deps.pools
    .getPool(userPoolId)
    .mapErr(fromPortFailure)
    .andThen((pool) => (pool === undefined ? errAsync(cognitoError('ResourceNotFoundException', messages.poolNotFound(userPoolId))) : okAsync(pool)));
}

/**
 * Finds the user a `Username` designates (username, username attribute, verified alias or sub, as
 * `findUser`); nobody is `UserNotFoundException` `User does not exist.`
 *
 * @internal
 */
export function loadUser(deps: Pick<Ports, 'users'>, pool: UserPool, username: string): ResultAsync<User, CognitoError<'UserNotFoundException'> | PortError> {
  return findUser(deps, pool, username).andThen((user) =>
    user === undefined ? errAsync(cognitoError('UserNotFoundException', USER_DOES_NOT_EXIST)) : okAsync(user),
  );
}

/** A pool and one of its users. @internal */
export interface AdminContext {
  /** The pool. */
  readonly pool: UserPool;
  /** The user. */
  readonly user: User;
}

/** Loads the pool, then the user (the order of the errors: pool first). @internal */
export function loadPoolAndUser(
  deps: Pick<Ports, 'pools' | 'users'>,
  userPoolId: string,
  username: string,
): ResultAsync<AdminContext, CognitoError<'ResourceNotFoundException' | 'UserNotFoundException'> | PortError> {
  return loadPool(deps, userPoolId).andThen((pool) => loadUser(deps, pool, username).map((user) => ({ pool, user })));
}

const KINDS: readonly ClaimKind[] = ['username', 'sub', 'email', 'phone_number', 'preferred_username'];

/** The kind of a stored claim, from its prefix. @internal */
export function claimKindOf(pool: Pick<UserPool, 'caseSensitive'>, claim: Claim): ClaimKind {
  return KINDS.find((kind) => claim.startsWith(claimOf(pool, kind, ''))) ?? 'username';
}

/** The errors a contested claim turns into. @internal */
export type ClaimError = CognitoError<'AliasExistsException' | 'UsernameExistsException'>;

/**
 * The exception for a claim another user holds: the username (or sub) is `UsernameExistsException`
 * with `usernameTaken`; a username-attribute value is `UsernameExistsException` and an alias
 * `AliasExistsException`, both `An account with the given <attribute> already exists.`
 *
 * @internal
 */
export function claimTakenError(pool: Pick<UserPool, 'caseSensitive' | 'usernameAttributes'>, claim: Claim, usernameTaken: string): ClaimError {
  const kind = claimKindOf(pool, claim);
  switch (kind) {
    case 'username':
    case 'sub':
      return cognitoError('UsernameExistsException', usernameTaken);
    case 'email':
    case 'phone_number':
      if (pool.usernameAttributes.includes(kind)) return cognitoError('UsernameExistsException', aliasExistsMessage(kind));
      return cognitoError('AliasExistsException', aliasExistsMessage(kind));
    case 'preferred_username':
      return cognitoError('AliasExistsException', aliasExistsMessage(kind));
  }
}

/** `An account with the given <attribute> already exists.` @internal */
export function aliasExistsMessage(attribute: string): string {
  return `An account with the given ${attribute} already exists.`;
}

/** How many times an update is retried after a version conflict. @internal */
export const UPDATE_RETRIES = 3;

/**
 * Updates a user under optimistic versioning: `change` builds the new user from the current one, the
 * claims are recomputed with `loginClaimsOf`, and on a version conflict the user is read again and
 * `change` re-applied, up to {@link UPDATE_RETRIES} more times. `updatedAt` is set to now.
 *
 * @internal
 */
export function updateUser<E>(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  usernameTaken: string = messages.usernameExists,
): ResultAsync<User, E | ClaimError | CognitoError<'UserNotFoundException'> | PortError> {
  const attempt = (current: User, retriesLeft: number): ResultAsync<User, E | ClaimError | CognitoError<'UserNotFoundException'> | PortError> => {
    const changed = change(current);
    if (changed.isErr()) return errAsync(changed.error);
    const next: User = { ...changed.value, updatedAt: deps.clock.now() };
    return deps.users.update(next, loginClaimsOf(pool, next.username, next.attributes), current.version).orElse((failure) => {
      switch (failure.kind) {
        case 'PortFailure':
          return errAsync(fromPortFailure(failure));
        case 'ClaimTaken':
          return errAsync(claimTakenError(pool, failure.claim, usernameTaken));
        case 'UserGone':
          return errAsync(cognitoError('UserNotFoundException', USER_DOES_NOT_EXIST));
        case 'CodeNotConsumable': // only answered to an update that consumes a code, which this is not
          return errAsync(cognitoError('InternalErrorException', messages.internal));
        case 'VersionConflict':
          if (retriesLeft === 0) return errAsync(cognitoError('InternalErrorException', messages.internal));
          return deps.users
            .findByClaim(pool.id, claimOf(pool, 'username', current.username))
            .mapErr(fromPortFailure)
            .andThen((fresh) =>
              fresh === undefined ? errAsync(cognitoError('UserNotFoundException', USER_DOES_NOT_EXIST)) : attempt(fresh, retriesLeft - 1),
            );
      }
    });
  };
  return attempt(user, UPDATE_RETRIES);
}

/**
 * Loads pool and user, then updates the user with `change` ({@link updateUser}); the shape of most
 * `Admin*` operations.
 *
 * @internal
 */
export function changeUser<E>(
  deps: Pick<Ports, 'pools' | 'users' | 'clock'>,
  userPoolId: string,
  username: string,
  change: (current: User, pool: UserPool) => Result<User, E>,
): ResultAsync<User, E | ClaimError | CognitoError<'ResourceNotFoundException' | 'UserNotFoundException'> | PortError> {
  return loadPoolAndUser(deps, userPoolId, username).andThen(({ pool, user }) => updateUser(deps, pool, user, (current) => change(current, pool)));
}
