import { aPool, aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { must, OLD_PASSWORD, TEMPORARY_PASSWORD } from './harness.js';
import { claimsOf, passwordSignIn, signInHarness } from './sign-in-support.js';

const INCORRECT = { name: 'NotAuthorizedException', $fault: 'client', message: 'Incorrect username or password.' };

describe('USERNAME case and challenge names (R17.8, R19.9)', () => {
  it('R17.8: a case-insensitive pool matches USERNAME in any case; the password is always case-sensitive', async () => {
    const h = await signInHarness({ pool: aPool('emailFirst', { caseSensitive: false }), users: [aUser()] });
    const signedIn = (await passwordSignIn(h, 'ALICE', OLD_PASSWORD))._unsafeUnwrap();
    expect(claimsOf(signedIn.AuthenticationResult?.AccessToken)['username']).toBe('alice');
    expect((await passwordSignIn(h, 'alice', OLD_PASSWORD.toUpperCase()))._unsafeUnwrapErr()).toEqual(INCORRECT);
  });

  it('R17.8: a case-sensitive pool (the API default) does not match another case: LEGACY answers UserNotFoundException', async () => {
    const h = await signInHarness({ pool: aPool('emailFirst', { caseSensitive: true }), users: [aUser()] });
    expect((await passwordSignIn(h, 'ALICE', OLD_PASSWORD))._unsafeUnwrapErr()).toEqual({
      name: 'UserNotFoundException',
      $fault: 'client',
      message: 'User does not exist.',
    });
  });

  it('R19.9: the legacy admin flow ADMIN_NO_SRP_AUTH answers NEW_PASSWORD_REQUIRED, never a challenge named ADMIN_NO_SRP_AUTH', async () => {
    const h = await signInHarness({ users: [aUser()] });
    await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: 'alice', Password: TEMPORARY_PASSWORD, Permanent: false }));
    const answer = (
      await h.adminInitiateAuth({
        UserPoolId: h.pool.id,
        ClientId: h.client.clientId,
        AuthFlow: 'ADMIN_NO_SRP_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: TEMPORARY_PASSWORD },
      })
    )._unsafeUnwrap();
    expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});
