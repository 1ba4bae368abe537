/**
 * Test control over HTTP on the real memory composition (issue C): `POST /_local/reset` clears the
 * outbox, the limits and the codes (by scope) and leaves pools and users; `/_local/clock` moves a
 * manual clock; `/_local/directory` lists what the console shows. The same routes answer in process.
 */
import { ForgotPasswordCommand, LimitExceededException } from '@aws-sdk/client-cognito-identity-provider';
import { HttpRequest } from '@smithy/protocol-http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessHandler } from '../src/in-process-handler.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { realComposition, sdkClient, seedUser, type RealComposition } from './support.js';

const TARGET = 'AWSCognitoIdentityProviderService.';

let composition: RealComposition;
let server: RunningServer;
let poolId = '';
let clientId = '';

async function setUp(manualClock: boolean): Promise<void> {
  composition = realComposition({ manualClock });
  const { memory } = composition;
  poolId = (await memory.createUserPool({ PoolName: 'control', AliasAttributes: ['email'] }))._unsafeUnwrap().UserPool.Id;
  clientId = (await memory.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ClientId: 'controlweb1' }))._unsafeUnwrap().UserPoolClient.ClientId;
  (
    await memory.createUserPoolClient({ UserPoolId: poolId, ClientName: 'backend', ClientId: 'controlbackend1', ClientSecret: 'controlsecret1' })
  )._unsafeUnwrap();
  await seedUser(memory, poolId, 'alice', { password: 'Passw0rd!' });
  server = await startServer({ port: 0, operations: composition.operations, inspection: composition.inspection });
}

afterEach(async () => {
  await server.close();
});

async function call(operation: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const forgot = async (): Promise<string | undefined> => {
  const { status, body } = await call('ForgotPassword', { ClientId: clientId, Username: 'alice' });
  return status === 200 ? 'ok' : (body['__type'] as string);
};
const confirm = async (code: string): Promise<string | undefined> => {
  const { status, body } = await call('ConfirmForgotPassword', {
    ClientId: clientId,
    Username: 'alice',
    ConfirmationCode: code,
    Password: `N3w-passw0rd-${code}!`,
  });
  return status === 200 ? 'ok' : (body['__type'] as string);
};
const post = async (path: string, body?: unknown): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) });
const latestCode = (): string => composition.memory.outbox.latestCodeFor(poolId, 'alice') ?? '';

describe('POST /_local/reset on the memory composition', () => {
  beforeEach(async () => {
    await setUp(false);
  });

  it('D9: a 6th ForgotPassword after a reset is answered, not refused with LimitExceededException', async () => {
    for (let i = 0; i < 5; i++) expect(await forgot()).toBe('ok');
    expect(await forgot()).toBe('LimitExceededException');
    const res = await post('/_local/reset');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ scope: 'all', cleared: ['outbox', 'limits', 'codes'] });
    expect(await forgot()).toBe('ok');
  });

  it('scope=outbox empties the outbox and keeps the limits and the code', async () => {
    for (let i = 0; i < 5; i++) await forgot();
    const code = latestCode();
    expect((await post('/_local/reset?scope=outbox')).status).toBe(200);
    expect(composition.memory.outbox.messages()).toEqual([]);
    expect(await forgot()).toBe('LimitExceededException');
    expect(await confirm(code)).toBe('ok');
  });

  it('scope=limits clears the request and the confirm-attempt windows and keeps the code', async () => {
    await forgot();
    const code = latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await confirm(wrong)).toBe('CodeMismatchException');
    expect(await confirm(code)).toBe('LimitExceededException');
    expect((await post('/_local/reset?scope=limits')).status).toBe(200);
    expect(composition.memory.outbox.messages()).toHaveLength(1);
    expect(await confirm(code)).toBe('ok');
  });

  it('scope=codes forgets every outstanding code and keeps the limits', async () => {
    for (let i = 0; i < 5; i++) await forgot();
    const code = latestCode();
    expect((await post('/_local/reset?scope=codes')).status).toBe(200);
    expect(await confirm(code)).toBe('ExpiredCodeException');
    expect(await forgot()).toBe('LimitExceededException');
  });

  it('keeps the pools, app clients and users', async () => {
    await post('/_local/reset');
    const user = await call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' });
    expect(user.body).toMatchObject({ Username: 'alice', UserStatus: 'CONFIRMED' });
    expect((await call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId })).status).toBe(200);
  });

  it('refuses to move the real clock', async () => {
    const res = await post('/_local/clock', { advanceSeconds: 3600 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnsupportedOperationException');
    expect(((await (await fetch(`${server.url}/_local/clock`)).json()) as { mode: string }).mode).toBe('real');
  });

  it('lists pools, clients (with their secret) and users with their verified attributes at /_local/directory', async () => {
    const directory = await (await fetch(`${server.url}/_local/directory`)).json();
    expect(directory).toEqual({
      pools: [
        {
          id: poolId,
          name: 'control',
          clients: [
            // JSON has no undefined: a client without a secret has no secret member.
            { id: 'controlweb1', name: 'web', preventUserExistenceErrors: 'LEGACY' },
            { id: 'controlbackend1', name: 'backend', secret: 'controlsecret1', preventUserExistenceErrors: 'LEGACY' },
          ],
          users: [{ username: 'alice', status: 'CONFIRMED', enabled: true, attributes: [{ name: 'email', value: 'alice@example.com', verified: true }] }],
        },
      ],
    });
  });
});

describe('POST /_local/clock on a manual clock', () => {
  beforeEach(async () => {
    await setUp(true);
  });

  it('D8: a code expires once the clock is advanced by its validity and one second', async () => {
    const before = (await (await fetch(`${server.url}/_local/clock`)).json()) as { mode: string; epochMs: number };
    expect(before.mode).toBe('manual');
    await forgot();
    const code = latestCode();
    const res = await post('/_local/clock', { advanceSeconds: 3601 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { epochMs: number }).epochMs).toBe(before.epochMs + 3_601_000);
    expect(await confirm(code)).toBe('ExpiredCodeException');
  });

  it('D9: the request window passes when the clock moves an hour', async () => {
    for (let i = 0; i < 5; i++) await forgot();
    expect(await forgot()).toBe('LimitExceededException');
    await post('/_local/clock', { advanceSeconds: 3600 });
    expect(await forgot()).toBe('ok');
  });

  it('does not move by itself', async () => {
    const first = ((await (await fetch(`${server.url}/_local/clock`)).json()) as { epochMs: number }).epochMs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(((await (await fetch(`${server.url}/_local/clock`)).json()) as { epochMs: number }).epochMs).toBe(first);
  });

  it('sets the time with now', async () => {
    const res = await post('/_local/clock', { now: '2031-05-06T07:08:09Z' });
    expect(await res.json()).toEqual({ mode: 'manual', now: '2031-05-06T07:08:09.000Z', epochMs: Date.UTC(2031, 4, 6, 7, 8, 9) });
    await forgot();
    expect(composition.memory.outbox.messages()[0]?.sentAt).toBe('2031-05-06T07:08:09.000Z');
  });
});

describe('the same routes in process', () => {
  beforeEach(async () => {
    await setUp(true);
  });

  it('resets the limits and moves the clock through inProcessHandler', async () => {
    const handler = inProcessHandler(composition.operations, { inspection: composition.inspection });
    const client = sdkClient('http://in-process', handler);
    try {
      for (let i = 0; i < 5; i++) await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
      await expect(client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }))).rejects.toBeInstanceOf(LimitExceededException);
      const reset = await handler.handle(
        new HttpRequest({ method: 'POST', hostname: 'in-process', path: '/_local/reset', query: { scope: 'limits' }, headers: {} }),
      );
      expect(reset.response.statusCode).toBe(200);
      await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
      const moved = await handler.handle(
        new HttpRequest({ method: 'POST', hostname: 'in-process', path: '/_local/clock', headers: {}, body: '{"advanceSeconds":60}' }),
      );
      expect(moved.response.statusCode).toBe(200);
    } finally {
      client.destroy();
    }
  });
});
