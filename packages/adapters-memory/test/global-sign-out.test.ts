import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { failure, must } from './harness.js';
import { ACCESS_REVOKED, REFRESH_REVOKED, refreshTokens, SECOND, signIn, tokenHarness } from './tokens-support.js';

describe('GlobalSignOut (R22.4, D38)', () => {
  it('R22.4, D38: every access and refresh token of the user is refused afterwards, the calling one included', async () => {
    const h = await tokenHarness();
    const earlier = await signIn(h);
    h.advance(10 * SECOND);
    const current = await signIn(h);
    h.advance(10 * SECOND);
    expect(await h.globalSignOut({ AccessToken: current.AccessToken })).toEqual(ok({}));
    for (const session of [earlier, current]) {
      expect(await h.getUser({ AccessToken: session.AccessToken })).toEqual(ACCESS_REVOKED);
      expect(await refreshTokens(h, session.RefreshToken)).toEqual(REFRESH_REVOKED);
      expect(
        await h.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: h.client.clientId, AuthParameters: { REFRESH_TOKEN: session.RefreshToken } }),
      ).toEqual(REFRESH_REVOKED);
    }
  });

  it('R22.4: GlobalSignOut again with the revoked token → "Access Token has been revoked"', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.globalSignOut({ AccessToken }));
    expect(await h.globalSignOut({ AccessToken })).toEqual(ACCESS_REVOKED);
  });

  it('D38: the watermark is whole seconds: a sign-in in the same second is refused too, one a second later works', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    h.advance(400);
    await must(h.globalSignOut({ AccessToken }));
    expect((await h.userNamed('alice'))?.tokensRevokedBefore).toBe(Math.floor(h.clock.now() / 1000));
    h.advance(500); // still the same second
    const sameSecond = await signIn(h);
    expect(await h.getUser({ AccessToken: sameSecond.AccessToken })).toEqual(ACCESS_REVOKED);
    h.advance(SECOND);
    const later = await signIn(h);
    await must(h.getUser({ AccessToken: later.AccessToken }));
    await must(refreshTokens(h, later.RefreshToken));
  });

  it('D38: access tokens minted by a refresh before the sign-out are refused too', async () => {
    const h = await tokenHarness();
    const { AccessToken, RefreshToken } = await signIn(h);
    h.advance(60 * SECOND);
    const refreshed = await must(refreshTokens(h, RefreshToken));
    await must(h.globalSignOut({ AccessToken }));
    expect(await h.getUser({ AccessToken: refreshed.AuthenticationResult.AccessToken })).toEqual(ACCESS_REVOKED);
  });

  it('R22.4: other users are unaffected', async () => {
    const h = await tokenHarness();
    await h.createUser(h.pool.id, 'bob');
    await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: 'bob', Password: 'B0b-password!', Permanent: true }));
    const bob = await signIn(h, 'bob', 'B0b-password!');
    const alice = await signIn(h);
    await must(h.globalSignOut({ AccessToken: alice.AccessToken }));
    await must(h.getUser({ AccessToken: bob.AccessToken }));
    await must(refreshTokens(h, bob.RefreshToken));
  });
});

describe('AdminUserGlobalSignOut (R22.4, D38)', () => {
  it('R22.4, D38: revokes every token of the user', async () => {
    const h = await tokenHarness();
    const session = await signIn(h);
    expect(await h.adminUserGlobalSignOut({ UserPoolId: h.pool.id, Username: 'alice' })).toEqual(ok({}));
    expect(await h.getUser({ AccessToken: session.AccessToken })).toEqual(ACCESS_REVOKED);
    expect(await refreshTokens(h, session.RefreshToken)).toEqual(REFRESH_REVOKED);
    h.advance(SECOND);
    await must(h.getUser({ AccessToken: (await signIn(h)).AccessToken }));
  });

  it('R22.4: the user may be named by a verified alias', async () => {
    const h = await tokenHarness();
    const session = await signIn(h);
    await must(h.adminUserGlobalSignOut({ UserPoolId: h.pool.id, Username: 'alice@example.com' }));
    expect(await h.getUser({ AccessToken: session.AccessToken })).toEqual(ACCESS_REVOKED);
  });

  it('§27: an unknown user → UserNotFoundException, an unknown pool → ResourceNotFoundException', async () => {
    const h = await tokenHarness();
    expect(await h.adminUserGlobalSignOut({ UserPoolId: h.pool.id, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await h.adminUserGlobalSignOut({ UserPoolId: 'us-east-1_Missing', Username: 'alice' })).toEqual(
      failure('ResourceNotFoundException', 'User pool us-east-1_Missing does not exist.'),
    );
  });
});

describe('AdminDisableUser revokes tokens (D26, D38)', () => {
  it('D26: access tokens answer "Access Token has been revoked" and refresh "Refresh Token has been revoked", also after AdminEnableUser', async () => {
    const h = await tokenHarness();
    const session = await signIn(h);
    h.advance(SECOND);
    await must(h.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect((await h.userNamed('alice'))?.tokensRevokedBefore).toBe(Math.floor(h.clock.now() / 1000));
    expect(await h.getUser({ AccessToken: session.AccessToken })).toEqual(ACCESS_REVOKED);
    expect(await refreshTokens(h, session.RefreshToken)).toEqual(REFRESH_REVOKED);
    await must(h.adminEnableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await h.getUser({ AccessToken: session.AccessToken })).toEqual(ACCESS_REVOKED);
    expect(await refreshTokens(h, session.RefreshToken)).toEqual(REFRESH_REVOKED);
    h.advance(SECOND);
    const fresh = await signIn(h);
    await must(h.getUser({ AccessToken: fresh.AccessToken }));
  });

  it('D25, D26: revocation is checked before expiry and state: a disabled user’s expired refresh token answers "revoked"', async () => {
    const h = await tokenHarness({ client: { tokenValidity: { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 7200 } } });
    const { RefreshToken } = await signIn(h);
    await must(h.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    h.advance(7200 * SECOND);
    expect(await refreshTokens(h, RefreshToken)).toEqual(REFRESH_REVOKED);
  });
});
