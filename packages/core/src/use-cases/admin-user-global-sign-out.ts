/**
 * `AdminUserGlobalSignOut`: an administrator revokes every token of a user (R22.4, D38).
 *
 * @module
 */
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { ADMIN_USER_INPUT, type AdminUserError, type AdminUserInput } from './admin-user-request.js';
import { changeUser } from './shared/admin-context.js';
import { operation } from './shared/operation.js';
import { withTokensRevoked } from './shared/tokens.js';

/** `AdminUserGlobalSignOutRequest`: {@link AdminUserInput}. @group Use cases */
export type AdminUserGlobalSignOutInput = AdminUserInput;

/** `AdminUserGlobalSignOutResponse`: an empty object. @group Use cases */
export type AdminUserGlobalSignOutOutput = Readonly<Record<string, never>>;

/** Every error AdminUserGlobalSignOut can answer with (§27): {@link AdminUserError}. @group Use cases */
export type AdminUserGlobalSignOutError = AdminUserError;

/** The ports AdminUserGlobalSignOut uses. @group Use cases */
export type AdminUserGlobalSignOutDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_USER_GLOBAL_SIGN_OUT_INPUT = ADMIN_USER_INPUT;

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
export function adminUserGlobalSignOut(
  deps: AdminUserGlobalSignOutDeps,
): (input: AdminUserGlobalSignOutInput) => ResultAsync<AdminUserGlobalSignOutOutput, AdminUserGlobalSignOutError> {
  return operation(
    ADMIN_USER_GLOBAL_SIGN_OUT_INPUT,
    async (request: AdminUserGlobalSignOutInput): Promise<Result<AdminUserGlobalSignOutOutput, AdminUserGlobalSignOutError>> => {
      const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => ok(withTokensRevoked(current, deps.clock.now())));
      return changed.isErr() ? err(changed.error) : ok({});
    },
  );
}
