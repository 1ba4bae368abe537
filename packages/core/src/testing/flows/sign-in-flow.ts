/**
 * The shared sign-in flow suite: password, SRP and `NEW_PASSWORD_REQUIRED` sign-in end to end through
 * the operations of a `Recovery`, run on every composition (memory, DynamoDB, PostgreSQL…) like
 * {@link describeRecoveryFlow}.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { err, type Result } from 'neverthrow';
import { describe, expect } from 'vitest';
// From the package entry, whose names are stable, rather than from internal paths.
import { cognitoError, messages, type Recovery, type SignInOutput } from '../../index.js';
import { codeIn } from '../deliveries.js';
import { srpChallengeResponses, srpClientStart } from '../srp-client.js';
import {
  createConfirmedUser,
  createPoolAndClient,
  must,
  suiteRegistration,
  type MakeFlow,
  type RecoveryFlow,
  type RecoveryFlowOptions,
} from './recovery-flow.js';

/**
 * Options of {@link describeSignInFlow}: those of the recovery flow suite (`lacks`, `timeoutMs`).
 *
 * @example
 * ```ts
 * const options: SignInFlowOptions = { timeoutMs: 60_000 };
 * ```
 * @group Testing
 */
export type SignInFlowOptions = RecoveryFlowOptions;

const PASSWORD = 'Sign-in-passw0rd!';
const NEW_PASSWORD = 'N3w-passw0rd!';
const TEMPORARY = 'Temp-passw0rd1!';
const incorrect = err(cognitoError('NotAuthorizedException', messages.incorrectCredentials));

/** One test's pool and client (every flow enabled), on a fresh composition. */
interface Stage {
  readonly flow: RecoveryFlow;
  readonly recovery: Recovery;
  readonly poolId: string;
  readonly clientId: string;
  readonly email: string;
  /** A CONFIRMED user `alice` (verified email) with {@link PASSWORD}. */
  alice(): Promise<void>;
  password(username: string, password: string): ReturnType<Recovery['initiateAuth']>;
  /** The composition's clock (through `advance(0)` when it answers the time), else the wall clock. */
  now(): Promise<number>;
}

async function stageOf(makeFlow: MakeFlow, existence: 'LEGACY' | 'ENABLED' = 'LEGACY'): Promise<Stage> {
  const flow = await makeFlow();
  const { recovery } = flow;
  const suffix = randomUUID().slice(0, 8);
  const { poolId, clientId } = await createPoolAndClient(
    recovery,
    {
      PoolName: `sign-in-${suffix}`,
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
    },
    {
      ClientName: 'web',
      PreventUserExistenceErrors: existence,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    },
  );
  const email = `alice.${suffix}@example.com`;
  return {
    flow,
    recovery,
    poolId,
    clientId,
    email,
    alice: () => createConfirmedUser(recovery, poolId, 'alice', { email, email_verified: 'true' }, PASSWORD),
    password: (username, password) =>
      recovery.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
    async now() {
      const moved = flow.advance === undefined ? undefined : await flow.advance(0);
      return typeof moved === 'number' ? moved : Date.now();
    },
  };
}

/** A final sign-in result: `{ChallengeParameters: {}, AuthenticationResult}` with Bearer tokens (D35). */
function expectSignedIn(result: Result<SignInOutput, unknown>, username: string): void {
  expect(result.isOk()).toBe(true);
  if (result.isErr()) return;
  expect(result.value.ChallengeParameters).toEqual({});
  const tokens = result.value.AuthenticationResult;
  expect(tokens?.TokenType).toBe('Bearer');
  const claims = JSON.parse(Buffer.from((tokens?.IdToken ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  expect(claims['cognito:username']).toBe(username);
  expect(claims['token_use']).toBe('id');
}

/** USER_SRP_AUTH, then the PASSWORD_VERIFIER answer computed with `password` (R18.3–R18.10). */
async function srp(s: Stage, username: string, password: string) {
  const client = srpClientStart();
  const init = await must(
    'InitiateAuth USER_SRP_AUTH',
    s.recovery.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: username, SRP_A: client.A } }),
  );
  const ChallengeResponses = srpChallengeResponses(s.poolId, client, init.ChallengeParameters, password, { date: new Date(await s.now()) });
  const respond = () => s.recovery.respondToAuthChallenge({ ClientId: s.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses });
  return { init, respond };
}

/**
 * Registers the sign-in flow suite: USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH with a password an
 * administrator set, USER_SRP_AUTH with its PASSWORD_VERIFIER answer (single-use SECRET_BLOCK),
 * AdminCreateUser's temporary password through `NEW_PASSWORD_REQUIRED` (single-use session), the
 * default client's disabled password flow (D23), LEGACY and ENABLED answers for nobody,
 * `RESET_REQUIRED` until the recovery completes, refresh, and lockout. Every test calls `makeFlow()`
 * for a fresh composition and creates its own pool through the recovery.
 *
 * @example
 * ```ts
 * describeSignInFlow('memory adapters', () => {
 *   const memory = createMemoryRecovery({ hasherCost: 1024 });
 *   return { recovery: memory, delivered: () => memory.outbox.messages(), advance: (ms) => memory.clock.advanceBy(ms) };
 * });
 * ```
 * @group Testing
 */
export function describeSignInFlow(name: string, makeFlow: MakeFlow, options: SignInFlowOptions = {}): void {
  const { test, lacking } = suiteRegistration(options);

  describe(`sign-in flow: ${name}${lacking}`, () => {
    test('R17.2 R17.4: USER_PASSWORD_AUTH signs in with the password an administrator set (by username or verified alias); a wrong one is refused', async () => {
      const s = await stageOf(makeFlow);
      await s.alice();
      expectSignedIn(await s.password('alice', PASSWORD), 'alice');
      expectSignedIn(await s.password(s.email.toUpperCase(), PASSWORD), 'alice');
      expect(await s.password('alice', 'Wrong-passw0rd!')).toEqual(incorrect);
      const admin = await s.recovery.adminInitiateAuth({
        UserPoolId: s.poolId,
        ClientId: s.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      });
      expectSignedIn(admin, 'alice');
    });

    test('R16.4 D23: a client created without ExplicitAuthFlows cannot use USER_PASSWORD_AUTH', async () => {
      const s = await stageOf(makeFlow);
      const plain = await must('CreateUserPoolClient', s.recovery.createUserPoolClient({ UserPoolId: s.poolId, ClientName: 'plain' }));
      expect(plain.UserPoolClient.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);
      const result = await s.recovery.initiateAuth({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: plain.UserPoolClient.ClientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      });
      expect(result).toEqual(err(cognitoError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client')));
    });

    test('R18.4 R18.10 R18.11 D28: USER_SRP_AUTH then PASSWORD_VERIFIER signs in; the SECRET_BLOCK is single use; a wrong password fails', async () => {
      const s = await stageOf(makeFlow);
      await s.alice();
      const right = await srp(s, s.email, PASSWORD);
      expect(right.init.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(right.init.ChallengeParameters['USER_ID_FOR_SRP']).toBe('alice');
      expectSignedIn(await right.respond(), 'alice');
      expect(await right.respond()).toEqual(incorrect);
      expect(await (await srp(s, 'alice', 'Wrong-passw0rd!')).respond()).toEqual(incorrect);
    });

    test('R19.1 R19.5 D31 D32: a temporary password ends in NEW_PASSWORD_REQUIRED; the answer signs in once, then the new password works', async () => {
      const s = await stageOf(makeFlow);
      await must(
        'AdminCreateUser',
        s.recovery.adminCreateUser({ UserPoolId: s.poolId, Username: 'jane', TemporaryPassword: TEMPORARY, MessageAction: 'SUPPRESS' }),
      );
      const challenge = await must('InitiateAuth', s.password('jane', TEMPORARY));
      expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      expect(challenge.ChallengeParameters['USER_ID_FOR_SRP']).toBe('jane');
      const answer = () =>
        s.recovery.respondToAuthChallenge({
          ClientId: s.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ...(challenge.Session === undefined ? {} : { Session: challenge.Session }),
          ChallengeResponses: { USERNAME: 'jane', NEW_PASSWORD },
        });
      expectSignedIn(await answer(), 'jane');
      expect(await answer()).toEqual(err(cognitoError('NotAuthorizedException', 'Invalid session for the user, session can only be used once.')));
      expect((await must('AdminGetUser', s.recovery.adminGetUser({ UserPoolId: s.poolId, Username: 'jane' }))).UserStatus).toBe('CONFIRMED');
      expectSignedIn(await s.password('jane', NEW_PASSWORD), 'jane');
    });

    test('R17.4 D24 R19.7: after AdminResetUserPassword sign-in is PasswordResetRequiredException; after the recovery the new password signs in', async () => {
      const s = await stageOf(makeFlow);
      await s.alice();
      await must('AdminResetUserPassword', s.recovery.adminResetUserPassword({ UserPoolId: s.poolId, Username: 'alice' }));
      expect(await s.password('alice', PASSWORD)).toEqual(err(cognitoError('PasswordResetRequiredException', 'Password reset required for the user')));
      const latest = (await s.flow.delivered()).filter((m) => m.destination === s.email).at(-1);
      const code = latest === undefined ? undefined : codeIn(latest);
      expect(code).toMatch(/^\d{6}$/);
      await must(
        'ConfirmForgotPassword',
        s.recovery.confirmForgotPassword({ ClientId: s.clientId, Username: 'alice', ConfirmationCode: code ?? '', Password: NEW_PASSWORD }),
      );
      expectSignedIn(await s.password('alice', NEW_PASSWORD), 'alice');
      expect(await s.password('alice', PASSWORD)).toEqual(incorrect);
    });

    test('R17.4 R18.13 D30: nobody: LEGACY UserNotFoundException; ENABLED the generic failure and a simulated PASSWORD_VERIFIER', async () => {
      const legacy = await stageOf(makeFlow);
      expect(await legacy.password('ghost', PASSWORD)).toEqual(err(cognitoError('UserNotFoundException', 'User does not exist.')));
      const enabled = await stageOf(makeFlow, 'ENABLED');
      expect(await enabled.password('ghost', PASSWORD)).toEqual(incorrect);
      const simulated = await srp(enabled, 'ghost', PASSWORD);
      expect(simulated.init.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(await simulated.respond()).toEqual(incorrect);
    });

    test('R20.1 R20.2: REFRESH_TOKEN_AUTH with the refresh token of a sign-in answers new ID and access tokens', async () => {
      const s = await stageOf(makeFlow);
      await s.alice();
      const signedIn = await must('InitiateAuth', s.password('alice', PASSWORD));
      const refreshed = await must(
        'REFRESH_TOKEN_AUTH',
        s.recovery.initiateAuth({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: s.clientId,
          AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult?.RefreshToken ?? '' },
        }),
      );
      expect(refreshed.ChallengeParameters).toEqual({});
      expect(refreshed.AuthenticationResult?.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    test('R25.1 D27: five wrong passwords lock the user out for a second, the right password included [needs: clock]', async () => {
      const s = await stageOf(makeFlow);
      await s.alice();
      for (let i = 0; i < 5; i++) expect(await s.password('alice', 'Wrong-passw0rd!')).toEqual(incorrect);
      expect(await s.password('alice', PASSWORD)).toEqual(err(cognitoError('NotAuthorizedException', 'Password attempts exceeded')));
      await s.flow.advance?.(1001);
      expectSignedIn(await s.password('alice', PASSWORD), 'alice');
    });
  });
}
