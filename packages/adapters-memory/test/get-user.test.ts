import { createRecovery } from '@cognito-recovery/core';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { failure, must, NEW_PASSWORD, type Harness } from './harness.js';
import { ACCESS_REVOKED, claimsOf, SECOND, signIn, tokenHarness } from './tokens-support.js';

const invalid = failure('NotAuthorizedException', 'Invalid Access Token');

describe('GetUser (R22.2)', () => {
  it('R22.2: answers the canonical Username and every attribute as strings, sub included, without MFA members', async () => {
    const h = await tokenHarness({ users: [aUser('alice').withVerifiedEmail('alice@example.com').with({ 'custom:tier': 'gold', name: 'Alice' })] });
    const { AccessToken } = await signIn(h, 'alice@example.com');
    expect(await must(h.getUser({ AccessToken }))).toEqual({
      Username: 'alice',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-alice' },
        { Name: 'custom:tier', Value: 'gold' },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Alice' },
      ],
    });
  });

  it('R22.2: active MFA methods are listed', async () => {
    const h = await tokenHarness({ users: [aUser('alice').withVerifiedEmail('alice@example.com').withMfa({ email: true })] });
    const { AccessToken } = await signIn(h);
    expect(await must(h.getUser({ AccessToken }))).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
  });

  it('R22.2: only the client’s ReadAttributes are answered (sub always)', async () => {
    const h = await tokenHarness({
      users: [aUser('alice').withVerifiedEmail('alice@example.com').with({ name: 'Alice' })],
      client: { readAttributes: ['name'] },
    });
    const { AccessToken } = await signIn(h);
    expect((await must(h.getUser({ AccessToken }))).UserAttributes).toEqual([
      { Name: 'sub', Value: 'sub-alice' },
      { Name: 'name', Value: 'Alice' },
    ]);
  });

  it('R22.2, R24.5: while an update is pending the original value is answered, never the pending one', async () => {
    const pending = aUser('alice')
      .withVerifiedEmail('alice@example.com')
      .withFields({ pendingAttributes: { email: 'new@example.com' } });
    const h = await tokenHarness({ users: [pending] });
    const { AccessToken } = await signIn(h);
    const attributes = (await must(h.getUser({ AccessToken }))).UserAttributes;
    expect(attributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
    expect(JSON.stringify(attributes)).not.toContain('new@example.com');
  });

  it('R22.2: the answer reflects the stored user, not the token (an attribute changed after sign-in)', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.adminUpdateUserAttributes({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: [{ Name: 'name', Value: 'Changed' }] }));
    expect((await must(h.getUser({ AccessToken }))).UserAttributes).toContainEqual({ Name: 'name', Value: 'Changed' });
  });
});

describe('access-token checks of the token-authorized operations (R22.1)', () => {
  it('R22.1: garbage, an ID token, a refresh token or a tampered token → "Invalid Access Token"', async () => {
    const h = await tokenHarness();
    const { AccessToken, IdToken, RefreshToken } = await signIn(h);
    const [header, , signature] = AccessToken.split('.');
    const forged = `${header ?? ''}.${Buffer.from(JSON.stringify({ ...claimsOf(AccessToken), username: 'mallory' })).toString('base64url')}.${signature ?? ''}`;
    for (const token of ['garbage', 'a.b.c', IdToken, RefreshToken, forged]) {
      expect(await h.getUser({ AccessToken: token })).toEqual(invalid);
      expect(await h.globalSignOut({ AccessToken: token })).toEqual(invalid);
      expect(await h.changePassword({ AccessToken: token, PreviousPassword: 'Old-passw0rd', ProposedPassword: NEW_PASSWORD })).toEqual(invalid);
    }
  });

  it('R22.1: a token of another pool (unknown here) or of another issuer → "Invalid Access Token"', async () => {
    const h = await tokenHarness();
    const other = await tokenHarness({ pool: aPool('emailFirst', { id: 'us-east-1_ElsewherePool' }), client: { clientId: 'elsewhereclient' } });
    const foreign = await signIn(other);
    expect(await h.getUser({ AccessToken: foreign.AccessToken })).toEqual(invalid);

    const local = createRecovery(h.bound, { issuerBaseUrl: 'http://localhost:9229' });
    const { AccessToken } = await signIn(h);
    expect(await local.getUser({ AccessToken })).toEqual(invalid); // iss is the default issuer, this recovery expects the local one
  });

  it('R22.1: a token naming a client that does not exist → "Invalid Access Token"', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    const signed = await must(h.bound.tokens.sign(h.pool.id, 'access', { ...claimsOf(AccessToken), client_id: 'nosuchclient' }));
    expect(await h.getUser({ AccessToken: signed })).toEqual(invalid);
  });

  it('R22.1: an expired access token → "Access Token has expired"', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    h.advance(3599 * SECOND);
    await must(h.getUser({ AccessToken }));
    h.advance(SECOND);
    expect(await h.getUser({ AccessToken })).toEqual(failure('NotAuthorizedException', 'Access Token has expired'));
  });

  it('R22.1: a token without the aws.cognito.signin.user.admin scope → "Access Token does not have required scopes"', async () => {
    const h = await tokenHarness();
    const claims = claimsOf((await signIn(h)).AccessToken);
    const scoped = await must(h.bound.tokens.sign(h.pool.id, 'access', { ...claims, scope: 'openid email' }));
    expect(await h.getUser({ AccessToken: scoped })).toEqual(failure('NotAuthorizedException', 'Access Token does not have required scopes'));
    const both = await must(h.bound.tokens.sign(h.pool.id, 'access', { ...claims, scope: 'openid aws.cognito.signin.user.admin' }));
    await must(h.getUser({ AccessToken: both }));
  });

  it('R22.1: a deleted user → UserNotFoundException "User does not exist.", also once the name is reused', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.adminDeleteUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await h.getUser({ AccessToken })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    await h.addUser(aUser('alice').withFields({ sub: 'another-sub' }));
    expect(await h.getUser({ AccessToken })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });

  it('R22.1, D39: RESET_REQUIRED → PasswordResetRequiredException; the same token works again once the reset completes', async () => {
    const h: Harness = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.adminResetUserPassword({ UserPoolId: h.pool.id, Username: 'alice' }));
    const reset = failure('PasswordResetRequiredException', 'Password reset required for the user');
    expect(await h.getUser({ AccessToken })).toEqual(reset);
    expect(await h.globalSignOut({ AccessToken })).toEqual(reset);
    expect(await h.changePassword({ AccessToken, PreviousPassword: 'Old-passw0rd', ProposedPassword: NEW_PASSWORD })).toEqual(reset);
    await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: 'alice', Password: NEW_PASSWORD, Permanent: true }));
    await must(h.getUser({ AccessToken }));
  });

  it('R22.1, D26: a disabled user’s token → "Access Token has been revoked"', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await h.getUser({ AccessToken })).toEqual(ACCESS_REVOKED);
  });

  it('R1.7: AccessToken is required and must match the token pattern', async () => {
    const h = await tokenHarness();
    const missing = await h.getUser({} as never);
    expect(missing.isErr() && missing.error.name).toBe('InvalidParameterException');
    const badPattern = await h.getUser({ AccessToken: 'not a token!' });
    expect(badPattern.isErr() && badPattern.error.name).toBe('InvalidParameterException');
    expect(badPattern.isErr() && badPattern.error.message).not.toContain('not a token!'); // sensitive: never quoted
  });
});
