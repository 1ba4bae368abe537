/**
 * Steps shared by the administrator and directory operations: load the pool, find the user, and
 * change a user under optimistic versioning.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { findUser } from './find-user.js';
import { foundOr, type PortError } from './port-error.js';
import { keptClaimsRefusal, updateUser } from './update-user.js';

/** Loads a pool; an unknown id is `ResourceNotFoundException` `User pool <id> does not exist.` @internal */
export async function loadPool(
  deps: Pick<Ports, 'pools'>,
  userPoolId: string,
): Promise<Result<UserPool, CognitoError<'ResourceNotFoundException'> | PortError>> {
  return foundOr(await deps.pools.getPool(userPoolId), () => cognitoError('ResourceNotFoundException', messages.poolNotFound(userPoolId)));
}

/**
 * Finds the user a `Username` designates (username, username attribute, verified alias or sub, as
 * `findUser`); nobody is `UserNotFoundException` `User does not exist.`
 *
 * @internal
 */
export async function loadUser(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  username: string,
): Promise<Result<User, CognitoError<'UserNotFoundException'> | PortError>> {
  const user = await findUser(deps, pool, username);
  if (user.isErr()) return err(user.error);
  if (user.value === undefined) return err(cognitoError('UserNotFoundException', messages.adminUserNotFound));
  return ok(user.value);
}

/** A pool and one of its users. @internal */
export interface AdminContext {
  /** The pool. */
  readonly pool: UserPool;
  /** The user. */
  readonly user: User;
}

/** Loads the pool, then the user (the order of the errors: pool first). @internal */
export async function loadPoolAndUser(
  deps: Pick<Ports, 'pools' | 'users'>,
  userPoolId: string,
  username: string,
): Promise<Result<AdminContext, CognitoError<'ResourceNotFoundException' | 'UserNotFoundException'> | PortError>> {
  const pool = await loadPool(deps, userPoolId);
  if (pool.isErr()) return err(pool.error);
  const user = await loadUser(deps, pool.value, username);
  if (user.isErr()) return err(user.error);
  return ok({ pool: pool.value, user: user.value });
}

/**
 * Loads pool and user, then updates the user with `change` ({@link updateUser}) and the clock's time
 * as `updatedAt`: the shape of the `Admin*` operations whose change keeps the user's claims (status,
 * `Enabled`, MFA). A refused update answers as {@link keptClaimsRefusal} says. Answers the pool and the
 * user as stored.
 *
 * @internal
 */
export async function changeUser<E extends CognitoError>(
  deps: Pick<Ports, 'pools' | 'users' | 'clock'>,
  userPoolId: string,
  username: string,
  change: (current: User, pool: UserPool) => Result<User, E>,
): Promise<Result<AdminContext, E | CognitoError<'ResourceNotFoundException' | 'UserNotFoundException'> | PortError>> {
  const context = await loadPoolAndUser(deps, userPoolId, username);
  if (context.isErr()) return err(context.error);
  const { pool, user } = context.value;
  const stored = await updateUser(deps, pool, user, (current) => {
    const changed = change(current, pool);
    return changed.isErr() ? changed : ok({ ...changed.value, updatedAt: deps.clock.now() });
  });
  if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error);
  return ok({ pool, user: stored.value });
}
