import { cognitoError, messages } from '@cognito-recovery/core';
import { aUser } from '@cognito-recovery/core/testing';
import { lockoutMs } from '@cognito-recovery/core/rules';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { OLD_PASSWORD, type Harness } from './harness.js';
import { expectTokens, passwordSignIn, signInHarness, srpSignIn, withPassword } from './sign-in-support.js';

const incorrect = err(cognitoError('NotAuthorizedException', messages.incorrectCredentials));
const exceeded = err(cognitoError('NotAuthorizedException', 'Password attempts exceeded'));
const MINUTE = 60_000;

async function failTimes(h: Harness, n: number, username = 'alice'): Promise<void> {
  for (let i = 0; i < n; i++) expect(await passwordSignIn(h, username, 'Wrong-passw0rd!')).toEqual(incorrect);
}

/** `username` signs in with the right password and gets tokens. */
async function signsIn(h: Harness, username = 'alice'): Promise<void> {
  expectTokens((await passwordSignIn(h, username, OLD_PASSWORD))._unsafeUnwrap());
}

/** alice's right password is refused: she is locked out. */
async function lockedOut(h: Harness): Promise<void> {
  expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(exceeded);
}

describe('Sign-in lockout (R25.1, D27)', () => {
  it('R25.1: four failures lock nobody; the fifth locks for 1 s, even the right password', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 4);
    await signsIn(h);
    await failTimes(h, 1);
    await lockedOut(h);
    h.advance(1001);
    await signsIn(h);
  });

  it('R25.1: the lockout doubles with each further failure: 2 s after the 6th, 4 s after the 7th', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 5);
    h.advance(1001);
    await failTimes(h, 1); // 6th
    h.advance(1500);
    await lockedOut(h);
    h.advance(600);
    await failTimes(h, 1); // 7th
    h.advance(3900);
    await lockedOut(h);
    h.advance(200);
    await signsIn(h);
  });

  it('R25.1: attempts during a lockout are not counted and do not extend it', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 5);
    for (let i = 0; i < 10; i++) expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd!')).toEqual(exceeded);
    h.advance(1001);
    await signsIn(h);
  });

  it('D27: failures older than 15 minutes no longer count (sliding window)', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 4);
    h.advance(15 * MINUTE + 1);
    await failTimes(h, 1);
    await signsIn(h);
  });

  it('D27: the lockout is per user: another user signs in', async () => {
    const h = await signInHarness({ users: [aUser(), aUser('bob')] });
    await failTimes(h, 5);
    await signsIn(h, 'bob');
  });

  it('D27: failed SRP proofs count and lock out SRP and password sign-in alike', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await withPassword(h, 'alice', OLD_PASSWORD);
    for (let i = 0; i < 5; i++) expect(await (await srpSignIn(h, 'alice', 'Wrong-passw0rd!')).respond()).toEqual(incorrect);
    await lockedOut(h);
    const { A } = (await import('@cognito-recovery/core/testing')).srpClientStart();
    expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } })).toEqual(exceeded);
  });

  it('D27: under ENABLED an unknown input locks out exactly like a user (same answers); under LEGACY it is not found every time', async () => {
    const h = await signInHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
    await failTimes(h, 5, 'ghost');
    expect(await passwordSignIn(h, 'GHOST', 'Wrong-passw0rd!')).toEqual(exceeded); // case-insensitive pool: the same input
    h.advance(1001);
    expect(await passwordSignIn(h, 'ghost', 'Wrong-passw0rd!')).toEqual(incorrect);
    const legacy = await signInHarness();
    for (let i = 0; i < 7; i++) expect((await passwordSignIn(legacy, 'ghost', 'x'))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
  });

  it('R25.1, D27: lockoutMs: none below 5 failures, then 2^(n−5) s, capped at 900 s', () => {
    expect([4, 5, 6, 7, 14, 15, 40].map((n) => lockoutMs(n))).toEqual([undefined, 1000, 2000, 4000, 512_000, 900_000, 900_000]);
  });

  it('D27: nine lockouts in a row: the 14th failure locks for 512 s, until the oldest failures leave the 15-minute window', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 5);
    for (const lock of [1, 2, 4, 8, 16, 32, 64, 128, 256]) {
      h.advance(lock * 1000 + 1);
      await failTimes(h, 1);
    }
    // The first five failures were 511 s ago: all 14 are in the 15-minute window, locked for 512 s.
    h.advance(300_000);
    await lockedOut(h);
    // D27 deviation (sliding window): 15 minutes after the first failures they stop counting, n = 9,
    // a 16 s lockout long over, although 512 s have not passed since the 14th failure.
    h.advance(100_000);
    await signsIn(h);
  });

  it('D27 (deviation): a successful sign-in does not reset the count; the next failure locks again', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await failTimes(h, 5);
    h.advance(1001);
    await signsIn(h);
    await failTimes(h, 1);
    await lockedOut(h);
  });
});
