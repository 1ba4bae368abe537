import { describe, expect, it } from 'vitest';
import { maskEmail } from '@cognito-recovery/core/rules';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { aHarness, attrs, CODE_EXPIRED, failure, must, TEMPORARY_PASSWORD as GOOD, type Harness } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const LIMIT = failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.');

interface Resending extends Harness {
  readonly resend: (Username: string) => ReturnType<Harness['resendConfirmationCode']>;
}

async function withAlice(overrides: PoolOverrides = {}, client = {}): Promise<Resending> {
  const h = await aHarness({ pool: aPool('emailFirst', overrides), client });
  await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com' }) }));
  return { ...h, resend: (Username) => h.recovery.resendConfirmationCode({ ClientId: h.client.clientId, Username }) };
}

describe('resendConfirmationCode', () => {
  it('R23.12: sends a new code to the sign-up channel and answers where it went', async () => {
    const h = await withAlice();
    expect(await h.resend('alice')).toEqual(
      ok({ CodeDeliveryDetails: { Destination: maskEmail('alice@example.com'), DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
    );
    expect(h.outbox.messages()).toHaveLength(2);
    expect(
      await h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '' }),
    ).toEqual(ok({}));
  });

  it('R23.13 D41: 5 calls per user per hour; the 6th is LimitExceededException and sends nothing', async () => {
    const h = await withAlice();
    for (let i = 0; i < 5; i++) expect((await h.resend('alice')).isOk()).toBe(true);
    expect(await h.resend('alice')).toEqual(LIMIT);
    expect(h.outbox.messages()).toHaveLength(6);
    h.advance(3_600_000);
    expect((await h.resend('alice')).isOk()).toBe(true);
  });

  it('R23.13 D41: LEGACY answers: unknown, disabled, already confirmed', async () => {
    const h = await withAlice();
    expect(await h.resend('ghost')).toEqual(failure('UserNotFoundException', 'Username/client id combination not found.'));
    await h.addUser(aUser('carol').withVerifiedEmail('carol@example.com'));
    expect(await h.resend('carol')).toEqual(failure('InvalidParameterException', 'User is already confirmed.'));
    await must(h.recovery.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect(await h.resend('alice')).toEqual(failure('NotAuthorizedException', 'User is disabled.'));
  });

  it('R23.13 D41: ENABLED: unknown, disabled and confirmed users get a simulated CodeDeliveryDetails, deterministic per input, and nothing is sent', async () => {
    const h = await withAlice({}, { preventUserExistenceErrors: 'ENABLED' });
    await h.addUser(aUser('carol').withVerifiedEmail('carol@example.com'));
    const sent = h.outbox.messages().length;
    const ghost = (await h.resend('ghost'))._unsafeUnwrap();
    expect(ghost.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(await h.resend('ghost')).toEqual(ok(ghost));
    expect((await h.resend('carol')).isOk()).toBe(true);
    await must(h.recovery.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect((await h.resend('alice')).isOk()).toBe(true);
    expect(h.outbox.messages()).toHaveLength(sent);
    // Hidden answers are limited like real ones (D41: counted per input).
    for (let i = 0; i < 3; i++) expect((await h.resend('ghost')).isOk()).toBe(true);
    expect(await h.resend('ghost')).toEqual(LIMIT);
  });

  it('D41: a pool without AutoVerifiedAttributes: NotAuthorizedException "Cannot resend codes. Auto verification not turned on."', async () => {
    const h = await withAlice({ autoVerifiedAttributes: [] });
    expect(await h.resend('alice')).toEqual(failure('NotAuthorizedException', 'Cannot resend codes. Auto verification not turned on.'));
    expect(await h.resend('ghost')).toEqual(failure('NotAuthorizedException', 'Cannot resend codes. Auto verification not turned on.'));
  });

  it('D42: an UNCONFIRMED user without an unverified auto-verified attribute gets InvalidParameterException (LEGACY)', async () => {
    const h = await withAlice();
    await h.addUser(aUser('dave').withStatus('UNCONFIRMED').withUnverifiedPhone('+15555550100'));
    expect(await h.resend('dave')).toEqual(failure('InvalidParameterException', 'User has no attribute to send the confirmation code to.'));
  });

  it("R23.13 R26.4: the message goes through CustomMessage_ResendCode with the call's ClientMetadata", async () => {
    const h = await aHarness({ pool: aPool('emailFirst', { lambdaConfig: { customMessage: FN.customMessage } }) });
    const { events, handler } = recorder<{ triggerSource: string; request: { clientMetadata?: unknown } }>();
    h.triggers.register(FN.customMessage, handler);
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com' }) }));
    events.length = 0;
    await must(h.recovery.resendConfirmationCode({ ClientId: h.client.clientId, Username: 'alice', ClientMetadata: { app: 'web' } }));
    expect(events).toMatchObject([{ triggerSource: 'CustomMessage_ResendCode', request: { clientMetadata: { app: 'web' } } }]);
  });

  it('D15: a failed delivery clears the previous code too', async () => {
    const h = await withAlice();
    const first = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
    h.outbox.failNext(1, 'SES is down');
    expect(await h.resend('alice')).toEqual(failure('CodeDeliveryFailureException', 'Unable to deliver the code.'));
    expect(await h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: first })).toEqual(CODE_EXPIRED);
  });
});
