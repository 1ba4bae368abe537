/**
 * `AdminDisableUser`: marks a user disabled.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { changeUser } from './shared/admin-context.js';
import { revokeRecoveryCode } from './shared/revoke-code.js';
import { withTokensRevoked } from './shared/tokens.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** The ports AdminDisableUser uses. @group Use cases */
export type AdminDisableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock' | 'codes' | 'secrets'>;

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
export function adminDisableUser(deps: AdminDisableUserDeps) {
  return operation(ADMIN_USER_INPUT, async (request: AdminUserInput): Promise<Result<EmptyOutput, AdminUserError>> => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) =>
      ok(withTokensRevoked({ ...current, enabled: false }, deps.clock.now())),
    ); // D26
    if (changed.isErr()) return err(changed.error);
    const { pool, user } = changed.value;
    const revoked = await revokeRecoveryCode(deps, pool, user.username); // D20: enabling again does not revive it
    return revoked.isErr() ? err(revoked.error) : ok({});
  });
}
