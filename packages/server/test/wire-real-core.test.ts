/**
 * Raw HTTP against the server backed by a REAL memory recovery: what only the real core can show on
 * the wire (its validation messages, its deserialization errors, every operation's headers), and a
 * fuzz loop proving that no body, however malformed, gets a 500 or stops the server. The transport's
 * own rules against a fake table are in src/request-listener.test.ts.
 */
import { seededRandom } from '@cognito-recovery/core/testing';
import { HttpRequest } from '@smithy/protocol-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessHandler } from '../src/in-process-handler.js';
import type { RunningServer } from '../src/start-server.js';
import { startServer } from '../src/start-server.js';
import { realComposition, seedPool, seedUser, verifiedEmail, type RealComposition } from './support.js';

const TARGET = 'AWSCognitoIdentityProviderService.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POOL_ID = 'us-east-1_Wire1';
const AMZ_JSON = 'application/x-amz-json-1.1';

let composition: RealComposition;
let server: RunningServer;
let clientId: string;
let secretClientId: string;
const bugs: unknown[] = [];

beforeAll(async () => {
  composition = realComposition();
  const { memory } = composition;
  clientId = await seedPool(memory, 'wire', POOL_ID);
  secretClientId = (await memory.createUserPoolClient({ UserPoolId: POOL_ID, ClientName: 'backend', GenerateSecret: true }))._unsafeUnwrap().UserPoolClient
    .ClientId;
  await seedUser(memory, POOL_ID, 'alice', { password: 'Passw0rd!' });
  server = await startServer({ port: 0, operations: composition.operations, inspection: composition.inspection, onBug: (error) => bugs.push(error) });
});

afterAll(async () => {
  await server.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function post(operation: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': AMZ_JSON, 'x-amz-target': `${TARGET}${operation}`, ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** What the core itself answers for `input`: the wire must carry it unchanged. */
async function coreAnswer(operation: string, input: unknown): Promise<{ __type: string; message: string }> {
  const operate = composition.operations[operation];
  if (operate === undefined) throw new Error(`no operation ${operation}`);
  const result = await operate(input);
  if (result.isOk()) throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
  return { __type: result.error.name, message: result.error.message };
}

describe('validation errors of the real core on the wire (R1.7, R1.5, D1)', () => {
  it.each([
    ['ForgotPassword', 'missing members', {}],
    ['ForgotPassword', 'a Username with a space', { ClientId: 'c', Username: 'has space' }],
    ['ConfirmForgotPassword', 'three violations', { ClientId: 'bad!', Username: 'u', ConfirmationCode: ' ', Password: ' x' }],
    ['AdminResetUserPassword', 'a malformed pool id', { UserPoolId: 'nounderscore', Username: 'alice' }],
    ['CreateUserPool', 'an empty PoolName', { PoolName: '' }],
    ['ListUsers', 'a pool id and a Limit out of range', { UserPoolId: 'bad', Limit: 100 }],
    ['AdminCreateUser', 'a long Username and an empty attribute name', { UserPoolId: POOL_ID, Username: 'x'.repeat(129), UserAttributes: [{ Name: '' }] }],
    ['ListUserPools', 'no MaxResults', {}],
  ])('R1.7 %s with %s: InvalidParameterException, the core message byte for byte', async (operation, _, input) => {
    const expected = await coreAnswer(operation, input);
    expect(expected.__type).toBe('InvalidParameterException');
    const res = await post(operation, JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(AMZ_JSON);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidParameterException:');
    expect(res.text).toBe(JSON.stringify(expected));
  });

  it('R1.7 counts and joins several violations, quoting no sensitive value (the confirmation code is not sensitive)', async () => {
    const res = await post('ConfirmForgotPassword', JSON.stringify({ ClientId: 'bad!', Username: 'u', ConfirmationCode: ' ', Password: ' x' }));
    expect(JSON.parse(res.text)).toEqual({
      __type: 'InvalidParameterException',
      message:
        "3 validation errors detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+; " +
        "Value ' ' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+; " +
        "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    });
  });

  it.each([
    ['ForgotPassword', { ClientId: 'c', Username: 5 }, "Expected a string at 'username' but found number."],
    ['ConfirmForgotPassword', { ClientId: 'c', Username: 'u', ConfirmationCode: '1', Password: true }, "Expected a string at 'password' but found boolean."],
    ['AdminCreateUser', { UserPoolId: POOL_ID, Username: 'x', UserAttributes: 'x' }, "Expected an array at 'userAttributes' but found string."],
    ['ListUserPools', { MaxResults: '1' }, "Expected an integer at 'maxResults' but found string."],
    ['ForgotPassword', { ClientId: 'c', Username: 'u', ClientMetadata: { key: 1 } }, undefined],
  ])('R1.7 %s with a member of the wrong JSON type: SerializationException, not InvalidParameterException', async (operation, input, message) => {
    const expected = await coreAnswer(operation, input);
    expect(expected.__type).toBe('SerializationException');
    if (message !== undefined) expect(expected.message).toBe(message);
    const res = await post(operation, JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException:');
    expect(res.text).toBe(JSON.stringify(expected));
  });

  it('D1 answers the Username: 5 of the issue with exactly this body', async () => {
    const res = await post('ForgotPassword', JSON.stringify({ ClientId: clientId, Username: 5 }));
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"__type":"SerializationException","message":"Expected a string at \'username\' but found number."}');
  });
});

describe('authentication and status codes (R1.3, R1.6, D1)', () => {
  it('R1.3 ForgotPassword and ConfirmForgotPassword are served without any signature or credentials', async () => {
    const forgot = await post('ForgotPassword', JSON.stringify({ ClientId: clientId, Username: 'alice' }));
    expect(forgot.status).toBe(200);
    const code = composition.memory.outbox.latestCodeFor(POOL_ID, 'alice') ?? '';
    const confirm = await post(
      'ConfirmForgotPassword',
      JSON.stringify({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'Passw0rd!2' }),
    );
    expect(confirm.status).toBe(200);
    expect(confirm.text).toBe('{}');
  });

  it.each([
    ['NotAuthorizedException', 'ForgotPassword', () => ({ ClientId: secretClientId, Username: 'alice' })],
    ['UserNotFoundException', 'ForgotPassword', () => ({ ClientId: clientId, Username: 'nobody' })],
    ['ResourceNotFoundException', 'ForgotPassword', () => ({ ClientId: 'nosuchclient', Username: 'alice' })],
    ['InvalidParameterException', 'ForgotPassword', () => ({ ClientId: clientId, Username: 'has space' })],
  ] as const)("R1.6 D1 %s travels as HTTP 400 (the status real traffic shows), not the model's 403/404", async (name, operation, input) => {
    const answer = await post(operation, JSON.stringify(input()));
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { __type: string }).__type).toBe(name);
  });
});

describe('null members (D1: no request gets a 500)', () => {
  it.each([
    ['ForgotPassword', () => ({ ClientId: secretClientId, Username: 'alice', SecretHash: null }), 'NotAuthorizedException'],
    [
      'ConfirmForgotPassword',
      () => ({ ClientId: secretClientId, Username: 'alice', ConfirmationCode: '123456', Password: 'N3w-Passw0rd!', SecretHash: null }),
      'NotAuthorizedException',
    ],
    ['ListUsers', () => ({ UserPoolId: POOL_ID, PaginationToken: null, Filter: null, Limit: null }), undefined],
    ['CreateUserPool', () => ({ PoolName: 'nulls', LambdaConfig: null, SmsConfiguration: null, Policies: { PasswordPolicy: null } }), undefined],
  ])('%s with null members answers as if they were absent, not 500', async (operation, input, errorName) => {
    const res = await post(operation, JSON.stringify(input()));
    expect(res.status, res.text).toBe(errorName === undefined ? 200 : 400);
    if (errorName !== undefined) expect((JSON.parse(res.text) as { __type: string }).__type).toBe(errorName);
    expect(bugs).toEqual([]);
  });

  it('the in-process handler drops null members too (the same wire function)', async () => {
    const handler = inProcessHandler(composition.operations);
    const { response } = await handler.handle(
      new HttpRequest({
        method: 'POST',
        hostname: 'in-process',
        path: '/',
        headers: { 'Content-Type': AMZ_JSON, 'X-Amz-Target': `${TARGET}ListUsers` },
        body: JSON.stringify({ UserPoolId: POOL_ID, PaginationToken: null }),
      }),
    );
    expect(response.statusCode).toBe(200);
  });
});

describe('operations the real table does not serve (R1.1)', () => {
  it.each([
    'CreateGroup',
    'ListGroups',
    'AdminListDevices',
    'SetUICustomization',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'forgotPassword',
    'ForgotPasswordX',
  ])('answers %j with 400 UnknownOperationException', async (operation) => {
    const res = await post(operation, '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(JSON.parse(res.text)).toEqual({ __type: 'UnknownOperationException', message: `Operation ${TARGET}${operation} is not supported.` });
  });
});

describe('x-amzn-requestid on every response (R1.4, D1)', () => {
  it('R1.4 D1 every operation of the real table answers with the content type and its own request id, success or error', async () => {
    const seen = new Set<string>();
    const inputs: Record<string, unknown> = {
      ForgotPassword: { ClientId: clientId, Username: 'alice' },
      DescribeUserPool: { UserPoolId: POOL_ID },
      ListUserPools: { MaxResults: 10 },
      ListUsers: { UserPoolId: POOL_ID },
      AdminGetUser: { UserPoolId: POOL_ID, Username: 'alice' },
    };
    for (const operation of Object.keys(composition.operations)) {
      for (const input of [{}, inputs[operation]].filter((i) => i !== undefined)) {
        const res = await post(operation, JSON.stringify(input));
        expect([200, 400], `${operation} ${res.text}`).toContain(res.status);
        expect(res.headers.get('content-type')).toBe(AMZ_JSON);
        const id = res.headers.get('x-amzn-requestid') ?? '';
        expect(id, operation).toMatch(UUID);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(Object.keys(composition.operations).length + Object.keys(inputs).length);
  });

  it('D1 the routes around the operations carry one too: preflight, inspection, 404, unknown target, bad JSON, bad UTF-8, oversized body', async () => {
    const answers: Response[] = [
      await fetch(`${server.url}/`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } }),
      await fetch(`${server.url}/`, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } }),
      await fetch(`${server.url}/_local/outbox`),
      await fetch(`${server.url}/_local/reset`, { method: 'POST' }),
      await fetch(`${server.url}/_local/health`),
      await fetch(`${server.url}/nowhere`),
      await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-amz-target': `${TARGET}Nope` }, body: '{}' }),
      await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-amz-target': `${TARGET}ForgotPassword` }, body: '{' }),
      await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-amz-target': `${TARGET}ForgotPassword` }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-amz-target': `${TARGET}ForgotPassword` }, body: 'x'.repeat(1024 * 1024 + 1) }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 403, 200, 200, 200, 404, 400, 400, 400, 413]);
    const ids = answers.map((r) => r.headers.get('x-amzn-requestid') ?? '');
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const MEMBERS = [
  'ClientId',
  'Username',
  'UserPoolId',
  'Password',
  'ConfirmationCode',
  'SecretHash',
  'ClientMetadata',
  'UserContextData',
  'AnalyticsMetadata',
  'UserAttributes',
  'ValidationData',
  'TemporaryPassword',
  'MessageAction',
  'DesiredDeliveryMediums',
  'Permanent',
  'PoolName',
  'Id',
  'AliasAttributes',
  'UsernameAttributes',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'Policies',
  'LambdaConfig',
  'SmsConfiguration',
  'EmailConfiguration',
  'VerificationMessageTemplate',
  'RecoveryLimits',
  'ClientName',
  'GenerateSecret',
  'ClientSecret',
  'PreventUserExistenceErrors',
  'Filter',
  'Limit',
  'PaginationToken',
  'AttributesToGet',
  'MaxResults',
  'NextToken',
  'SMSMfaSettings',
  'EmailMfaSettings',
  'SoftwareTokenMfaSettings',
  '__proto__',
  'constructor',
  '',
];

function fuzzCase(random: () => number, operation: string): { readonly body: string | Uint8Array; readonly label: string } {
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const strings = (): string =>
    pick([
      '',
      ' ',
      'alice',
      'alice@example.com',
      '+12065550100',
      POOL_ID,
      clientId,
      'us-east-1_Nope',
      '123456',
      'Passw0rd!',
      '\u0000',
      '\ud800',
      'é'.repeat(int(300)),
      '😀'.repeat(int(100)),
      '{"nested":"json"}',
      'a'.repeat(int(200_000)),
      'email = "alice@example.com"',
      'x ^= "',
      'EMAIL',
      'SMS',
      'ENABLED',
      'verified_email',
      'true',
      '-1',
      String(random()),
    ]);
  const value = (depth: number): unknown => {
    switch (depth > 3 ? int(6) : int(9)) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 60, 61, 5]);
      case 3:
      case 4:
      case 5:
        return strings();
      case 6:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      case 7:
        return { Name: value(depth + 1), Value: value(depth + 1), Priority: value(depth + 1) };
      default:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(MEMBERS), value(depth + 1)]));
    }
  };
  const nested = (levels: number, leaf: string): string => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
  switch (int(10)) {
    case 0:
      return { label: 'a top-level JSON value that is not an object', body: JSON.stringify(pick([null, 1, 'x', [1, { a: 2 }], true, [] as unknown[]])) };
    case 1:
      return {
        label: 'text that is not JSON',
        body: pick([
          '{',
          '}',
          '{"ClientId":',
          'undefined',
          'NaN',
          "{'a':1}",
          '{"a":1,}',
          '\ufeff{}',
          '{"a":1}{"b":2}',
          String.fromCharCode(...Array.from({ length: 50 }, () => int(128))),
        ]),
      };
    case 2:
      return {
        label: 'bytes that are not UTF-8',
        body: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...Array.from({ length: 20 }, () => 0x80 + int(128)), 0x22, 0x7d]),
      };
    case 3:
      return { label: 'a deeply nested member', body: `{"${pick(MEMBERS)}":${nested(1 + int(3000), '"x"')}}` };
    case 4:
      return {
        label: 'a huge string member',
        body: JSON.stringify({ ClientId: clientId, UserPoolId: POOL_ID, [pick(MEMBERS)]: 'z'.repeat(100_000 + int(800_000)) }),
      };
    case 5:
      return { label: 'many members', body: JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`M${i}`, i]))) };
    default: {
      const input: Record<string, unknown> =
        operation.startsWith('Admin') || operation.startsWith('List') || operation.startsWith('Describe')
          ? { UserPoolId: POOL_ID, Username: 'alice' }
          : { ClientId: clientId, Username: 'alice' };
      for (let i = int(5); i > 0; i--) input[pick(MEMBERS)] = value(0);
      return { label: 'random members', body: JSON.stringify(input) };
    }
  }
}

describe('malformed bodies against every operation (issue 5: no 500, no crash)', () => {
  it('D1 answers 500 malformed bodies with 200 or a 400 JSON error carrying a request id, reports no bug, and keeps serving', async () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? 0x5eed);
    const random = seededRandom(seed); // seeded, so a failing case can be replayed with FUZZ_SEED
    const operations = Object.keys(composition.operations);
    const types = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const operation = operations[i % operations.length] ?? 'ForgotPassword';
      const { body, label } = fuzzCase(random, operation);
      const res = await post(operation, body);
      const where = `seed ${seed}, case ${i}: ${operation} with ${label}: ${typeof body === 'string' ? body.slice(0, 200) : `[${body.length} bytes]`} → ${res.status} ${res.text.slice(0, 300)}`;
      expect([200, 400], where).toContain(res.status);
      expect(res.headers.get('x-amzn-requestid'), where).toMatch(UUID);
      expect(res.headers.get('content-type'), where).toBe(AMZ_JSON);
      const answer = JSON.parse(res.text) as Record<string, unknown>;
      if (res.status === 400) {
        expect(answer['__type'], where).toMatch(/^[A-Z][A-Za-z]+Exception$/);
        expect(typeof answer['message'], where).toBe('string');
        expect(res.headers.get('x-amzn-errortype'), where).toBe(`${String(answer['__type'])}:`);
        types.set(answer['__type'] as string, (types.get(answer['__type'] as string) ?? 0) + 1);
      }
    }
    expect(bugs).toEqual([]);
    // The bodies reached past the JSON parser into the core's validation and beyond.
    expect(types.get('SerializationException')).toBeGreaterThan(0);
    expect(types.get('InvalidParameterException')).toBeGreaterThan(0);
    expect(types.size).toBeGreaterThanOrEqual(3);

    // Still serving: a new pool, client and user recover a password.
    const created = await post('CreateUserPool', JSON.stringify({ PoolName: 'after-fuzz', AliasAttributes: ['email'] }));
    expect(created.status, created.text).toBe(200);
    const poolId = (JSON.parse(created.text) as { UserPool: { Id: string } }).UserPool.Id;
    const client = await post('CreateUserPoolClient', JSON.stringify({ UserPoolId: poolId, ClientName: 'after' }));
    const newClientId = (JSON.parse(client.text) as { UserPoolClient: { ClientId: string } }).UserPoolClient.ClientId;
    expect(
      (
        await post(
          'AdminCreateUser',
          JSON.stringify({
            UserPoolId: poolId,
            Username: 'zoe',
            UserAttributes: verifiedEmail('zoe@example.com'),
            MessageAction: 'SUPPRESS',
          }),
        )
      ).status,
    ).toBe(200);
    expect((await post('AdminSetUserPassword', JSON.stringify({ UserPoolId: poolId, Username: 'zoe', Password: 'Passw0rd!', Permanent: true }))).status).toBe(
      200,
    );
    const forgot = await post('ForgotPassword', JSON.stringify({ ClientId: newClientId, Username: 'zoe' }));
    expect(forgot.status, forgot.text).toBe(200);
    expect(JSON.parse(forgot.text)).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'z***@e***' } });
  }, 30_000);
});
