import { cognitoError, computeSecretHash, messages } from '@cognito-recovery/core';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { must, NEW_PASSWORD, TEMPORARY_PASSWORD, type Harness } from './harness.js';
import { claimsOf, expectTokens, passwordSignIn, signInHarness, srpSignIn, withPassword } from './sign-in-support.js';

const invalidSession = err(cognitoError('NotAuthorizedException', 'Invalid session for the user.'));
const DAY = 86_400_000;

/** Jane, created by AdminCreateUser with the temporary password: FORCE_CHANGE_PASSWORD. */
async function withJane(options: Parameters<typeof signInHarness>[0] = {}): Promise<Harness> {
  const h = await signInHarness(options);
  await h.createUser(h.pool.id, 'jane', { email: 'jane@example.com', email_verified: 'true', name: 'Jane' });
  return h;
}

/** Signs jane in with the temporary password and answers the challenge's Session. */
async function challengeOf(h: Harness, username = 'jane'): Promise<string> {
  const result = (await passwordSignIn(h, username, TEMPORARY_PASSWORD))._unsafeUnwrap();
  expect(result.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  return result.Session ?? '';
}

function answer(h: Harness, Session: string | undefined, responses: Record<string, string> = {}) {
  return h.respondToAuthChallenge({
    ClientId: h.client.clientId,
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ...(Session === undefined ? {} : { Session }),
    ChallengeResponses: { USERNAME: 'jane', NEW_PASSWORD, ...responses },
  });
}

describe('NEW_PASSWORD_REQUIRED (§19, D31, D32)', () => {
  it('R19.1, R19.2, D32: the right temporary password answers the challenge: USER_ID_FOR_SRP, requiredAttributes, userAttributes (no sub), a Session', async () => {
    const h = await withJane();
    const result = (await passwordSignIn(h, 'jane@example.com', TEMPORARY_PASSWORD))._unsafeUnwrap();
    expect(result.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(result.AuthenticationResult).toBeUndefined();
    expect(result.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'jane',
      requiredAttributes: '[]',
      userAttributes: JSON.stringify({ email: 'jane@example.com', email_verified: 'true', name: 'Jane' }),
    });
    expect(result.Session?.length).toBeGreaterThanOrEqual(20);
    expect(result.Session?.length).toBeLessThanOrEqual(2048);
  });

  it('R17.4: a wrong temporary password is the generic failure', async () => {
    const h = await withJane();
    expect(await passwordSignIn(h, 'jane', 'Wrong-passw0rd!')).toEqual(err(cognitoError('NotAuthorizedException', messages.incorrectCredentials)));
  });

  it('R19.5: the answer sets the password, the user becomes CONFIRMED, attributes are written, tokens are returned', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    const result = (await answer(h, session, { 'userAttributes.name': 'Jane Doe' }))._unsafeUnwrap();
    expectTokens(result);
    expect(claimsOf(result.AuthenticationResult?.IdToken)['name']).toBe('Jane Doe');
    const stored = await h.userNamed('jane');
    expect(stored?.status).toBe('CONFIRMED');
    expect(stored?.attributes['name']).toBe('Jane Doe');
    expectTokens((await passwordSignIn(h, 'jane', NEW_PASSWORD))._unsafeUnwrap());
    expect((await passwordSignIn(h, 'jane', TEMPORARY_PASSWORD))._unsafeUnwrapErr().message).toBe(messages.incorrectCredentials);
    // R18.15: the new password has its SRP verifier too.
    expectTokens((await (await srpSignIn(h, 'jane', NEW_PASSWORD)).respond())._unsafeUnwrap());
  });

  it('R19.3: USERNAME may be an alias of the session user; AdminRespondToAuthChallenge answers an AdminInitiateAuth challenge', async () => {
    const h = await withJane();
    const init = await h.adminInitiateAuth({
      UserPoolId: h.pool.id,
      ClientId: h.client.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'jane', PASSWORD: TEMPORARY_PASSWORD },
    });
    const Session = init._unsafeUnwrap().Session ?? '';
    const result = await h.adminRespondToAuthChallenge({
      UserPoolId: h.pool.id,
      ClientId: h.client.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session,
      ChallengeResponses: { USERNAME: 'jane@example.com', NEW_PASSWORD },
    });
    expectTokens(result._unsafeUnwrap());
  });

  it('R19.1: SRP with the temporary password ends in NEW_PASSWORD_REQUIRED too', async () => {
    const h = await withJane();
    const result = (await (await srpSignIn(h, 'jane', TEMPORARY_PASSWORD)).respond())._unsafeUnwrap();
    expect(result.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expectTokens((await answer(h, result.Session))._unsafeUnwrap());
  });

  it('R19.6, D31: a session answered once cannot be used again', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    expectTokens((await answer(h, session))._unsafeUnwrap());
    expect(await answer(h, session)).toEqual(err(cognitoError('NotAuthorizedException', 'Invalid session for the user, session can only be used once.')));
  });

  it('R16.9, R19.6, D31: a session older than AuthSessionValidity (default 3 minutes; the client may say 5) is expired', async () => {
    const expired = err(cognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'));
    const h = await withJane();
    const session = await challengeOf(h);
    h.advance(3 * 60_000 + 1);
    expect(await answer(h, session)).toEqual(expired);
    const five = await withJane({ client: { authSessionValidity: 5 } });
    const longer = await challengeOf(five);
    five.advance(4 * 60_000);
    expectTokens((await answer(five, longer))._unsafeUnwrap());
  });

  it('D31: missing, garbled, tampered, another client’s session, another user, or another pool’s are "Invalid session for the user."', async () => {
    const h = await withJane({ users: [aUser('bob')] });
    const session = await challengeOf(h);
    expect(await answer(h, undefined)).toEqual(invalidSession);
    expect(await answer(h, 'x'.repeat(40))).toEqual(invalidSession);
    const bytes = Buffer.from(session, 'base64');
    bytes[30] = (bytes[30] ?? 0) ^ 1;
    expect(await answer(h, bytes.toString('base64'))).toEqual(invalidSession);
    expect(await answer(h, session, { USERNAME: 'bob' })).toEqual(invalidSession);
    await must(h.bound.pools.putClient({ ...h.client, clientId: 'otherclient' }));
    expect(
      await h.respondToAuthChallenge({
        ClientId: 'otherclient',
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: 'jane', NEW_PASSWORD },
      }),
    ).toEqual(invalidSession);
    // None of these spent it.
    expectTokens((await answer(h, session))._unsafeUnwrap());
  });

  it('D39: an admin password change kills an outstanding session', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    h.advance(1000);
    await withPassword(h, 'jane', 'Admin-s3t-temp!', false);
    expect(await answer(h, session)).toEqual(invalidSession);
  });

  it('R19.4, D32: a password against the policy is "Password does not conform to policy: …" and the session stays usable', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    expect(await answer(h, session, { NEW_PASSWORD: 'short' })).toEqual(
      err(cognitoError('InvalidPasswordException', 'Password does not conform to policy: Password not long enough')),
    );
    expectTokens((await answer(h, session))._unsafeUnwrap());
  });

  it('R19.4, D32: *_verified and attributes outside WriteAttributes are "A client attempted to write unauthorized attribute"', async () => {
    const unauthorized = err(cognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute'));
    const h = await withJane({ client: { writeAttributes: ['name', 'email'] } });
    const session = await challengeOf(h);
    expect(await answer(h, session, { 'userAttributes.email_verified': 'true' })).toEqual(unauthorized);
    expect(await answer(h, session, { 'userAttributes.family_name': 'Doe' })).toEqual(unauthorized);
    expectTokens((await answer(h, session, { 'userAttributes.name': 'J' }))._unsafeUnwrap());
  });

  it('R19.4: an alias another user holds is AliasExistsException; a changed email is unverified', async () => {
    const pool = aPool('emailFirst', { aliasAttributes: ['email', 'preferred_username'] });
    const h = await withJane({ pool, users: [aUser('bob').withVerifiedEmail('bob@example.com').with({ preferred_username: 'bobby' })] });
    const session = await challengeOf(h);
    expect(await answer(h, session, { 'userAttributes.preferred_username': 'bobby' })).toEqual(
      err(cognitoError('AliasExistsException', 'An account with the given preferred_username already exists.')),
    );
    expect((await h.userNamed('jane'))?.status).toBe('FORCE_CHANGE_PASSWORD'); // nothing written
    // The refusal came from the store, after the session was spent: a new sign-in gets a new one.
    const changed = await answer(h, await challengeOf(h), { 'userAttributes.email': 'bob@example.com' });
    expect(changed.isOk()).toBe(true); // unverified: not an alias, so no conflict with bob
    expect((await h.userNamed('jane'))?.attributes['email_verified']).toBe('false');
  });

  it('D47: USERNAME then NEW_PASSWORD are required', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    const respond = (ChallengeResponses: Record<string, string>) =>
      h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: session, ChallengeResponses });
    expect(await respond({})).toEqual(err(cognitoError('InvalidParameterException', 'Missing required parameter USERNAME')));
    expect(await respond({ USERNAME: 'jane', NEW_PASSWORD: '' })).toEqual(
      err(cognitoError('InvalidParameterException', 'Missing required parameter NEW_PASSWORD')),
    );
  });

  it('D47: PASSWORD_VERIFIER needs PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP in that order', async () => {
    const h = await withJane();
    const respond = (ChallengeResponses: Record<string, string>) =>
      h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses });
    expect(await respond({ USERNAME: 'jane' })).toEqual(err(cognitoError('InvalidParameterException', 'Missing required parameter PASSWORD_CLAIM_SIGNATURE')));
    expect(await respond({ USERNAME: 'jane', PASSWORD_CLAIM_SIGNATURE: 's' })).toEqual(
      err(cognitoError('InvalidParameterException', 'Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK')),
    );
    expect(await respond({ USERNAME: 'jane', PASSWORD_CLAIM_SIGNATURE: 's', PASSWORD_CLAIM_SECRET_BLOCK: 'b' })).toEqual(
      err(cognitoError('InvalidParameterException', 'Missing required parameter TIMESTAMP')),
    );
  });

  it('R15.4: ChallengeResponses.SECRET_HASH is required for a client with a secret, over USERNAME', async () => {
    const h = await withJane({ client: { clientSecret: 'the-secret' } });
    const id = h.client.clientId;
    const init = await passwordSignIn(h, 'jane', TEMPORARY_PASSWORD, { SECRET_HASH: computeSecretHash('the-secret', 'jane', id) });
    const session = init._unsafeUnwrap().Session;
    expect(await answer(h, session)).toEqual(err(cognitoError('NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`)));
    expectTokens((await answer(h, session, { SECRET_HASH: computeSecretHash('the-secret', 'jane', id) }))._unsafeUnwrap());
  });

  it('R17.4, D32: the right temporary password after TemporaryPasswordValidityDays is "Temporary password has expired…"', async () => {
    const h = await withJane();
    h.advance(7 * DAY + 1000);
    expect(await passwordSignIn(h, 'jane', TEMPORARY_PASSWORD)).toEqual(
      err(cognitoError('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.')),
    );
  });

  it('R19.6: a challenge name this model never issues is "Invalid session for the user."', async () => {
    const h = await withJane();
    expect(await h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'SMS_MFA', ChallengeResponses: { USERNAME: 'jane' } })).toEqual(
      invalidSession,
    );
  });

  it('R19.6: two concurrent right answers: exactly one succeeds', async () => {
    const h = await withJane();
    const session = await challengeOf(h);
    const results = await Promise.all([answer(h, session), answer(h, session), answer(h, session)]);
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
  });
});
