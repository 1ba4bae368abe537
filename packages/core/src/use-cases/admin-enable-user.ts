/**
 * `AdminEnableUser`: marks a user enabled.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { changeUser } from './shared/admin-context.js';
import { ADMIN_USER_INPUT, type AdminUserError, type AdminUserInput } from './admin-user-request.js';
import { operation } from './shared/operation.js';

/** `AdminEnableUserRequest`: {@link AdminUserInput}. @group Use cases */
export type AdminEnableUserInput = AdminUserInput;

/** `AdminEnableUser` answers `{}`. @group Use cases */
export type AdminEnableUserOutput = Readonly<Record<string, never>>;

/** Every error AdminEnableUser can answer with: {@link AdminUserError}. @group Use cases */
export type AdminEnableUserError = AdminUserError;

/** The ports AdminEnableUser uses. @group Use cases */
export type AdminEnableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_ENABLE_USER_INPUT = ADMIN_USER_INPUT;

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
export function adminEnableUser(deps: AdminEnableUserDeps): (input: AdminEnableUserInput) => ResultAsync<AdminEnableUserOutput, AdminEnableUserError> {
  return operation(ADMIN_ENABLE_USER_INPUT, async (request) => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => ok({ ...current, enabled: true }));
    return changed.isErr() ? err(changed.error) : ok({});
  });
}
