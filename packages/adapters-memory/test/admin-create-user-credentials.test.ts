/**
 * What AdminCreateUser stores as the temporary password's credentials (R7.6, R18.15, D32), and how a
 * user without any password answers sign-in: a generated password that is never sent is known to
 * nobody, so no hash or SRP verifier is computed for it; every sign-in then fails as a wrong password
 * does (same message, same hash verification, same lockout count) until a password is set.
 */
import type { Ports } from '@cognito-recovery/core';
import { aPool, srpClientStart } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { aHarness, failure, must, type Harness } from './harness.js';
import { ALL_FLOWS, passwordSignIn, srpAnswer, withPassword } from './sign-in-support.js';

const INCORRECT = failure('NotAuthorizedException', 'Incorrect username or password.');

/** A harness whose hasher counts its calls. */
async function countingHarness(): Promise<{ h: Harness; calls: { hash: number; verify: number } }> {
  const calls = { hash: 0, verify: 0 };
  const h = await aHarness({
    pool: aPool('emailFirst'),
    client: { explicitAuthFlows: ALL_FLOWS },
    ports: (ports: Ports): Ports => ({
      ...ports,
      hasher: {
        hash: (password) => {
          calls.hash++;
          return ports.hasher.hash(password);
        },
        verify: (password, hash) => {
          calls.verify++;
          return ports.hasher.verify(password, hash);
        },
      },
    }),
  });
  return { h, calls };
}

const suppressed = (h: Harness, extra: { TemporaryPassword?: string } = {}) =>
  h.adminCreateUser({
    UserPoolId: h.pool.id,
    Username: 'alice',
    UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
    MessageAction: 'SUPPRESS',
    ...extra,
  });

describe('AdminCreateUser: the credentials of the temporary password (R18.15)', () => {
  it('a generated password that is not sent stores no hash and no SRP verifier', async () => {
    const { h, calls } = await countingHarness();
    await must(suppressed(h));
    const stored = await h.userNamed('alice');
    expect(stored?.status).toBe('FORCE_CHANGE_PASSWORD');
    expect(stored?.passwordHash).toBeUndefined();
    expect(stored?.srp).toBeUndefined();
    expect(calls.hash).toBe(0);
  });

  it('a given temporary password is hashed and gets a verifier, SUPPRESS or not', async () => {
    const { h, calls } = await countingHarness();
    await must(suppressed(h, { TemporaryPassword: 'Temp-Passw0rd!' }));
    const stored = await h.userNamed('alice');
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.srp?.verifier).toMatch(/^[0-9a-f]+$/);
    expect(calls.hash).toBe(1);
    const signIn = await passwordSignIn(h, 'alice', 'Temp-Passw0rd!');
    expect(signIn._unsafeUnwrap().ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('a generated password that is sent is stored: the invitation signs in (NEW_PASSWORD_REQUIRED)', async () => {
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS } });
    await must(h.adminCreateUser({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }));
    const stored = await h.userNamed('alice');
    expect(stored?.passwordHash).toBeDefined();
    expect(stored?.srp).toBeDefined();
    const sent = h.delivered().at(-1); // the invitation: its code is the temporary password
    const password = sent?.code ?? '';
    expect(sent?.body).toContain(password);
    expect(password.length).toBeGreaterThan(0);
    expect((await passwordSignIn(h, 'alice', password))._unsafeUnwrap().ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});

describe('sign-in of a user without a password (D25 step 13, D27, D30)', () => {
  it('USER_PASSWORD_AUTH answers as a wrong password, after one hash verification', async () => {
    const { h, calls } = await countingHarness();
    await must(suppressed(h));
    const before = calls.verify;
    expect(await passwordSignIn(h, 'alice', 'Any-Passw0rd!')).toEqual(INCORRECT);
    // The decoy check: a user without a password costs the same verification as one with a wrong one.
    expect(calls.verify).toBe(before + 1);
  });

  it('the failures count toward the lockout like wrong passwords', async () => {
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS } });
    await must(suppressed(h));
    for (let i = 0; i < 5; i++) expect(await passwordSignIn(h, 'alice', `Wrong-Passw0rd-${i}!`)).toEqual(INCORRECT);
    expect(await passwordSignIn(h, 'alice', 'Wrong-Passw0rd-6!')).toEqual(failure('NotAuthorizedException', 'Password attempts exceeded'));
  });

  it('USER_SRP_AUTH gets a challenge whose every answer fails', async () => {
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS } });
    await must(suppressed(h));
    const client = srpClientStart();
    const init = await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: client.A } });
    const challenge = init._unsafeUnwrap();
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    const answer = srpAnswer(h, client, challenge.ChallengeParameters, 'Any-Passw0rd!');
    expect(await h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer })).toEqual(INCORRECT);
  });

  it('AdminSetUserPassword gives it one: the new password signs in', async () => {
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS } });
    await must(suppressed(h));
    await withPassword(h, 'alice', 'First-Passw0rd!');
    const signed = (await passwordSignIn(h, 'alice', 'First-Passw0rd!'))._unsafeUnwrap();
    expect(signed.AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('RESEND generates a password, stores it and sends it: that one signs in', async () => {
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS } });
    await must(suppressed(h));
    await must(h.adminCreateUser({ UserPoolId: h.pool.id, Username: 'alice', MessageAction: 'RESEND' }));
    const password = h.delivered().at(-1)?.code ?? ''; // the invitation's temporary password
    expect(password.length).toBeGreaterThan(0);
    expect((await passwordSignIn(h, 'alice', password))._unsafeUnwrap().ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});
