/**
 * The AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider`) through both lifecycles over HTTP,
 * with SRP computed by `srpClientStart` / `srpClientRespond` of `@cognito-recovery/core/testing`:
 * `AdminInitiateAuth` + `USER_SRP_AUTH` answered with `AdminRespondToAuthChallenge` (D28),
 * `InitiateAuth` / `RespondToAuthChallenge`, the password flows, `REFRESH_TOKEN_AUTH` and
 * `GetTokensFromRefreshToken`, and what a reset does to the tokens a user already holds (D39), then
 * `ChangePassword`, `GlobalSignOut`, `RevokeToken`, and `SignUp` / `ResendConfirmationCode` /
 * `ConfirmSignUp`.
 */
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { srpClientStart } from '@cognito-recovery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedClaims, outcome, PASSWORDS, startLifecycleEndpoint, verifyTokens, type LifecycleEndpoint } from './lifecycle.js';

let endpoint: LifecycleEndpoint;

beforeAll(async () => {
  endpoint = await startLifecycleEndpoint();
});

afterAll(async () => {
  await endpoint.close();
});

const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const resetRequired = { name: 'PasswordResetRequiredException', message: 'Password reset required for the user' };

/** USER_SRP_AUTH + PASSWORD_VERIFIER, through InitiateAuth or AdminInitiateAuth; the final answer. */
async function srpSignIn(username: string, password: string, admin = false) {
  const { a, A } = srpClientStart();
  const parameters = { USERNAME: username, SRP_A: A };
  const init = admin
    ? await endpoint.sdk.send(
        new AdminInitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', UserPoolId: endpoint.poolId, ClientId: endpoint.clientId, AuthParameters: parameters }),
      )
    : await endpoint.sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: endpoint.clientId, AuthParameters: parameters }));
  expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
  expect(init.Session, 'R18.4: no Session with PASSWORD_VERIFIER').toBeUndefined();
  const ChallengeResponses = endpoint.passwordVerifierResponses({ a, A }, init.ChallengeParameters ?? {}, password);
  return admin
    ? endpoint.sdk.send(
        new AdminRespondToAuthChallengeCommand({
          ChallengeName: 'PASSWORD_VERIFIER',
          UserPoolId: endpoint.poolId,
          ClientId: endpoint.clientId,
          ChallengeResponses,
        }),
      )
    : endpoint.sdk.send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: endpoint.clientId, ChallengeResponses }));
}

function result(step: string, answer: { AuthenticationResult?: AuthenticationResultType | undefined; ChallengeName?: string | undefined }) {
  expect(answer.ChallengeName, step).toBeUndefined();
  const auth = answer.AuthenticationResult;
  if (auth?.AccessToken === undefined || auth.IdToken === undefined) throw new Error(`${step}: no tokens`);
  return { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: auth.RefreshToken ?? '' };
}

async function resetWithCode(username: string, newPassword: string): Promise<void> {
  const before = await endpoint.messageCount(username);
  await endpoint.sdk.send(new ForgotPasswordCommand({ ClientId: endpoint.clientId, Username: username }));
  const { code } = await endpoint.latestCode(username, before);
  await endpoint.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: endpoint.clientId, Username: username, ConfirmationCode: code, Password: newPassword }));
}

const getUser = (accessToken: string) => endpoint.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
const refreshWith = (refreshToken: string) =>
  endpoint.sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: endpoint.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }));

describe('the AWS SDK v3, both lifecycles', () => {
  const username = 'sdk-user';
  const email = 'sdk.user@example.com';
  let held: { accessToken: string; idToken: string; refreshToken: string };

  it('D28 R18.4 R18.10 R18.11 R19.1 R19.5 R7.7 R17.4 R20.2 R20.5 R20.8 R21.11 R22.2: AdminInitiateAuth USER_SRP_AUTH → NEW_PASSWORD_REQUIRED via AdminRespondToAuthChallenge → reset → old password refused in every flow → new one signs in; refresh both ways', async () => {
    const claims = expectedClaims(endpoint, username, email);
    await endpoint.adminCreateUser(username, email);
    const first = await srpSignIn(username, PASSWORDS.temporary, true);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await endpoint.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        UserPoolId: endpoint.poolId,
        ClientId: endpoint.clientId,
        Session: first.Session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORDS.first },
      }),
    );
    expect((await verifyTokens(endpoint, result('NEW_PASSWORD_REQUIRED answered', done))).id).toMatchObject(claims.id);

    await resetWithCode(username, PASSWORDS.reset);
    expect(await outcome(endpoint.passwordSignIn(username, PASSWORDS.first)), 'USER_PASSWORD_AUTH, old password').toEqual(incorrect);
    expect(await outcome(srpSignIn(username, PASSWORDS.first)), 'USER_SRP_AUTH, old password').toEqual(incorrect);
    expect(await outcome(srpSignIn(username, PASSWORDS.first, true)), 'AdminInitiateAuth USER_SRP_AUTH, old password').toEqual(incorrect);

    held = result('SRP with the new password', await srpSignIn(username, PASSWORDS.reset));
    const verified = await verifyTokens(endpoint, held);
    expect(verified.id).toMatchObject(claims.id);
    expect(verified.access).toMatchObject(claims.access);
    expect((await getUser(held.accessToken)).Username).toBe(username);

    const refreshed = await refreshWith(held.refreshToken);
    expect(refreshed.AuthenticationResult?.RefreshToken, 'R20.2').toBeUndefined();
    const viaRefresh = await verifyTokens(endpoint, result('REFRESH_TOKEN_AUTH', refreshed));
    expect(viaRefresh.access['origin_jti'], 'R20.5').toBe(verified.access['origin_jti']);
    const fromToken = await endpoint.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: endpoint.clientId, RefreshToken: held.refreshToken }));
    const viaGetTokens = await verifyTokens(endpoint, result('GetTokensFromRefreshToken', fromToken));
    expect(viaGetTokens.access['origin_jti'], 'R20.8').toBe(verified.access['origin_jti']);
  });

  it('R19.7 R20.4 R22.1 R22.6 D24 D39: AdminResetUserPassword → every sign-in flow and the tokens already held answer PasswordResetRequiredException → reset → the held tokens work again and the new password signs in', async () => {
    await endpoint.adminResetUserPassword(username);
    expect((await endpoint.sdk.send(new AdminGetUserCommand({ UserPoolId: endpoint.poolId, Username: username }))).UserStatus).toBe('RESET_REQUIRED');
    expect(await outcome(endpoint.passwordSignIn(username, PASSWORDS.reset)), 'USER_PASSWORD_AUTH').toEqual(resetRequired);
    expect(await outcome(srpSignIn(username, PASSWORDS.reset)), 'USER_SRP_AUTH').toEqual(resetRequired);
    expect(await outcome(getUser(held.accessToken)), 'GetUser with a token of the earlier sign-in').toEqual(resetRequired);
    expect(await outcome(refreshWith(held.refreshToken)), 'REFRESH_TOKEN_AUTH with the earlier refresh token').toEqual(resetRequired);

    await resetWithCode(username, PASSWORDS.again);
    expect((await getUser(held.accessToken)).Username, 'D39: status-based, lifted by the reset').toBe(username);
    const again = result('USER_PASSWORD_AUTH after the reset', await endpoint.passwordSignIn(username, PASSWORDS.again));
    expect((await verifyTokens(endpoint, again)).id).toMatchObject(expectedClaims(endpoint, username, email).id);
  });

  it('R22.3 R22.4 R22.5 R20.4 D38 D40: ChangePassword, then GlobalSignOut revokes the held tokens and RevokeToken a refresh token', async () => {
    const session = result('sign-in', await srpSignIn(username, PASSWORDS.again));
    expect(
      await outcome(
        endpoint.sdk.send(
          new ChangePasswordCommand({ AccessToken: session.accessToken, PreviousPassword: PASSWORDS.first, ProposedPassword: PASSWORDS.temporary }),
        ),
      ),
      'wrong previous password',
    ).toEqual(incorrect);
    await endpoint.sdk.send(
      new ChangePasswordCommand({ AccessToken: session.accessToken, PreviousPassword: PASSWORDS.again, ProposedPassword: PASSWORDS.first }),
    );
    expect(await outcome(endpoint.passwordSignIn(username, PASSWORDS.again)), 'the password before ChangePassword').toEqual(incorrect);
    // R22.6: ChangePassword signs nobody out.
    expect((await getUser(session.accessToken)).Username).toBe(username);

    const other = result('another sign-in', await srpSignIn(username, PASSWORDS.first));
    await endpoint.sdk.send(new RevokeTokenCommand({ ClientId: endpoint.clientId, Token: other.refreshToken }));
    expect(await outcome(refreshWith(other.refreshToken)), 'refresh with a revoked refresh token').toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    expect(await outcome(getUser(other.accessToken)), 'its access token').toEqual({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    expect((await getUser(session.accessToken)).Username, 'RevokeToken revokes that sign-in only').toBe(username);

    await endpoint.sdk.send(new GlobalSignOutCommand({ AccessToken: session.accessToken }));
    expect(await outcome(getUser(session.accessToken))).toEqual({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    expect(await outcome(refreshWith(session.refreshToken))).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await outcome(refreshWith(held.refreshToken)), 'the refresh token of an earlier sign-in too').toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });
});

describe('the AWS SDK v3, sign-up', () => {
  it('R23.6 R23.10 R23.12 D33 R17.4: SignUp → ResendConfirmationCode supersedes the first code → ConfirmSignUp → reset → sign-in', async () => {
    const username = 'sdk-signup';
    const email = 'sdk.signup@example.com';
    const signUp = await endpoint.sdk.send(
      new SignUpCommand({ ClientId: endpoint.clientId, Username: username, Password: PASSWORDS.first, UserAttributes: [{ Name: 'email', Value: email }] }),
    );
    expect(signUp).toMatchObject({ UserConfirmed: false, CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 's***@e***' } });
    expect(signUp.UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const first = await endpoint.latestCode(username, 0);
    expect(await outcome(endpoint.passwordSignIn(username, PASSWORDS.first)), 'R17.4').toEqual({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });

    const resent = await endpoint.sdk.send(new ResendConfirmationCodeCommand({ ClientId: endpoint.clientId, Username: username }));
    expect(resent.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 's***@e***' });
    const second = await endpoint.latestCode(username, 1);
    if (first.code !== second.code) {
      expect(
        await outcome(endpoint.sdk.send(new ConfirmSignUpCommand({ ClientId: endpoint.clientId, Username: username, ConfirmationCode: first.code }))),
        'D33: the first code is superseded',
      ).toEqual({ name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });
    }
    await endpoint.sdk.send(new ConfirmSignUpCommand({ ClientId: endpoint.clientId, Username: username, ConfirmationCode: second.code }));
    expect(
      await outcome(endpoint.sdk.send(new ConfirmSignUpCommand({ ClientId: endpoint.clientId, Username: username, ConfirmationCode: second.code }))),
      'R23.11',
    ).toEqual({ name: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED' });

    await resetWithCode(username, PASSWORDS.reset);
    const tokens = result('SRP after sign-up and reset', await srpSignIn(username, PASSWORDS.reset));
    const verified = await verifyTokens(endpoint, tokens);
    expect(verified.id).toMatchObject(expectedClaims(endpoint, username, email).id);
    expect(verified.id.sub).toBe(signUp.UserSub);
  });
});
