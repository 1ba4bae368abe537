import { cognitoError, computeSecretHash, messages } from '@cognito-recovery/core';
import { aPool, aUser, srpClientStart } from '@cognito-recovery/core/testing';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { must, type Harness } from './harness.js';
import { claimsOf, expectTokens, setStatus, signInHarness, srpAnswer, srpSignIn, withPassword } from './sign-in-support.js';

const incorrect = err(cognitoError('NotAuthorizedException', messages.incorrectCredentials));
const PASSWORD = 'Srp-passw0rd!';

/** Alice (verified email alias) with a password set through AdminSetUserPassword, so she has an SRP verifier. */
async function withAlice(options: Parameters<typeof signInHarness>[0] = {}): Promise<Harness> {
  const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')], ...options });
  await withPassword(h, 'alice', PASSWORD);
  return h;
}

describe('USER_SRP_AUTH and PASSWORD_VERIFIER (§18, D28–D30)', () => {
  it('R18.4: the challenge carries SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP and USERNAME (the canonical username), no Session', async () => {
    const h = await withAlice();
    const { challenge } = await srpSignIn(h, 'alice@example.com', PASSWORD);
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(challenge).not.toHaveProperty('Session');
    const p = challenge.ChallengeParameters;
    expect(Object.keys(p).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(p['USER_ID_FOR_SRP']).toBe('alice');
    expect(p['USERNAME']).toBe('alice');
    expect(p['SALT']).toMatch(/^[0-9a-f]{32}$/);
    expect(p['SRP_B']).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(p['SECRET_BLOCK'] ?? '', 'base64').toString('base64')).toBe(p['SECRET_BLOCK']);
  });

  it('R18.10, R18.11: the right proof answers the tokens of the user', async () => {
    const h = await withAlice();
    const { respond } = await srpSignIn(h, 'alice@example.com', PASSWORD);
    const result = (await respond())._unsafeUnwrap();
    expectTokens(result);
    expect(claimsOf(result.AuthenticationResult?.IdToken)['cognito:username']).toBe('alice');
  });

  it('D28: AdminInitiateAuth USER_SRP_AUTH is answered with AdminRespondToAuthChallenge', async () => {
    const h = await withAlice();
    const { respond } = await srpSignIn(h, 'alice', PASSWORD, { admin: true });
    expectTokens((await respond())._unsafeUnwrap());
  });

  it('R18.11: a wrong password makes a wrong signature: "Incorrect username or password."', async () => {
    const h = await withAlice();
    const { respond } = await srpSignIn(h, 'alice', 'Wrong-passw0rd!');
    expect(await respond()).toEqual(incorrect);
  });

  it('D28: a SECRET_BLOCK is single use: the same right answer twice fails the second time', async () => {
    const h = await withAlice();
    const { respond } = await srpSignIn(h, 'alice', PASSWORD);
    expectTokens((await respond())._unsafeUnwrap());
    expect(await respond()).toEqual(incorrect);
  });

  it('D28: the answer must come within 30 s of the challenge', async () => {
    const h = await withAlice();
    const { a, A } = srpClientStart();
    const init = (
      await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } })
    )._unsafeUnwrap();
    h.advance(31_000);
    const result = await h.respondToAuthChallenge({
      ClientId: h.client.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: srpAnswer(h, { a, A }, init.ChallengeParameters, PASSWORD, { userIdForSrp: 'alice' }),
    });
    expect(result).toEqual(incorrect);
  });

  it('D29: a TIMESTAMP 6 minutes off the server clock fails even when signed over; 4 minutes off is accepted', async () => {
    const h = await withAlice();
    const now = h.clock.now();
    for (const offset of [6 * 60_000, -6 * 60_000]) {
      const { respond } = await srpSignInAt(h, new Date(now + offset));
      expect(await respond()).toEqual(incorrect);
    }
    const { respond } = await srpSignInAt(h, new Date(now - 4 * 60_000));
    expectTokens((await respond())._unsafeUnwrap());
  });

  it('D28: a tampered SECRET_BLOCK, a USERNAME other than USER_ID_FOR_SRP, or another client fail', async () => {
    const h = await withAlice({ users: [aUser().withVerifiedEmail('alice@example.com'), aUser('bob')] });
    const { ChallengeResponses } = await srpSignIn(h, 'alice', PASSWORD);
    const block = ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK;
    const flipped = Buffer.from(block, 'base64');
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    const respond = (responses: Record<string, string>, ClientId = h.client.clientId) =>
      h.respondToAuthChallenge({ ClientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { ...ChallengeResponses, ...responses } });
    expect(await respond({ PASSWORD_CLAIM_SECRET_BLOCK: flipped.toString('base64') })).toEqual(incorrect);
    expect(await respond({ USERNAME: 'bob' })).toEqual(incorrect);
    await must(h.bound.pools.putClient({ ...h.client, clientId: 'otherclient' }));
    expect(await respond({}, 'otherclient')).toEqual(incorrect);
    // None of these spent the block: the real answer still works.
    expectTokens((await respond({}))._unsafeUnwrap());
  });

  it('D39: a password change kills an outstanding SECRET_BLOCK', async () => {
    const h = await withAlice();
    const { respond } = await srpSignIn(h, 'alice', PASSWORD);
    await withPassword(h, 'alice', PASSWORD); // the same password, a new salt
    expect(await respond()).toEqual(incorrect);
  });

  it('R18.12: UNCONFIRMED and RESET_REQUIRED are refused at initiate, before any proof', async () => {
    const h = await withAlice();
    await setStatus(h, 'alice', 'UNCONFIRMED');
    const { A } = srpClientStart();
    const init = () => h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } });
    expect(await init()).toEqual(err(cognitoError('UserNotConfirmedException', 'User is not confirmed.')));
    await setStatus(h, 'alice', 'RESET_REQUIRED');
    expect(await init()).toEqual(err(cognitoError('PasswordResetRequiredException', 'Password reset required for the user')));
  });

  it('R18.12, D26: a disabled user is told so only after a right proof', async () => {
    const h = await withAlice();
    (await h.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }))._unsafeUnwrap();
    expect(await (await srpSignIn(h, 'alice', 'Wrong-passw0rd!')).respond()).toEqual(incorrect);
    expect(await (await srpSignIn(h, 'alice', PASSWORD)).respond()).toEqual(err(cognitoError('NotAuthorizedException', 'User is disabled.')));
  });

  it('R18.12: unknown user under LEGACY is UserNotFoundException at initiate; the sub too (D50)', async () => {
    const h = await withAlice();
    const { A } = srpClientStart();
    for (const USERNAME of ['ghost', 'sub-alice']) {
      expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME, SRP_A: A } })).toEqual(
        err(cognitoError('UserNotFoundException', 'User does not exist.')),
      );
    }
  });

  it('R18.13, D30: unknown user under ENABLED gets a simulated challenge of the same shape, stable salt and id, and the answer fails', async () => {
    const h = await withAlice({ client: { preventUserExistenceErrors: 'ENABLED' } });
    const real = (await srpSignIn(h, 'alice', PASSWORD)).challenge;
    const first = await srpSignIn(h, 'Ghost@example.com', 'Any-passw0rd!');
    const second = await srpSignIn(h, 'ghost@example.com', 'Any-passw0rd!');
    const p = first.challenge.ChallengeParameters;
    expect(first.challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(p).sort()).toEqual(Object.keys(real.ChallengeParameters).sort());
    expect(p['USER_ID_FOR_SRP']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.challenge.ChallengeParameters['USER_ID_FOR_SRP']).toBe(p['USER_ID_FOR_SRP']); // case-insensitive pool: same input
    expect(second.challenge.ChallengeParameters['SALT']).toBe(p['SALT']);
    expect(p['SALT']).toMatch(/^[0-9a-f]{32}$/);
    expect((p['SECRET_BLOCK'] ?? '').length).toBe((real.ChallengeParameters['SECRET_BLOCK'] ?? '').length);
    expect(await first.respond()).toEqual(incorrect);
  });

  it('R18.10: the SECRET_HASH of the answer is over USER_ID_FOR_SRP', async () => {
    const h = await withAlice({ client: { clientSecret: 'the-secret' } });
    const id = h.client.clientId;
    const { a, A } = srpClientStart();
    const init = await h.initiateAuth({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: id,
      AuthParameters: { USERNAME: 'alice@example.com', SRP_A: A, SECRET_HASH: computeSecretHash('the-secret', 'alice@example.com', id) },
    });
    const responses = srpAnswer(h, { a, A }, init._unsafeUnwrap().ChallengeParameters, PASSWORD, { userIdForSrp: 'alice' });
    const respond = (extra: Record<string, string>) =>
      h.respondToAuthChallenge({ ClientId: id, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { ...responses, ...extra } });
    expect(await respond({})).toEqual(err(cognitoError('NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`)));
    expect(await respond({ SECRET_HASH: computeSecretHash('the-secret', 'alice@example.com', id) })).toEqual(
      err(cognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${id}`)),
    );
    expectTokens((await respond({ SECRET_HASH: computeSecretHash('the-secret', 'alice', id) }))._unsafeUnwrap());
  });

  it('R18.4, R18.6: in a username-attribute pool USER_ID_FOR_SRP is the internal username, and the proof is over it', async () => {
    const h = await signInHarness({
      pool: aPool('emailAsUsername'),
      users: [aUser('6f2c8a1e-0000-4000-8000-000000000001').with({ email: 'carol@example.com', email_verified: 'true' })],
    });
    await withPassword(h, 'carol@example.com', PASSWORD);
    const { challenge, respond } = await srpSignIn(h, 'carol@example.com', PASSWORD);
    expect(challenge.ChallengeParameters['USER_ID_FOR_SRP']).toBe('6f2c8a1e-0000-4000-8000-000000000001');
    expectTokens((await respond())._unsafeUnwrap());
  });

  it('R18.3: an SRP_A that is not hex or is 0 mod N is refused', async () => {
    const h = await withAlice();
    for (const SRP_A of ['zz', '0']) {
      expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A } })).toEqual(incorrect);
    }
  });
});

/** An SRP sign-in whose client clock reads `date`. */
async function srpSignInAt(h: Harness, date: Date) {
  const { a, A } = srpClientStart();
  const p = (await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } }))._unsafeUnwrap()
    .ChallengeParameters;
  const ChallengeResponses = srpAnswer(h, { a, A }, p, PASSWORD, { userIdForSrp: 'alice', date });
  return { respond: () => h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses }) };
}
