/**
 * `DeleteUserPool`: deletes a pool with its app clients and users.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { POOL_INPUT } from './admin-user-request.js';
import { loadPool } from './shared/admin-context.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { PoolRequestError } from './shared/request-errors.js';

/** `DeleteUserPoolRequest`. @group Use cases */
export interface DeleteUserPoolInput {
  /** The pool. */
  readonly UserPoolId: string;
}

/** The ports DeleteUserPool uses. @group Use cases */
export type DeleteUserPoolDeps = Pick<Ports, 'pools' | 'users'>;

/** The model's input members. @internal */
export const DELETE_USER_POOL_INPUT = POOL_INPUT satisfies InputMembers<DeleteUserPoolInput>;

/**
 * Builds the `DeleteUserPool` operation: the users go first, then the pool and its clients, so a
 * failure half-way leaves a pool that can be deleted again. Outstanding recovery codes of the users
 * are not enumerated; they can no longer be used because their users are gone.
 *
 * @example
 * ```ts
 * const remove = deleteUserPool(ports);
 * await remove({ UserPoolId: 'us-east-1_Example1' }); // ok({})
 * ```
 * @group Use cases
 */
export function deleteUserPool(deps: DeleteUserPoolDeps) {
  return operation(DELETE_USER_POOL_INPUT, async (request: DeleteUserPoolInput): Promise<Result<EmptyOutput, PoolRequestError>> => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const users = await deps.users.deletePool(pool.value.id);
    if (users.isErr()) return err(fromPortFailure(users.error));
    const deleted = await deps.pools.deletePool(pool.value.id);
    return deleted.isErr() ? err(fromPortFailure(deleted.error)) : ok({});
  });
}
