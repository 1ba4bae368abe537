import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectionClock, ResetScope } from './inspection.js';
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
    inspection: {
      messages: () => outbox,
      clear: () => {
        outbox = [];
      },
    },
    ...options,
  });
}

beforeEach(async () => {
  lines = [];
  bugs = [];
  outbox = [
    { to: 'a@example.com', code: '123456' },
    { to: 'b@example.com', code: '654321' },
  ];
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
  it('R15.2: answers a client error with 400, {"__type","message"}, x-amzn-errortype "<Name>:" and x-amzn-errormessage', async () => {
    const res = await call('AdminResetUserPassword', '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-errortype')).toBe('UserNotFoundException:');
    expect(res.headers.get('x-amzn-errormessage')).toBe('Username/client id combination not found.');
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
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException:');
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
  it('answers 413 with a JSON error and closes the connection when Content-Length is over the limit', async () => {
    await server.close();
    await start({ maxBodyBytes: 64 });
    const body = JSON.stringify({ Username: 'x'.repeat(100) });
    const res = await rawRequest('/', { 'x-amz-target': `${TARGET}ForgotPassword`, 'content-length': body.length }, 'POST', [body]);
    expect(res.status).toBe(413);
    expect(res.headers['connection']).toBe('close');
    expect(res.headers['x-amzn-requestid']).toMatch(UUID);
    expect(JSON.parse(res.body)).toEqual({ __type: 'RequestEntityTooLargeException', message: 'Request body is larger than 64 bytes.' });
    expect(inputs).toEqual([]);
  });

  it('answers 413 when a chunked body grows over the limit', async () => {
    await server.close();
    await start({ maxBodyBytes: 64 });
    const res = await rawRequest('/', { 'x-amz-target': `${TARGET}ForgotPassword`, 'transfer-encoding': 'chunked' }, 'POST', [
      '{"Username":"',
      'x'.repeat(100),
      '"}',
    ]);
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
    // 12 of the 100 declared bytes, and the request left open.
    const res = await rawRequest('/', { 'x-amz-target': `${TARGET}ForgotPassword`, 'content-length': 100 }, 'POST', ['{"Username":'], false);
    expect(res.status).toBe(408);
    expect((JSON.parse(res.body) as { __type: string }).__type).toBe('RequestTimeoutException');
  });
});

/**
 * A raw HTTP exchange on a socket, like a client that is not fetch: it writes the head, then the body
 * in `chunks` pieces `gapMs` apart, and reads the answer only once it has written everything.
 */
function rawExchange(
  port: number,
  head: string,
  options: { body?: Buffer; chunks?: number; gapMs?: number } = {},
): Promise<{ raw: string; error: string | undefined }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let error: string | undefined;
    socket.pause();
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => {
      resolve({ raw: data, error });
    });
    socket.write(head);
    const body = options.body ?? Buffer.alloc(0);
    const pieces = Math.max(1, options.chunks ?? 1);
    const size = Math.ceil(body.length / pieces);
    let sent = 0;
    const next = (): void => {
      if (sent >= body.length || socket.destroyed) {
        socket.resume();
        return;
      }
      const piece = body.subarray(sent, sent + size);
      sent += piece.length;
      socket.write(piece, () => setTimeout(next, options.gapMs ?? 0));
    };
    next();
  });
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  return new RegExp(`\r\n${name}: ([^\r\n]*)`, 'i').exec(head)?.[1];
}

function bodyOf(raw: string): string {
  return raw.slice(raw.indexOf('\r\n\r\n') + 4);
}

describe('B: a typed error where node:http would answer bare', () => {
  it('answers an HTTP/1.1 request without Host with a JSON 400 and a request id', async () => {
    const { raw } = await rawExchange(server.port, 'GET /_local/health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(statusOf(raw)).toBe(400);
    expect(headerOf(raw, 'x-amzn-requestid')).toMatch(UUID);
    expect(headerOf(raw, 'content-type')).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(bodyOf(raw))).toEqual({ __type: 'BadRequestException', message: 'HTTP/1.1 requests need a Host header.' });
  });

  it('answers an HTTP/1.0 request without Host (which needs none)', async () => {
    const { raw } = await rawExchange(server.port, 'GET /_local/health HTTP/1.0\r\n\r\n');
    expect(statusOf(raw)).toBe(200);
    expect(JSON.parse(bodyOf(raw))).toEqual({ status: 'ok' });
  });

  it('lets a client that is still sending its oversized body, and reads only after, read the 413', async () => {
    await server.close();
    await start({ maxBodyBytes: 1024 });
    const body = Buffer.alloc(2 * 1024 * 1024, 'x');
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: ${TARGET}ForgotPassword\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { raw, error } = await rawExchange(server.port, head, { body, chunks: 32, gapMs: 5 });
    expect(error).toBeUndefined();
    expect(statusOf(raw)).toBe(413);
    expect(headerOf(raw, 'connection')).toBe('close');
    expect(headerOf(raw, 'x-amzn-requestid')).toMatch(UUID);
    expect(JSON.parse(bodyOf(raw))).toEqual({ __type: 'RequestEntityTooLargeException', message: 'Request body is larger than 1024 bytes.' });
    expect(inputs).toEqual([]);
  });

  it('stops reading a body far over the limit and closes the connection', async () => {
    await server.close();
    await start({ maxBodyBytes: 1024, maxDiscardBytes: 4096 });
    const body = Buffer.alloc(64 * 1024, 'x');
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: ${TARGET}ForgotPassword\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunked = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    const { raw } = await rawExchange(server.port, head, { body: chunked, chunks: 8, gapMs: 5 });
    // The connection is closed either way; when the answer arrives first, it is the 413.
    if (raw !== '') expect(statusOf(raw)).toBe(413);
    expect((await fetch(`${server.url}/_local/health`)).status).toBe(200);
  });
});

describe('D21: Host check (DNS rebinding)', () => {
  it.each(['127.0.0.1', `127.0.0.1:9229`, 'localhost', 'LOCALHOST:80', '127.1.2.3:1', '[::1]:9229'])('answers Host %s', async (host) => {
    const res = await rawRequest(`/_local/outbox`, { host });
    expect(res.status).toBe(200);
  });

  it.each(['rebind.attacker.example:9229', 'evil.example', '0.0.0.0:9229', '192.168.1.10', '127.0.0.1.nip.io', 'localhost.attacker.example', '[::2]'])(
    'refuses Host %s with a typed 403 and no CORS header, on the API and on /_local/*',
    async (host) => {
      for (const [method, path] of [
        ['GET', '/_local/outbox'],
        ['POST', '/'],
        ['OPTIONS', '/'],
        ['GET', '/_local/health'],
      ] as const) {
        const res = await rawRequest(path, { host, origin: 'http://localhost:3000', 'x-amz-target': `${TARGET}ForgotPassword` }, method);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.headers['x-amzn-requestid']).toMatch(UUID);
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
        const body = JSON.parse(res.body) as { __type: string; message: string };
        expect(body.__type).toBe('ForbiddenException');
        expect(body.message).toContain(`Host ${JSON.stringify(host)} is not allowed`);
        expect(body.message).toContain('--allowed-host');
      }
      expect(inputs).toEqual([]);
    },
  );

  it('answers the names given in allowedHosts, on any port', async () => {
    await server.close();
    await start({ allowedHosts: ['cognito', '[fd00::1]'] });
    expect((await rawRequest('/_local/health', { host: 'cognito:9229' })).status).toBe(200);
    expect((await rawRequest('/_local/health', { host: 'Cognito' })).status).toBe(200);
    expect((await rawRequest('/_local/health', { host: '[fd00::1]:80' })).status).toBe(200);
    expect((await rawRequest('/_local/health', { host: 'cognito.attacker.example' })).status).toBe(403);
  });
});

describe('D21: CORS on the Cognito API', () => {
  const preflightHeaders = (
    origin: string,
    requested = 'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
  ): Record<string, string> => ({
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': requested,
  });

  it.each(['http://localhost:3000', 'http://localhost:5173', 'http://localhost', 'http://127.0.0.1:8080'])(
    'answers the preflight of the default origin %s, echoing it, with the SDK headers only',
    async (origin) => {
      const res = await fetch(`${server.url}/`, { method: 'OPTIONS', headers: preflightHeaders(origin) });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'amz-sdk-invocation-id, amz-sdk-request, authorization, cache-control, content-type, x-amz-content-sha256, x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent',
      );
      expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    },
  );

  it('never echoes requested headers that AWS SDKs do not send', async () => {
    const res = await fetch(`${server.url}/`, { method: 'OPTIONS', headers: preflightHeaders('http://localhost:3000', 'x-amz-target,x-evil-header,cookie') });
    const allowed = res.headers.get('access-control-allow-headers') ?? '';
    expect(allowed).toContain('x-amz-target');
    expect(allowed).not.toContain('x-evil-header');
    expect(allowed).not.toContain('cookie');
  });

  it.each(['http://evil.example', 'http://localhost.evil.example:3000', 'https://localhost:3000', 'http://127.0.0.2:3000', 'null', 'http://[::1]:3000'])(
    'answers the preflight and the call of origin %s with 403 and no CORS header',
    async (origin) => {
      for (const res of [
        await fetch(`${server.url}/`, { method: 'OPTIONS', headers: preflightHeaders(origin) }),
        await call('ForgotPassword', '{}', { origin }),
      ]) {
        expect(res.status).toBe(403);
        expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
        expect(res.headers.get('vary')).toBe('Origin');
        const body = (await res.json()) as { __type: string; message: string };
        expect(body.__type).toBe('ForbiddenException');
        expect(body.message).toContain('--cors-origin');
      }
      expect(inputs).toEqual([]);
    },
  );

  it.each([
    ['a success', 'ForgotPassword', 200],
    ['an error', 'AdminResetUserPassword', 400],
  ])('puts the CORS headers of the allowed origin on %s, never "*"', async (_, operation, status) => {
    const res = await call(operation, '{}', { origin: 'http://localhost:3000' });
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date');
  });

  it('sends no CORS header to a client that sends no Origin (SDKs, the CLI)', async () => {
    const res = await call('ForgotPassword', '{}');
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('answers the configured origins only', async () => {
    await server.close();
    await start({ corsOrigins: ['https://app.example.test', 'http://localhost:5173'] });
    expect((await call('ForgotPassword', '{}', { origin: 'https://app.example.test' })).headers.get('access-control-allow-origin')).toBe(
      'https://app.example.test',
    );
    expect((await call('ForgotPassword', '{}', { origin: 'https://app.example.test:8443' })).status).toBe(403);
    expect((await call('ForgotPassword', '{}', { origin: 'http://localhost:3000' })).status).toBe(403);
  });
});

describe('D21: /_local/* never answers CORS', () => {
  it.each([
    ['GET', '/_local/outbox'],
    ['GET', '/_local/'],
    ['GET', '/_local/clock'],
    ['GET', '/_local/directory'],
    ['GET', '/_local/health'],
    ['OPTIONS', '/_local/outbox'],
    ['OPTIONS', '/_local/reset'],
    ['POST', '/_local/reset'],
  ])('%s %s from an allowed origin carries no access-control-* header', async (method, path) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
  });

  it('refuses a POST from another origin (a no-cors form post cannot reset the state)', async () => {
    const attempts: Record<string, string>[] = [{ origin: 'http://localhost:3000' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/_local/reset`, { method: 'POST', headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { __type: string }).__type).toBe('ForbiddenException');
    }
    expect(outbox).toHaveLength(2);
  });

  it('accepts a POST from its own origin (the console page)', async () => {
    const res = await fetch(`${server.url}/_local/reset`, { method: 'POST', headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(outbox).toEqual([]);
  });
});

describe('inspection routes', () => {
  it('serves the outbox, newest last, as plain JSON', async () => {
    const res = await fetch(`${server.url}/_local/outbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ messages: outbox });
  });

  it('clears the outbox on reset when the inspection only has clear()', async () => {
    const res = await fetch(`${server.url}/_local/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ scope: 'all', cleared: ['outbox'] });
    expect(await (await fetch(`${server.url}/_local/outbox`)).json()).toEqual({ messages: [] });
    const limits = await fetch(`${server.url}/_local/reset?scope=limits`, { method: 'POST' });
    expect(limits.status).toBe(400);
    expect(((await limits.json()) as { __type: string }).__type).toBe('UnsupportedOperationException');
  });

  it('hands the scope to reset()', async () => {
    const scopes: string[] = [];
    await server.close();
    const reset = (scope: ResetScope): void => {
      scopes.push(scope);
    };
    await start({ inspection: { messages: () => [], clear: () => undefined, reset } });
    const answers: unknown[] = [];
    for (const query of ['', '?scope=outbox', '?scope=limits', '?scope=codes', '?scope=all']) {
      const res = await fetch(`${server.url}/_local/reset${query}`, { method: 'POST' });
      expect(res.status).toBe(200);
      answers.push(await res.json());
    }
    expect(scopes).toEqual(['all', 'outbox', 'limits', 'codes', 'all']);
    expect(answers[0]).toEqual({ scope: 'all', cleared: ['outbox', 'limits', 'codes'] });
    expect(answers[2]).toEqual({ scope: 'limits', cleared: ['limits'] });
    const bad = await fetch(`${server.url}/_local/reset?scope=users`, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      __type: 'InvalidParameterException',
      message: 'scope must be one of outbox, limits, codes, all (default all); got "users".',
    });
    expect(scopes).toHaveLength(5);
  });

  it('answers health', async () => {
    const res = await fetch(`${server.url}/_local/health`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 JSON for every inspection route when inspection is off, and still answers health', async () => {
    await server.close();
    await start({ inspection: undefined });
    for (const [method, path] of [
      ['GET', '/_local/outbox'],
      ['POST', '/_local/reset'],
      ['GET', '/_local/'],
      ['GET', '/_local/clock'],
      ['POST', '/_local/clock'],
    ]) {
      const res = await fetch(`${server.url}${path ?? ''}`, { method: method ?? 'GET' });
      expect(res.status, `${method ?? ''} ${path ?? ''}`).toBe(404);
      expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
      expect(((await res.json()) as { __type: string }).__type).toBe('NotFoundException');
    }
    expect((await fetch(`${server.url}/_local/health`)).status).toBe(200);
  });

  it('answers 500 when the inspection fails', async () => {
    await server.close();
    await start({
      inspection: {
        messages: () => {
          throw new Error('outbox broken');
        },
        clear: () => undefined,
      },
    });
    const res = await fetch(`${server.url}/_local/outbox`);
    expect(res.status).toBe(500);
    expect(bugs).toEqual([new Error('outbox broken')]);
  });
});

describe('C: the clock over HTTP', () => {
  let now: number;
  const clock = (mode: 'real' | 'manual'): InspectionClock => ({
    mode,
    now: () => now,
    advanceBy: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  });
  const postClock = (body: string): Promise<Response> =>
    fetch(`${server.url}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  beforeEach(async () => {
    now = Date.UTC(2030, 0, 1);
    await server.close();
    await start({ inspection: { messages: () => [], clear: () => undefined, clock: clock('manual') } });
  });

  it('shows the clock', async () => {
    expect(await (await fetch(`${server.url}/_local/clock`)).json()).toEqual({
      mode: 'manual',
      now: '2030-01-01T00:00:00.000Z',
      epochMs: Date.UTC(2030, 0, 1),
    });
  });

  it('advances a manual clock by advanceSeconds and sets it to now', async () => {
    const advanced = await postClock('{"advanceSeconds": 3601}');
    expect(advanced.status).toBe(200);
    expect(await advanced.json()).toMatchObject({ mode: 'manual', now: '2030-01-01T01:00:01.000Z' });
    const set = await postClock('{"now": "2024-06-01T12:00:00Z"}');
    expect(await set.json()).toMatchObject({ now: '2024-06-01T12:00:00.000Z' });
    expect(now).toBe(Date.UTC(2024, 5, 1, 12));
  });

  it.each([
    ['no member', '{}', 'InvalidParameterException'],
    ['two members', '{"advanceSeconds": 1, "now": "2030-01-01T00:00:00Z"}', 'InvalidParameterException'],
    ['an unknown member', '{"advanceMinutes": 1}', 'InvalidParameterException'],
    ['a negative advance', '{"advanceSeconds": -1}', 'InvalidParameterException'],
    ['an advance that is a string', '{"advanceSeconds": "3600"}', 'InvalidParameterException'],
    ['a time that is not one', '{"now": "tomorrow"}', 'InvalidParameterException'],
    ['a body that is not JSON', 'advance', 'SerializationException'],
  ])('refuses %s with a typed 400 and leaves the clock', async (_, body, name) => {
    const res = await postClock(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe(name);
    expect(now).toBe(Date.UTC(2030, 0, 1));
  });

  it('refuses to move a real clock, with a typed error that says how', async () => {
    await server.close();
    await start({ inspection: { messages: () => [], clear: () => undefined, clock: clock('real') } });
    const res = await postClock('{"advanceSeconds": 60}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'UnsupportedOperationException',
      message: 'The clock follows the system time: start the server with --clock manual to move it with POST /_local/clock.',
    });
    expect(now).toBe(Date.UTC(2030, 0, 1));
    expect(((await (await fetch(`${server.url}/_local/clock`)).json()) as { mode: string }).mode).toBe('real');
  });

  it('answers that there is no clock when the inspection has none', async () => {
    await server.close();
    await start();
    const res = await fetch(`${server.url}/_local/clock`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnsupportedOperationException');
  });
});

describe('G: the console page', () => {
  it('is HTML with a strict Content-Security-Policy, no framing and no CORS, and escapes what it shows', async () => {
    outbox = [
      {
        userPoolId: 'us-east-1_X1',
        username: '<img src=x onerror=alert(1)>',
        medium: 'EMAIL',
        destination: 'a@example.com',
        subject: '"quoted"',
        body: '<script>alert(2)</script>',
        code: '123456',
        sentAt: '2030-01-01T00:00:00.000Z',
      },
    ];
    const res = await fetch(`${server.url}/_local/`, { headers: { origin: 'http://localhost:3000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'; /);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const html = await res.text();
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&#60;script&#62;alert(2)&#60;/script&#62;');
    expect(html).toContain('&#34;quoted&#34;');
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('123456');
    const fragment = await (await fetch(`${server.url}/_local/?fragment=1`)).text();
    expect(fragment).not.toContain('<script');
    expect(fragment).toContain('123456');
  });
});

/**
 * A request with what fetch would not send (a Host of our choosing, a declared length that the body
 * does not match): writes `chunks` (for a POST without chunks, `{}`) and ends the request unless
 * `end` is false; resolves with the whole answer.
 */
function rawRequest(
  path: string,
  headers: Record<string, string | number>,
  method = 'GET',
  chunks: readonly string[] = method === 'POST' ? ['{}'] : [],
  end = true,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    for (const chunk of end ? chunks.slice(0, -1) : chunks) req.write(chunk);
    if (end) req.end(chunks.at(-1));
  });
}

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
    const body = JSON.stringify({
      ClientId: 'c',
      Username: 'alice',
      Password: secrets[0],
      ConfirmationCode: secrets[1],
      SecretHash: secrets[2],
      ClientSecret: secrets[3],
    });
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
