/**
 * Optimistic user writes with a bounded re-read on version conflicts: the one update step of every
 * operation that changes a stored user.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { ClaimTaken, CodeConsumption, CodeNotConsumable, UserGone } from '../../ports/user-store.js';
import { claimOf, loginClaimsOf } from '../../rules/login-resolution.js';
import type { PortError } from './port-error.js';

/** How many times a write is retried on a version conflict before giving up. @internal */
export const UPDATE_RETRIES = 3;

/** What the store refused, answered as the port's own value for the caller to map (see {@link updateUser}). @internal */
export type UpdateRefusal = UserGone | ClaimTaken;

const USER_GONE: UserGone = { kind: 'UserGone' };

/**
 * Writes `change(user)` at `user.version`. The rule, the same for every caller:
 *
 * - The write is exactly what `change` returns, with the claims recomputed from its username and
 *   attributes (`loginClaimsOf`). `updateUser` sets nothing itself: an operation that records the
 *   modification sets `updatedAt` in `change` (the administrator operations do, with the clock's time
 *   of each attempt; AdminResetUserPassword and ConfirmForgotPassword with the time the call started;
 *   a migration that unverifies a previous alias owner does not).
 * - A version conflict re-reads the user by username and applies `change` to the fresh copy, at most
 *   {@link UPDATE_RETRIES} more times, then answers `InternalErrorException`; `change` may refuse any
 *   copy with its own error `E`, answered as is.
 * - A port failure is `InternalErrorException` (`TooManyRequestsException` when throttled).
 * - What the store refuses comes back as the port's value, for each operation to map to its own
 *   answer: `UserGone` (deleted meanwhile, also when the re-read finds nobody), `ClaimTaken` (a claim
 *   another user holds) and, only with `consume`, `CodeNotConsumable` (the code was used, replaced or
 *   expired meanwhile; nothing was written). The administrator operations answer `UserGone` with
 *   `UserNotFoundException "User does not exist."`; `ClaimTaken` is {@link claimTakenError} where the
 *   change can add claims (AdminUpdateUserAttributes) and `InternalErrorException` where it keeps the
 *   user's claims, since the store then contradicts itself.
 *
 * With `consume`, every write also marks the user's recovery code used (`UserStore.update` with
 * `consume`): the user is written only together with the code consumed.
 *
 * @internal
 */
export function updateUser<E>(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
): Promise<Result<User, E | UpdateRefusal | PortError>>;
export function updateUser<E>(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  consume: CodeConsumption,
): Promise<Result<User, E | UpdateRefusal | CodeNotConsumable | PortError>>;
export async function updateUser<E>(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  consume?: CodeConsumption,
): Promise<Result<User, E | UpdateRefusal | CodeNotConsumable | PortError>> {
  let current = user;
  for (let retriesLeft = UPDATE_RETRIES; ; retriesLeft--) {
    const changed = change(current);
    if (changed.isErr()) return err(changed.error);
    const next = changed.value;
    const written = await deps.users.update(next, loginClaimsOf(pool, next.username, next.attributes), current.version, consume);
    if (written.isOk()) return ok(written.value);
    const failure = written.error;
    switch (failure.kind) {
      case 'PortFailure':
        return err(fromPortFailure(failure));
      case 'UserGone':
      case 'ClaimTaken':
        return err(failure);
      case 'CodeNotConsumable': // only answered to an update that consumes a code
        return err(consume === undefined ? internalError() : failure);
      case 'VersionConflict':
        break;
    }
    if (retriesLeft === 0) return err(internalError());
    const fresh = await deps.users.findByClaim(pool.id, claimOf(pool, 'username', current.username));
    if (fresh.isErr()) return err(fromPortFailure(fresh.error));
    if (fresh.value === undefined) return err(USER_GONE);
    current = fresh.value;
  }
}

function internalError(): CognitoError<'InternalErrorException'> {
  return cognitoError('InternalErrorException', messages.internal);
}

/**
 * An administrator operation's answer to a refused update whose change keeps the user's claims
 * (status, password, MFA, `Enabled`): the user is gone → `UserNotFoundException "User does not
 * exist."`; a claim taken → `InternalErrorException` (the user holds its own claims, so the store
 * contradicts itself).
 *
 * @internal
 */
export function keptClaimsRefusal(refusal: UpdateRefusal): CognitoError<'UserNotFoundException' | 'InternalErrorException'> {
  return refusal.kind === 'UserGone' ? cognitoError('UserNotFoundException', messages.adminUserNotFound) : internalError();
}
