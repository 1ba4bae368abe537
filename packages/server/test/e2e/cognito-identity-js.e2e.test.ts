/**
 * amazon-cognito-identity-js (the pre-v6 Amplify library, still in many apps) in node against the
 * local endpoint: `new CognitoUserPool({ UserPoolId, ClientId, endpoint })`, `authenticateUser` over
 * SRP (USER_SRP_AUTH + PASSWORD_VERIFIER, its default), `completeNewPasswordChallenge`,
 * `forgotPassword`, `confirmPassword`, `refreshSession` (REFRESH_TOKEN_AUTH) and `getUserAttributes`
 * (GetUser), through both lifecycles. Tokens are checked with aws-jwt-verify against the endpoint's JWKS.
 */
/* eslint-disable @typescript-eslint/no-deprecated -- the library is deprecated (Amplify v5); apps still use it, which is why it is tested here */
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserAttribute, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masked } from './amplify-scenario.js';
import { expectedClaims, PASSWORDS, startLifecycleEndpoint, verifyTokens, type LifecycleEndpoint } from './lifecycle.js';

let endpoint: LifecycleEndpoint;
let pool: CognitoUserPool;

beforeAll(async () => {
  endpoint = await startLifecycleEndpoint();
  pool = new CognitoUserPool({ UserPoolId: endpoint.poolId, ClientId: endpoint.clientId, endpoint: endpoint.url });
});

afterAll(async () => {
  await endpoint.close();
});

/** What `authenticateUser` called back with. */
type Authenticated =
  | { readonly kind: 'session'; readonly session: CognitoUserSession }
  | { readonly kind: 'newPasswordRequired'; readonly userAttributes: Record<string, string>; readonly requiredAttributes: unknown }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

function failure(error: unknown): Authenticated {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  return { kind: 'error', name: String(e.code ?? e.name), message: String(e.message) };
}

function authenticate(user: CognitoUser, password: string): Promise<Authenticated> {
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => {
        resolve({ kind: 'session', session });
      },
      onFailure: (error: unknown) => {
        resolve(failure(error));
      },
      newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: unknown) => {
        resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes });
      },
    });
  });
}

function completeNewPassword(user: CognitoUser, password: string): Promise<Authenticated> {
  return new Promise((resolve) => {
    user.completeNewPasswordChallenge(
      password,
      {},
      {
        onSuccess: (session) => {
          resolve({ kind: 'session', session });
        },
        onFailure: (error: unknown) => {
          resolve(failure(error));
        },
      },
    );
  });
}

function forgotPassword(user: CognitoUser): Promise<unknown> {
  return new Promise((resolve, reject) => {
    user.forgotPassword({
      onSuccess: (data: unknown) => {
        resolve(data);
      },
      onFailure: (error: unknown) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      inputVerificationCode: (data: unknown) => {
        resolve(data);
      },
    });
  });
}

function confirmPassword(user: CognitoUser, code: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    user.confirmPassword(code, password, {
      onSuccess: (result: string) => {
        resolve(result);
      },
      onFailure: (error: unknown) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    });
  });
}

function refresh(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => {
    user.refreshSession(session.getRefreshToken(), (error: unknown, next: CognitoUserSession) => {
      if (error === null || error === undefined) resolve(next);
      else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
    });
  });
}

function attributes(user: CognitoUser): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    user.getUserAttributes((error, list?: CognitoUserAttribute[]) => {
      // The library calls back with null, not undefined, on success (its types say Error | undefined).
      if (error instanceof Error) reject(error);
      else resolve(Object.fromEntries((list ?? []).map((a) => [a.getName(), a.getValue()])));
    });
  });
}

function sessionOf(step: string, result: Authenticated): CognitoUserSession {
  if (result.kind !== 'session') throw new Error(`${step}: expected a session, got ${JSON.stringify(result.kind === 'error' ? result : result.kind)}`);
  return result.session;
}

const tokensOf = (session: CognitoUserSession) => ({ idToken: session.getIdToken().getJwtToken(), accessToken: session.getAccessToken().getJwtToken() });

async function resetWithCode(username: string, email: string, newPassword: string): Promise<void> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  const before = await endpoint.messageCount(username);
  expect(await forgotPassword(user), 'forgotPassword').toEqual({
    CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: masked(email) },
  });
  const { code } = await endpoint.latestCode(username, before);
  expect(await confirmPassword(user, code, newPassword), 'confirmPassword').toBe('SUCCESS');
}

describe('amazon-cognito-identity-js, authenticateUser over SRP', () => {
  const username = 'cij-user';
  const email = 'cij.user@example.com';

  it('R18.3 R18.4 R18.6 R18.10 R18.11 R19.1 R19.2 R19.5 R7.7 R17.4 R20.1 R20.2 R20.5 R21.11 R22.2: AdminCreateUser → newPasswordRequired → completeNewPasswordChallenge → forgotPassword / confirmPassword → old password refused → new one signs in; tokens verify, also after refreshSession', async () => {
    await endpoint.adminCreateUser(username, email);
    // The challenge is answered on the same CognitoUser (it keeps the Session).
    const challenged = new CognitoUser({ Username: username, Pool: pool });
    expect(await authenticate(challenged, PASSWORDS.temporary), 'R19.2: NEW_PASSWORD_REQUIRED with the user attributes (no sub)').toEqual({
      kind: 'newPasswordRequired',
      userAttributes: { email, email_verified: 'true' },
      requiredAttributes: [],
    });
    const initial = sessionOf('completeNewPasswordChallenge', await completeNewPassword(challenged, PASSWORDS.first));
    const claims = expectedClaims(endpoint, username, email);
    const verified = await verifyTokens(endpoint, tokensOf(initial));
    expect(verified.id).toMatchObject(claims.id);
    expect(verified.access).toMatchObject(claims.access);

    await resetWithCode(username, email, PASSWORDS.reset);
    expect(await authenticate(new CognitoUser({ Username: username, Pool: pool }), PASSWORDS.first), 'the old password after the reset').toEqual({
      kind: 'error',
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });

    const user = new CognitoUser({ Username: username, Pool: pool });
    const session = sessionOf('authenticateUser with the new password', await authenticate(user, PASSWORDS.reset));
    const after = await verifyTokens(endpoint, tokensOf(session));
    expect(after.id).toMatchObject(claims.id);
    expect(after.access).toMatchObject(claims.access);
    expect(await attributes(user), 'R22.2: GetUser with the new access token').toMatchObject({ email, email_verified: 'true' });

    const refreshed = await refresh(user, session);
    const again = await verifyTokens(endpoint, tokensOf(refreshed));
    expect(again.access['origin_jti'], 'R20.5').toBe(after.access['origin_jti']);
    expect(again.access['jti']).not.toBe(after.access['jti']);
    // R20.2: no new refresh token; the library keeps the one it had.
    expect(refreshed.getRefreshToken().getToken()).toBe(session.getRefreshToken().getToken());
  });

  it('R19.7 R17.4 D24 D39: AdminResetUserPassword → authenticateUser fails with PasswordResetRequiredException → forgotPassword / confirmPassword → signs in', async () => {
    await endpoint.adminResetUserPassword(username);
    expect(await authenticate(new CognitoUser({ Username: username, Pool: pool }), PASSWORDS.reset), 'a RESET_REQUIRED user').toEqual({
      kind: 'error',
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    });
    await resetWithCode(username, email, PASSWORDS.again);
    const session = sessionOf('authenticateUser after the reset', await authenticate(new CognitoUser({ Username: username, Pool: pool }), PASSWORDS.again));
    expect((await verifyTokens(endpoint, tokensOf(session))).id).toMatchObject(expectedClaims(endpoint, username, email).id);
  });
});
