/**
 * `AdminDeleteUser`: deletes a user and its outstanding recovery code.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { ADMIN_USER_INPUT, type AdminUserError, type AdminUserInput } from './admin-user-request.js';
import { operation } from './shared/operation.js';

/** `AdminDeleteUserRequest`: {@link AdminUserInput}. @group Use cases */
export type AdminDeleteUserInput = AdminUserInput;

/** `AdminDeleteUser` answers `{}`. @group Use cases */
export type AdminDeleteUserOutput = Readonly<Record<string, never>>;

/** Every error AdminDeleteUser can answer with: {@link AdminUserError}. @group Use cases */
export type AdminDeleteUserError = AdminUserError;

/** The ports AdminDeleteUser uses. @group Use cases */
export type AdminDeleteUserDeps = Pick<Ports, 'pools' | 'users' | 'codes'>;

/** The model's input members. @internal */
export const ADMIN_DELETE_USER_INPUT = ADMIN_USER_INPUT;

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
export function adminDeleteUser(deps: AdminDeleteUserDeps): (input: AdminDeleteUserInput) => ResultAsync<AdminDeleteUserOutput, AdminDeleteUserError> {
  return operation(ADMIN_DELETE_USER_INPUT, async (request) => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { pool, user } = context.value;
    const deleted = await deps.users.delete(pool.id, user.username);
    if (deleted.isErr()) return err(fromPortFailure(deleted.error));
    const cleared = await deps.codes.clear(pool.id, user.username);
    return cleared.isErr() ? err(fromPortFailure(cleared.error)) : ok({});
  });
}
