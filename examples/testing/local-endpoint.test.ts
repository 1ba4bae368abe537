/**
 * (c) The reference model as a local endpoint on a free loopback port, driven by boto3 and the AWS CLI
 * (any SDK works: give it the endpoint URL and dummy credentials). The code is read over HTTP from
 * `GET /_local/outbox`. Outside CI, a missing python3/boto3 or aws skips its test; under CI=true it fails.
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMemoryRecovery, type SentMessage } from '@cognito-recovery/adapters-memory';
import { localToolEnv, operationsOf, outboxInspection, startServer, type RunningServer } from '@cognito-recovery/server';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { ALICE, NEW_PASSWORD, seed, type Seeded } from './fixtures.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./recover_password.py', import.meta.url));

/** Dummy credentials, nothing from this machine's AWS configuration, and one attempt per call. */
const TOOL_ENV = { ...localToolEnv(), AWS_MAX_ATTEMPTS: '1' };

function requireTool(ctx: TestContext, command: string, args: string[]): void {
  const probe = spawnSync(command, args, { env: TOOL_ENV, stdio: 'ignore', timeout: 15_000 });
  if (probe.error === undefined && probe.status === 0) return;
  const reason = `${command} ${args.join(' ')} is not usable`;
  if (process.env['CI'] === 'true') throw new Error(`${reason}; it is required under CI=true`);
  ctx.skip(reason);
}

const recovery = createMemoryRecovery({ hasherCost: 1024, realTime: true });
let server: RunningServer;
let seeded: Seeded;

beforeAll(async () => {
  seeded = await seed(recovery);
  server = await startServer({ operations: operationsOf(recovery), inspection: outboxInspection(recovery), port: 0 });
});
afterAll(async () => {
  await server.close();
});

async function outbox(): Promise<SentMessage[]> {
  const response = await fetch(`${server.url}/_local/outbox`);
  return ((await response.json()) as { messages: SentMessage[] }).messages;
}

describe('the local endpoint', () => {
  it('serves boto3: forgot_password, the code from /_local/outbox, confirm_forgot_password', async (ctx) => {
    requireTool(ctx, 'python3', ['-c', 'import boto3']);
    const { stdout } = await run('python3', [SCRIPT, server.url, seeded.clientId, ALICE.username, NEW_PASSWORD], { env: TOOL_ENV, timeout: 30_000 });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { step: 'forgot_password', CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } },
      { step: 'confirm_forgot_password', ok: true },
      { step: 'reuse', error: 'CodeMismatchException' },
    ]);
  });

  it('serves the AWS CLI (aws cognito-idp … --endpoint-url), and the test still owns the clock', async (ctx) => {
    requireTool(ctx, 'aws', ['--version']);
    const cli = (...args: string[]) =>
      run('aws', ['cognito-idp', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json', '--no-sign-request'], {
        env: TOOL_ENV,
        timeout: 30_000,
      });

    const forgot = await cli('forgot-password', '--client-id', seeded.clientId, '--username', ALICE.username);
    expect(JSON.parse(forgot.stdout)).toMatchObject({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } });
    const code = (await outbox()).filter((m) => m.username === ALICE.username).at(-1)?.code ?? '';

    recovery.clock.advanceBy(2 * 60 * 60 * 1000); // two hours later (realTime clocks move forward too)
    const late = cli(
      'confirm-forgot-password',
      '--client-id',
      seeded.clientId,
      '--username',
      ALICE.username,
      '--confirmation-code',
      code,
      '--password',
      'An0ther-passw0rd!',
    );
    await expect(late).rejects.toMatchObject({ stderr: expect.stringContaining('(ExpiredCodeException)') as unknown });
  });
});
