/**
 * Every operation of a real memory recovery, end to end with the AWS SDK v3 client, once over HTTP
 * (the server on an ephemeral port, codes read from `GET /_local/outbox`) and once through the
 * in-process handler (codes read from the outbox): one test body, two transports.
 */
import {
  AdminConfirmSignUpCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  ConfirmSignUpCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CodeMismatchException,
  CognitoIdentityProviderServiceException,
  type AdminInitiateAuthCommandOutput,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ExpiredCodeException,
  ForgotPasswordCommand,
  InvalidParameterException,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { SentMessage } from '@cognito-recovery/adapters-memory';
import { srpClientRespond, srpClientStart } from '@cognito-recovery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessHandler } from '../src/in-process-handler.js';
import type { RunningServer } from '../src/start-server.js';
import { startServer } from '../src/start-server.js';
import { fetchOutbox, realComposition, rejection as rejectionOf, sdkClient, secretHash, verifiedEmail } from './support.js';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How a test reaches the model: an SDK client and the messages it has sent. */
interface Transport {
  readonly client: CognitoIdentityProviderClient;
  readonly messages: () => Promise<readonly SentMessage[]>;
  readonly bugs: unknown[];
  readonly operationNames: readonly string[];
  close(): Promise<void>;
}

async function overHttp(): Promise<Transport> {
  const { operations, inspection } = realComposition();
  const bugs: unknown[] = [];
  const server: RunningServer = await startServer({ port: 0, operations, inspection, onBug: (error) => bugs.push(error) });
  const client = sdkClient(server.url);
  return {
    client,
    messages: () => fetchOutbox(server.url),
    bugs,
    operationNames: Object.keys(operations),
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

function inProcess(): Promise<Transport> {
  const { memory, operations } = realComposition();
  const bugs: unknown[] = [];
  const client = sdkClient('http://in-process', inProcessHandler(operations, { onBug: (error) => bugs.push(error) }));
  return Promise.resolve({
    client,
    messages: () => Promise.resolve(memory.outbox.messages()),
    bugs,
    operationNames: Object.keys(operations),
    close: () => {
      client.destroy();
      return Promise.resolve();
    },
  });
}

/** The service exception `promise` rejected with (any other error fails the test, as does a success). */
async function rejection(promise: Promise<unknown>): Promise<CognitoIdentityProviderServiceException> {
  const error = await rejectionOf(promise);
  if (error instanceof CognitoIdentityProviderServiceException) return error;
  throw error;
}

/** R1.5, D1: the SDK's typed exception carries the service's name, message, fault and status. */
function expectServiceError(error: CognitoIdentityProviderServiceException, name: string, message: string): void {
  expect({ name: error.name, message: error.message, fault: error.$fault, status: error.$metadata.httpStatusCode }).toEqual({
    name,
    message,
    fault: 'client',
    status: 400,
  });
  expect(error.$metadata.requestId).toMatch(REQUEST_ID);
}

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';
let poolCount = 0;

describe.each([
  ['over HTTP', overHttp],
  ['in process', inProcess],
] as const)('the AWS SDK v3 client %s against a real memory recovery', (_, connect) => {
  let t: Transport;

  beforeAll(async () => {
    t = await connect();
  });

  afterAll(async () => {
    await t.close();
    // No operation threw or rejected: every answer above came from a Result.
    expect(t.bugs).toEqual([]);
  });

  /** A pool with an email-and-phone recovery setting, one app client, and alice with a verified email. */
  async function aPoolWithAlice(clientOptions: { GenerateSecret?: boolean; PreventUserExistenceErrors?: 'ENABLED' | 'LEGACY' } = {}) {
    poolCount += 1;
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({
        PoolName: `pool-${poolCount}`,
        AliasAttributes: ['email'],
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Priority: 1, Name: 'verified_email' },
            { Priority: 2, Name: 'verified_phone_number' },
          ],
        },
      }),
    );
    const poolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await t.client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ...clientOptions }));
    const clientId = UserPoolClient?.ClientId ?? '';
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'alice',
        UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
        MessageAction: 'SUPPRESS',
      }),
    );
    await t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice', Password: PASSWORD, Permanent: true }));
    await t.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'alice', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }),
    );
    return { poolId, clientId, clientSecret: UserPoolClient?.ClientSecret };
  }

  async function latestCode(poolId: string, username: string): Promise<string> {
    const message = (await t.messages()).filter((m) => m.userPoolId === poolId && m.username === username).at(-1);
    if (message === undefined) throw new Error(`no message for ${username} in ${poolId}`);
    return message.code;
  }

  it('serves every operation of operationsOf (this suite calls each one below)', () => {
    expect([...t.operationNames].sort()).toEqual(
      [
        'AdminConfirmSignUp',
        'AdminCreateUser',
        'AdminInitiateAuth',
        'AdminRespondToAuthChallenge',
        'AdminUserGlobalSignOut',
        'ChangePassword',
        'ConfirmSignUp',
        'GetTokensFromRefreshToken',
        'GetUser',
        'GetUserAttributeVerificationCode',
        'GlobalSignOut',
        'InitiateAuth',
        'ResendConfirmationCode',
        'RespondToAuthChallenge',
        'RevokeToken',
        'UpdateUserAttributes',
        'VerifyUserAttribute',
        'AdminDeleteUser',
        'AdminDisableUser',
        'AdminEnableUser',
        'AdminGetUser',
        'AdminResetUserPassword',
        'AdminSetUserMFAPreference',
        'AdminSetUserPassword',
        'AdminUpdateUserAttributes',
        'ConfirmForgotPassword',
        'CreateUserPool',
        'CreateUserPoolClient',
        'DeleteUserPool',
        'DescribeUserPool',
        'DescribeUserPoolClient',
        'ForgotPassword',
        'ListUserPoolClients',
        'ListUserPools',
        'ListUsers',
        'SignUp',
      ].sort(),
    );
  });

  it('R1.4 R6.2 R7.5 D8: recovers a password: ForgotPassword masks the email, the sent code confirms once, its reuse is CodeMismatchException', async () => {
    const { poolId, clientId } = await aPoolWithAlice();

    const forgot = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
    expect(forgot.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' });
    expect(forgot.$metadata.httpStatusCode).toBe(200);
    expect(forgot.$metadata.requestId).toMatch(REQUEST_ID);

    const sent = (await t.messages()).filter((m) => m.userPoolId === poolId).at(-1);
    expect(sent).toMatchObject({ username: 'alice', medium: 'EMAIL', destination: 'alice@example.com' });
    const code = sent?.code ?? '';
    expect(code).toMatch(/^\d{6}$/);

    const confirmed = await t.client.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: NEW_PASSWORD }),
    );
    expect(confirmed.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(confirmed)).toEqual(['$metadata']);

    const reused = await rejection(
      t.client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'An0ther-Passw0rd!' })),
    );
    expect(reused).toBeInstanceOf(CodeMismatchException);
    expectServiceError(reused, 'CodeMismatchException', 'Invalid verification code provided, please try again.');
  });

  it('R7.5: a wrong code is CodeMismatchException and, before any ForgotPassword, ExpiredCodeException', async () => {
    const { poolId, clientId } = await aPoolWithAlice();
    const none = await rejection(
      t.client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: '123456', Password: NEW_PASSWORD })),
    );
    expect(none).toBeInstanceOf(ExpiredCodeException);
    expectServiceError(none, 'ExpiredCodeException', 'Invalid code provided, please request a code again.');

    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
    const code = await latestCode(poolId, 'alice');
    const wrong = code === '000000' ? '000001' : '000000';
    const mismatch = await rejection(
      t.client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: wrong, Password: NEW_PASSWORD })),
    );
    expectServiceError(mismatch, 'CodeMismatchException', 'Invalid verification code provided, please try again.');
  });

  it('R4.4 R7.7: AdminResetUserPassword sends a code and sets RESET_REQUIRED; ConfirmForgotPassword with it makes the user CONFIRMED', async () => {
    const { poolId, clientId } = await aPoolWithAlice();
    const before = (await t.messages()).length;
    const reset = await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(reset.$metadata.httpStatusCode).toBe(200);
    expect((await t.messages()).length).toBe(before + 1);
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus).toBe('RESET_REQUIRED');

    const code = await latestCode(poolId, 'alice');
    await t.client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: NEW_PASSWORD }));
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus).toBe('CONFIRMED');

    const unknown = await rejection(t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'nobody' })));
    expectServiceError(unknown, 'UserNotFoundException', 'User does not exist.');
  });

  it('R2.5 D3: a client with a generated secret needs the SecretHash of the exact Username, and accepts the right one', async () => {
    const { poolId, clientId, clientSecret } = await aPoolWithAlice({ GenerateSecret: true });
    expect(clientSecret).toMatch(/^[a-z0-9]{40,}$/);
    const secret = clientSecret ?? '';

    const missing = await rejection(t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' })));
    expect(missing).toBeInstanceOf(NotAuthorizedException);
    expectServiceError(missing, 'NotAuthorizedException', `Client ${clientId} is configured for secret but secret was not received`);

    const wrong = await rejection(
      t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice', SecretHash: secretHash(secret, 'bob', clientId) })),
    );
    expectServiceError(wrong, 'NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);

    const hash = secretHash(secret, 'alice', clientId);
    const forgot = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice', SecretHash: hash }));
    expect(forgot.CodeDeliveryDetails?.Destination).toBe('a***@e***');
    const code = await latestCode(poolId, 'alice');
    await t.client.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', SecretHash: hash, ConfirmationCode: code, Password: NEW_PASSWORD }),
    );

    const described = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(described.UserPoolClient?.ClientSecret).toBe(secret);
  });

  it('R8.3 R8.4: with PreventUserExistenceErrors ENABLED an unknown user gets a simulated CodeDeliveryDetails and nothing is sent', async () => {
    const { poolId, clientId } = await aPoolWithAlice({ PreventUserExistenceErrors: 'ENABLED' });
    const before = (await t.messages()).length;
    const first = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody@example.com' }));
    const again = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody@example.com' }));
    expect(first.CodeDeliveryDetails).toMatchObject({ AttributeName: 'email', DeliveryMedium: 'EMAIL' });
    expect(first.CodeDeliveryDetails?.Destination).toMatch(/^\w\*\*\*@\w\*\*\*$/);
    expect(again.CodeDeliveryDetails).toEqual(first.CodeDeliveryDetails);
    expect((await t.messages()).length).toBe(before);

    const confirm = await rejection(
      t.client.send(
        new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'nobody@example.com', ConfirmationCode: '123456', Password: NEW_PASSWORD }),
      ),
    );
    expectServiceError(confirm, 'CodeMismatchException', 'Invalid verification code provided, please try again.');

    const described = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(described.UserPoolClient?.PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('R8.5 R2.4 D1: under LEGACY an unknown user is UserNotFoundException, an unknown client ResourceNotFoundException, both 400', async () => {
    const { clientId } = await aPoolWithAlice();
    const user = await rejection(t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' })));
    expect(user).toBeInstanceOf(UserNotFoundException);
    expectServiceError(user, 'UserNotFoundException', 'Username/client id combination not found.');

    const client = await rejection(t.client.send(new ForgotPasswordCommand({ ClientId: 'nosuchclient', Username: 'alice' })));
    expect(client).toBeInstanceOf(ResourceNotFoundException);
    expectServiceError(client, 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.');
  });

  it('R1.7: an input constraint violation is InvalidParameterException with the counted message', async () => {
    const error = await rejection(t.client.send(new ForgotPasswordCommand({ ClientId: 'no spaces allowed', Username: '' })));
    expect(error).toBeInstanceOf(InvalidParameterException);
    // The empty username breaks both its length and its pattern (R1.7, D14).
    expect(error.message).toMatch(
      /^3 validation errors detected: Value at 'clientId' failed to satisfy constraint: .*; Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('describes and lists pools and clients, with dates as Date objects', async () => {
    const { poolId, clientId } = await aPoolWithAlice();
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool?.Id).toBe(poolId);
    expect(UserPool?.Name).toBe(`pool-${poolCount}`);
    expect(UserPool?.AliasAttributes).toEqual(['email']);
    expect(UserPool?.CreationDate).toBeInstanceOf(Date);
    expect(UserPool?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Math.abs((UserPool?.CreationDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    const pools = await t.client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    const listed = pools.UserPools?.find((p) => p.Id === poolId);
    expect(listed?.Name).toBe(`pool-${poolCount}`);
    expect(listed?.CreationDate).toBeInstanceOf(Date);

    const { UserPoolClient } = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(UserPoolClient).toMatchObject({ UserPoolId: poolId, ClientId: clientId, ClientName: 'web' });
    expect(UserPoolClient?.CreationDate).toBeInstanceOf(Date);

    const clients = await t.client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(clients.UserPoolClients).toEqual([{ ClientId: clientId, UserPoolId: poolId, ClientName: 'web' }]);
  });

  it('gets, lists, disables, enables and deletes users; D5: a disabled user cannot recover (LEGACY)', async () => {
    const { poolId, clientId } = await aPoolWithAlice();
    const alice = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(alice).toMatchObject({ Username: 'alice', Enabled: true, UserStatus: 'CONFIRMED' });
    expect(alice.UserCreateDate).toBeInstanceOf(Date);
    expect(alice.UserLastModifiedDate).toBeInstanceOf(Date);
    expect(alice.UserAttributes).toEqual(
      expect.arrayContaining([...verifiedEmail('alice@example.com'), { Name: 'sub', Value: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown }]),
    );
    // R3.1: a verified alias finds the user too.
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice@example.com' }))).Username).toBe('alice');

    const listed = await t.client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "alice@example.com"' }));
    expect(listed.Users?.map((u) => u.Username)).toEqual(['alice']);
    expect(listed.Users?.[0]?.UserCreateDate).toBeInstanceOf(Date);
    expect((await t.client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "bob"' }))).Users).toEqual([]);

    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).Enabled).toBe(false);
    const disabled = await rejection(t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' })));
    expectServiceError(disabled, 'NotAuthorizedException', 'User is disabled.');

    await t.client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect((await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }))).CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');

    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    const gone = await rejection(t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' })));
    expect(gone).toBeInstanceOf(UserNotFoundException);
    expectServiceError(gone, 'UserNotFoundException', 'User does not exist.');
    expect((await t.client.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([]);
  });

  it('signs up and confirms a user, and sets an MFA preference', async () => {
    const { poolId, clientId } = await aPoolWithAlice();
    const signedUp = await t.client.send(
      new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }),
    );
    expect(signedUp.UserConfirmed).toBe(false);
    expect(signedUp.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }))).UserStatus).toBe('UNCONFIRMED');

    await t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'carol' }));
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }))).UserStatus).toBe('CONFIRMED');

    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'alice', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const alice = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(alice.PreferredMfaSetting).toBe('EMAIL_OTP');
    expect(alice.UserMFASettingList).toEqual(['EMAIL_OTP']);

    const noPhone = await rejection(
      t.client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'alice', SMSMfaSettings: { Enabled: true } })),
    );
    expectServiceError(noPhone, 'InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA');
  });

  it('R18 R19.1 R20.8 R22 R23 R24: signs in over SRP and with the admin flow, answers NEW_PASSWORD_REQUIRED, and runs every token operation', async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: 'sign-in', AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] }));
    const poolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const ClientId = UserPoolClient?.ClientId ?? '';
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'dave',
        TemporaryPassword: 'Temp0rary!',
        UserAttributes: verifiedEmail('dave@example.com'),
        MessageAction: 'SUPPRESS',
      }),
    );

    // R19.1: the temporary password answers NEW_PASSWORD_REQUIRED, completed through the admin call.
    const adminSignIn = (password: string): Promise<AdminInitiateAuthCommandOutput> =>
      t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'dave', PASSWORD: password },
        }),
      );
    const challenge = await adminSignIn('Temp0rary!');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const completed = await t.client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'dave', NEW_PASSWORD: PASSWORD },
      }),
    );
    expect(completed.AuthenticationResult?.TokenType).toBe('Bearer');

    // R18: SRP sign-in with the new password.
    const { a, A } = srpClientStart();
    const verifier = await t.client.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'dave@example.com', SRP_A: A } }),
    );
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const p = verifier.ChallengeParameters ?? {};
    const proof = srpClientRespond({
      userPoolId: poolId,
      userIdForSrp: p['USER_ID_FOR_SRP'] ?? '',
      password: PASSWORD,
      a,
      A,
      SRP_B: p['SRP_B'] ?? '',
      SALT: p['SALT'] ?? '',
      SECRET_BLOCK: p['SECRET_BLOCK'] ?? '',
    });
    const signedIn = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: { USERNAME: p['USER_ID_FOR_SRP'] ?? '', PASSWORD_CLAIM_SECRET_BLOCK: p['SECRET_BLOCK'] ?? '', ...proof },
      }),
    );
    const AccessToken = signedIn.AuthenticationResult?.AccessToken ?? '';
    const RefreshToken = signedIn.AuthenticationResult?.RefreshToken ?? '';
    expect(signedIn.AuthenticationResult?.ExpiresIn).toBe(3600);

    // R22.2, R24.3, R24.1, R24.2: the token operations.
    const me = await t.client.send(new GetUserCommand({ AccessToken }));
    expect(me.Username).toBe('dave');
    const updated = await t.client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'dave@example.org' }] }));
    expect(updated.CodeDeliveryDetailsList?.map((d) => d.AttributeName)).toEqual(['email']);
    const resent = await t.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    await t.client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: await latestCode(poolId, 'dave') }));
    const verified = await t.client.send(new GetUserCommand({ AccessToken }));
    expect(verified.UserAttributes?.find((x) => x.Name === 'email_verified')?.Value).toBe('true');
    await t.client.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Ch4nged!pass' }));

    // R20.8, R22.5, R22.4: refresh, revoke, sign out.
    const refreshed = await t.client.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));
    expect(refreshed.AuthenticationResult?.IdToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await t.client.send(new RevokeTokenCommand({ ClientId, Token: RefreshToken }));
    const revoked = await rejection(t.client.send(new GetUserCommand({ AccessToken })));
    expectServiceError(revoked, 'NotAuthorizedException', 'Access Token has been revoked');
    const again = await adminSignIn('Ch4nged!pass');
    await t.client.send(new GlobalSignOutCommand({ AccessToken: again.AuthenticationResult?.AccessToken ?? '' }));
    expect((await t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'dave' }))).$metadata.httpStatusCode).toBe(200);

    // R23: sign-up, a resent code, confirmation.
    const signedUp = await t.client.send(
      new SignUpCommand({ ClientId, Username: 'erin', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }] }),
    );
    expect(signedUp.CodeDeliveryDetails?.AttributeName).toBe('email');
    await t.client.send(new ResendConfirmationCodeCommand({ ClientId, Username: 'erin' }));
    await t.client.send(new ConfirmSignUpCommand({ ClientId, Username: 'erin', ConfirmationCode: await latestCode(poolId, 'erin') }));
    expect((await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }))).UserStatus).toBe('CONFIRMED');
  });

  it('deletes a pool: afterwards DescribeUserPool is ResourceNotFoundException', async () => {
    const { poolId } = await aPoolWithAlice();
    const deleted = await t.client.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const error = await rejection(t.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(poolId);
  });
});
