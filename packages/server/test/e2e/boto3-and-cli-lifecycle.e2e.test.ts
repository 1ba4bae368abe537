/**
 * boto3 and the AWS CLI through both lifecycles against the local endpoint.
 *
 * - boto3 (`boto3_lifecycle.py`): SRP with a Python client written from R18 alone (checked first
 *   against the R18.14 vector), `USER_PASSWORD_AUTH`, `ADMIN_USER_PASSWORD_AUTH`,
 *   `AdminInitiateAuth` + `USER_SRP_AUTH`, NEW_PASSWORD_REQUIRED with `respond_to_auth_challenge`
 *   and `admin_respond_to_auth_challenge`, refresh, GetUser, the RESET_REQUIRED refusals, sign-up and
 *   attribute verification. The tokens it prints are verified here with aws-jwt-verify.
 * - the AWS CLI: `initiate-auth` (USER_SRP_AUTH, answered with `respond-to-auth-challenge`
 *   PASSWORD_VERIFIER computed by `srpClientRespond`, and USER_PASSWORD_AUTH),
 *   `respond-to-auth-challenge` NEW_PASSWORD_REQUIRED, `admin-initiate-auth`. The administrator's
 *   calls and the reset go through the SDK: each CLI run costs a Python start-up.
 *
 * Outside CI a missing Python with boto3, or a missing aws, skips these tests and prints one line
 * saying which and how to enable them; under CI=true it fails them.
 */
import { fileURLToPath } from 'node:url';
import { ConfirmForgotPasswordCommand, ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { srpClientStart } from '@cognito-recovery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, findPython, probeTools, requireTool, runTool, type ToolRun } from '../support.js';
import { expectedClaims, PASSWORDS, startLifecycleEndpoint, verifyTokens, type LifecycleEndpoint } from './lifecycle.js';

const BOTO3_LIFECYCLE = fileURLToPath(new URL('./boto3_lifecycle.py', import.meta.url));
const boto3 = findPython(['boto3']);
const awsCli = probeTools([{ label: 'the AWS CLI', command: 'aws', args: ['--version'] }]);
announceSkip(boto3, 'the boto3 lifecycle test of packages/server/test/e2e/boto3-and-cli-lifecycle.e2e.test.ts', 'pip install boto3, or set PYTHON');
announceSkip(awsCli, 'the 2 AWS CLI lifecycle tests of packages/server/test/e2e/boto3-and-cli-lifecycle.e2e.test.ts', 'pip install awscli');

/** Runs a command with the tools' clean environment and a deadline (60 s unless `timeoutMs`). */
const run = (command: string, args: readonly string[], timeoutMs = 60_000): Promise<ToolRun> =>
  runTool(command, args, { timeoutMs, maxBuffer: 8 * 1024 * 1024 });

let endpoint: LifecycleEndpoint;

beforeAll(async () => {
  endpoint = await startLifecycleEndpoint();
});

afterAll(async () => {
  await endpoint.close();
});

describe('boto3, both lifecycles and sign-up (boto3_lifecycle.py)', () => {
  it('R18.1–R18.14 R19.1 R19.2 R19.5 R19.6 R19.7 R17.2 R17.4 R16.2 R20.2 R21.1 R22.2 R22.6 R23.6 R23.10 R24.1 R24.2 R24.3 R24.4 D28 D31 D32 D35 D39 D43: SRP (initiate and admin), password and admin flows through NEW_PASSWORD_REQUIRED, reset, RESET_REQUIRED, sign-up and attribute verification; every token verifies with aws-jwt-verify', async (ctx) => {
    requireTool(ctx, boto3);
    const result = await run(boto3.python, [BOTO3_LIFECYCLE, endpoint.url], 120_000);
    const lines = result.stdout.trim().split('\n');
    // The script's own steps, so that a failure names the step that broke.
    expect(result.stderr, lines.filter((l) => !l.startsWith('TOKENS ')).join('\n')).toBe('');
    expect(lines[0]).toBe('R18.14 vector: ok');
    expect(lines.at(-1)).toBe('BOTO3 LIFECYCLE OK');
    expect(result.code).toBe(0);
    expect(lines).toEqual(
      expect.arrayContaining([
        'py-srp session reused: NotAuthorizedException',
        'py-srp old password (USER_SRP_AUTH): NotAuthorizedException',
        'py-admin old password (ADMIN_USER_PASSWORD_AUTH): NotAuthorizedException',
        'py-srp RESET_REQUIRED (USER_SRP_AUTH): PasswordResetRequiredException',
        'py-admin RESET_REQUIRED (ADMIN_USER_PASSWORD_AUTH): PasswordResetRequiredException',
        'py-srp RESET_REQUIRED get_user: PasswordResetRequiredException',
        'py-srp RESET_REQUIRED refresh: PasswordResetRequiredException',
        'py-srp earlier access token after the reset: ok',
        'py-signup unconfirmed sign-in: UserNotConfirmedException',
        'py-signup: update_user_attributes + verify_user_attribute: ok',
        'py-signup: get_user_attribute_verification_code + verify_user_attribute: ok',
      ]),
    );

    const pool = JSON.parse(lines.find((l) => l.startsWith('POOL '))?.slice(5) ?? '{}') as { poolId: string; clientId: string };
    const target = { url: endpoint.url, ...pool };
    const issued = lines.filter((l) => l.startsWith('TOKENS ')).map((l) => JSON.parse(l.slice(7)) as { label: string; idToken: string; accessToken: string });
    expect(issued.map((t) => t.label)).toEqual([
      'py-srp new password',
      'py-srp after reset (USER_SRP_AUTH)',
      'py-srp after reset (AdminInitiateAuth USER_SRP_AUTH)',
      'py-srp refreshed',
      'py-admin new password',
      'py-admin after reset (ADMIN_USER_PASSWORD_AUTH)',
      'py-admin after reset (USER_PASSWORD_AUTH)',
      'py-admin refreshed',
      'py-srp after admin reset (USER_SRP_AUTH)',
      'py-admin after admin reset (ADMIN_USER_PASSWORD_AUTH)',
      'py-signup signed up',
      'py-signup new email',
    ]);
    for (const tokens of issued) {
      const username = tokens.label.split(' ')[0] ?? '';
      const email =
        username === 'py-signup'
          ? tokens.label.endsWith('new email')
            ? 'py.moved@example.org'
            : 'py.signup@example.com'
          : `${username.replace('-', '.')}@example.com`;
      const verified = await verifyTokens(target, tokens);
      const claims = expectedClaims(pool, username, email);
      expect(verified.id, tokens.label).toMatchObject(claims.id);
      expect(verified.access, tokens.label).toMatchObject(claims.access);
    }
  }, 150_000);
});

describe('the AWS CLI, both lifecycles', () => {
  const cli = async (...args: string[]): Promise<ToolRun> =>
    run('aws', ['--endpoint-url', endpoint.url, '--region', 'us-east-1', '--output', 'json', 'cognito-idp', ...args]);
  const json = async (...args: string[]): Promise<Record<string, unknown>> => {
    const result = await cli(...args);
    expect(result.stderr, `aws cognito-idp ${args[0] ?? ''}`).toBe('');
    expect(result.code).toBe(0);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };
  const failure = async (...args: string[]): Promise<string> => {
    const result = await cli(...args);
    expect([254, 255], `aws cognito-idp ${args[0] ?? ''} should fail`).toContain(result.code);
    return result.stderr.trim();
  };
  const cliError = (name: string, operation: string, message: string): RegExp =>
    new RegExp(
      `^An error occurred \\(${name}\\) when calling the ${operation} operation(?: \\(reached max retries: \\d+\\))?: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    );
  const username = 'cli-user';
  const email = 'cli.user@example.com';

  /** USER_SRP_AUTH with `initiate-auth`, PASSWORD_VERIFIER with `respond-to-auth-challenge`. */
  async function srpSignIn(password: string): Promise<Record<string, unknown>> {
    const { a, A } = srpClientStart();
    const init = await json(
      'initiate-auth',
      '--client-id',
      endpoint.clientId,
      '--auth-flow',
      'USER_SRP_AUTH',
      '--auth-parameters',
      JSON.stringify({ USERNAME: username, SRP_A: A }),
    );
    expect(init['ChallengeName']).toBe('PASSWORD_VERIFIER');
    const responses = endpoint.passwordVerifierResponses({ a, A }, init['ChallengeParameters'] as Record<string, string>, password);
    return json(
      'respond-to-auth-challenge',
      '--client-id',
      endpoint.clientId,
      '--challenge-name',
      'PASSWORD_VERIFIER',
      '--challenge-responses',
      JSON.stringify(responses),
    );
  }

  /** The arguments of `initiate-auth` USER_PASSWORD_AUTH as the CLI user with `password`. */
  const auth = (password: string): string[] => [
    'initiate-auth',
    '--client-id',
    endpoint.clientId,
    '--auth-flow',
    'USER_PASSWORD_AUTH',
    '--auth-parameters',
    `USERNAME=${username},PASSWORD=${password}`,
  ];

  /** ForgotPassword / ConfirmForgotPassword through the SDK (the CLI's own run of them is in ../boto3-and-aws-cli.test.ts). */
  async function resetWithCode(newPassword: string): Promise<void> {
    const before = await endpoint.messageCount(username);
    await endpoint.sdk.send(new ForgotPasswordCommand({ ClientId: endpoint.clientId, Username: username }));
    const { code } = await endpoint.latestCode(username, before);
    await endpoint.sdk.send(
      new ConfirmForgotPasswordCommand({ ClientId: endpoint.clientId, Username: username, ConfirmationCode: code, Password: newPassword }),
    );
  }

  async function expectVerified(result: Record<string, unknown>): Promise<void> {
    const auth = result['AuthenticationResult'] as { IdToken: string; AccessToken: string };
    const verified = await verifyTokens(endpoint, { idToken: auth.IdToken, accessToken: auth.AccessToken });
    const claims = expectedClaims(endpoint, username, email);
    expect(verified.id).toMatchObject(claims.id);
    expect(verified.access).toMatchObject(claims.access);
  }

  it('R18.3 R18.10 R19.1 R19.3 R19.5 R7.7 R17.4 R21.11: AdminCreateUser → initiate-auth USER_SRP_AUTH + respond-to-auth-challenge → NEW_PASSWORD_REQUIRED → forgot/confirm → old password refused → admin-initiate-auth with the new one', async (ctx) => {
    requireTool(ctx, awsCli);
    await endpoint.adminCreateUser(username, email);
    const challenge = await srpSignIn(PASSWORDS.temporary);
    expect(challenge['ChallengeName']).toBe('NEW_PASSWORD_REQUIRED');
    const done = await json(
      'respond-to-auth-challenge',
      '--client-id',
      endpoint.clientId,
      '--challenge-name',
      'NEW_PASSWORD_REQUIRED',
      '--session',
      String(challenge['Session']),
      '--challenge-responses',
      JSON.stringify({ USERNAME: username, NEW_PASSWORD: PASSWORDS.first }),
    );
    await expectVerified(done);

    await resetWithCode(PASSWORDS.reset);
    expect(await failure(...auth(PASSWORDS.first))).toMatch(cliError('NotAuthorizedException', 'InitiateAuth', 'Incorrect username or password.'));
    const admin = await json(
      'admin-initiate-auth',
      '--user-pool-id',
      endpoint.poolId,
      '--client-id',
      endpoint.clientId,
      '--auth-flow',
      'ADMIN_USER_PASSWORD_AUTH',
      '--auth-parameters',
      `USERNAME=${username},PASSWORD=${PASSWORDS.reset}`,
    );
    await expectVerified(admin);
    await expectVerified(await srpSignIn(PASSWORDS.reset));
  }, 120_000);

  it('R19.7 D24: AdminResetUserPassword → initiate-auth fails with PasswordResetRequiredException → forgot/confirm → signs in', async (ctx) => {
    requireTool(ctx, awsCli);
    await endpoint.adminResetUserPassword(username);
    expect(await failure(...auth(PASSWORDS.reset))).toMatch(cliError('PasswordResetRequiredException', 'InitiateAuth', 'Password reset required for the user'));
    await resetWithCode(PASSWORDS.again);
    await expectVerified(await json(...auth(PASSWORDS.again)));
  }, 120_000);
});
