import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { failure, must, type Harness } from './harness.js';
import { SECOND, signIn, tokenHarness } from './tokens-support.js';

const SECRET = 'revokeclientsecret0123456789abcdefghij';
const accessRevoked = failure('NotAuthorizedException', 'Access Token has been revoked');
const refreshRevoked = failure('NotAuthorizedException', 'Refresh Token has been revoked');
const refresh = (h: Harness, RefreshToken: string) => h.getTokensFromRefreshToken({ RefreshToken, ClientId: h.client.clientId });

describe('RevokeToken (R22.5, D38, D40)', () => {
  it('R22.5, D38: revokes that refresh token and the access tokens of its sign-in, refreshed ones included; other sign-ins keep working', async () => {
    const h = await tokenHarness();
    const target = await signIn(h);
    const other = await signIn(h);
    h.advance(60 * SECOND);
    const refreshed = await must(refresh(h, target.RefreshToken));
    expect(await h.revokeToken({ Token: target.RefreshToken, ClientId: h.client.clientId })).toEqual(ok({}));
    expect(await refresh(h, target.RefreshToken)).toEqual(refreshRevoked);
    expect(await h.getUser({ AccessToken: target.AccessToken })).toEqual(accessRevoked);
    expect(await h.getUser({ AccessToken: refreshed.AuthenticationResult.AccessToken })).toEqual(accessRevoked);
    await must(h.getUser({ AccessToken: other.AccessToken }));
    await must(refresh(h, other.RefreshToken));
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
    await must(refresh(h, RefreshToken));
    await must(h.globalSignOut({ AccessToken }));
    expect(await refresh(h, RefreshToken)).toEqual(refreshRevoked);
  });

  it('D40: a client with a secret needs the right ClientSecret, else UnauthorizedException "Unauthorized"', async () => {
    const h = await tokenHarness({ client: { clientSecret: SECRET } });
    const { RefreshToken } = await signIn(h);
    const unauthorized = failure('UnauthorizedException', 'Unauthorized');
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId })).toEqual(unauthorized);
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId, ClientSecret: `${SECRET}0` })).toEqual(unauthorized);
    expect((await h.getTokensFromRefreshToken({ RefreshToken, ClientId: h.client.clientId, ClientSecret: SECRET })).isOk()).toBe(true);
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: h.client.clientId, ClientSecret: SECRET })).toEqual(ok({}));
    expect(await h.getTokensFromRefreshToken({ RefreshToken, ClientId: h.client.clientId, ClientSecret: SECRET })).toEqual(refreshRevoked);
  });

  it('D40: a refresh token issued to another client of the pool → UnauthorizedException, and it is not revoked', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    const other = await must(h.createUserPoolClient({ UserPoolId: h.pool.id, ClientName: 'other' }));
    expect(await h.revokeToken({ Token: RefreshToken, ClientId: other.UserPoolClient.ClientId })).toEqual(failure('UnauthorizedException', 'Unauthorized'));
    await must(refresh(h, RefreshToken));
  });

  it('R15.3: an unknown client → ResourceNotFoundException', async () => {
    const h = await tokenHarness();
    expect(await h.revokeToken({ Token: 'x', ClientId: 'nosuchclient' })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nosuchclient does not exist.'),
    );
  });
});
