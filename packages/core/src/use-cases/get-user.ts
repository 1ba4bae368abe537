/**
 * `GetUser`: the signed-in user, as the access token's client may read it (R22.2).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { OperationOptions } from '../operations.js';
import { readableAttributes } from '../rules/token-claims.js';
import { toAttributeList } from '../wire/mapping.js';
import type { AttributeType, MfaOptionType } from '../wire/types.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { mfaMethods, type MfaMethod } from './admin-get-user.js';
import { operation } from './shared/operation.js';
import type { AccessTokenRequestError } from './shared/request-errors.js';
import { authorizeAccessToken, type TokenDeps } from './shared/tokens.js';

/** `GetUserResponse` (R22.2). @group Use cases */
export interface GetUserOutput {
  /** The canonical username. */
  readonly Username: string;
  /** The readable attributes as strings, `sub` included. */
  readonly UserAttributes: readonly AttributeType[];
  /** Legacy SMS MFA options; omitted (the model keeps none). */
  readonly MFAOptions?: readonly MfaOptionType[];
  /** The preferred method, when exactly one is activated. */
  readonly PreferredMfaSetting?: MfaMethod;
  /** Activated MFA methods; omitted when none. */
  readonly UserMFASettingList?: readonly MfaMethod[];
}

/**
 * Builds the `GetUser` operation (R22.2). The access token is checked as R22.1 says (see
 * `authorizeAccessToken`); the answer is the canonical `Username` and the attributes as strings,
 * `sub` included, filtered by the client's `ReadAttributes` (all when unset). While an update is
 * pending (R24.5) the stored, original values are answered, never the pending ones. The MFA members are
 * omitted when the user has no MFA method.
 *
 * @example
 * ```ts
 * const get = getUser(ports, { region: 'us-east-1' });
 * const result = await get({ AccessToken });
 * // ok({ Username: 'alice', UserAttributes: [{ Name: 'sub', Value: '…' }, …] })
 * ```
 * @group Use cases
 */
export function getUser(deps: TokenDeps, options: OperationOptions) {
  return operation(ACCESS_TOKEN_INPUT, async (request: AccessTokenInput): Promise<Result<GetUserOutput, AccessTokenRequestError>> => {
    const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
    if (authorized.isErr()) return err(authorized.error);
    const { client, user } = authorized.value;
    const methods = mfaMethods(user);
    const [only] = methods;
    return ok({
      Username: user.username,
      UserAttributes: toAttributeList(readableAttributes(client, { ...user.attributes, sub: user.sub })),
      ...(methods.length === 1 && only !== undefined ? { PreferredMfaSetting: only } : {}),
      ...(methods.length > 0 ? { UserMFASettingList: methods } : {}),
    });
  });
}
