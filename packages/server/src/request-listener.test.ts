import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer, StartServerOptions } from './start-server.js';
import { startServer } from './start-server.js';
import { FAKE_DELIVERY, fakeOperations } from './testing/fake-operations.js';

const TARGET = 'AWSCognitoIdentityProviderService.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: RunningServer;
let lines: string[];
let bugs: unknown[];
let inputs: unknown[];
let outbox: unknown[];

async function start(options: Partial<StartServerOptions> = {}): Promise<void> {
  const fake = fakeOperations();
  inputs = fake.inputs;
  server = await startServer({
    port: 0,
    operations: fake.operations,
    logger: (line) => lines.push(line),
    onBug: (error) => bugs.push(error),
    inspection: { messages: () => outbox, clear: () => { outbox = []; } },
    ...options,
  });
}

beforeEach(async () => {
  lines = [];
  bugs = [];
  outbox = [{ to: 'a@example.com', code: '123456' }, { to: 'b@example.com', code: '654321' }];
  await start();
});

afterEach(async () => {
  await server.close();
});

function call(operation: string | undefined, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(operation === undefined ? {} : { 'x-amz-target': `${TARGET}${operation}` }),
      ...headers,
    },
    body,
  });
}

describe('operations (R1.2, R1.4)', () => {
  it('answers 200 with the JSON output, the AWS JSON 1.1 content type and a request id', async () => {
    const res = await call('ForgotPassword', '{"ClientId":"c","Username":"alice"}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(await res.json()).toEqual({ CodeDeliveryDetails: FAKE_DELIVERY });
    expect(inputs).toEqual([{ ClientId: 'c', Username: 'alice' }]);
  });

  it('answers {} when the operation has no output', async () => {
    const res = await call('ConfirmForgotPassword', '{}');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{}');
  });

  it('accepts application/json and an empty body', async () => {
    const res = await call('ConfirmForgotPassword', '', { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
    expect(inputs).toEqual([{}]);
  });

  it('gives every response its own request id', async () => {
    const a = await call('ForgotPassword', '{}');
    const b = await call('ForgotPassword', '{}');
    expect(a.headers.get('x-amzn-requestid')).not.toBe(b.headers.get('x-amzn-requestid'));
  });
});

describe('errors (R1.5, D1)', () => {
  it('answers a client error with 400, {"__type","message"} and x-amzn-errortype', async () => {
    const res = await call('AdminResetUserPassword', '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-errortype')).toBe('UserNotFoundException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(await res.json()).toEqual({ __type: 'UserNotFoundException', message: 'Username/client id combination not found.' });
  });

  it('answers InternalErrorException with 500', async () => {
    const res = await call('AdminGetUser', '{}');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ __type: 'InternalErrorException', message: 'Internal server error.' });
  });

  it.each([
    ['throws', 'AdminDeleteUser', 'bug: thrown'],
    ['rejects', 'AdminDisableUser', 'bug: rejected'],
  ])('answers 500 InternalErrorException and reports the bug when an operation %s', async (_, operation, bug) => {
    const res = await call(operation, '{}');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ __type: 'InternalErrorException', message: 'Internal server error.' });
    expect(bugs).toEqual([new Error(bug)]);
    const after = await call('ForgotPassword', '{}');
    expect(after.status).toBe(200);
  });

  it.each([
    ['an unknown operation', 'DescribeNothing', 'Operation AWSCognitoIdentityProviderService.DescribeNothing is not supported.'],
    ['an inherited property name', 'constructor', 'Operation AWSCognitoIdentityProviderService.constructor is not supported.'],
  ])('answers 400 UnknownOperationException for %s', async (_, operation, message) => {
    const res = await call(operation, '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(await res.json()).toEqual({ __type: 'UnknownOperationException', message });
  });

  it('answers 400 UnknownOperationException for another service prefix', async () => {
    const res = await call(undefined, '{}', { 'x-amz-target': 'DynamoDB_20120810.ForgotPassword' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'UnknownOperationException', message: 'Operation DynamoDB_20120810.ForgotPassword is not supported.' });
  });

  it('answers 400 UnknownOperationException when X-Amz-Target is missing', async () => {
    const res = await call(undefined, '{}');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain('X-Amz-Target');
  });

  it.each([
    ['malformed JSON', '{"Username": ', 'Request body is not valid JSON.'],
    ['a JSON array', '[1, 2]', 'Request body must be a JSON object.'],
    ['JSON null', 'null', 'Request body must be a JSON object.'],
    ['a JSON string', '"ForgotPassword"', 'Request body must be a JSON object.'],
  ])('answers 400 SerializationException for %s', async (_, body, message) => {
    const res = await call('ForgotPassword', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(await res.json()).toEqual({ __type: 'SerializationException', message });
    expect(inputs).toEqual([]);
  });

  it('answers 400 SerializationException for a content type that is not JSON', async () => {
    const res = await call('ForgotPassword', 'Username=alice', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('answers 404 JSON with a request id for other routes', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(((await res.json()) as { __type: string }).__type).toBe('NotFoundException');
  });
});

describe('request limits', () => {
  function rawPost(headers: Record<string, string | number>, chunks: readonly string[]): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${server.url}/`, { method: 'POST', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  }

  it('answers 413 with a JSON error and closes the connection when Content-Length is over the limit', async () => {
    await server.close();
    await start({ maxBodyBytes: 64 });
    const body = JSON.stringify({ Username: 'x'.repeat(100) });
    const res = await rawPost({ 'x-amz-target': `${TARGET}ForgotPassword`, 'content-length': body.length }, [body]);
    expect(res.status).toBe(413);
    expect(res.headers['connection']).toBe('close');
    expect(res.headers['x-amzn-requestid']).toMatch(UUID);
    expect(JSON.parse(res.body)).toEqual({ __type: 'RequestEntityTooLargeException', message: 'Request body is larger than 64 bytes.' });
    expect(inputs).toEqual([]);
  });

  it('answers 413 when a chunked body grows over the limit', async () => {
    await server.close();
    await start({ maxBodyBytes: 64 });
    const res = await rawPost({ 'x-amz-target': `${TARGET}ForgotPassword`, 'transfer-encoding': 'chunked' }, ['{"Username":"', 'x'.repeat(100), '"}']);
    expect(res.status).toBe(413);
    expect(res.headers['connection']).toBe('close');
    expect(inputs).toEqual([]);
  });

  it('accepts the default 1 MiB limit for a normal request', async () => {
    const res = await call('ForgotPassword', JSON.stringify({ Username: 'x'.repeat(500_000) }));
    expect(res.status).toBe(200);
  });

  it('answers 408 when the body does not arrive in time', async () => {
    await server.close();
    await start({ bodyTimeoutMs: 100 });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/`, { method: 'POST', headers: { 'x-amz-target': `${TARGET}ForgotPassword`, 'content-length': 100 } }, (r) => {
        let body = '';
        r.on('data', (chunk: Buffer) => (body += chunk.toString()));
        r.on('end', () => {
          resolve({ status: r.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      req.write('{"Username":');
    });
    expect(res.status).toBe(408);
    expect((JSON.parse(res.body) as { __type: string }).__type).toBe('RequestTimeoutException');
  });
});

describe('CORS', () => {
  it('answers an OPTIONS preflight with the allowed origin, methods and echoed headers', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST, GET, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent');
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
  });

  it('allows the SDK headers on a preflight that lists none', async () => {
    const res = await fetch(`${server.url}/`, { method: 'OPTIONS' });
    expect(res.headers.get('access-control-allow-headers')).toContain('x-amz-target');
  });

  it.each([
    ['a success', 'ForgotPassword'],
    ['an error', 'AdminResetUserPassword'],
  ])('puts the CORS headers on %s', async (_, operation) => {
    const res = await call(operation, '{}', { origin: 'http://localhost:3000' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date');
  });
});

describe('inspection routes', () => {
  it('serves the outbox, newest last', async () => {
    const res = await fetch(`${server.url}/_local/outbox`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ messages: outbox });
  });

  it('clears the outbox on reset', async () => {
    const res = await fetch(`${server.url}/_local/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await (await fetch(`${server.url}/_local/outbox`)).json()).toEqual({ messages: [] });
  });

  it('answers health', async () => {
    const res = await fetch(`${server.url}/_local/health`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 JSON for the outbox and reset when inspection is off, and still answers health', async () => {
    await server.close();
    await start({ inspection: undefined });
    const outboxRes = await fetch(`${server.url}/_local/outbox`);
    const resetRes = await fetch(`${server.url}/_local/reset`, { method: 'POST' });
    expect([outboxRes.status, resetRes.status]).toEqual([404, 404]);
    expect(outboxRes.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(((await outboxRes.json()) as { __type: string }).__type).toBe('NotFoundException');
    expect((await fetch(`${server.url}/_local/health`)).status).toBe(200);
  });

  it('answers 500 when the inspection fails', async () => {
    await server.close();
    await start({ inspection: { messages: () => { throw new Error('outbox broken'); }, clear: () => undefined } });
    const res = await fetch(`${server.url}/_local/outbox`);
    expect(res.status).toBe(500);
    expect(bugs).toEqual([new Error('outbox broken')]);
  });
});

describe('request log', () => {
  it('writes one line per request with method, operation, status, duration, request id and error name', async () => {
    const ok = await call('ForgotPassword', '{}');
    const failed = await call('AdminResetUserPassword', '{}');
    expect(lines).toEqual([
      `POST ForgotPassword 200 ${/\d+\.\dms/.exec(lines[0] ?? '')?.[0] ?? '?'} ${ok.headers.get('x-amzn-requestid') ?? '?'}`,
      `POST AdminResetUserPassword 400 ${/\d+\.\dms/.exec(lines[1] ?? '')?.[0] ?? '?'} ${failed.headers.get('x-amzn-requestid') ?? '?'} UserNotFoundException`,
    ]);
  });

  it('never writes the body: no code, password, secret hash or client secret reaches a log line', async () => {
    const secrets = ['S3cr3t-P@ssw0rd!', '483920', 'c2VjcmV0LWhhc2gtdmFsdWU=', 'client-secret-xyz'];
    const body = JSON.stringify({ ClientId: 'c', Username: 'alice', Password: secrets[0], ConfirmationCode: secrets[1], SecretHash: secrets[2], ClientSecret: secrets[3] });
    await call('ConfirmForgotPassword', body);
    await call('AdminResetUserPassword', body);
    await call('AdminDeleteUser', body);
    await call('NoSuchOperation', body);
    await call('ForgotPassword', `${body}garbage`);
    const log = lines.join('\n');
    expect(lines).toHaveLength(5);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toContain('alice');
  });

  it('logs an OPTIONS preflight and a 404 too', async () => {
    await fetch(`${server.url}/`, { method: 'OPTIONS' });
    await fetch(`${server.url}/nothing?token=abc`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^OPTIONS \/ 200 /);
    expect(lines[1]).toMatch(/^GET \/nothing 404 .* NotFoundException$/);
    expect(lines.join('\n')).not.toContain('token=abc');
  });
});
