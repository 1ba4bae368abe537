import { computeSecretHash } from '@cognito-recovery/core';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { attrs, failure, must, NEW_PASSWORD, OLD_PASSWORD, type Harness } from './harness.js';
import { recorder } from './triggers-support.js';
import { claimsOf, refreshTokens, SECOND, signIn, tokenHarness } from './tokens-support.js';

const SECRET = 'aclientsecretofenoughlength0123456789abc';
const DAY = 86_400_000;

const refreshVia = (h: Harness, RefreshToken: string, extra: Record<string, string> = {}) =>
  h.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: h.client.clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken, ...extra } });

describe('refresh: REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken (§20, D36)', () => {
  it('R20.2, D36: refreshing answers ID and access tokens and no new RefreshToken, on both operations', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    const viaInitiate = await must(refreshVia(h, RefreshToken));
    expect(viaInitiate.ChallengeParameters).toEqual({});
    expect(Object.keys(viaInitiate.AuthenticationResult ?? {}).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    const viaGet = await must(refreshTokens(h, RefreshToken));
    expect(Object.keys(viaGet).sort()).toEqual(['AuthenticationResult']);
    expect(Object.keys(viaGet.AuthenticationResult).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    expect(viaGet.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
  });

  it('R20.5, D35: same sub, origin_jti and auth_time; new jti, event_id, iat and exp; the user’s current attributes', async () => {
    const h = await tokenHarness();
    const signedIn = await signIn(h);
    const before = claimsOf(signedIn.IdToken);
    h.advance(600 * SECOND);
    await must(h.adminUpdateUserAttributes({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: attrs({ name: 'Alice Liddell' }) }));
    const { AuthenticationResult } = await must(refreshTokens(h, signedIn.RefreshToken));
    const id = claimsOf(AuthenticationResult.IdToken);
    const access = claimsOf(AuthenticationResult.AccessToken);
    for (const claims of [id, access]) {
      expect(claims['sub']).toBe('sub-alice');
      expect(claims['origin_jti']).toBe(before['origin_jti']);
      expect(claims['auth_time']).toBe(before['auth_time']);
      expect(claims['iat']).toBe((before['iat'] as number) + 600);
      expect(claims['exp']).toBe((before['iat'] as number) + 600 + 3600);
      expect(claims['event_id']).not.toBe(before['event_id']);
      expect(claims['jti']).not.toBe(before['jti']);
    }
    expect(id['event_id']).toBe(access['event_id']);
    expect(id['name']).toBe('Alice Liddell');
  });

  it('R20.6, D36: the refresh token expires its validity after the sign-in, however often it was used', async () => {
    const h = await tokenHarness({ client: { tokenValidity: { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 2 * 86_400 } } });
    const { RefreshToken } = await signIn(h);
    h.advance(DAY);
    await must(refreshTokens(h, RefreshToken));
    h.advance(DAY - SECOND);
    await must(refreshVia(h, RefreshToken));
    h.advance(SECOND);
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('NotAuthorizedException', 'Refresh Token has expired'));
    expect(await refreshVia(h, RefreshToken)).toEqual(failure('NotAuthorizedException', 'Refresh Token has expired'));
  });

  it('R21.8: the default refresh validity is 30 days', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    h.advance(30 * DAY - SECOND);
    await must(refreshTokens(h, RefreshToken));
    h.advance(SECOND);
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('NotAuthorizedException', 'Refresh Token has expired'));
  });

  it('R20.4, D36: malformed, tampered, or another client’s or pool’s refresh token → "Invalid Refresh Token."', async () => {
    const h = await tokenHarness();
    const { RefreshToken, AccessToken } = await signIn(h);
    const invalid = failure('NotAuthorizedException', 'Invalid Refresh Token.');
    const parts = RefreshToken.split('.');
    const tampered = [...parts.slice(0, 3), `${parts[3]?.startsWith('A') === true ? 'B' : 'A'}${parts[3]?.slice(1) ?? ''}`, parts[4]].join('.');
    for (const token of ['garbage', AccessToken, tampered]) {
      expect(await refreshTokens(h, token)).toEqual(invalid);
      expect(await refreshVia(h, token)).toEqual(invalid);
    }
    const other = await must(
      h.createUserPoolClient({ UserPoolId: h.pool.id, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] }),
    );
    expect(await h.getTokensFromRefreshToken({ RefreshToken, ClientId: other.UserPoolClient.ClientId })).toEqual(invalid);

    const second = await tokenHarness({ pool: aPool('emailFirst', { id: 'us-east-1_SecondPool' }), client: { clientId: 'secondclient' } });
    const foreign = await signIn(second);
    // Same store, same key material: only the pool and client differ.
    await must(h.bound.pools.putPool(second.pool));
    await must(h.bound.pools.putClient(second.client));
    expect(await refreshTokens(h, foreign.RefreshToken)).toEqual(invalid);
  });

  it('R20.4, D36: a deleted user’s refresh token, also once the username is taken again → "Invalid Refresh Token."', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    await must(h.adminDeleteUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('NotAuthorizedException', 'Invalid Refresh Token.'));
    await h.addUser(aUser('alice').withFields({ sub: 'a-new-sub' }));
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('NotAuthorizedException', 'Invalid Refresh Token.'));
  });

  it('R20.3, D36: with a client secret, REFRESH_TOKEN_AUTH needs SECRET_HASH over the canonical username', async () => {
    const h = await tokenHarness({ client: { clientSecret: SECRET } });
    const { RefreshToken } = await signIn(h);
    const id = h.client.clientId;
    expect(await refreshVia(h, RefreshToken)).toEqual(failure('NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`));
    expect(await refreshVia(h, RefreshToken, { SECRET_HASH: computeSecretHash(SECRET, 'alice@example.com', id) })).toEqual(
      failure('NotAuthorizedException', `SecretHash does not match for the client: ${id}`),
    );
    expect(await refreshVia(h, RefreshToken, { SECRET_HASH: computeSecretHash(SECRET, 'ALICE', id) })).toEqual(
      failure('NotAuthorizedException', `SecretHash does not match for the client: ${id}`),
    );
    const ok = await must(refreshVia(h, RefreshToken, { SECRET_HASH: computeSecretHash(SECRET, 'alice', id) }));
    expect(claimsOf(ok.AuthenticationResult?.AccessToken ?? '')['username']).toBe('alice');
  });

  it('R20.3 (username-attribute pool): the hash is over the UUID username, not the email', async () => {
    const h = await tokenHarness({
      pool: aPool('emailAsUsername'),
      users: [aUser('0f1e2d3c-0000-4000-8000-000000000001').withVerifiedEmail('bob@example.com')],
      client: { clientSecret: SECRET },
    });
    const { RefreshToken } = await signIn(h, 'bob@example.com', OLD_PASSWORD);
    const id = h.client.clientId;
    expect(await refreshVia(h, RefreshToken, { SECRET_HASH: computeSecretHash(SECRET, 'bob@example.com', id) })).toEqual(
      failure('NotAuthorizedException', `SecretHash does not match for the client: ${id}`),
    );
    await must(refreshVia(h, RefreshToken, { SECRET_HASH: computeSecretHash(SECRET, '0f1e2d3c-0000-4000-8000-000000000001', id) }));
  });

  it('R20.8, D36: GetTokensFromRefreshToken takes the ClientSecret itself: missing or wrong is refused', async () => {
    const h = await tokenHarness({ client: { clientSecret: SECRET } });
    const { RefreshToken } = await signIn(h);
    const id = h.client.clientId;
    expect(await refreshTokens(h, RefreshToken)).toEqual(
      failure('NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`),
    );
    expect(await refreshTokens(h, RefreshToken, { ClientSecret: `${SECRET}x` })).toEqual(
      failure('NotAuthorizedException', `SecretHash does not match for the client: ${id}`),
    );
    await must(refreshTokens(h, RefreshToken, { ClientSecret: SECRET }));
  });

  it('R15.3: an unknown client is ResourceNotFoundException', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    expect(await h.getTokensFromRefreshToken({ RefreshToken, ClientId: 'nosuchclient' })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nosuchclient does not exist.'),
    );
  });

  it('D39, R20.4: while the user is RESET_REQUIRED refresh answers PasswordResetRequiredException; it works again once the reset completes', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    await must(h.adminResetUserPassword({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('PasswordResetRequiredException', 'Password reset required for the user'));
    expect(await refreshVia(h, RefreshToken)).toEqual(failure('PasswordResetRequiredException', 'Password reset required for the user'));
    await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: 'alice', Password: NEW_PASSWORD, Permanent: true }));
    await must(refreshTokens(h, RefreshToken));
  });

  it('D39: a password change by AdminSetUserPassword revokes nothing', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: 'alice', Password: NEW_PASSWORD, Permanent: true }));
    await must(refreshTokens(h, RefreshToken));
  });

  it('R20.7, R15.7: refresh raises TokenGeneration_RefreshTokens with the call’s ClientMetadata; its answer shapes the new ID token', async () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:pre-token-generation';
    const h = await tokenHarness({ pool: aPool('emailFirst', { lambdaConfig: { preTokenGeneration: fn } }) });
    const calls = recorder<Record<string, unknown>>((event) => ({
      ...event,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { source: String(event['triggerSource']) } } },
    }));
    h.triggers.register(fn, calls.handler);
    const { RefreshToken } = await signIn(h);
    const { AuthenticationResult } = await must(refreshTokens(h, RefreshToken, { ClientMetadata: { app: 'web' } }));
    expect(calls.events.map((event) => event['triggerSource'])).toEqual(['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens']);
    expect(calls.events[1]).toMatchObject({ request: { clientMetadata: { app: 'web' } } });
    expect(claimsOf(AuthenticationResult.IdToken)['source']).toBe('TokenGeneration_RefreshTokens');
  });

  it('R20.7: a failing PreTokenGeneration withholds the refreshed tokens', async () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:pre-token-generation';
    const h = await tokenHarness({ pool: aPool('emailFirst', { lambdaConfig: { preTokenGeneration: fn } }) });
    let fail = false;
    h.triggers.register(fn, (event: unknown) => (fail ? Promise.reject(new Error('refresh denied')) : Promise.resolve(event)));
    const { RefreshToken } = await signIn(h);
    fail = true;
    expect(await refreshTokens(h, RefreshToken)).toEqual(failure('UserLambdaValidationException', 'PreTokenGeneration failed with error refresh denied.'));
  });

  it('R1.7: RefreshToken and ClientId are required', async () => {
    const h = await tokenHarness();
    const missing = await h.getTokensFromRefreshToken({ ClientId: h.client.clientId } as never);
    expect(missing.isErr() && missing.error.name).toBe('InvalidParameterException');
  });
});
