import { cognitoError, type PostConfirmationConfirmForgotPasswordEvent } from '@cognito-recovery/core';
import { codeHmacer } from '@cognito-recovery/core/rules';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool, aUser, settleWithFakeTimers, type PoolOverrides } from '@cognito-recovery/core/testing';
import { aHarness, CODE_KEY, NEW_PASSWORD, type Harness } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const hmac = codeHmacer(CODE_KEY);

async function withPostConfirmation(
  answer: (event: PostConfirmationConfirmForgotPasswordEvent) => unknown,
  overrides: PoolOverrides = {},
): Promise<Harness & { events: PostConfirmationConfirmForgotPasswordEvent[]; code: string }> {
  const h = await aHarness({ pool: aPool('emailFirst', { ...overrides, lambdaConfig: { postConfirmation: FN.postConfirmation } }) });
  const { events, handler } = recorder(answer);
  h.triggers.register(FN.postConfirmation, handler);
  await h.addUser(aUser().withVerifiedEmail('alice@example.com').withAttributes({ name: 'Alice' }).withStatus('RESET_REQUIRED'));
  (await h.forgot({ ClientId: h.client.clientId, Username: 'alice' }))._unsafeUnwrap();
  return { ...h, events, code: h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '' };
}

function confirmAlice(h: Harness & { code: string }, metadata?: Record<string, string>, username = 'alice') {
  return h.confirm({
    ClientId: h.client.clientId,
    Username: username,
    ConfirmationCode: h.code,
    Password: NEW_PASSWORD,
    ...(metadata === undefined ? {} : { ClientMetadata: metadata }),
  });
}

async function newPasswordWorks(h: Harness): Promise<boolean> {
  return (await h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: NEW_PASSWORD }))._unsafeUnwrap().Valid;
}

describe('PostConfirmation_ConfirmForgotPassword (§9.4, D17)', () => {
  it('§9.4 R9.0.2 R9.0.3 R3.6 R2.3: the event, field by field: attributes after the reset with cognito:user_status, the ClientMetadata', async () => {
    const h = await withPostConfirmation((event) => event, { id: 'ap-south-1_Post1', region: 'ap-south-1' });
    expect(await confirmAlice(h, { reason: 'forgot' }, 'alice@example.com')).toEqual(ok({}));
    expect(h.events).toEqual([
      {
        version: '1',
        triggerSource: 'PostConfirmation_ConfirmForgotPassword',
        region: 'ap-south-1',
        userPoolId: 'ap-south-1_Post1',
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
        request: {
          userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true', name: 'Alice', 'cognito:user_status': 'CONFIRMED' },
          clientMetadata: { reason: 'forgot' },
        },
        response: {},
      },
    ]);
  });

  it('§9.4: it runs after every successful reset, once, and not after a failed confirm', async () => {
    const h = await withPostConfirmation((event) => event);
    expect(
      (
        await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: h.code === '000000' ? '000001' : '000000', Password: NEW_PASSWORD })
      ).isErr(),
    ).toBe(true);
    expect(h.events).toEqual([]);
    expect(await confirmAlice(h)).toEqual(ok({}));
    expect(h.events).toHaveLength(1);
    expect(h.events[0]?.request).not.toHaveProperty('clientMetadata');
  });

  it('§9.4: its answer is not read (any output is fine)', async () => {
    const h = await withPostConfirmation(() => 'not an event');
    expect(await confirmAlice(h)).toEqual(ok({}));
  });

  it('D17 R9.0.4 D16: a function error is UserLambdaValidationException; the new password stays and the code is used', async () => {
    const h = await withPostConfirmation(() => {
      throw new Error('CRM unavailable');
    });
    expect(await confirmAlice(h)).toEqual(err(cognitoError('UserLambdaValidationException', 'PostConfirmation failed with error CRM unavailable.')));
    expect(await newPasswordWorks(h)).toBe(true);
    expect((await h.userNamed('alice'))?.status).toBe('CONFIRMED');
    expect((await h.stores.codes.verify(h.pool.id, 'alice', hmac(h.code), h.clock.now()))._unsafeUnwrap()).toBe('mismatch');
  });

  it('D17 R9.0.1 D16: a timeout is UnexpectedLambdaException after three attempts; the new password stays', async () => {
    const h = await withPostConfirmation(() => new Promise(() => undefined), { limits: { triggerTimeoutMs: 10 } });
    expect(await settleWithFakeTimers(() => confirmAlice(h))).toEqual(
      err(cognitoError('UnexpectedLambdaException', 'PostConfirmation invocation failed due to error Task timed out after 0.01 seconds.')),
    );
    expect(h.triggers.invocations()).toHaveLength(3);
    expect(await newPasswordWorks(h)).toBe(true);
  });
});
