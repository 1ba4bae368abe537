/**
 * `GlobalSignOut`: the signed-in user revokes every token they hold (R22.4, D38).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { OperationOptions } from '../operations.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AccessTokenRequestError } from './shared/request-errors.js';
import { authorizeAccessToken, withTokensRevoked, type TokenDeps } from './shared/tokens.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';

/**
 * Builds the `GlobalSignOut` operation (R22.4): after the access-token checks of R22.1, the user's
 * revocation watermark is set to now, in whole seconds (D38). Every access and refresh token of a
 * sign-in at or before it is then refused (`"Access Token has been revoked"`, `"Refresh Token has been
 * revoked"`), the calling token included, so a second GlobalSignOut with it answers `"Access Token has
 * been revoked"`; a sign-in in the same second is refused too (R22.4's observed granularity). Tokens
 * verified offline are unaffected (R21.11).
 *
 * @example
 * ```ts
 * const signOut = globalSignOut(ports, { region: 'us-east-1' });
 * await signOut({ AccessToken }); // ok({})
 * ```
 * @group Use cases
 */
export function globalSignOut(deps: TokenDeps, options: OperationOptions) {
  return operation(ACCESS_TOKEN_INPUT, async (request: AccessTokenInput): Promise<Result<EmptyOutput, AccessTokenRequestError>> => {
    const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
    if (authorized.isErr()) return err(authorized.error);
    const { pool, user } = authorized.value;
    const now = deps.clock.now();
    const stored = await updateUser(deps, pool, user, (fresh) => ok({ ...withTokensRevoked(fresh, now), updatedAt: now }));
    if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error);
    return ok({});
  });
}
