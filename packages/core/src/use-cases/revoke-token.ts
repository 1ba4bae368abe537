/**
 * `RevokeToken`: revokes one refresh token and the access tokens of its sign-in (R22.5, D38, D40).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { looksLikeJws, openRefreshToken, refreshTokenKey } from '../rules/refresh-token.js';
import { loadClient } from './shared/client-context.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import { CLIENT_SECRET_SHAPE, clientSecretMatches, revokeOrigin, TOKEN_MODEL_SHAPE, type TokenDeps } from './shared/tokens.js';
import type { RequestError } from './shared/request-errors.js';

/** `RevokeTokenRequest` (R22.5). @group Use cases */
export interface RevokeTokenInput {
  /** The refresh token to revoke. */
  readonly Token: string;
  /** The app client it was issued to. */
  readonly ClientId: string;
  /** The client's secret itself (not a hash), for a client with a secret (R15.4). */
  readonly ClientSecret?: string;
}

/** Every error RevokeToken can answer with (D40, §27). @group Use cases */
export type RevokeTokenError =
  RequestError | CognitoError<'ResourceNotFoundException' | 'UnsupportedOperationException' | 'UnsupportedTokenTypeException' | 'UnauthorizedException'>;

/** The ports RevokeToken uses. @group Use cases */
export type RevokeTokenDeps = Pick<TokenDeps, 'pools' | 'limiter' | 'clock' | 'secrets'>;

/** The model's input members. @internal */
export const REVOKE_TOKEN_INPUT = {
  Token: { shape: TOKEN_MODEL_SHAPE, required: true },
  ClientId: { shape: SHAPES.clientId, required: true },
  ClientSecret: { shape: CLIENT_SECRET_SHAPE },
} as const satisfies InputMembers<RevokeTokenInput>;

const unauthorized = (): CognitoError<'UnauthorizedException'> => cognitoError('UnauthorizedException', messages.unauthorizedClient);

/**
 * Builds the `RevokeToken` operation (R22.5, D40). In order: an unknown client →
 * `ResourceNotFoundException`; `EnableTokenRevocation: false` → `UnsupportedOperationException`
 * `"Token revocation is not enabled for this app client."`; a client with a secret and a missing or
 * wrong `ClientSecret` (compared in constant time) → `UnauthorizedException` `"Unauthorized"`; an ID or
 * access token (a JWS) → `UnsupportedTokenTypeException` `"Unsupported token type."`; a refresh token
 * of another client of the pool → `UnauthorizedException`. Anything else that is not a refresh token of
 * this client (unknown, another pool's), and an expired or already revoked one, answers `{}` (RFC 7009).
 * A revoked token's `origin_jti` is recorded (D38): that refresh token and every access token of its
 * sign-in are refused from then on; the user's other sign-ins are unaffected.
 *
 * @example
 * ```ts
 * const revoke = revokeToken(ports);
 * await revoke({ Token: RefreshToken, ClientId }); // ok({})
 * ```
 * @group Use cases
 */
export function revokeToken(deps: RevokeTokenDeps) {
  return operation(REVOKE_TOKEN_INPUT, async (request: RevokeTokenInput): Promise<Result<EmptyOutput, RevokeTokenError>> => {
    const found = await loadClient(deps, request.ClientId);
    if (found.isErr()) return err(found.error);
    const client = found.value;
    if (client.enableTokenRevocation === false) return err(cognitoError('UnsupportedOperationException', messages.tokenRevocationDisabled));
    if (client.clientSecret !== undefined && (request.ClientSecret === undefined || !clientSecretMatches(client.clientSecret, request.ClientSecret))) {
      return err(unauthorized());
    }
    if (looksLikeJws(request.Token)) return err(cognitoError('UnsupportedTokenTypeException', messages.unsupportedTokenType));
    const content = openRefreshToken(refreshTokenKey(deps.secrets.codeKey, client.userPoolId), request.Token);
    if (content === undefined || content.pool !== client.userPoolId) return ok({}); // D40: unknown → {}
    if (content.client !== client.clientId) return err(unauthorized());
    const revoked = await revokeOrigin(deps, content.pool, content.originJti);
    return revoked.isErr() ? err(revoked.error) : ok({});
  });
}
