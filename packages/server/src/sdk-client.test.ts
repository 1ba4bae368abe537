import {
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InternalErrorException,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { HttpRequest } from '@smithy/protocol-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessHandler } from './in-process-handler.js';
import type { RunningServer } from './start-server.js';
import { startServer } from './start-server.js';
import { rejection, sdkClient } from '../test/support.js';
import { FAKE_DELIVERY, fakeOperations } from './testing/fake-operations.js';

const fake = fakeOperations();
let server: RunningServer;
let httpClient: CognitoIdentityProviderClient;
const inProcessLines: string[] = [];
const inProcessClient = sdkClient(
  'http://in-process',
  inProcessHandler(fake.operations, { logger: (line) => inProcessLines.push(line), onBug: () => undefined }),
);

beforeAll(async () => {
  server = await startServer({ port: 0, operations: fake.operations, onBug: () => undefined });
  httpClient = sdkClient(server.url);
});

afterAll(async () => {
  httpClient.destroy();
  inProcessClient.destroy();
  await server.close();
});

describe.each([
  ['over HTTP', () => httpClient],
  ['in process', () => inProcessClient],
])('the AWS SDK v3 client %s', (_, client) => {
  it('gets the ForgotPassword output', async () => {
    const out = await client().send(new ForgotPasswordCommand({ ClientId: 'client1', Username: 'alice' }));
    expect(out.CodeDeliveryDetails).toEqual(FAKE_DELIVERY);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.inputs.at(-1)).toEqual({ ClientId: 'client1', Username: 'alice' });
  });

  it('gets an empty ConfirmForgotPassword output', async () => {
    const out = await client().send(
      new ConfirmForgotPasswordCommand({ ClientId: 'client1', Username: 'alice', ConfirmationCode: '123456', Password: 'Passw0rd!' }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(out)).toEqual(['$metadata']);
  });

  it('throws the modeled exception with its name, message and status 400', async () => {
    const error = await rejection(client().send(new AdminResetUserPasswordCommand({ UserPoolId: 'us-east-1_Example', Username: 'nobody' })));
    expect(error).toBeInstanceOf(UserNotFoundException);
    const e = error as UserNotFoundException;
    expect(e.name).toBe('UserNotFoundException');
    expect(e.message).toBe('Username/client id combination not found.');
    expect(e.$fault).toBe('client');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throws InternalErrorException with status 500', async () => {
    const error = await rejection(client().send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Example', Username: 'alice' })));
    expect(error).toBeInstanceOf(InternalErrorException);
    expect((error as InternalErrorException).$metadata.httpStatusCode).toBe(500);
  });

  it('throws UnknownOperationException for an operation the table lacks', async () => {
    const error = await rejection(client().send(new ListUsersCommand({ UserPoolId: 'us-east-1_Example' })));
    expect(error).toBeInstanceOf(CognitoIdentityProviderServiceException);
    expect((error as CognitoIdentityProviderServiceException).name).toBe('UnknownOperationException');
    expect((error as CognitoIdentityProviderServiceException).$metadata.httpStatusCode).toBe(400);
  });
});

describe('the in-process handler', () => {
  it('logs one line per request, as the HTTP server does', () => {
    expect(inProcessLines.length).toBeGreaterThanOrEqual(5);
    expect(inProcessLines.some((line) => /^POST ForgotPassword 200 \d+\.\dms [0-9a-f-]{36}$/.test(line))).toBe(true);
    expect(inProcessLines.some((line) => line.endsWith(' UserNotFoundException'))).toBe(true);
  });

  it('answers a raw request with a readable body and lower-case headers', async () => {
    const handler = inProcessHandler(fake.operations, { inspection: { messages: () => ['m'], clear: () => undefined } });
    const { response } = await handler.handle(new HttpRequest({ method: 'GET', hostname: 'in-process', path: '/_local/outbox', headers: {} }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    // Not the Cognito API: plain JSON, which a browser tab shows instead of downloading.
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({ messages: ['m'] });
  });

  it('rejects with AbortError when the request is already aborted', async () => {
    const handler = inProcessHandler(fake.operations);
    const controller = new AbortController();
    controller.abort();
    const request = new HttpRequest({ method: 'POST', hostname: 'in-process', path: '/', headers: {}, body: '{}' });
    await expect(handler.handle(request, { abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps the configuration the SDK gives it', () => {
    const handler = inProcessHandler(fake.operations);
    handler.updateHttpClientConfig('requestTimeout', 1000);
    expect(handler.httpHandlerConfigs()).toEqual({ requestTimeout: 1000 });
    handler.destroy?.();
  });
});
