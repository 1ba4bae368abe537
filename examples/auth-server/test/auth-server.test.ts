/**
 * The example auth server, end to end over HTTP: first on the memory adapters, then on the AWS
 * composition against a moto_server this file starts on a free loopback port (skipped without moto,
 * except under CI=true), then on the PostgreSQL composition against the temporary PostgreSQL server of
 * the root vitest config's global setup (skipped without PostgreSQL, except under CI=true).
 */
import { computeSecretHash } from '@cognito-recovery/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memoryBackend } from '../src/memory.js';
import { DEMO_USER, provisionDemo } from '../src/provision.js';
import { runAuthServer, type RunningAuthServer } from '../src/run.js';
import { motoEmails, startMoto, type Moto } from './moto.js';

const post = async (url: string, body: unknown): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
};

/** The same checks on either backend; `latestCode` reads the code the user was sent. */
function describeFlow(name: string, skip: boolean, start: () => Promise<{ server: RunningAuthServer; latestCode: () => Promise<string> }>): void {
  describe.skipIf(skip)(name, () => {
    let server: RunningAuthServer | undefined;
    let latestCode: () => Promise<string>;
    const url = (): string => server?.url ?? 'http://127.0.0.1:9';

    beforeAll(async () => {
      ({ server, latestCode } = await start());
    });
    afterAll(async () => {
      await server?.close();
    });

    it('sends a code and resets the password with it', async () => {
      const forgot = await post(`${url()}/password/forgot`, { username: DEMO_USER.username });
      expect(forgot).toEqual({ status: 200, body: { delivery: { medium: 'EMAIL', destination: 'a***@e***', attribute: 'email' } } });
      const code = await latestCode();
      expect(code).toMatch(/^\d{6}$/);

      const weak = await post(`${url()}/password/confirm`, { username: DEMO_USER.username, code, password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({ error: 'weak_password' });

      const confirmed = await post(`${url()}/password/confirm`, { username: DEMO_USER.username, code, password: 'N3w-passw0rd!' });
      expect(confirmed).toEqual({ status: 204, body: undefined });

      const reused = await post(`${url()}/password/confirm`, { username: DEMO_USER.username, code, password: 'An0ther-passw0rd!' });
      expect(reused).toEqual({ status: 400, body: { error: 'invalid_code', message: 'Invalid verification code provided, please try again.' } });
    });

    it('answers an unknown user like a known one (the client has PreventUserExistenceErrors=ENABLED)', async () => {
      const forgot = await post(`${url()}/password/forgot`, { username: 'nobody@example.com' });
      expect(forgot.status).toBe(200);
      expect(forgot.body).toMatchObject({ delivery: { medium: 'EMAIL', attribute: 'email' } });
      const confirm = await post(`${url()}/password/confirm`, { username: 'nobody@example.com', code: '123456', password: 'N3w-passw0rd!' });
      expect(confirm).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
    });

    it("rejects malformed requests and unknown routes with this API's errors", async () => {
      expect(await post(`${url()}/password/forgot`, ['alice'])).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
      expect(await post(`${url()}/password/confirm`, { username: 'alice' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
      expect(await post(`${url()}/password/forgot`, { username: '' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
      expect(await post(`${url()}/password/reset`, {})).toMatchObject({ status: 404, body: { error: 'not_found' } });
    });
  });
}

describeFlow('the auth server on the memory adapters', false, async () => {
  const lines: string[] = [];
  const server = await runAuthServer(['--port', '0'], {}, { hasherCost: 1024, log: (line) => lines.push(line) });
  const latestCode = (): Promise<string> => Promise.resolve(/\b(\d{6})\b/.exec(lines.filter((l) => l.startsWith('[outbox]')).at(-1) ?? '')?.[1] ?? '');
  return { server, latestCode };
});

// The temporary PostgreSQL server of packages/adapters-postgres/test/postgres.global-setup.ts.
const postgresUrl = inject('postgresUrl');
const postgresLines: string[] = [];

describeFlow('the auth server on the PostgreSQL composition', postgresUrl === undefined, async () => {
  const env = { RECOVERY_CODE_KEY: Buffer.alloc(32, 9).toString('base64'), RECOVERY_PG_SCHEMA: 'auth_server_example' };
  const server = await runAuthServer(['--postgres', postgresUrl ?? '', '--provision', '--port', '0'], env, {
    hasherCost: 1024,
    log: (line) => postgresLines.push(line),
  });
  const latestCode = (): Promise<string> => Promise.resolve(/\b(\d{6})\b/.exec(postgresLines.filter((l) => l.startsWith('[outbox]')).at(-1) ?? '')?.[1] ?? '');
  return { server, latestCode };
});

describe.skipIf(postgresUrl === undefined)('the auth server on PostgreSQL, started wrong', () => {
  it('refuses a missing code key and a URL that is not one, naming both', async () => {
    await expect(runAuthServer(['--postgres', 'localhost:5432', '--port', '0'], {}, { log: () => undefined })).rejects.toThrow(
      /--postgres needs a URL[\s\S]*RECOVERY_CODE_KEY/,
    );
  });

  it('refuses to start without --provision when RECOVERY_CLIENT_ID is not set, leaving no connection open', async () => {
    const env = { RECOVERY_CODE_KEY: Buffer.alloc(32, 9).toString('base64'), RECOVERY_PG_SCHEMA: 'auth_server_example' };
    await expect(runAuthServer(['--postgres', postgresUrl ?? '', '--port', '0'], env, { log: () => undefined })).rejects.toThrow(/RECOVERY_CLIENT_ID/);
  });

  it('logs no port failure during the flow', () => {
    expect(postgresLines.filter((l) => l.startsWith('[port failure]'))).toEqual([]);
  });
});

// moto_server on a free loopback port, for this file only; stopped after the file's tests.
const moto: Moto | undefined = await startMoto();
if (moto === undefined && process.env['CI'] === 'true') {
  throw new Error('moto_server is not installed: the AWS example needs it under CI (pip install "moto[server]")');
}
afterAll(async () => {
  await moto?.stop();
});

describeFlow('the auth server on the AWS composition (DynamoDB + SES on moto_server)', moto === undefined, async () => {
  const endpoint = moto?.endpoint ?? '';
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    RECOVERY_TABLE: 'auth-server-example',
    RECOVERY_CODE_KEY: Buffer.alloc(32, 7).toString('base64'),
    RECOVERY_EMAIL_FROM: 'no-reply@example.com',
  };
  const server = await runAuthServer(['--aws', '--provision', '--port', '0'], env, { hasherCost: 1024, log: () => undefined });
  const latestCode = async (): Promise<string> => {
    const emails = (await motoEmails(endpoint)).filter((m) => m.to.includes(DEMO_USER.email));
    return /\b(\d{6})\b/.exec(emails.at(-1)?.body ?? '')?.[1] ?? '';
  };
  return { server, latestCode };
});

describe('memoryBackend', () => {
  it("exposes the outbox and the clock: a code expires after the pool's CodeValiditySeconds", async () => {
    const { recovery, outbox, clock } = memoryBackend({ hasherCost: 1024 });
    const { userPoolId, clientId, clientSecret } = await provisionDemo(recovery);
    const SecretHash = computeSecretHash(clientSecret, 'alice', clientId);
    expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'alice', SecretHash })).isOk()).toBe(true);
    const code = outbox.latestCodeFor(userPoolId, 'alice') ?? '';
    clock.advanceBy(901_000); // the example pool's RecoveryLimits.CodeValiditySeconds is 900
    const late = await recovery.confirmForgotPassword({ ClientId: clientId, Username: 'alice', SecretHash, ConfirmationCode: code, Password: 'N3w-passw0rd!' });
    expect(late.isErr() && late.error.name).toBe('ExpiredCodeException');
  });
});
