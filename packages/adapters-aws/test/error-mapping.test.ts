import 'reflect-metadata';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, TooManyRequestsException as LambdaTooManyRequests } from '@aws-sdk/client-lambda';
import { LimitExceededException, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { AuthorizationErrorException, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import type { PortFailure } from '@cognito-recovery/core';
import { ScryptPasswordHasher } from '@cognito-recovery/core';
import { aUser, messageFixture, settleWithFakeTimers } from '@cognito-recovery/core/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { err, ok } from 'neverthrow';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { DynamoAttemptLimiter, DynamoRecoveryCodeStore, DynamoUserStore, LambdaTriggerInvoker, SesMessageSender, SnsMessageSender } from '../src/index.js';
import { encodeJson } from '@cognito-recovery/core/rules';
import { registerAwsRecovery, TOKENS } from '../src/tsyringe.js';

const meta = { $metadata: {} };
/** A message the SES sender sends from the pool owner's own address. */
const FROM_DEVELOPER = { emailConfiguration: { emailSendingAccount: 'DEVELOPER', from: 'no-reply@example.com' } } as const;
const throttled = (port: string, reason: string): PortFailure => ({ kind: 'PortFailure', port, reason, throttled: true });

function dynamo(): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('AWS errors become port failures (aws-sdk-client-mock)', () => {
  it('maps DynamoDB throttling to a throttled PortFailure, in every store', async () => {
    const client = dynamo();
    const mock = mockClient(client);
    const error = new ProvisionedThroughputExceededException({ message: 'slow down, table secret-table', ...meta });
    mock.on(GetItemCommand).rejects(error).on(UpdateItemCommand).rejects(error).on(TransactWriteItemsCommand).rejects(error);
    const table = { client, tableName: 'secret-table' };
    expect(await new DynamoUserStore(table).findByClaim('p', 'u#alice')).toEqual(
      err(throttled('UserStore', 'GetItem failed: ProvisionedThroughputExceededException')),
    );
    expect(await new DynamoRecoveryCodeStore(table).attemptAndVerify('p', 'alice', 'h', 1, { max: 5, windowMs: 1000 })).toEqual(
      err(throttled('RecoveryCodeStore', 'UpdateItem failed: ProvisionedThroughputExceededException')),
    );
    expect(await new DynamoAttemptLimiter(table).attempt('k', 5, 1000, 1)).toEqual(
      err(throttled('AttemptLimiter', 'UpdateItem failed: ProvisionedThroughputExceededException')),
    );
    const created = await new DynamoUserStore(table).create(aUser('alice', 'p').build(), ['u#alice']);
    expect(created).toEqual(err(throttled('UserStore', 'TransactWriteItems failed: ProvisionedThroughputExceededException')));
  });

  it('findFirstByClaims: one consistent BatchGetItem over the claim items, unprocessed keys asked again, the owner chosen by claim order', async () => {
    const client = dynamo();
    const mock = mockClient(client);
    const user = (username: string) => aUser(username, 'p').build();
    const item = (claim: string, username: string) => ({ pk: { S: `claim#p#${claim}` }, data: { S: encodeJson(user(username)) } });
    const keyOf = (claim: string) => ({ pk: { S: `claim#p#${claim}` }, sk: { S: 'claim' } });
    mock
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { t: [item('s#bob', 'bob')] }, UnprocessedKeys: { t: { Keys: [keyOf('e#alice@example.com')] } } })
      .resolvesOnce({ Responses: { t: [item('e#alice@example.com', 'alice')] } });
    const store = new DynamoUserStore({ client, tableName: 't' });
    expect(await store.findFirstByClaims('p', ['u#nobody', 'e#alice@example.com', 'e#alice@example.com', 's#bob'])).toEqual(ok(user('alice')));
    const calls = mock.commandCalls(BatchGetItemCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input.RequestItems?.['t']).toMatchObject({
      ConsistentRead: true,
      Keys: [keyOf('u#nobody'), keyOf('e#alice@example.com'), keyOf('s#bob')],
    });
    expect(calls[1]?.args[0].input.RequestItems?.['t']).toMatchObject({ ConsistentRead: true, Keys: [keyOf('e#alice@example.com')] });
    mock.reset();
    mock.on(BatchGetItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', ...meta }));
    expect(await store.findFirstByClaims('p', ['u#alice'])).toEqual(err(throttled('UserStore', 'BatchGetItem failed: ProvisionedThroughputExceededException')));
    expect(await store.findFirstByClaims('p', [])).toEqual(ok(undefined));
    expect(mock.commandCalls(BatchGetItemCommand)).toHaveLength(1);
  });

  it('maps other DynamoDB errors to a PortFailure that is not throttled and quotes no AWS message', async () => {
    const client = dynamo();
    const mock = mockClient(client);
    mock.on(GetItemCommand).rejects(new InternalServerError({ message: 'internal detail about secret-table', ...meta }));
    const result = await new DynamoRecoveryCodeStore({ client, tableName: 'secret-table' }).verify('p', 'alice', 'h', 1);
    expect(result).toEqual(err({ kind: 'PortFailure', port: 'RecoveryCodeStore', reason: 'GetItem failed: InternalServerError', throttled: false }));
    expect(JSON.stringify(result)).not.toContain('secret-table');
  });

  it('classifies a failed consume from the item DynamoDB returns with the cancelled transaction, without another read', async () => {
    const client = dynamo();
    const mock = mockClient(client);
    const cancelled = (codeItem: Record<string, { S: string } | { N: string }>): TransactionCanceledException =>
      new TransactionCanceledException({
        message: 'cancelled',
        ...meta,
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: codeItem }],
      });
    mock
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled({ codeHmac: { S: 'h' }, expiresAt: { N: '10' }, issuedAt: { N: '0' } }))
      .rejectsOnce(cancelled({ codeHmac: { S: 'h' }, expiresAt: { N: '10' }, issuedAt: { N: '0' } }))
      .rejectsOnce(cancelled({ codeHmac: { S: 'h' }, expiresAt: { N: '10' }, issuedAt: { N: '0' }, consumedAt: { N: '3' } }));
    const store = new DynamoUserStore({ client, tableName: 't' });
    const alice = {
      userPoolId: 'p',
      username: 'alice',
      sub: 's',
      attributes: {},
      status: 'CONFIRMED',
      enabled: true,
      passwordHash: 'x',
      passwordHistory: [],
      mfa: { smsMfaEnabled: false, emailMfaEnabled: false },
      createdAt: 0,
      updatedAt: 0,
      version: 1,
    } as const;
    expect(await store.update(alice, ['u#alice'], 1, { codeHmac: 'h', now: 10 })).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'expired' }));
    expect(await store.update(alice, ['u#alice'], 1, { codeHmac: 'other', now: 5 })).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }));
    expect(await store.update(alice, ['u#alice'], 1, { codeHmac: 'h', now: 5 })).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }));
    expect(mock.commandCalls(GetItemCommand)).toHaveLength(0);
    const actions = mock.commandCalls(TransactWriteItemsCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(actions.at(-1)?.Update?.Key).toEqual({ pk: { S: 'code#p#alice' }, sk: { S: 'code' } });
  });

  it('answers attemptAndVerify from the item UpdateItem returns: one request', async () => {
    const client = dynamo();
    const mock = mockClient(client);
    mock.on(UpdateItemCommand).resolves({
      Attributes: {
        codeHmac: { S: 'h' },
        expiresAt: { N: '10' },
        issuedAt: { N: '0' },
        version: { N: '1' },
        stamps: { L: [{ N: '5' }] },
        newest: { N: '5' },
      },
    });
    const store = new DynamoRecoveryCodeStore({ client, tableName: 't' });
    expect(await store.attemptAndVerify('p', 'alice', 'h', 5, { max: 5, windowMs: 1000 })).toEqual(ok({ allowed: true, outcome: 'valid' }));
    expect(mock.calls()).toHaveLength(1);
  });

  it('maps SES throttling to a throttled PortFailure and a sending quota to LimitExceededException', async () => {
    const ses = new SESv2Client({ region: 'us-east-1' });
    const mock = mockClient(ses);
    mock
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'x', ...meta }))
      .rejectsOnce(new LimitExceededException({ message: 'x', ...meta }));
    const sender = new SesMessageSender(ses);
    expect(await sender.send(messageFixture('EMAIL', FROM_DEVELOPER))).toEqual(
      err(throttled('MessageSender', 'SES SendEmail failed: TooManyRequestsException')),
    );
    expect(await sender.send(messageFixture('EMAIL', FROM_DEVELOPER))).toEqual(
      err({ kind: 'DeliveryFailure', reason: 'SES SendEmail: LimitExceededException', exception: 'LimitExceededException' }),
    );
  });

  it('maps SNS throttling to a throttled PortFailure and an authorization error to InvalidSmsRoleAccessPolicyException', async () => {
    const sns = new SNSClient({ region: 'us-east-1' });
    const mock = mockClient(sns);
    mock
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'x', ...meta }))
      .rejectsOnce(new AuthorizationErrorException({ message: 'x', ...meta }));
    const sender = new SnsMessageSender(sns, { senderId: 'MyApp' });
    expect(await sender.send(messageFixture('SMS'))).toEqual(err(throttled('MessageSender', 'SNS Publish failed: ThrottledException')));
    expect(await sender.send(messageFixture('SMS'))).toEqual(
      err({ kind: 'DeliveryFailure', reason: 'SNS Publish: AuthorizationErrorException', exception: 'InvalidSmsRoleAccessPolicyException' }),
    );
    expect(mock.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MyApp' },
    });
  });
});

describe('LambdaTriggerInvoker (aws-sdk-client-mock: moto cannot run functions without docker)', () => {
  const invocation = (timeoutMs = 1_000) =>
    ({ userPoolId: 'us-east-1_Mock', trigger: 'CustomMessage', functionRef: 'custom-message', event: { request: {}, response: {} }, timeoutMs }) as const;
  const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

  it("returns the function's JSON answer, having sent the event as a RequestResponse invocation", async () => {
    const lambda = new LambdaClient({ region: 'us-east-1' });
    const mock = mockClient(lambda);
    mock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ response: { emailMessage: 'Code {####}' } }) as never });
    expect(await new LambdaTriggerInvoker(lambda).invoke(invocation())).toEqual(ok({ response: { emailMessage: 'Code {####}' } }));
    const input = mock.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ request: {}, response: {} });
  });

  it('answers FunctionError with the errorMessage of the payload', async () => {
    const lambda = new LambdaClient({ region: 'us-east-1' });
    mockClient(lambda)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorType: 'Error', errorMessage: 'boom' }) as never });
    expect(await new LambdaTriggerInvoker(lambda).invoke(invocation())).toEqual(err({ kind: 'FunctionError', message: 'boom' }));
  });

  it('answers InvocationFailed for SDK failures, and Timeout when the function does not answer in time', async () => {
    const lambda = new LambdaClient({ region: 'us-east-1' });
    const mock = mockClient(lambda);
    mock.on(InvokeCommand).rejectsOnce(new LambdaTooManyRequests({ message: 'x', ...meta }));
    expect(await new LambdaTriggerInvoker(lambda).invoke(invocation())).toEqual(err({ kind: 'InvocationFailed', reason: 'TooManyRequestsException' }));
    mock.on(InvokeCommand).callsFake(
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            resolve({ StatusCode: 200 });
          }, 500),
        ),
    );
    // On fake timers: the 30 ms deadline fires before the 500 ms answer, and no real time passes.
    const started = Date.now();
    expect(await settleWithFakeTimers(() => new LambdaTriggerInvoker(lambda).invoke(invocation(30)))).toEqual(err({ kind: 'Timeout' }));
    expect(Date.now() - started).toBeLessThan(400);
  });
});

describe('registerAwsRecovery (tsyringe)', () => {
  it('registers every port and the recovery under Symbol.for tokens, the DynamoDB stores built by injection', () => {
    const child = container.createChildContainer();
    const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
    registerAwsRecovery(child, { dynamodb }, { tableName: 't', codeKey: new Uint8Array(32), hasher: new ScryptPasswordHasher({ cost: 1024 }) });
    expect(TOKENS.UserStore).toBe(Symbol.for('cognito-recovery:UserStore'));
    const users = child.resolve(TOKENS.UserStore);
    expect(users).toBeInstanceOf(DynamoUserStore);
    expect(child.resolve(TOKENS.UserStore)).toBe(users);
    expect(child.resolve(TOKENS.RecoveryCodeStore)).toBeInstanceOf(DynamoRecoveryCodeStore);
    expect(child.resolve(TOKENS.AttemptLimiter)).toBeInstanceOf(DynamoAttemptLimiter);
    const recovery = child.resolve<{ forgotPassword: unknown; confirmForgotPassword: unknown }>(TOKENS.Recovery);
    expect(typeof recovery.forgotPassword).toBe('function');
    expect(typeof recovery.confirmForgotPassword).toBe('function');
    expect(child.resolve<{ users: unknown }>(TOKENS.Ports).users).toBe(users);
  });
});
