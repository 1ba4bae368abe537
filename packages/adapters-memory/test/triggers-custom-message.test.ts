import { cognitoError, type CustomMessageForgotPasswordEvent } from '@cognito-recovery/core';
import { codeHmacer } from '@cognito-recovery/core/rules';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { aHarness, CODE_KEY, NEW_PASSWORD, oneViolation, type Harness } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const hmac = codeHmacer(CODE_KEY);
const DEVELOPER: PoolOverrides['emailConfiguration'] = {
  emailSendingAccount: 'DEVELOPER',
  sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
};
const EMAIL_PATTERN = String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*`;
const unrecognizable = err(cognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output'));

type Response = CustomMessageForgotPasswordEvent['response'];

/** A pool with the CustomMessage trigger answering `response` over the event, and alice with a verified email. */
async function withCustomMessage(
  response: Partial<Response> | ((event: CustomMessageForgotPasswordEvent) => unknown),
  overrides: PoolOverrides = {},
): Promise<Harness & { events: CustomMessageForgotPasswordEvent[] }> {
  const h = await aHarness({
    pool: aPool('emailFirst', { emailConfiguration: DEVELOPER, ...overrides, lambdaConfig: { customMessage: FN.customMessage, ...overrides.lambdaConfig } }),
  });
  const answer =
    typeof response === 'function' ? response : (event: CustomMessageForgotPasswordEvent) => ({ ...event, response: { ...event.response, ...response } });
  const { events, handler } = recorder(answer);
  h.triggers.register(FN.customMessage, handler);
  await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
  return { ...h, events };
}

/** alice's outstanding code is none (nothing issued, or revoked). */
async function noValidCode(h: Harness, code = '000000'): Promise<boolean> {
  return (await h.stores.codes.verify(h.pool.id, 'alice', hmac(code), h.clock.now()))._unsafeUnwrap() === 'none';
}

describe('CustomMessage_ForgotPassword (§9.1)', () => {
  describe('event (R9.0.2, R9.0.3, R3.6, R2.3)', () => {
    it('§9.1 R9.0.2 R9.0.3 R3.6 R2.3: the event carries exactly the fields of §9.1, with the canonical username and the ClientMetadata', async () => {
      const h = await withCustomMessage({}, { id: 'eu-west-1_Trigger1', region: 'eu-west-1' });
      const metadata = { app: 'web', locale: 'fr' };
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'ALICE@example.com', ClientMetadata: metadata })).isOk()).toBe(true);
      expect(h.events).toEqual([
        {
          version: '1',
          triggerSource: 'CustomMessage_ForgotPassword',
          region: 'eu-west-1',
          userPoolId: 'eu-west-1_Trigger1',
          userName: 'alice',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
          request: {
            userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true' },
            codeParameter: '{####}',
            linkParameter: '{##Click Here##}',
            usernameParameter: null,
            clientMetadata: { app: 'web', locale: 'fr' },
          },
          response: { smsMessage: null, emailMessage: null, emailSubject: null },
        },
      ]);
    });

    it('R2.3: without ClientMetadata the event has no clientMetadata, and ClientMetadata is never stored', async () => {
      const h = await withCustomMessage({});
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      expect(h.events[0]?.request).not.toHaveProperty('clientMetadata');
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice', ClientMetadata: { secret: 'metadata-value-xyz' } })).isOk()).toBe(true);
      expect(JSON.stringify(await h.allUsers())).not.toContain('metadata-value-xyz');
      expect(JSON.stringify(h.outbox.messages())).not.toContain('metadata-value-xyz');
    });

    it('§9.1 R9.0.1: the invocation carries the pool, the trigger name and the pool timeout (5 s by default)', async () => {
      const h = await withCustomMessage({});
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      expect(h.triggers.invocations()).toMatchObject([{ userPoolId: h.pool.id, trigger: 'CustomMessage', functionRef: FN.customMessage, timeoutMs: 5000 }]);
    });
  });

  describe('happy paths (§9.1, D11)', () => {
    it('§9.1: the returned email subject and body are sent with the code in place of {####}, and the code works', async () => {
      const h = await withCustomMessage({ emailSubject: 'Reset your password', emailMessage: '<p>Your code: <b>{####}</b> ({####})</p>' });
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
        ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
      );
      const sent = h.outbox.latestFor(h.pool.id, 'alice');
      const code = sent?.code ?? '';
      expect(sent).toMatchObject({
        medium: 'EMAIL',
        destination: 'alice@example.com',
        subject: 'Reset your password',
        body: `<p>Your code: <b>${code}</b> (${code})</p>`,
      });
      expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: code, Password: NEW_PASSWORD })).toEqual(ok({}));
    });

    it('§9.1: the returned SMS body is sent by SMS with the code', async () => {
      const h = await withCustomMessage({ smsMessage: 'Code {####}' }, { recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] });
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'bob' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('SMS');
      const sent = h.outbox.latestFor(h.pool.id, 'bob');
      expect(sent?.body).toBe(`Code ${sent?.code ?? ''}`);
    });

    it('D11: fields left null fall back to the pool template (D11 defaults when unset)', async () => {
      const h = await withCustomMessage({});
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      const sent = h.outbox.latestFor(h.pool.id, 'alice');
      expect(sent).toMatchObject({ subject: 'Your verification code', body: `Your verification code is ${sent?.code ?? ''}. ` });
    });

    it("D11: a null subject with a returned body uses the pool template's subject", async () => {
      const h = await withCustomMessage(
        { emailMessage: 'Code {####}' },
        { verificationMessage: { emailSubject: 'Pool subject', emailMessage: 'Pool body {####}' } },
      );
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      const sent = h.outbox.latestFor(h.pool.id, 'alice');
      expect(sent).toMatchObject({ subject: 'Pool subject', body: `Code ${sent?.code ?? ''}` });
    });

    it('§9.1: a message of exactly 140 (SMS) characters with the code is accepted', async () => {
      const body = `{####}${'x'.repeat(134)}`;
      const h = await withCustomMessage({ smsMessage: body }, { recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] });
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'bob' })).isOk()).toBe(true);
      expect(Array.from(h.outbox.latestFor(h.pool.id, 'bob')?.body ?? '')).toHaveLength(140);
    });

    it('§9.1: with COGNITO_DEFAULT email, an SMS code may still be customised (only the medium sent is read)', async () => {
      const h = await withCustomMessage(
        { smsMessage: 'SMS {####}', emailMessage: 'Email {####}' },
        { emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' }, recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] },
      );
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'bob' })).isOk()).toBe(true);
      expect(h.outbox.latestFor(h.pool.id, 'bob')?.body).toMatch(/^SMS \d{6}$/);
    });

    it('R8.3 D4: the simulated answer for an unknown user invokes no trigger', async () => {
      const h = await aHarness({
        pool: aPool('emailFirst', { lambdaConfig: { customMessage: FN.customMessage } }),
        client: { preventUserExistenceErrors: 'ENABLED' },
      });
      h.triggers.register(FN.customMessage, recorder().handler);
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'nobody' })).isOk()).toBe(true);
      expect(h.triggers.invocations()).toEqual([]);
      expect(h.outbox.messages()).toEqual([]);
    });
  });

  describe('response validation (§9.1)', () => {
    it('§9.1: email content with EmailSendingAccount COGNITO_DEFAULT is InvalidLambdaResponseException; nothing sent, no code', async () => {
      for (const response of [{ emailMessage: 'Code {####}' }, { emailSubject: 'Subject' }]) {
        const h = await withCustomMessage(response, { emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' } });
        expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(unrecognizable);
        expect(h.outbox.messages()).toEqual([]);
        expect(await noValidCode(h)).toBe(true);
      }
    });

    it('§9.1: an emailMessage without {####} is InvalidParameterException quoting the emailBody pattern', async () => {
      const h = await withCustomMessage({ emailMessage: 'No code here' });
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
        oneViolation(`Value 'No code here' at 'emailBody' failed to satisfy constraint: Member must satisfy regular expression pattern: ${EMAIL_PATTERN}`),
      );
      expect(await noValidCode(h)).toBe(true);
    });

    it('§9.1: an emailMessage with a control character fails the same emailBody pattern', async () => {
      const h = await withCustomMessage({ emailMessage: 'Code {####}\u0007' });
      const result = await h.forgot({ ClientId: h.client.clientId, Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringContaining("at 'emailBody' failed to satisfy constraint") as unknown,
      });
    });

    it('§9.1: an smsMessage without {####} is InvalidParameterException quoting the smsMessage pattern (project member name, §12.11)', async () => {
      const h = await withCustomMessage({ smsMessage: 'No code' }, { recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] });
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'bob' })).toEqual(
        oneViolation(String.raw`Value 'No code' at 'smsMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\{####\}.*`),
      );
    });

    it.each([
      ['email', { emailMessage: '' }, 'alice'],
      ['SMS', { smsMessage: '' }, 'bob'],
    ] as const)('§9.1: an empty %s message is InvalidParameterException "The message is empty."', async (_medium, response, username) => {
      const h = await withCustomMessage(response, {
        recoveryMechanisms: [{ priority: 1, name: username === 'bob' ? 'verified_phone_number' : 'verified_email' }],
      });
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: username })).toEqual(
        err(cognitoError('InvalidParameterException', 'The message is empty.')),
      );
    });

    it('§9.1: an SMS longer than 140 characters with the code is InvalidParameterException', async () => {
      const body = `{####}${'x'.repeat(135)}`;
      const h = await withCustomMessage({ smsMessage: body }, { recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] });
      await h.addUser(aUser().named('bob').withVerifiedPhone('+15555550100'));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'bob' })).toEqual(
        oneViolation(`Value '${body}' at 'smsMessage' failed to satisfy constraint: Member must have length less than or equal to 140`),
      );
      expect(h.outbox.messages()).toEqual([]);
    });

    it('§9.1: an email of 20,000 characters passes, 20,001 is InvalidParameterException', async () => {
      const fits = await withCustomMessage({ emailMessage: `{####}${'é'.repeat(19_994)}` });
      expect((await fits.forgot({ ClientId: fits.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      const body = `{####}${'é'.repeat(19_995)}`;
      const long = await withCustomMessage({ emailMessage: body });
      expect(await long.forgot({ ClientId: long.client.clientId, Username: 'alice' })).toEqual(
        oneViolation(`Value '${body}' at 'emailBody' failed to satisfy constraint: Member must have length less than or equal to 20000`),
      );
    });

    it.each([
      ['a string', () => 'Your code is {####}'],
      ['null', () => null],
      ['an object without response', () => ({ request: {} })],
      ['a response that is not an object', (e: CustomMessageForgotPasswordEvent) => ({ ...e, response: 'text' })],
      ['a non-string emailMessage', (e: CustomMessageForgotPasswordEvent) => ({ ...e, response: { ...e.response, emailMessage: 42 } })],
      ['a non-string smsMessage', (e: CustomMessageForgotPasswordEvent) => ({ ...e, response: { ...e.response, smsMessage: ['x'] } })],
    ])('R9.0.4 D16: %s is InvalidLambdaResponseException "Unrecognizable lambda output"', async (_name, answer) => {
      const h = await withCustomMessage(answer);
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(unrecognizable);
      expect(await noValidCode(h)).toBe(true);
    });

    it('R9.0.4 D16: a function error is UserLambdaValidationException "CustomMessage failed with error <message>."; the previous code still works', async () => {
      const h = await aHarness({ pool: aPool('emailFirst', { emailConfiguration: DEVELOPER }) });
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      const first = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
      (await h.bound.pools.putPool({ ...h.pool, lambdaConfig: { customMessage: FN.customMessage } }))._unsafeUnwrap();
      h.triggers.register(FN.customMessage, () => Promise.reject(new Error('Template service down')));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'CustomMessage failed with error Template service down.')),
      );
      expect(h.outbox.messages()).toHaveLength(1);
      expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: first, Password: NEW_PASSWORD })).toEqual(ok({}));
    });
  });

  describe('AdminResetUserPassword (§9.1, R2.3)', () => {
    it('§9.1 R2.3: the admin reset raises CustomMessage_ForgotPassword with clientId CLIENT_ID_NOT_APPLICABLE and the ClientMetadata', async () => {
      const h = await withCustomMessage({ emailMessage: 'Admin reset: {####}' });
      expect(await h.adminReset({ UserPoolId: h.pool.id, Username: 'alice', ClientMetadata: { by: 'support' } })).toEqual(ok({}));
      expect(h.events).toHaveLength(1);
      expect(h.events[0]).toMatchObject({
        triggerSource: 'CustomMessage_ForgotPassword',
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: { codeParameter: '{####}', usernameParameter: null, clientMetadata: { by: 'support' } },
      });
      const sent = h.outbox.latestFor(h.pool.id, 'alice');
      expect(sent?.body).toBe(`Admin reset: ${sent?.code ?? ''}`);
      expect((await h.userNamed('alice'))?.status).toBe('RESET_REQUIRED');
    });

    it('R9.0.4 D16: a failing CustomMessage fails the admin reset before the status changes', async () => {
      const h = await withCustomMessage(() => Promise.reject(new Error('nope')));
      expect(await h.adminReset({ UserPoolId: h.pool.id, Username: 'alice' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'CustomMessage failed with error nope.')),
      );
      expect((await h.userNamed('alice'))?.status).toBe('CONFIRMED');
      expect(await noValidCode(h)).toBe(true);
    });

    it('§9.1: an admin reset message without {####} is InvalidParameterException', async () => {
      const h = await withCustomMessage({ emailMessage: 'missing' });
      expect((await h.adminReset({ UserPoolId: h.pool.id, Username: 'alice' }))._unsafeUnwrapErr().name).toBe('InvalidParameterException');
    });
  });
});
