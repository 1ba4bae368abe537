/**
 * `GlobalSignOut`: the signed-in user revokes every token they hold (R22.4, D38).
 *
 * @module
 */
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { OperationOptions } from '../operations.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput, type AccessTokenRequestError } from './access-token-request.js';
import { operation } from './shared/operation.js';
import { authorizeAccessToken, withTokensRevoked, type TokenDeps } from './shared/tokens.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';

/** `GlobalSignOutRequest` (R22.4): {@link AccessTokenInput}. @group Use cases */
export type GlobalSignOutInput = AccessTokenInput;

/** `GlobalSignOutResponse`: an empty object. @group Use cases */
export type GlobalSignOutOutput = Readonly<Record<string, never>>;

/** Every error GlobalSignOut can answer with (R22.1, §27): {@link AccessTokenRequestError}. @group Use cases */
export type GlobalSignOutError = AccessTokenRequestError;

/** The ports GlobalSignOut uses. @group Use cases */
export type GlobalSignOutDeps = TokenDeps;

/** The model's input members. @internal */
export const GLOBAL_SIGN_OUT_INPUT = ACCESS_TOKEN_INPUT;

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
export function globalSignOut(
  deps: GlobalSignOutDeps,
  options: OperationOptions,
): (input: GlobalSignOutInput) => ResultAsync<GlobalSignOutOutput, GlobalSignOutError> {
  return operation(GLOBAL_SIGN_OUT_INPUT, async (request: GlobalSignOutInput): Promise<Result<GlobalSignOutOutput, GlobalSignOutError>> => {
    const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
    if (authorized.isErr()) return err(authorized.error);
    const { pool, user } = authorized.value;
    const now = deps.clock.now();
    const stored = await updateUser(deps, pool, user, (fresh) => ok({ ...withTokensRevoked(fresh, now), updatedAt: now }));
    if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error);
    return ok({});
  });
}
