/**
 * Optimistic user writes with a bounded re-read on version conflicts.
 *
 * @module
 * @internal
 */
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { CodeConsumption, CodeNotConsumable } from '../../ports/user-store.js';
import { claimOf, loginClaimsOf } from '../../rules/login-resolution.js';

/** How many times a write is retried on a version conflict before giving up. @internal */
export const UPDATE_RETRIES = 3;

/** Errors of {@link updateUser}. @internal */
export type UpdateUserError = CognitoError<'InternalErrorException' | 'TooManyRequestsException'>;

/**
 * Writes `change(user)` at `user.version`; on a version conflict re-reads the user by username and
 * applies `change` to the fresh copy, at most {@link UPDATE_RETRIES} more times. The claims are
 * recomputed from the changed user's attributes. Answers the stored user, or `undefined` when the
 * user was deleted meanwhile.
 *
 * @internal
 */
export function updateUser(deps: Pick<Ports, 'users'>, pool: UserPool, user: User, change: (fresh: User) => User, retries: number = UPDATE_RETRIES): ResultAsync<User | undefined, UpdateUserError> {
  return writeUser(deps, pool, user, change, undefined, retries).orElse((failure): ResultAsync<never, UpdateUserError> =>
    // CodeNotConsumable is only answered to an update that consumes a code, which this is not.
    errAsync('kind' in failure ? cognitoError('InternalErrorException', messages.internal) : failure),
  );
}

/**
 * {@link updateUser} that also uses the user's recovery code in each write (`UserStore.update` with
 * `consume`): the user is written only together with the code marked used. A code that cannot be used
 * answers `CodeNotConsumable` with nothing written; a version conflict re-reads and retries, still
 * consuming.
 *
 * @internal
 */
export function updateUserConsumingCode(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  change: (fresh: User) => User,
  consume: CodeConsumption,
): ResultAsync<User | undefined, UpdateUserError | CodeNotConsumable> {
  return writeUser(deps, pool, user, change, consume, UPDATE_RETRIES);
}

function writeUser(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  change: (fresh: User) => User,
  consume: CodeConsumption | undefined,
  retries: number,
): ResultAsync<User | undefined, UpdateUserError | CodeNotConsumable> {
  const next = change(user);
  return deps.users.update(next, loginClaimsOf(pool, next.username, next.attributes), user.version, consume).orElse((failure): ResultAsync<User | undefined, UpdateUserError | CodeNotConsumable> => {
    switch (failure.kind) {
      case 'PortFailure':
        return errAsync(fromPortFailure(failure));
      case 'UserGone':
        return okAsync(undefined);
      case 'CodeNotConsumable':
        return errAsync(failure);
      case 'ClaimTaken':
        return errAsync(cognitoError('InternalErrorException', messages.internal));
      case 'VersionConflict':
        if (retries <= 0) return errAsync(cognitoError('InternalErrorException', messages.internal));
        return deps.users
          .findByClaim(pool.id, claimOf(pool, 'username', user.username))
          .mapErr(fromPortFailure)
          .andThen((fresh) => (fresh === undefined ? okAsync(undefined) : writeUser(deps, pool, fresh, change, consume, retries - 1)));
    }
  });
}
