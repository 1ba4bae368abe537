/**
 * Username resolution against the store (§3).
 *
 * @module
 * @internal
 */
import { err, ok, ResultAsync, type Result } from 'neverthrow';
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
  return new ResultAsync(findUserAsync(deps, pool, input));
}

async function findUserAsync(deps: Pick<Ports, 'users'>, pool: UserPool, input: string): Promise<Result<User | undefined, CognitoError<'InternalErrorException' | 'TooManyRequestsException'>>> {
  for (const claim of candidateClaims(pool, input)) {
    const found = await deps.users.findByClaim(pool.id, claim);
    if (found.isErr()) return err(fromPortFailure(found.error));
    if (found.value !== undefined) return ok(found.value);
  }
  return ok(undefined);
}
