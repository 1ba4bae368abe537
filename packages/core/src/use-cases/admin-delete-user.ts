/**
 * `AdminDeleteUser`: deletes a user and its outstanding recovery code.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** The ports AdminDeleteUser uses. @group Use cases */
export type AdminDeleteUserDeps = Pick<Ports, 'pools' | 'users' | 'codes'>;

/**
 * Builds the `AdminDeleteUser` operation: the user and its claims go, then its recovery code, so a
 * user created later under the same username cannot use it.
 *
 * @example
 * ```ts
 * const remove = adminDeleteUser(ports);
 * await remove({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminDeleteUser(deps: AdminDeleteUserDeps) {
  return operation(ADMIN_USER_INPUT, async (request: AdminUserInput): Promise<Result<EmptyOutput, AdminUserError>> => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { pool, user } = context.value;
    const deleted = await deps.users.delete(pool.id, user.username);
    if (deleted.isErr()) return err(fromPortFailure(deleted.error));
    const cleared = await deps.codes.clear(pool.id, user.username);
    return cleared.isErr() ? err(fromPortFailure(cleared.error)) : ok({});
  });
}
