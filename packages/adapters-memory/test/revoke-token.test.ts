import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { failure, must } from './harness.js';
import { ACCESS_REVOKED, REFRESH_REVOKED, refreshTokens, SECOND, signIn, tokenHarness } from './tokens-support.js';

const SECRET = 'revokeclientsecret0123456789abcdefghij';

describe('RevokeToken (R22.5, D38, D40)', () => {
  it('R22.5, D38: revokes that refresh token and the access tokens of its sign-in, refreshed ones included; other sign-ins keep working', async () => {
    const h = await tokenHarness();
    const target = await signIn(h);
    const other = await signIn(h);
    h.advance(60 * SECOND);
    const refreshed = await must(refreshTokens(h, target.RefreshToken));
    expect(await h.revokeToken({ Token: target.RefreshToken, ClientId: h.client.clientId })).toEqual(ok({}));
    expect(await refreshTokens(h, target.RefreshToken)).toEqual(REFRESH_REVOKED);
    expect(await h.getUser({ AccessToken: target.AccessToken })).toEqual(ACCESS_REVOKED);
    expect(await h.getUser({ AccessToken: refreshed.AuthenticationResult.AccessToken })).toEqual(ACCESS_REVOKED);
    await must(h.getUser({ AccessToken: other.AccessToken }));
    await must(refreshTokens(h, other.RefreshToken));
  });

  it('D40: an unknown, already revoked or expired refresh token of this client answers {}', async () => {
    const h = await tokenHarness({ client: { tokenValidity: { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 3600 } } });
    const { RefreshToken } = await signIn(h);
    expect(await h.revokeToken({ Token: 'unknown-token', ClientId: h.client.clientId })).toEqual(ok({}));
    await must(h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId }));
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId })).toEqual(ok({}));
    const second = await signIn(h);
    h.advance(3600 * SECOND);
    expect(await h.revokeToken({ Token: second.RefreshToken, ClientId: h.client.clientId })).toEqual(ok({}));
  });

  it('D40: an ID or access token → UnsupportedTokenTypeException "Unsupported token type."', async () => {
    const h = await tokenHarness();
    const { AccessToken, IdToken } = await signIn(h);
    for (const Token of [AccessToken, IdToken]) {
      expect(await h.revokeToken({ Token, ClientId: h.client.clientId })).toEqual(failure('UnsupportedTokenTypeException', 'Unsupported token type.'));
    }
    await must(h.getUser({ AccessToken }));
  });

  it('D40: a client with EnableTokenRevocation false → UnsupportedOperationException; the watermark still applies (D38)', async () => {
    const h = await tokenHarness({ client: { enableTokenRevocation: false } });
    const { RefreshToken, AccessToken } = await signIn(h);
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId })).toEqual(
      failure('UnsupportedOperationException', 'Token revocation is not enabled for this app client.'),
    );
    await must(refreshTokens(h, RefreshToken));
    await must(h.globalSignOut({ AccessToken }));
    expect(await refreshTokens(h, RefreshToken)).toEqual(REFRESH_REVOKED);
  });

  it('D40: a client with a secret needs the right ClientSecret, else UnauthorizedException "Unauthorized"', async () => {
    const h = await tokenHarness({ client: { clientSecret: SECRET } });
    const { RefreshToken } = await signIn(h);
    const unauthorized = failure('UnauthorizedException', 'Unauthorized');
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId })).toEqual(unauthorized);
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId, ClientSecret: `${SECRET}0` })).toEqual(unauthorized);
    expect((await refreshTokens(h, RefreshToken, { ClientSecret: SECRET })).isOk()).toBe(true);
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId, ClientSecret: SECRET })).toEqual(ok({}));
    expect(await refreshTokens(h, RefreshToken, { ClientSecret: SECRET })).toEqual(REFRESH_REVOKED);
  });

  it('D40: a refresh token issued to another client of the pool → UnauthorizedException, and it is not revoked', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    const other = await must(h.createUserPoolClient({ UserPoolId: h.pool.id, ClientName: 'other' }));
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: other.UserPoolClient.ClientId })).toEqual(failure('UnauthorizedException', 'Unauthorized'));
    await must(refreshTokens(h, RefreshToken));
  });

  it('R15.3: an unknown client → ResourceNotFoundException', async () => {
    const h = await tokenHarness();
    expect(await h.revokeToken({ Token: 'x', ClientId: 'nosuchclient' })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nosuchclient does not exist.'),
    );
  });
});
