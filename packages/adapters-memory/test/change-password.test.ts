import { aPool, aUser } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { failure, must, NEW_PASSWORD, OLD_PASSWORD } from './harness.js';
import { ACCESS_REVOKED, SECOND, signIn, tokenHarness } from './tokens-support.js';

const HOUR = 3_600_000;
const incorrect = failure('NotAuthorizedException', 'Incorrect username or password.');

describe('ChangePassword (R22.3)', () => {
  it('R22.3, R18.15: the new password is set with a fresh SRP verifier; the user stays CONFIRMED', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    const before = await h.userNamed('alice');
    h.advance(5 * SECOND);
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD })).toEqual(ok({}));
    const after = await h.userNamed('alice');
    expect(after?.status).toBe('CONFIRMED');
    expect(after?.srp?.salt).toBeDefined();
    expect(after?.srp?.salt).not.toBe(before?.srp?.salt);
    expect(after?.srp?.verifier).not.toBe(before?.srp?.verifier);
    expect(after?.passwordSetAt).toBe(h.clock.now());
    expect(await must(h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: NEW_PASSWORD }))).toEqual({ Valid: true });
    await signIn(h, 'alice', NEW_PASSWORD);
    expect(
      await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: OLD_PASSWORD } }),
    ).toEqual(incorrect);
  });

  it('R22.3, D39: the tokens of the session keep working after the change', async () => {
    const h = await tokenHarness();
    const { AccessToken, RefreshToken } = await signIn(h);
    await must(h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD }));
    await must(h.getUser({ AccessToken }));
    await must(h.getTokensFromRefreshToken({ RefreshToken, ClientId: h.client.clientId }));
  });

  it('R22.3: a wrong or missing PreviousPassword → NotAuthorizedException "Incorrect username or password."; nothing changes', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    const before = await h.userNamed('alice');
    expect(await h.changePassword({ AccessToken, PreviousPassword: 'Wr0ng-password', ProposedPassword: NEW_PASSWORD })).toEqual(incorrect);
    expect(await h.changePassword({ AccessToken, ProposedPassword: NEW_PASSWORD })).toEqual(incorrect);
    expect((await h.userNamed('alice'))?.passwordHash).toBe(before?.passwordHash);
  });

  it('R22.3, R7.6: a password the policy refuses → InvalidPasswordException with the user wording', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: 'Sh0rt!' })).toEqual(
      failure('InvalidPasswordException', 'Password does not conform to policy: Password not long enough'),
    );
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: 'n0-uppercase!' })).toEqual(
      failure('InvalidPasswordException', 'Password does not conform to policy: Password must have uppercase characters'),
    );
  });

  it('R22.3: with a password history, reusing the current or a previous password → PasswordHistoryPolicyViolationException', async () => {
    const pool = aPool('emailFirst', { passwordPolicy: { passwordHistorySize: 2 } });
    const h = await tokenHarness({ pool, users: [aUser('alice').withVerifiedEmail('alice@example.com')] });
    const { AccessToken } = await signIn(h);
    const violation = failure('PasswordHistoryPolicyViolationException', 'Password has previously been used.');
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: OLD_PASSWORD })).toEqual(violation);
    await must(h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD }));
    expect(await h.changePassword({ AccessToken, PreviousPassword: NEW_PASSWORD, ProposedPassword: OLD_PASSWORD })).toEqual(violation);
    await must(h.changePassword({ AccessToken, PreviousPassword: NEW_PASSWORD, ProposedPassword: 'Th1rd-passw0rd!' }));
  });

  it('R22.3: the 6th call within an hour → LimitExceededException, even with the right password; the window slides', async () => {
    const h = await tokenHarness();
    const limited = failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    let { AccessToken } = await signIn(h);
    for (let i = 0; i < 5; i++)
      expect(await h.changePassword({ AccessToken, PreviousPassword: 'Wr0ng-password', ProposedPassword: NEW_PASSWORD })).toEqual(incorrect);
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD })).toEqual(limited);
    expect(await must(h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: OLD_PASSWORD }))).toEqual({ Valid: true }); // unchanged
    h.advance(HOUR);
    ({ AccessToken } = await signIn(h));
    await must(h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD }));
  });

  it('R22.3: successful calls count toward the limit too', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    const passwords = [OLD_PASSWORD, 'Passw0rd-one!', 'Passw0rd-two!', 'Passw0rd-three!', 'Passw0rd-four!', 'Passw0rd-five!'];
    for (let i = 0; i < 5; i++) await must(h.changePassword({ AccessToken, PreviousPassword: passwords[i] ?? '', ProposedPassword: passwords[i + 1] ?? '' }));
    expect(await h.changePassword({ AccessToken, PreviousPassword: 'Passw0rd-five!', ProposedPassword: NEW_PASSWORD })).toEqual(
      failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.'),
    );
  });

  it('R22.1: a revoked token is refused before any password check', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    await must(h.globalSignOut({ AccessToken }));
    expect(await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD, ProposedPassword: NEW_PASSWORD })).toEqual(ACCESS_REVOKED);
  });

  it('R1.7: ProposedPassword and AccessToken are required', async () => {
    const h = await tokenHarness();
    const { AccessToken } = await signIn(h);
    const missing = await h.changePassword({ AccessToken, PreviousPassword: OLD_PASSWORD } as never);
    expect(missing.isErr() && missing.error.name).toBe('InvalidParameterException');
  });
});
