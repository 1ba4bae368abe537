/**
 * What the token tests share: a harness whose client allows the password flow, sign-in through
 * InitiateAuth, refreshing, the answers to revoked tokens, and reading a token's claims.
 */
import type { AppClient, AuthenticationResultType } from '@cognito-recovery/core';
import { computeSecretHash } from '@cognito-recovery/core';
import { aUser } from '@cognito-recovery/core/testing';
import { aHarness, failure, must, OLD_PASSWORD, type Harness, type HarnessOptions } from './harness.js';

/** The flows the token tests sign in with. */
export const PASSWORD_FLOWS: AppClient['explicitAuthFlows'] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** A harness whose client allows USER_PASSWORD_AUTH, with `alice` (verified email) unless `users` says otherwise. */
export function tokenHarness(options: HarnessOptions & { readonly pool?: HarnessOptions['pool'] & object } = {}): Promise<Harness> {
  return aHarness({
    users: [aUser('alice').withVerifiedEmail('alice@example.com')],
    ...options,
    client: { explicitAuthFlows: PASSWORD_FLOWS, ...options.client },
  });
}

/** Signs in with USER_PASSWORD_AUTH (with the secret hash when the client has a secret) and answers the tokens. */
export async function signIn(
  h: Harness,
  username = 'alice',
  password = OLD_PASSWORD,
  client: AppClient = h.client,
): Promise<Required<Omit<AuthenticationResultType, 'NewDeviceMetadata'>>> {
  const secret: Record<string, string> =
    client.clientSecret === undefined ? {} : { SECRET_HASH: computeSecretHash(client.clientSecret, username, client.clientId) };
  const answer = await must(
    h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...secret } }),
  );
  const result = answer.AuthenticationResult;
  if (result?.RefreshToken === undefined) throw new Error('the sign-in answered no tokens');
  return { ...result, RefreshToken: result.RefreshToken };
}

/** The claims of a compact JWS (not verified). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The header of a compact JWS. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** One second, in milliseconds: the revocation watermark's granularity (D38). */
export const SECOND = 1000;

/** GetTokensFromRefreshToken of `RefreshToken` for the harness's client, with `extra` members. */
export function refreshTokens(
  h: Harness,
  RefreshToken: string,
  extra: { readonly ClientSecret?: string; readonly ClientMetadata?: Record<string, string> } = {},
) {
  return h.getTokensFromRefreshToken({ RefreshToken, ClientId: h.client.clientId, ...extra });
}

/** The answer to an access token that GlobalSignOut or RevokeToken revoked (D38). */
export const ACCESS_REVOKED = failure('NotAuthorizedException', 'Access Token has been revoked');

/** The answer to a refresh token that GlobalSignOut or RevokeToken revoked (D38). */
export const REFRESH_REVOKED = failure('NotAuthorizedException', 'Refresh Token has been revoked');
