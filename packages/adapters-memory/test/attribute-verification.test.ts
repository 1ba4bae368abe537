import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '@cognito-recovery/core/rules';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { attrs, CODE_EXPIRED, CODE_MISMATCH, failure, must, NEW_PASSWORD, otherCode, type Harness } from './harness.js';
import { signIn, tokenHarness } from './tokens-support.js';
import { FN, recorder } from './triggers-support.js';

const HOUR = 3_600_000;
const LIMIT = failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
const BAD_ATTRIBUTE = failure('InvalidParameterException', 'Invalid attribute name or attribute has no value.');

interface Verifying extends Harness {
  readonly token: string;
  readonly ask: (AttributeName: string) => ReturnType<Harness['getUserAttributeVerificationCode']>;
  readonly verifyAttr: (AttributeName: string, Code: string) => ReturnType<Harness['verifyUserAttribute']>;
  readonly codeOf: (username?: string) => string;
}

/** alice (signed in) with a verified email and, unless replaced, an unverified second phone. */
async function verifying(
  user = aUser('alice').withVerifiedEmail('alice@example.com').withUnverifiedPhone('+15555550100'),
  overrides: PoolOverrides = {},
): Promise<Verifying> {
  const h = await tokenHarness({ pool: aPool('emailFirst', overrides), users: [user] });
  const { AccessToken } = await signIn(h);
  return {
    ...h,
    token: AccessToken,
    ask: (AttributeName) => h.getUserAttributeVerificationCode({ AccessToken, AttributeName }),
    verifyAttr: (AttributeName, Code) => h.verifyUserAttribute({ AccessToken, AttributeName, Code }),
    codeOf: (username = 'alice') => h.outbox.latestCodeFor(h.pool.id, username) ?? '',
  };
}

describe('GetUserAttributeVerificationCode (R24.1, D43)', () => {
  it('R24.1 D43: sends a code to the current email, even verified, and answers where it went', async () => {
    const h = await verifying();
    expect(await h.ask('email')).toEqual(
      ok({ CodeDeliveryDetails: { Destination: maskEmail('alice@example.com'), DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
    );
    expect(h.outbox.messages()).toMatchObject([{ medium: 'EMAIL', destination: 'alice@example.com' }]);
  });

  it('D43: a phone the pool does not auto-verify still gets a code by SMS', async () => {
    const h = await verifying();
    expect(await h.ask('phone_number')).toEqual(
      ok({ CodeDeliveryDetails: { Destination: maskPhone('+15555550100'), DeliveryMedium: 'SMS', AttributeName: 'phone_number' } }),
    );
  });

  it('D43: only email and phone_number with a value: InvalidParameterException "Invalid attribute name or attribute has no value."', async () => {
    const h = await verifying(aUser('alice').withVerifiedEmail('alice@example.com'));
    expect(await h.ask('name')).toEqual(BAD_ATTRIBUTE);
    expect(await h.ask('phone_number')).toEqual(BAD_ATTRIBUTE);
    expect(h.outbox.messages()).toEqual([]);
  });

  it('R24.1 R25.3: 5 calls per user per hour, then LimitExceededException', async () => {
    const h = await verifying();
    for (let i = 0; i < 5; i++) expect((await h.ask('email')).isOk()).toBe(true);
    expect(await h.ask('email')).toEqual(LIMIT);
    expect(h.outbox.messages()).toHaveLength(5);
  });

  it('R24.1 R22.1: the access token is checked first', async () => {
    const h = await verifying();
    expect(await h.getUserAttributeVerificationCode({ AccessToken: 'not.a.token', AttributeName: 'email' })).toEqual(
      failure('NotAuthorizedException', 'Invalid Access Token'),
    );
  });

  it('R24.1 R26.4: the message goes through CustomMessage_VerifyUserAttribute with the ClientMetadata', async () => {
    const h = await verifying(undefined, { lambdaConfig: { customMessage: FN.customMessage } });
    const { events, handler } = recorder<{ triggerSource: string; request: Record<string, unknown> }>();
    h.triggers.register(FN.customMessage, handler);
    await must(h.getUserAttributeVerificationCode({ AccessToken: h.token, AttributeName: 'email', ClientMetadata: { app: 'web' } }));
    expect(events).toMatchObject([{ triggerSource: 'CustomMessage_VerifyUserAttribute', request: { clientMetadata: { app: 'web' } } }]);
  });
});

describe('VerifyUserAttribute (R24.2, D46)', () => {
  it('R24.2 R24.8: the code verifies the phone, which becomes the recovery channel (recovery R5.3)', async () => {
    const h = await verifying(aUser('alice').withUnverifiedPhone('+15555550100'), { recoveryMechanisms: [{ priority: 1, name: 'verified_phone_number' }] });
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
      failure('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number'),
    );
    await must(h.ask('phone_number'));
    expect(await h.verifyAttr('phone_number', h.codeOf())).toEqual(ok({}));
    expect((await h.userNamed('alice'))?.attributes['phone_number_verified']).toBe('true');
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('SMS');
  });

  it('R24.2: a wrong code is CodeMismatchException; no outstanding code is ExpiredCodeException', async () => {
    const h = await verifying();
    expect(await h.verifyAttr('email', '123456')).toEqual(CODE_EXPIRED);
    await must(h.ask('phone_number'));
    expect(await h.verifyAttr('phone_number', otherCode(h.codeOf()))).toEqual(CODE_MISMATCH);
    expect((await h.userNamed('alice'))?.attributes['phone_number_verified']).toBe('false');
  });

  it('R24.2 R24.7 D33: the code is valid 24 hours; a newer code supersedes it; it is single use', async () => {
    const h = await verifying();
    await must(h.ask('phone_number'));
    const first = h.codeOf();
    await must(h.ask('phone_number'));
    const second = h.codeOf();
    if (first !== second) expect(await h.verifyAttr('phone_number', first)).toEqual(CODE_MISMATCH);
    h.advance(24 * HOUR);
    const { AccessToken } = await signIn(h); // the first token expired meanwhile
    const verify = (Code: string): ReturnType<Harness['verifyUserAttribute']> => h.verifyUserAttribute({ AccessToken, AttributeName: 'phone_number', Code });
    expect(await verify(second)).toEqual(CODE_EXPIRED);
    await must(h.getUserAttributeVerificationCode({ AccessToken, AttributeName: 'phone_number' }));
    const third = h.codeOf();
    expect(await verify(third)).toEqual(ok({}));
    expect(await verify(third)).toEqual(CODE_MISMATCH);
  });

  it('D33: a code of one purpose never verifies another: an email code does not verify the phone, nor a recovery code the email', async () => {
    const h = await verifying();
    await must(h.ask('email'));
    expect(await h.verifyAttr('phone_number', h.codeOf())).toEqual(CODE_EXPIRED);
    await must(h.forgot({ ClientId: h.client.clientId, Username: 'alice' }));
    const recovery = h.codeOf();
    expect(await h.verifyAttr('email', recovery)).toEqual(CODE_MISMATCH);
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: recovery, Password: NEW_PASSWORD })).toEqual(ok({}));
  });

  it('D33 D20: the code is bound to the value it was sent to: once the phone changes it no longer verifies', async () => {
    const h = await verifying();
    await must(h.ask('phone_number'));
    const code = h.codeOf();
    await must(h.adminUpdateUserAttributes({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: attrs({ phone_number: '+15555550199' }) }));
    expect(await h.verifyAttr('phone_number', code)).toEqual(CODE_MISMATCH);
    expect((await h.userNamed('alice'))?.attributes['phone_number_verified']).toBe('false');
  });

  it('R24.2 R25.3: 15 calls per user and attribute per hour, counted before the code is compared', async () => {
    const h = await verifying();
    await must(h.ask('phone_number'));
    const code = h.codeOf();
    for (let i = 0; i < 15; i++) expect(await h.verifyAttr('phone_number', otherCode(code))).toEqual(CODE_MISMATCH);
    expect(await h.verifyAttr('phone_number', code)).toEqual(LIMIT);
  });

  it('R24.2 D46: a value that is another user\'s verified alias is AliasExistsException "An account with the email already exists."', async () => {
    const h = await verifying(aUser('alice').withUnverifiedEmail('shared@example.com'));
    await h.addUser(aUser('bob').withVerifiedEmail('shared@example.com'));
    await must(h.ask('email'));
    expect(await h.verifyAttr('email', h.codeOf())).toEqual(failure('AliasExistsException', 'An account with the email already exists.'));
    expect((await h.userNamed('alice'))?.attributes['email_verified']).toBe('false');
    expect((await h.userNamed('bob'))?.attributes['email_verified']).toBe('true');
  });

  it('R24.2: only email and phone_number: InvalidParameterException', async () => {
    const h = await verifying();
    expect(await h.verifyAttr('name', '123456')).toEqual(BAD_ATTRIBUTE);
  });
});
