/**
 * `GetTokensFromRefreshToken`: new ID and access tokens from a refresh token (R20.8).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { OperationOptions } from '../operations.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { TriggerError } from '../rules/triggers/failures.js';
import type { AuthenticationResultType } from '../wire/types.js';
import { loadClient, loadClientPool } from './shared/client-context.js';
import { operation } from './shared/operation.js';
import { CLIENT_SECRET_SHAPE, clientSecretMatches, DEVICE_KEY_SHAPE, refreshTokens, TOKEN_MODEL_SHAPE, type TokenDeps } from './shared/tokens.js';
import type { ClientRequestError } from './shared/request-errors.js';

/** `GetTokensFromRefreshTokenRequest` (R20.8). @group Use cases */
export interface GetTokensFromRefreshTokenInput {
  /** The refresh token of a sign-in. */
  readonly RefreshToken: string;
  /** The app client it was issued to. */
  readonly ClientId: string;
  /** The client's secret itself (not a hash), for a client with a secret (R15.4). */
  readonly ClientSecret?: string;
  /** A tracked device (not modelled: accepted, unused). */
  readonly DeviceKey?: string;
  /** Passed to PreTokenGeneration (R15.7), never stored. */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `GetTokensFromRefreshTokenResponse`: ID and access tokens, no `RefreshToken` (D36). @group Use cases */
export interface GetTokensFromRefreshTokenOutput {
  /** The new tokens. */
  readonly AuthenticationResult: AuthenticationResultType;
}

/** Every error GetTokensFromRefreshToken can answer with (R20.4, R20.8, §27; PreTokenGeneration's: {@link TriggerError}). @group Use cases */
export type GetTokensFromRefreshTokenError = ClientRequestError | CognitoError<'PasswordResetRequiredException'> | TriggerError;

/** The model's input members. @internal */
export const GET_TOKENS_FROM_REFRESH_TOKEN_INPUT = {
  RefreshToken: { shape: TOKEN_MODEL_SHAPE, required: true },
  ClientId: { shape: SHAPES.clientId, required: true },
  ClientSecret: { shape: CLIENT_SECRET_SHAPE },
  DeviceKey: { shape: DEVICE_KEY_SHAPE },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<GetTokensFromRefreshTokenInput>;

/**
 * Builds the `GetTokensFromRefreshToken` operation (R20.8): the client (unknown →
 * `ResourceNotFoundException`), its secret for a client with one (missing →
 * `NotAuthorizedException` `"Client <id> is configured for secret but secret was not received"`;
 * wrong, compared in constant time → `"SecretHash does not match for the client: <id>"`, D36), then
 * the refresh of `refreshTokens` (R20.4, R20.5, D36, D38, D39): `"Invalid Refresh Token."`, `"Refresh
 * Token has been revoked"`, `"Refresh Token has expired"`, `PasswordResetRequiredException`,
 * PreTokenGeneration `TokenGeneration_RefreshTokens` with the call's `ClientMetadata`. Refresh-token
 * rotation is not modelled: the answer never carries a new `RefreshToken` (R20.2, D36).
 *
 * @example
 * ```ts
 * const refresh = getTokensFromRefreshToken(ports, { region: 'us-east-1' });
 * const result = await refresh({ RefreshToken, ClientId });
 * // ok({ AuthenticationResult: { AccessToken, ExpiresIn: 3600, TokenType: 'Bearer', IdToken } })
 * ```
 * @group Use cases
 */
export function getTokensFromRefreshToken(deps: TokenDeps, options: OperationOptions) {
  return operation(
    GET_TOKENS_FROM_REFRESH_TOKEN_INPUT,
    async (request: GetTokensFromRefreshTokenInput): Promise<Result<GetTokensFromRefreshTokenOutput, GetTokensFromRefreshTokenError>> => {
      const found = await loadClient(deps, request.ClientId);
      if (found.isErr()) return err(found.error);
      const client = found.value;
      if (client.clientSecret !== undefined) {
        if (request.ClientSecret === undefined) return err(cognitoError('NotAuthorizedException', messages.secretMissing(client.clientId)));
        if (!clientSecretMatches(client.clientSecret, request.ClientSecret))
          return err(cognitoError('NotAuthorizedException', messages.refreshSecretMismatch(client.clientId)));
      }
      const pool = await loadClientPool(deps, client);
      if (pool.isErr()) return err(pool.error);
      // The secret itself was checked: the refresh step needs no hash.
      const refreshed = await refreshTokens(
        deps,
        pool.value,
        { ...client, clientSecret: undefined },
        { refreshToken: request.RefreshToken, secretHash: undefined, clientMetadata: request.ClientMetadata },
        options,
      );
      return refreshed.isErr() ? err(refreshed.error) : ok({ AuthenticationResult: refreshed.value });
    },
  );
}
