import { cognitoError, type CustomEmailSenderForgotPasswordEvent, type CustomSmsSenderForgotPasswordEvent } from '@cognito-recovery/core';
import { codeHmacer } from '@cognito-recovery/core/rules';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool, aUser, settleWithFakeTimers, type PoolOverrides } from '@cognito-recovery/core/testing';
import { RawAesCodeEncryptor } from '../src/index.js';
import { aHarness, CODE_KEY, ENCRYPTION_KEY, NEW_PASSWORD, type Harness } from './harness.js';
import { decryptCode, FN, recordSenders } from './triggers-support.js';

const hmac = codeHmacer(CODE_KEY);
const PHONE_ONLY: PoolOverrides['recoveryMechanisms'] = [{ priority: 1, name: 'verified_phone_number' }];

type SenderEvent = CustomEmailSenderForgotPasswordEvent | CustomSmsSenderForgotPasswordEvent;

async function withSenders(overrides: PoolOverrides = {}): Promise<Harness & { email: SenderEvent[]; sms: SenderEvent[]; messages: unknown[] }> {
  const h = await aHarness({
    pool: aPool('emailFirst', {
      ...overrides,
      lambdaConfig: { customEmailSender: FN.customEmailSender, customSmsSender: FN.customSmsSender, kmsKeyId: FN.kmsKeyId, ...overrides.lambdaConfig },
    }),
  });
  const events = recordSenders<SenderEvent>(h.triggers);
  await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
  await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
  return { ...h, ...events };
}

describe('CustomEmailSender_ForgotPassword / CustomSMSSender_ForgotPassword (§9.3)', () => {
  it('§9.3 D11: the email sender gets the code encrypted; decrypted with @aws-crypto/client-node it confirms the reset', async () => {
    const h = await withSenders();
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice', ClientMetadata: { flow: 'reset' } })).toEqual(
      ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
    );
    expect(h.outbox.messages()).toEqual([]);
    expect(h.email).toHaveLength(1);
    const event = h.email[0];
    const { plaintext, context } = await decryptCode(event?.request.code ?? '');
    expect(plaintext).toMatch(/^\d{6}$/);
    expect(context).toMatchObject({ 'userpool-id': h.pool.id });
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: plaintext, Password: NEW_PASSWORD })).toEqual(ok({}));
  });

  it('§9.3 R9.0.2 R9.0.3 R3.6 R2.3: the email sender event, field by field', async () => {
    const h = await withSenders({ id: 'eu-west-1_Sender1', region: 'eu-west-1' });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice@example.com', ClientMetadata: { flow: 'reset' } })).isOk()).toBe(true);
    const event = h.email[0];
    expect(event).toEqual({
      version: '1',
      triggerSource: 'CustomEmailSender_ForgotPassword',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_Sender1',
      userName: 'alice',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
      request: {
        type: 'customEmailSenderRequestV1',
        code: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) as unknown,
        userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true' },
        clientMetadata: { flow: 'reset' },
      },
      response: {},
    });
    expect(event?.request.code).not.toMatch(/^\d{6}$/);
  });

  it('§9.3 D13: the SMS sender replaces SNS (no SMS configuration needed) and its code confirms', async () => {
    const h = await withSenders({ recoveryMechanisms: PHONE_ONLY, smsConfiguration: undefined });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'bob' }))._unsafeUnwrap().CodeDeliveryDetails).toEqual({
      Destination: '+*******0100',
      DeliveryMedium: 'SMS',
      AttributeName: 'phone_number',
    });
    expect(h.sms[0]).toMatchObject({
      triggerSource: 'CustomSMSSender_ForgotPassword',
      userName: 'bob',
      request: { type: 'customSMSSenderRequestV1', userAttributes: { sub: 'sub-bob', phone_number: '+15555550100', phone_number_verified: 'true' } },
      response: {},
    });
    const { plaintext } = await decryptCode(h.sms[0]?.request.code ?? '');
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'bob', ConfirmationCode: plaintext, Password: NEW_PASSWORD })).toEqual(ok({}));
  });

  it('D11: with a custom sender for the medium CustomMessage is not invoked; for the other medium it is', async () => {
    const h = await withSenders({ recoveryMechanisms: PHONE_ONLY, lambdaConfig: { customMessage: FN.customMessage, customSmsSender: undefined } });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'bob' })).isOk()).toBe(true);
    expect(h.messages).toHaveLength(1);
    expect(h.outbox.latestFor(h.pool.id, 'bob')?.medium).toBe('SMS');
    const emailFirst = await withSenders({ lambdaConfig: { customMessage: FN.customMessage } });
    expect((await emailFirst.forgot({ ClientId: emailFirst.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    expect(emailFirst.messages).toEqual([]);
    expect(emailFirst.email).toHaveLength(1);
  });

  it('§9.3: the sender is invoked with its name and the pool timeout', async () => {
    const h = await withSenders({ limits: { triggerTimeoutMs: 1234 } });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    expect(h.triggers.invocations()).toMatchObject([{ trigger: 'CustomEmailSender', functionRef: FN.customEmailSender, timeoutMs: 1234 }]);
  });

  it('R9.0.1 §9.3: a failing sender does not fail ForgotPassword (invoked asynchronously), and the code it received stays valid', async () => {
    const h = await withSenders();
    let received = '';
    h.triggers.register(FN.customEmailSender, async (event: CustomEmailSenderForgotPasswordEvent) => {
      received = (await decryptCode(event.request.code ?? '')).plaintext;
      throw new Error('SendGrid refused');
    });
    const answer = await h.forgot({ ClientId: h.client.clientId, Username: 'alice' });
    expect(answer.isOk()).toBe(true);
    await h.triggers.settled();
    expect(received).toMatch(/^\d{6}$/);
    // A function error is not retried (R9.0.1); the code was stored before the sender ran.
    expect(h.triggers.invocations().filter((i) => i.functionRef === FN.customEmailSender)).toHaveLength(1);
    expect((await h.stores.codes.verify(h.pool.id, 'alice', hmac(received), h.clock.now()))._unsafeUnwrap()).toBe('valid');
  });

  it('R9.0.1 §9.3: ForgotPassword answers before a sender that never answers; the invocation times out and is retried in the background', async () => {
    const h = await withSenders({ recoveryMechanisms: PHONE_ONLY, limits: { triggerTimeoutMs: 50 } });
    let calls = 0;
    h.triggers.register(FN.customSmsSender, () => {
      calls++;
      return new Promise(() => undefined);
    });
    const answer = await settleWithFakeTimers(async () => {
      const result = await h.forgot({ ClientId: h.client.clientId, Username: 'bob' });
      // The answer came while the first attempt was still running.
      expect([result.isOk(), calls]).toEqual([true, 1]);
      await h.triggers.settled();
      return result;
    });
    expect(answer.isOk()).toBe(true);
    expect(calls).toBe(3); // Cognito's three attempts (R9.0.1)
  });

  it('§9.3: the sender output is not read', async () => {
    const h = await withSenders();
    h.triggers.register(FN.customEmailSender, () => Promise.resolve('whatever'));
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
  });

  it('§9.3 D16: a pool without KMSKeyID, or a recovery without CodeEncryptor, cannot invoke the sender', async () => {
    const noKey = await withSenders({ lambdaConfig: { kmsKeyId: undefined } });
    expect(await noKey.forgot({ ClientId: noKey.client.clientId, Username: 'alice' })).toEqual(
      err(cognitoError('UnexpectedLambdaException', 'CustomEmailSender invocation failed due to error the pool has no KMSKeyID.')),
    );
    const h = await aHarness({
      pool: aPool('emailFirst', { lambdaConfig: { customEmailSender: FN.customEmailSender, kmsKeyId: FN.kmsKeyId } }),
      ports: (ports) => ({ ...ports, encryptor: undefined }),
    });
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
      err(cognitoError('UnexpectedLambdaException', 'CustomEmailSender invocation failed due to error no CodeEncryptor is configured.')),
    );
    expect(h.triggers.invocations()).toEqual([]);
  });

  it('§9.3: AdminResetUserPassword hands the encrypted code to the sender too', async () => {
    const h = await withSenders();
    expect(await h.adminReset({ UserPoolId: h.pool.id, Username: 'alice' })).toEqual(ok({}));
    expect(h.email[0]?.callerContext.clientId).toBe('CLIENT_ID_NOT_APPLICABLE');
    const { plaintext } = await decryptCode(h.email[0]?.request.code ?? '');
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: plaintext, Password: NEW_PASSWORD })).toEqual(ok({}));
  });

  it('§9.3: RawAesCodeEncryptor answers a fresh Encryption SDK message per call and refuses a key that is not 32 bytes', async () => {
    const encryptor = new RawAesCodeEncryptor({ key: ENCRYPTION_KEY });
    const a = (await encryptor.encrypt('123456', FN.kmsKeyId, 'us-east-1_X'))._unsafeUnwrap();
    const b = (await encryptor.encrypt('123456', FN.kmsKeyId, 'us-east-1_X'))._unsafeUnwrap();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64')[0]).toBe(2); // message format version 2 (committing suite)
    expect((await decryptCode(a)).plaintext).toBe('123456');
    expect(() => new RawAesCodeEncryptor({ key: new Uint8Array(16) })).toThrow(RangeError);
  });
});
