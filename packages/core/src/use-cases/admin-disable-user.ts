/**
 * `AdminDisableUser`: marks a user disabled.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { ADMIN_ENABLE_USER_INPUT, type AdminEnableUserError, type AdminEnableUserInput, type AdminEnableUserOutput } from './admin-enable-user.js';
import { changeUser } from './shared/admin-context.js';
import { revokeRecoveryCode } from './shared/revoke-code.js';
import { withTokensRevoked } from './shared/tokens.js';
import { operation } from './shared/operation.js';

/** `AdminDisableUserRequest`: the members of {@link AdminEnableUserInput}. @group Use cases */
export type AdminDisableUserInput = AdminEnableUserInput;

/** `AdminDisableUser` answers `{}`. @group Use cases */
export type AdminDisableUserOutput = AdminEnableUserOutput;

/** Every error AdminDisableUser can answer with: those of {@link AdminEnableUserError}. @group Use cases */
export type AdminDisableUserError = AdminEnableUserError;

/** The ports AdminDisableUser uses. @group Use cases */
export type AdminDisableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock' | 'codes' | 'secrets'>;

/** The model's input members: those of AdminEnableUser. @internal */
export const ADMIN_DISABLE_USER_INPUT = ADMIN_ENABLE_USER_INPUT;

/**
 * Builds the `AdminDisableUser` operation: `Enabled` becomes `false`; ForgotPassword then answers as for a disabled user (D5).
 * It also sets the user's token revocation watermark (D26, D38): the access tokens issued so far answer
 * `"Access Token has been revoked"` and the refresh tokens `"Refresh Token has been revoked"`, and
 * AdminEnableUser does not restore them (the user signs in again).
 *
 * @example
 * ```ts
 * const disable = adminDisableUser(ports);
 * await disable({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminDisableUser(deps: AdminDisableUserDeps): (input: AdminDisableUserInput) => ResultAsync<AdminDisableUserOutput, AdminDisableUserError> {
  return operation(ADMIN_DISABLE_USER_INPUT, async (request) => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) =>
      ok(withTokensRevoked({ ...current, enabled: false }, deps.clock.now())),
    ); // D26
    if (changed.isErr()) return err(changed.error);
    const { pool, user } = changed.value;
    const revoked = await revokeRecoveryCode(deps, pool, user.username); // D20: enabling again does not revive it
    return revoked.isErr() ? err(revoked.error) : ok({});
  });
}
