/**
 * Username resolution against the store (§3).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { candidateClaims } from '../../rules/login-resolution.js';
import type { PortError } from './port-error.js';

/**
 * The user a `Username` input designates: tried as username, username attribute or verified alias,
 * then `sub` (R3.5), with the pool's case folding (D18). `undefined` when nobody matches. One
 * `UserStore.findFirstByClaims` over every candidate claim, so a found and a missing user cost the
 * same call (§8, D4).
 *
 * @internal
 */
export async function findUser(deps: Pick<Ports, 'users'>, pool: UserPool, input: string): Promise<Result<User | undefined, PortError>> {
  const found = await deps.users.findFirstByClaims(pool.id, candidateClaims(pool, input));
  return found.isErr() ? err(fromPortFailure(found.error)) : ok(found.value);
}
