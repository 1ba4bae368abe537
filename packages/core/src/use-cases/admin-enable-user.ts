/**
 * `AdminEnableUser`: marks a user enabled.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { changeUser } from './shared/admin-context.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** The ports AdminEnableUser uses. @group Use cases */
export type AdminEnableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/**
 * Builds the `AdminEnableUser` operation: `Enabled` becomes `true`.
 *
 * @example
 * ```ts
 * const enable = adminEnableUser(ports);
 * await enable({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminEnableUser(deps: AdminEnableUserDeps) {
  return operation(ADMIN_USER_INPUT, async (request: AdminUserInput): Promise<Result<EmptyOutput, AdminUserError>> => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => ok({ ...current, enabled: true }));
    return changed.isErr() ? err(changed.error) : ok({});
  });
}
