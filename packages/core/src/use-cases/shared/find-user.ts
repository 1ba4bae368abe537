/**
 * Username resolution against the store (§3).
 *
 * @module
 * @internal
 */
import { okAsync, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { candidateClaims } from '../../rules/login-resolution.js';

/**
 * The user a `Username` input designates: tried as username, username attribute or verified alias,
 * then `sub` (R3.5), with the pool's case folding (D18). `undefined` when nobody matches.
 *
 * @internal
 */
export function findUser(deps: Pick<Ports, 'users'>, pool: UserPool, input: string): ResultAsync<User | undefined, CognitoError<'InternalErrorException' | 'TooManyRequestsException'>> {
  const candidates = candidateClaims(pool, input);
  const tryFrom = (i: number): ResultAsync<User | undefined, CognitoError<'InternalErrorException' | 'TooManyRequestsException'>> => {
    const claim = candidates[i];
    if (claim === undefined) return okAsync(undefined);
    return deps.users
      .findByClaim(pool.id, claim)
      .mapErr(fromPortFailure)
      .andThen((user) => (user === undefined ? tryFrom(i + 1) : okAsync(user)));
  };
  return tryFrom(0);
}
