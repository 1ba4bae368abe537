import { cognitoError, messages, type UserMigrationForgotPasswordEvent } from '@cognito-recovery/core';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool, aUser, settleWithFakeTimers, type PoolOverrides } from '@cognito-recovery/core/testing';
import { aHarness, NEW_PASSWORD, type Harness, type HarnessOptions } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A user of the legacy system, as a migration handler finds it. */
interface LegacyUser {
  readonly email: string;
  readonly phone?: string;
}

/** The legacy store: it exists only here, not in the pool. */
const LEGACY = new Map<string, LegacyUser>([
  ['legacy-bob', { email: 'bob@legacy.example' }],
  ['carol@legacy.example', { email: 'carol@legacy.example' }],
]);

/** A migration handler written as for Cognito: look the user up, answer its attributes, or throw. */
async function migrateFromLegacy(event: UserMigrationForgotPasswordEvent): Promise<UserMigrationForgotPasswordEvent> {
  await Promise.resolve();
  const legacy = LEGACY.get(event.userName);
  if (legacy === undefined) throw new Error('Bad username');
  event.response.userAttributes = { email: legacy.email, email_verified: 'true', 'custom:legacy_id': '7' };
  event.response.messageAction = 'SUPPRESS';
  return event;
}

type Answer = (event: UserMigrationForgotPasswordEvent) => unknown;

async function withMigration(
  answer: Answer,
  overrides: PoolOverrides = {},
  options: HarnessOptions = {},
): Promise<Harness & { events: UserMigrationForgotPasswordEvent[] }> {
  const h = await aHarness({
    ...options,
    pool: aPool('emailFirst', { ...overrides, lambdaConfig: { userMigration: FN.userMigration, ...overrides.lambdaConfig } }),
  });
  const { events, handler } = recorder(answer);
  h.triggers.register(FN.userMigration, handler);
  return { ...h, events };
}

/** An answer with `response` merged over the event's. */
function answering(response: Partial<UserMigrationForgotPasswordEvent['response']>): Answer {
  return (event) => ({ ...event, response: { ...event.response, ...response } });
}

describe('UserMigration_ForgotPassword (§9.2, D12)', () => {
  it('§9.2 D12 R8.6: a user known only to the legacy store is migrated, receives a code at the returned verified email, confirms and ends CONFIRMED', async () => {
    const h = await aHarness({ pool: aPool('emailFirst', { lambdaConfig: { userMigration: FN.userMigration } }) });
    h.triggers.register(FN.userMigration, migrateFromLegacy);
    expect(await h.userNamed('legacy-bob')).toBeUndefined();

    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'legacy-bob' })).toEqual(
      ok({ CodeDeliveryDetails: { Destination: 'b***@l***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
    );
    const migrated = await h.userNamed('legacy-bob');
    expect(migrated).toMatchObject({
      username: 'legacy-bob',
      status: 'RESET_REQUIRED',
      enabled: true,
      passwordHash: undefined,
      attributes: { email: 'bob@legacy.example', email_verified: 'true', 'custom:legacy_id': '7' },
    });
    expect(migrated?.sub).toMatch(UUID);
    expect(migrated?.attributes['sub']).toBe(migrated?.sub);

    const sent = h.outbox.latestFor(h.pool.id, 'legacy-bob');
    expect(sent).toMatchObject({ medium: 'EMAIL', destination: 'bob@legacy.example' });
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'legacy-bob', ConfirmationCode: sent?.code ?? '', Password: NEW_PASSWORD })).toEqual(
      ok({}),
    );
    expect((await h.userNamed('legacy-bob'))?.status).toBe('CONFIRMED');
    expect((await h.verify({ UserPoolId: h.pool.id, Username: 'legacy-bob', Password: NEW_PASSWORD }))._unsafeUnwrap().Valid).toBe(true);
    expect(h.triggers.invocations()).toHaveLength(1);
  });

  it('§9.2 R3.6 R2.3 R9.0.2: the event has the input as sent as userName, no password, the ClientMetadata and null response fields', async () => {
    const h = await withMigration(answering({}), { id: 'eu-west-1_Migrate1', region: 'eu-west-1' });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'Legacy-Bob', ClientMetadata: { source: 'app' } }))._unsafeUnwrapErr().name).toBe(
      'UserNotFoundException',
    );
    expect(h.events).toEqual([
      {
        version: '1',
        triggerSource: 'UserMigration_ForgotPassword',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_Migrate1',
        userName: 'Legacy-Bob',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
        request: { clientMetadata: { source: 'app' } },
        response: {
          userAttributes: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
        },
      },
    ]);
  });

  it('§9.2: the trigger is not invoked for a user who exists, nor when the pool has none', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'x@example.com', email_verified: 'true' } }));
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    expect(h.events).toEqual([]);
    const plain = await aHarness();
    plain.triggers.register(FN.userMigration, recorder().handler);
    expect(await plain.forgot({ ClientId: plain.client.clientId, Username: 'nobody' })).toEqual(
      err(cognitoError('UserNotFoundException', messages.userNotFound)),
    );
    expect(plain.triggers.invocations()).toEqual([]);
  });

  it('R9.0.5 D12: ForgotPassword never invokes PreSignUp, even when it migrates a user', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'pat@example.com', email_verified: 'true' } }), {
      lambdaConfig: { userMigration: FN.userMigration, preSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up' },
    });
    h.triggers.register('arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up', recorder().handler);
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'pat' })).isOk()).toBe(true);
    expect(h.triggers.invocations().map((i) => i.trigger)).toEqual(['UserMigration']);
    expect(h.events.map((e) => e.triggerSource)).toEqual(['UserMigration_ForgotPassword']);
  });

  it('D12: finalUserStatus CONFIRMED creates the user CONFIRMED', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'dan@example.com', email_verified: 'true' }, finalUserStatus: 'CONFIRMED' }));
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'dan' })).isOk()).toBe(true);
    expect((await h.userNamed('dan'))?.status).toBe('CONFIRMED');
  });

  it('§9.2 R3.2: an email entered in an email-alias pool gets a UUID username and the email as verified alias', async () => {
    const h = await aHarness({ pool: aPool('emailFirst', { lambdaConfig: { userMigration: FN.userMigration } }) });
    h.triggers.register(FN.userMigration, migrateFromLegacy);
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'carol@legacy.example' })).isOk()).toBe(true);
    const [carol] = await h.allUsers();
    expect(carol?.username).toMatch(UUID);
    expect(carol?.username).toBe(carol?.sub);
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'CAROL@legacy.example' })).isOk()).toBe(true);
    expect(h.triggers.invocations()).toHaveLength(1);
  });

  it('§9.2 R3.3: in a username-attribute pool the entered email becomes the email of a user named by its sub', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'erin@example.com', email_verified: 'true' } }), {
      aliasAttributes: [],
      usernameAttributes: ['email'],
    });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'erin@example.com' })).isOk()).toBe(true);
    const [erin] = await h.allUsers();
    expect(erin).toMatchObject({ attributes: { email: 'erin@example.com', email_verified: 'true' } });
    expect(erin?.username).toBe(erin?.sub);
  });

  it('§9.2: the request limit, keyed by the input, comes before the migration: a spent limit invokes no trigger (D14, D9)', async () => {
    const h = await withMigration(answering({}), { limits: { forgotPasswordRequests: 1 } });
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'ghost' })).toEqual(err(cognitoError('UserNotFoundException', messages.userNotFound)));
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'ghost' })).toEqual(err(cognitoError('LimitExceededException', messages.limitExceeded)));
    expect(h.events).toHaveLength(1);
  });

  it('§9.2: a migrated user then counts against their own limit key (D14, D9)', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'fay@example.com', email_verified: 'true' } }), {
      limits: { forgotPasswordRequests: 1 },
    });
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'fay' })).isOk()).toBe(true);
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'fay' })).isOk()).toBe(true);
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'fay' })).toEqual(err(cognitoError('LimitExceededException', messages.limitExceeded)));
    expect(h.events).toHaveLength(1);
  });

  it('§9.2: a migrated user without a verified email or phone meets the normal rule (InvalidParameterException under LEGACY)', async () => {
    const h = await withMigration(answering({ userAttributes: { email: 'gus@example.com' } }));
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'gus' })).toEqual(
      err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)),
    );
    expect((await h.userNamed('gus'))?.status).toBe('RESET_REQUIRED');
  });

  describe('no user in the answer (R8.6)', () => {
    it.each([
      ['the event unchanged', answering({})],
      ['null', () => null],
      ['an empty object', () => ({})],
      ['a null response', (e: UserMigrationForgotPasswordEvent) => ({ ...e, response: null })],
      ['empty userAttributes', answering({ userAttributes: {} })],
    ])('R8.6 R8.5: %s is "no such user": UserNotFoundException under LEGACY', async (_name, answer) => {
      const h = await withMigration(answer);
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'ghost' })).toEqual(err(cognitoError('UserNotFoundException', messages.userNotFound)));
      expect(await h.allUsers()).toEqual([]);
    });

    it('R8.6 R8.3 D4: under ENABLED an empty answer gets the same simulated answer as a pool without migration', async () => {
      const h = await withMigration(answering({}), {}, { client: { preventUserExistenceErrors: 'ENABLED' } });
      const plain = await aHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
      const migrated = await h.forgot({ ClientId: h.client.clientId, Username: 'ghost' });
      expect(migrated).toEqual(await plain.forgot({ ClientId: plain.client.clientId, Username: 'ghost' }));
      expect(migrated.isOk()).toBe(true);
      expect(h.outbox.messages()).toEqual([]);
      expect(h.events).toHaveLength(1);
    });
  });

  describe('aliases (D12, R3.2)', () => {
    it('D12: an email alias owned by another user without forceAliasCreation is UserLambdaValidationException; nothing is created', async () => {
      const h = await withMigration(answering({ userAttributes: { email: 'alice@example.com', email_verified: 'true' } }));
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'impostor' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'UserMigration failed with error An account with the email already exists.')),
      );
      expect((await h.allUsers()).map((u) => u.username)).toEqual(['alice']);
    });

    it('D12: a phone_number alias owned by another user likewise', async () => {
      const h = await withMigration(answering({ userAttributes: { phone_number: '+15555550100', phone_number_verified: 'true' } }), {
        aliasAttributes: ['phone_number'],
      });
      await h.addUser(aUser().withVerifiedPhone('+15555550100'));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'impostor' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'UserMigration failed with error An account with the phone_number already exists.')),
      );
      expect(await h.userNamed('impostor')).toBeUndefined();
    });

    it("D12 R3.2: forceAliasCreation moves the alias; the previous owner's email_verified becomes false", async () => {
      const h = await withMigration(answering({ userAttributes: { email: 'alice@example.com', email_verified: 'true' }, forceAliasCreation: true }));
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'newalice' })).isOk()).toBe(true);
      expect((await h.userNamed('alice'))?.attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'false' });
      expect(h.outbox.latestFor(h.pool.id, 'newalice')?.destination).toBe('alice@example.com');
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice@example.com' })).isOk()).toBe(true);
      expect(h.outbox.messages().map((m) => m.username)).toEqual(['newalice', 'newalice']);
    });
  });

  describe('failures (R9.0.4, D16, D12)', () => {
    it('D12: enableSMSMFA without a phone number fails the migration; with one, SMS MFA is on', async () => {
      const h = await withMigration(answering({ userAttributes: { email: 'hal@example.com', email_verified: 'true' }, enableSMSMFA: true }));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'hal' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'UserMigration failed with error SMS MFA cannot be enabled for a user without a phone_number.')),
      );
      expect(await h.allUsers()).toEqual([]);
      const withPhone = await withMigration(
        answering({ userAttributes: { email: 'hal@example.com', email_verified: 'true', phone_number: '+15555550199' }, enableSMSMFA: true }),
      );
      expect((await withPhone.forgot({ ClientId: withPhone.client.clientId, Username: 'hal' })).isOk()).toBe(true);
      expect((await withPhone.userNamed('hal'))?.mfa.smsMfaEnabled).toBe(true);
    });

    it('D12: attributes an administrator could not write (sub, unknown names) fail the migration', async () => {
      const h = await withMigration(answering({ userAttributes: { email: 'ivy@example.com', sub: 'chosen-sub' } }));
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'ivy' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'UserMigration failed with error Cannot modify the non-mutable attribute sub.')),
      );
      expect(await h.allUsers()).toEqual([]);
    });

    it('R9.0.4 D16: a function error is UserLambdaValidationException "UserMigration failed with error <message>."', async () => {
      const h = await aHarness({ pool: aPool('emailFirst', { lambdaConfig: { userMigration: FN.userMigration } }) });
      h.triggers.register(FN.userMigration, migrateFromLegacy);
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'stranger' })).toEqual(
        err(cognitoError('UserLambdaValidationException', 'UserMigration failed with error Bad username.')),
      );
    });

    it.each([
      ['a string', () => 'ok'],
      ['a response that is a list', (e: UserMigrationForgotPasswordEvent) => ({ ...e, response: [] })],
      ['userAttributes that are a string', answering({ userAttributes: 'email' as never })],
      ['an attribute that is an object', answering({ userAttributes: { email: { v: 1 } } as never })],
      ['an unknown finalUserStatus', answering({ userAttributes: { email: 'j@example.com' }, finalUserStatus: 'ARCHIVED' })],
      ['an unknown messageAction', answering({ userAttributes: { email: 'j@example.com' }, messageAction: 'SEND' as never })],
      ['a non-boolean forceAliasCreation', answering({ userAttributes: { email: 'j@example.com' }, forceAliasCreation: 'yes' as never })],
      ['bad desiredDeliveryMediums', answering({ userAttributes: { email: 'j@example.com' }, desiredDeliveryMediums: ['FAX'] as never })],
    ])('R9.0.4 D16: %s is InvalidLambdaResponseException; nothing is created', async (_name, answer) => {
      const h = await withMigration(answer);
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'jay' })).toEqual(
        err(cognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output')),
      );
      expect(await h.allUsers()).toEqual([]);
    });

    it('R9.0.3: boolean and number attribute values are read as strings', async () => {
      const h = await withMigration(answering({ userAttributes: { email: 'kim@example.com', email_verified: true, 'custom:n': 3 } as never }));
      expect((await h.forgot({ ClientId: h.client.clientId, Username: 'kim' })).isOk()).toBe(true);
      expect((await h.userNamed('kim'))?.attributes).toMatchObject({ email_verified: 'true', 'custom:n': '3' });
    });

    it('R9.0.1 D16: a migration that times out is UnexpectedLambdaException after three attempts', async () => {
      const h = await withMigration(() => new Promise(() => undefined), { limits: { triggerTimeoutMs: 20 } });
      expect(await settleWithFakeTimers(() => h.forgot({ ClientId: h.client.clientId, Username: 'slow' }))).toEqual(
        err(cognitoError('UnexpectedLambdaException', 'UserMigration invocation failed due to error Task timed out after 0.02 seconds.')),
      );
      expect(h.triggers.invocations()).toHaveLength(3);
      expect(await h.allUsers()).toEqual([]);
    });
  });
});
