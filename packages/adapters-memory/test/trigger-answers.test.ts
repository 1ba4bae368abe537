import { aPool, aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { OLD_PASSWORD } from './harness.js';
import { claimsOf, passwordSignIn, signInHarness } from './sign-in-support.js';

const PRE = 'pre-authentication';
const POST = 'post-authentication';

/** An answer a trigger could try to change things with: attributes, claims, a new status. */
const meddling = (event: Record<string, unknown>) =>
  Promise.resolve({
    ...event,
    request: { userAttributes: { email: 'mallory@example.com', email_verified: 'true' } },
    response: { claimsOverrideDetails: { claimsToAddOrOverride: { email: 'mallory@example.com' } }, finalUserStatus: 'RESET_REQUIRED' },
  });

describe('what the triggers may change (R26.10)', () => {
  it('R26.10: whatever PreAuthentication and PostAuthentication answer is not read: the user, its attributes and its tokens stay as they are', async () => {
    const pool = aPool('emailFirst', { lambdaConfig: { preAuthentication: PRE, postAuthentication: POST } });
    const h = await signInHarness({ pool, users: [aUser().withVerifiedEmail('alice@example.com')] });
    h.triggers.register(PRE, meddling);
    h.triggers.register(POST, meddling);
    const result = (await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrap();
    expect(claimsOf(result.AuthenticationResult?.IdToken)['email']).toBe('alice@example.com');
    const user = await h.userNamed('alice');
    expect(user).toMatchObject({ status: 'CONFIRMED', attributes: { email: 'alice@example.com', email_verified: 'true' } });
  });

  it('R26.10: PreTokenGeneration is read: its claimsToAddOrOverride reaches the ID token, but it changes no stored attribute', async () => {
    const pool = aPool('emailFirst', { lambdaConfig: { preTokenGeneration: 'pre-token' } });
    const h = await signInHarness({ pool, users: [aUser().withVerifiedEmail('alice@example.com')] });
    h.triggers.register('pre-token', (event: Record<string, unknown>) =>
      Promise.resolve({ ...event, response: { claimsOverrideDetails: { claimsToAddOrOverride: { team: 'blue' } } } }),
    );
    const result = (await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrap();
    expect(claimsOf(result.AuthenticationResult?.IdToken)['team']).toBe('blue');
    expect((await h.userNamed('alice'))?.attributes).not.toHaveProperty('team');
  });
});
