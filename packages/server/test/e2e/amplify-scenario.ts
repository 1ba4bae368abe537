/**
 * The Amplify lifecycles, shared by the node test (`amplify-node.e2e.test.ts`) and the browser test
 * (`../browser/amplify-lifecycle.e2e.test.ts`): the app's calls go through an {@link AmplifyDriver};
 * the administrator's calls, the outbox and the token checks run in the test process. Every step
 * names itself in its assertion, so a failure says which step of which lifecycle broke.
 */
import { expect } from 'vitest';
import type { AmplifyDriver, Outcome, SessionTokens } from './amplify-driver.js';
import { expectedClaims, PASSWORDS, verifyTokens, type LifecycleEndpoint, type VerifiedTokens } from './lifecycle.js';

/** Which sign-in flow Amplify uses: its default (SRP) or `USER_PASSWORD_AUTH`. */
export type AmplifyFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

/** The user of the admin lifecycles: the name and verified email AdminCreateUser gives, and the sign-in flow Amplify uses. */
export interface AmplifyUser {
  readonly username: string;
  readonly email: string;
  readonly flow: AmplifyFlow;
}

const signedIn = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
const incorrect = { ok: false, name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

function value<T>(step: string, result: Outcome<T>): T {
  if (!result.ok) throw new Error(`${step} failed: ${result.name}: ${result.message}`);
  return result.value;
}

/** The session's tokens, verified with aws-jwt-verify against the endpoint's JWKS. */
async function verifiedSession(step: string, endpoint: LifecycleEndpoint, driver: AmplifyDriver, forceRefresh = false): Promise<VerifiedTokens> {
  const tokens: SessionTokens = value(step, await driver.tokens(forceRefresh));
  return verifyTokens(endpoint, tokens);
}

/** The masked address of R6.2: first character, `***@`, first character of the domain, `***`. */
export function masked(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}

/** ForgotPassword → the outbox code → ConfirmForgotPassword, through Amplify. */
async function resetThroughAmplify(endpoint: LifecycleEndpoint, driver: AmplifyDriver, username: string, email: string, newPassword: string): Promise<void> {
  const before = await endpoint.messageCount(username);
  expect(value('resetPassword', await driver.resetPassword(username)), 'resetPassword').toEqual({
    isPasswordReset: false,
    nextStep: {
      resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: masked(email), attributeName: 'email' },
    },
  });
  const { code, destination } = await endpoint.latestCode(username, before);
  expect(destination, 'the ForgotPassword code went to the verified email').toBe(email);
  value('confirmResetPassword with the outbox code', await driver.confirmResetPassword(username, code, newPassword));
}

/**
 * Lifecycle 1: AdminCreateUser with a temporary password → sign-in answers NEW_PASSWORD_REQUIRED and
 * `confirmSignIn` completes it → tokens → resetPassword / confirmResetPassword with the outbox code →
 * the old password is refused → the new one signs in → ID and access tokens verify with
 * aws-jwt-verify, before and after `fetchAuthSession({ forceRefresh: true })`.
 */
export async function adminCreatedLifecycle(endpoint: LifecycleEndpoint, driver: AmplifyDriver, user: AmplifyUser): Promise<void> {
  const { username, email, flow } = user;
  const claims = expectedClaims(endpoint, username, email);
  await endpoint.adminCreateUser(username, email);

  const first = value('signIn with the temporary password', await driver.signIn(username, PASSWORDS.temporary, flow));
  expect(first, 'R19.1: the temporary password answers NEW_PASSWORD_REQUIRED').toMatchObject({
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
  });
  expect(value('confirmSignIn with the new password', await driver.confirmSignIn(PASSWORDS.first)), 'R19.5').toEqual(signedIn);
  const initial = await verifiedSession('fetchAuthSession after NEW_PASSWORD_REQUIRED', endpoint, driver);
  expect(initial.id, 'ID token claims').toMatchObject(claims.id);
  expect(initial.access, 'access token claims').toMatchObject(claims.access);
  value('signOut', await driver.signOut());

  await resetThroughAmplify(endpoint, driver, username, email, PASSWORDS.reset);
  expect(await driver.signIn(username, PASSWORDS.first, flow), 'R7.7: the old password is refused after the reset').toEqual(incorrect);
  expect(value('signIn with the new password', await driver.signIn(username, PASSWORDS.reset, flow)), 'signIn with the new password').toEqual(signedIn);

  const session = await verifiedSession('fetchAuthSession after the reset', endpoint, driver);
  expect(session.id, 'ID token claims after the reset').toMatchObject(claims.id);
  expect(session.access, 'access token claims after the reset').toMatchObject(claims.access);
  expect(session.id.sub, 'the same user').toBe(initial.id.sub);
  expect(session.access['origin_jti'], 'a new sign-in, a new origin_jti').not.toBe(initial.access['origin_jti']);

  const refreshed = await verifiedSession('fetchAuthSession({ forceRefresh: true })', endpoint, driver, true);
  expect(refreshed.id, 'ID token claims after refresh').toMatchObject(claims.id);
  expect(refreshed.access['jti'], 'R20.5: a refreshed token is a new token').not.toBe(session.access['jti']);
  expect(refreshed.access['origin_jti'], 'R20.5: refresh keeps origin_jti').toBe(session.access['origin_jti']);
  expect(refreshed.access['auth_time'], 'R20.5: refresh keeps auth_time').toBe(session.access['auth_time']);
  value('signOut', await driver.signOut());
}

/**
 * Lifecycle 2 (after lifecycle 1, the user's password is `PASSWORDS.reset`): AdminResetUserPassword →
 * sign-in gives `nextStep.signInStep === 'RESET_PASSWORD'` (PasswordResetRequiredException) →
 * resetPassword / confirmResetPassword → the new password signs in and its tokens verify.
 */
export async function adminResetLifecycle(endpoint: LifecycleEndpoint, driver: AmplifyDriver, user: AmplifyUser): Promise<void> {
  const { username, email, flow } = user;
  await endpoint.adminResetUserPassword(username);
  expect(value('signIn of a RESET_REQUIRED user', await driver.signIn(username, PASSWORDS.reset, flow)), 'R19.7 D24').toEqual({
    isSignedIn: false,
    nextStep: { signInStep: 'RESET_PASSWORD' },
  });
  await resetThroughAmplify(endpoint, driver, username, email, PASSWORDS.again);
  expect(value('signIn after the reset', await driver.signIn(username, PASSWORDS.again, flow)), 'signIn after the reset').toEqual(signedIn);
  const session = await verifiedSession('fetchAuthSession after the reset', endpoint, driver);
  expect(session.id, 'ID token claims').toMatchObject(expectedClaims(endpoint, username, email).id);
  value('signOut', await driver.signOut());
}

/**
 * Sign-up and verification: signUp → confirmSignUp with the outbox code (the email becomes verified,
 * R23.10) → resetPassword / confirmResetPassword → the old password is refused, the new one signs in →
 * updateUserAttribute(email) sends a code to the new address (R24.3, R24.4) → confirmUserAttribute →
 * fetchUserAttributes shows it verified (R24.2), and a refreshed ID token carries it (R20.5).
 */
export async function signUpLifecycle(endpoint: LifecycleEndpoint, driver: AmplifyDriver, username: string, email: string, newEmail: string): Promise<void> {
  const signUp = value('signUp', await driver.signUp(username, PASSWORDS.first, email));
  expect(signUp, 'R23.6: signUp answers CONFIRM_SIGN_UP with the masked destination').toMatchObject({
    isSignUpComplete: false,
    nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: masked(email), attributeName: 'email' } },
  });
  const { code } = await endpoint.latestCode(username, 0);
  expect(value('confirmSignUp', await driver.confirmSignUp(username, code)), 'R23.10').toMatchObject({ isSignUpComplete: true });

  // The email confirmed at sign-up is a recovery channel (recovery R5.3).
  await resetThroughAmplify(endpoint, driver, username, email, PASSWORDS.reset);
  expect(await driver.signIn(username, PASSWORDS.first), 'the sign-up password is refused after the reset').toEqual(incorrect);
  expect(value('signIn with the new password', await driver.signIn(username, PASSWORDS.reset)), 'signIn').toEqual(signedIn);
  const session = await verifiedSession('fetchAuthSession after sign-up and reset', endpoint, driver);
  expect(session.id, 'ID token claims').toMatchObject(expectedClaims(endpoint, username, email).id);

  const before = await endpoint.messageCount(username);
  expect(value('updateUserAttribute email', await driver.updateEmail(newEmail)), 'R24.3: a code goes to the new address').toEqual({
    isUpdated: false,
    nextStep: {
      updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
      codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: masked(newEmail) },
    },
  });
  const sent = await endpoint.latestCode(username, before);
  expect(sent.destination, 'the verification code went to the new address').toBe(newEmail);
  expect(value('fetchUserAttributes before confirming', await driver.attributes()), 'R24.4: the new email is unverified').toMatchObject({
    email: newEmail,
    email_verified: 'false',
  });
  value('confirmUserAttribute', await driver.confirmEmail(sent.code));
  expect(value('fetchUserAttributes after confirming', await driver.attributes()), 'R24.2: verified').toMatchObject({
    email: newEmail,
    email_verified: 'true',
  });
  const refreshed = await verifiedSession('fetchAuthSession({ forceRefresh: true }) after the update', endpoint, driver, true);
  expect(refreshed.id, 'R20.5: the refreshed ID token has the current email').toMatchObject({ email: newEmail, email_verified: true });
  value('signOut', await driver.signOut());
}
