/**
 * `AdminUserGlobalSignOut`: an administrator revokes every token of a user (R22.4, D38).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { changeUser } from './shared/admin-context.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';
import { withTokensRevoked } from './shared/tokens.js';

/** The ports AdminUserGlobalSignOut uses. @group Use cases */
export type AdminUserGlobalSignOutDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/**
 * Builds the `AdminUserGlobalSignOut` operation (R22.4): the user's revocation watermark becomes now,
 * in whole seconds (D38), so every access and refresh token of a sign-in at or before it is refused
 * from then on. An unknown pool is `ResourceNotFoundException`, an unknown user
 * `UserNotFoundException` `"User does not exist."`.
 *
 * @example
 * ```ts
 * const signOut = adminUserGlobalSignOut(ports);
 * await signOut({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminUserGlobalSignOut(deps: AdminUserGlobalSignOutDeps) {
  return operation(ADMIN_USER_INPUT, async (request: AdminUserInput): Promise<Result<EmptyOutput, AdminUserError>> => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => ok(withTokensRevoked(current, deps.clock.now())));
    return changed.isErr() ? err(changed.error) : ok({});
  });
}
