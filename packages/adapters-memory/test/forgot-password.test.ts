import { computeSecretHash, type AppClient, type RandomSource, type User, type UserPool } from '@cognito-recovery/core';
import { codeHmacer } from '@cognito-recovery/core/rules';
import { ADMIN_ONLY, EMAIL_FIRST, PHONE_FIRST, aClient, aPool, aUser } from '@cognito-recovery/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aHarness, CODE_KEY } from './harness.js';

/** The harness on a pool with Cognito's defaults (unless `pool`), its client, `users`, and the random source replaced by `random`. */
function setup(options: { pool?: UserPool; client?: AppClient; users?: readonly User[]; random?: RandomSource } = {}) {
  const { random } = options;
  return aHarness({
    pool: options.pool ?? aPool(),
    client: options.client,
    users: options.users,
    ports: random === undefined ? undefined : (ports) => ({ ...ports, random }),
  });
}

const hmac = codeHmacer(CODE_KEY);
const ENABLED = aClient({ preventUserExistenceErrors: 'ENABLED' });

describe('ForgotPassword on the memory adapters', () => {
  it('R1.4 R6.1 answers CodeDeliveryDetails and sends the code to the verified email', async () => {
    const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
    const result = await env.forgot({ ClientId: env.client.clientId, Username: 'alice' });
    expect(result._unsafeUnwrap()).toEqual({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const sent = env.outbox.latestFor(env.pool.id, 'alice');
    expect(sent).toMatchObject({ medium: 'EMAIL', destination: 'alice@example.com', subject: 'Your verification code' });
    expect(sent?.body).toBe(`Your verification code is ${sent?.code ?? ''}. `);
  });

  it('R7.1 R7.2 D8 issues a six-digit code, stores only its HMAC, valid for one hour', async () => {
    const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
    expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    const code = env.outbox.latestCodeFor(env.pool.id, 'alice') ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const now = env.clock.now();
    expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac(code), now + 3_599_999))._unsafeUnwrap()).toBe('valid');
    expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac(code), now + 3_600_000))._unsafeUnwrap()).toBe('expired');
    expect((await env.stores.codes.verify(env.pool.id, 'alice', code, now))._unsafeUnwrap()).toBe('mismatch');
  });

  it('R7.3 a new request supersedes the previous code', async () => {
    const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
    expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    const first = env.outbox.latestCodeFor(env.pool.id, 'alice') ?? '';
    let second = first;
    while (second === first) {
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      second = env.outbox.latestCodeFor(env.pool.id, 'alice') ?? '';
    }
    const now = env.clock.now();
    expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac(first), now))._unsafeUnwrap()).toBe('mismatch');
    expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac(second), now))._unsafeUnwrap()).toBe('valid');
  });

  it('R4.1 leaves the status and the password as they were', async () => {
    const user = aUser('alice').withVerifiedEmail('alice@example.com').withFields({ passwordHash: 'hash-1' }).build();
    const env = await setup({ users: [user] });
    expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    const after = (await env.ports.users.findByClaim(env.pool.id, 'u#alice'))._unsafeUnwrap();
    expect(after).toMatchObject({ status: 'CONFIRMED', passwordHash: 'hash-1', version: 1 });
  });

  describe('client and secret (R2.4, R2.5, D3, D10)', () => {
    const secret = 'client-secret-value';
    const withSecret = aClient({ clientSecret: secret });

    it('R2.4 answers ResourceNotFoundException for an unknown client', async () => {
      const env = await setup();
      const result = await env.forgot({ ClientId: 'nosuchclient', Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toEqual({
        name: 'ResourceNotFoundException',
        $fault: 'client',
        message: 'User pool client nosuchclient does not exist.',
      });
    });

    it('D3 refuses a missing SecretHash when the client has a secret', async () => {
      const env = await setup({ client: withSecret });
      const result = await env.forgot({ ClientId: withSecret.clientId, Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        name: 'NotAuthorizedException',
        message: `Client ${withSecret.clientId} is configured for secret but secret was not received`,
      });
    });

    it('R2.5 refuses a wrong SecretHash before looking the user up', async () => {
      const env = await setup({ client: withSecret });
      const result = await env.forgot({
        ClientId: withSecret.clientId,
        Username: 'nobody',
        SecretHash: computeSecretHash('other', 'nobody', withSecret.clientId),
      });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        name: 'NotAuthorizedException',
        message: `Unable to verify secret hash for client ${withSecret.clientId}`,
      });
    });

    it('D10 accepts the hash over the alias sent and refuses the one over the canonical username', async () => {
      const pool = aPool({ aliasAttributes: ['email'] });
      const env = await setup({ pool, client: withSecret, users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      const overAlias = await env.forgot({
        ClientId: withSecret.clientId,
        Username: 'alice@example.com',
        SecretHash: computeSecretHash(secret, 'alice@example.com', withSecret.clientId),
      });
      expect(overAlias.isOk()).toBe(true);
      const overUsername = await env.forgot({
        ClientId: withSecret.clientId,
        Username: 'alice@example.com',
        SecretHash: computeSecretHash(secret, 'alice', withSecret.clientId),
      });
      expect(overUsername._unsafeUnwrapErr().name).toBe('NotAuthorizedException');
    });

    it('D3 a null SecretHash is absent: the missing-secret error, not a crash', async () => {
      const env = await setup({ client: withSecret });
      const result = await env.forgot({ ClientId: withSecret.clientId, Username: 'alice', SecretHash: null } as never);
      expect(result._unsafeUnwrapErr().message).toBe(`Client ${withSecret.clientId} is configured for secret but secret was not received`);
    });

    it('D3 ignores a SecretHash sent to a client without a secret', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      const result = await env.forgot({ ClientId: env.client.clientId, Username: 'alice', SecretHash: 'anything' });
      expect(result.isOk()).toBe(true);
    });
  });

  describe('users that cannot receive a code (§4, §8)', () => {
    it('R8.5 LEGACY: an unknown user is UserNotFoundException', async () => {
      const env = await setup();
      const result = await env.forgot({ ClientId: env.client.clientId, Username: 'nobody' });
      expect(result._unsafeUnwrapErr()).toEqual({ name: 'UserNotFoundException', $fault: 'client', message: 'Username/client id combination not found.' });
    });

    it('R8.3 D4 ENABLED: an unknown user gets a deterministic simulated answer and nothing is sent', async () => {
      const env = await setup({ client: ENABLED });
      const first = await env.forgot({ ClientId: ENABLED.clientId, Username: 'nobody' });
      const again = await env.forgot({ ClientId: ENABLED.clientId, Username: 'nobody' });
      expect(first._unsafeUnwrap()).toEqual(again._unsafeUnwrap());
      expect(first._unsafeUnwrap().CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      expect(first._unsafeUnwrap().CodeDeliveryDetails.Destination).toMatch(/^[A-Za-z0-9_]\*\*\*@[A-Za-z0-9]\*\*\*$/);
      expect(env.outbox.messages()).toHaveLength(0);
    });

    it('R6.4 D4 ENABLED: a phone-shaped unknown input is answered as SMS to that number, masked', async () => {
      const env = await setup({ client: ENABLED });
      const result = await env.forgot({ ClientId: ENABLED.clientId, Username: '+12065550100' });
      expect(result._unsafeUnwrap().CodeDeliveryDetails).toEqual({ Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    });

    it('D4 ENABLED: an unknown email input looks exactly like the answer its owner would get', async () => {
      const pool = aPool({ aliasAttributes: ['email'], recoveryMechanisms: EMAIL_FIRST });
      const env = await setup({ pool, client: ENABLED, users: [aUser('bob').withVerifiedEmail('bob@example.com').build()] });
      const real = await env.forgot({ ClientId: ENABLED.clientId, Username: 'bob@example.com' });
      const fake = await env.forgot({ ClientId: ENABLED.clientId, Username: 'bill@example.com' });
      expect(real._unsafeUnwrap().CodeDeliveryDetails).toEqual({ Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      expect(fake._unsafeUnwrap().CodeDeliveryDetails).toEqual(real._unsafeUnwrap().CodeDeliveryDetails);
    });

    it('D4 the simulated path draws a code like the real one', async () => {
      let draws = 0;
      const counting: RandomSource = { randomInt: (min, max) => (draws++, min + ((max - min) >> 1)), uuid: () => 'u', bytes: (n) => new Uint8Array(n) };
      const env = await setup({ client: ENABLED, random: counting, users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      expect((await env.forgot({ ClientId: ENABLED.clientId, Username: 'alice' })).isOk()).toBe(true);
      const real = draws;
      expect((await env.forgot({ ClientId: ENABLED.clientId, Username: 'nobody' })).isOk()).toBe(true);
      expect(real).toBe(1);
      expect(draws - real).toBe(real);
    });

    it.each([
      ['LEGACY', aClient(), { name: 'NotAuthorizedException', message: 'User is disabled.' }],
      ['ENABLED', ENABLED, undefined],
    ] as const)('D5 %s: a disabled user', async (_label, client, error) => {
      const env = await setup({ client, users: [aUser('alice').withVerifiedEmail('alice@example.com').disabled().build()] });
      const result = await env.forgot({ ClientId: client.clientId, Username: 'alice' });
      if (error === undefined) expect(result._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
      else expect(result._unsafeUnwrapErr()).toMatchObject(error);
      expect(env.outbox.messages()).toHaveLength(0);
    });

    it.each(['FORCE_CHANGE_PASSWORD', 'EXTERNAL_PROVIDER'] as const)('R4.2 R8.7 a %s user gets NotAuthorizedException, even under ENABLED', async (status) => {
      for (const client of [aClient(), ENABLED]) {
        const env = await setup({ client, users: [aUser('alice').withVerifiedEmail('alice@example.com').withStatus(status).build()] });
        const result = await env.forgot({ ClientId: client.clientId, Username: 'alice' });
        expect(result._unsafeUnwrapErr()).toMatchObject({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
      }
    });

    it('R4.2 RESET_REQUIRED users are treated as CONFIRMED', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').withStatus('RESET_REQUIRED').build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    });

    it('D6 an UNCONFIRMED user with a verified email receives the code', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').withStatus('UNCONFIRMED').build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      expect(env.outbox.latestCodeFor(env.pool.id, 'alice')).toMatch(/^\d{6}$/);
    });

    it('R4.2 R4.3 an UNCONFIRMED user without a verified channel gets InvalidParameterException, not UserNotConfirmedException', async () => {
      const env = await setup({ users: [aUser('alice').withUnverifiedEmail('alice@example.com').withStatus('UNCONFIRMED').build()] });
      const result = await env.forgot({ ClientId: env.client.clientId, Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        name: 'InvalidParameterException',
        message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
      });
    });
  });

  describe('delivery matrix (§5, R5.2–R5.6, D2) × PreventUserExistenceErrors (R8.3)', () => {
    const settings = { 'no setting': undefined, 'email first': EMAIL_FIRST, 'phone first': PHONE_FIRST, admin_only: ADMIN_ONLY } as const;
    const users = {
      'verified email only': (u: ReturnType<typeof aUser>) => u.withVerifiedEmail('alice@example.com'),
      'verified phone only': (u: ReturnType<typeof aUser>) => u.withVerifiedPhone('+12065551234'),
      both: (u: ReturnType<typeof aUser>) => u.withVerifiedEmail('alice@example.com').withVerifiedPhone('+12065551234'),
      'unverified only': (u: ReturnType<typeof aUser>) => u.withUnverifiedEmail('alice@example.com').withUnverifiedPhone('+12065551234'),
      none: (u: ReturnType<typeof aUser>) => u,
    } as const;
    type Outcome = 'EMAIL' | 'SMS' | 'none' | 'admin';
    const expected: Record<keyof typeof settings, Record<keyof typeof users, Outcome>> = {
      'no setting': { 'verified email only': 'EMAIL', 'verified phone only': 'SMS', both: 'SMS', 'unverified only': 'none', none: 'none' },
      'email first': { 'verified email only': 'EMAIL', 'verified phone only': 'SMS', both: 'EMAIL', 'unverified only': 'none', none: 'none' },
      'phone first': { 'verified email only': 'EMAIL', 'verified phone only': 'SMS', both: 'SMS', 'unverified only': 'none', none: 'none' },
      admin_only: { 'verified email only': 'admin', 'verified phone only': 'admin', both: 'admin', 'unverified only': 'admin', none: 'admin' },
    };
    const rows = Object.keys(settings).flatMap((s) =>
      Object.keys(users).flatMap((u) =>
        (['LEGACY', 'ENABLED'] as const).map((p) => ({ setting: s as keyof typeof settings, user: u as keyof typeof users, prevent: p })),
      ),
    );

    it.each(rows)('R5.2 $setting × $user × $prevent', async ({ setting, user, prevent }) => {
      const client = aClient({ preventUserExistenceErrors: prevent });
      const env = await setup({ pool: aPool({ recoveryMechanisms: settings[setting] }), client, users: [users[user](aUser('alice')).build()] });
      const result = await env.forgot({ ClientId: client.clientId, Username: 'alice' });
      const outcome = expected[setting][user];
      switch (outcome) {
        case 'EMAIL':
          expect(result._unsafeUnwrap().CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
          expect(env.outbox.latestFor(env.pool.id, 'alice')).toMatchObject({ medium: 'EMAIL', destination: 'alice@example.com' });
          break;
        case 'SMS':
          expect(result._unsafeUnwrap().CodeDeliveryDetails).toEqual({ Destination: '+*******1234', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
          expect(env.outbox.latestFor(env.pool.id, 'alice')).toMatchObject({ medium: 'SMS', destination: '+12065551234', subject: undefined });
          break;
        case 'none':
          if (prevent === 'LEGACY') expect(result._unsafeUnwrapErr().name).toBe('InvalidParameterException');
          else expect(result.isOk()).toBe(true);
          expect(env.outbox.messages()).toHaveLength(0);
          break;
        case 'admin':
          expect(result._unsafeUnwrapErr()).toMatchObject({ name: 'NotAuthorizedException', message: 'Contact administrator to reset password.' });
          expect(env.outbox.messages()).toHaveLength(0);
          break;
      }
      expect(env.outbox.messages().length).toBeLessThanOrEqual(1);
    });

    it('R5.3 with a setting, SMS MFA disqualifies the phone and email MFA the email', async () => {
      const env = await setup({
        pool: aPool({ recoveryMechanisms: PHONE_FIRST }),
        users: [aUser('alice').withVerifiedEmail('alice@example.com').withVerifiedPhone('+12065551234').withMfa({ sms: true }).build()],
      });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    });

    it('R5.4 without a setting, an SMS-MFA phone still wins', async () => {
      const env = await setup({
        users: [aUser('alice').withVerifiedEmail('alice@example.com').withVerifiedPhone('+12065551234').withMfa({ sms: true }).build()],
      });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('SMS');
    });

    it('D2 admin_only answers before the user is looked up (unknown users too, under ENABLED)', async () => {
      const env = await setup({ pool: aPool({ recoveryMechanisms: ADMIN_ONLY }), client: ENABLED });
      const result = await env.forgot({ ClientId: ENABLED.clientId, Username: 'nobody' });
      expect(result._unsafeUnwrapErr()).toMatchObject({ name: 'NotAuthorizedException', message: 'Contact administrator to reset password.' });
    });

    it('D13 SMS chosen in a pool without SMS configuration: InvalidSmsRoleAccessPolicyException and no valid code', async () => {
      const env = await setup({ pool: aPool({ smsConfiguration: undefined }), users: [aUser('alice').withVerifiedPhone('+12065551234').build()] });
      const result = await env.forgot({ ClientId: env.client.clientId, Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        name: 'InvalidSmsRoleAccessPolicyException',
        message: 'User pool does not have SMS configuration to send messages.',
      });
      expect(env.outbox.messages()).toHaveLength(0);
      expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac('000000'), env.clock.now()))._unsafeUnwrap()).toBe('none');
    });
  });

  describe('username resolution (§3, D18)', () => {
    it('R3.2 a verified email alias finds the user; an unverified one does not', async () => {
      const pool = aPool({ aliasAttributes: ['email'] });
      const env = await setup({
        pool,
        users: [
          aUser('alice').withVerifiedEmail('alice@example.com').build(),
          aUser('bob').withUnverifiedEmail('bob@example.com').withVerifiedPhone('+12065550000').build(),
        ],
      });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice@example.com' })).isOk()).toBe(true);
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'bob@example.com' }))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
    });

    it('R3.2 preferred_username works without verification', async () => {
      const pool = aPool({ aliasAttributes: ['preferred_username'] });
      const env = await setup({ pool, users: [aUser('alice').withVerifiedEmail('alice@example.com').with({ preferred_username: 'ally' }).build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'ally' })).isOk()).toBe(true);
      expect(env.outbox.latestFor(env.pool.id, 'alice')).toBeDefined();
    });

    it('R3.3 an unverified username-attribute email resolves (and then has no channel)', async () => {
      const pool = aPool({ usernameAttributes: ['email'] });
      const env = await setup({ pool, users: [aUser('9f1c-uuid').withUnverifiedEmail('carol@example.com').build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'carol@example.com' }))._unsafeUnwrapErr().name).toBe('InvalidParameterException');
    });

    it('R3.1 R3.5 the sub finds the user', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'sub-alice' })).isOk()).toBe(true);
    });

    it('R3.4 D18 a case-insensitive pool folds username and email; a case-sensitive one does not', async () => {
      const insensitive = await setup({
        pool: aPool({ caseSensitive: false, aliasAttributes: ['email'] }),
        users: [aUser('Alice').withVerifiedEmail('Alice@Example.com').build()],
      });
      expect((await insensitive.forgot({ ClientId: insensitive.client.clientId, Username: 'ALICE' })).isOk()).toBe(true);
      expect((await insensitive.forgot({ ClientId: insensitive.client.clientId, Username: 'alice@example.COM' })).isOk()).toBe(true);
      expect(insensitive.outbox.latestFor(insensitive.pool.id, 'Alice')?.destination).toBe('Alice@Example.com');
      const sensitive = await setup({ users: [aUser('Alice').withVerifiedEmail('alice@example.com').build()] });
      expect((await sensitive.forgot({ ClientId: sensitive.client.clientId, Username: 'alice' }))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
    });
  });

  describe('limits and failures (D9, D14, D15)', () => {
    it('D9 the sixth request within the hour is LimitExceededException; an hour later it is allowed', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      for (let i = 0; i < 5; i++) expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' }))._unsafeUnwrapErr()).toEqual({
        name: 'LimitExceededException',
        $fault: 'client',
        message: 'Attempt limit exceeded, please try after some time.',
      });
      env.clock.advanceBy(3_600_000);
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
    });

    it('D9 the limit keys an alias and the username to the same user', async () => {
      const env = await setup({ pool: aPool({ aliasAttributes: ['email'] }), users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      for (let i = 0; i < 5; i++)
        expect((await env.forgot({ ClientId: env.client.clientId, Username: i % 2 === 0 ? 'alice' : 'alice@example.com' })).isOk()).toBe(true);
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice@example.com' }))._unsafeUnwrapErr().name).toBe('LimitExceededException');
    });

    it('D9 ENABLED: unknown inputs hit the limit exactly like real users', async () => {
      const env = await setup({ client: ENABLED });
      for (let i = 0; i < 5; i++) expect((await env.forgot({ ClientId: ENABLED.clientId, Username: 'ghost' })).isOk()).toBe(true);
      expect((await env.forgot({ ClientId: ENABLED.clientId, Username: 'ghost' }))._unsafeUnwrapErr().name).toBe('LimitExceededException');
    });

    it('D14 the request limit comes before the user state', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').withStatus('FORCE_CHANGE_PASSWORD').build()] });
      for (let i = 0; i < 5; i++)
        expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' }))._unsafeUnwrapErr().name).toBe('NotAuthorizedException');
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' }))._unsafeUnwrapErr().name).toBe('LimitExceededException');
    });

    it('D14 input constraints come before the client lookup', async () => {
      const env = await setup();
      const result = await env.forgot({ ClientId: 'nosuchclient', Username: 'has space' });
      expect(result._unsafeUnwrapErr().name).toBe('InvalidParameterException');
    });

    it('D15 a failed delivery revokes the new code and the previous one', async () => {
      const env = await setup({ users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
      expect((await env.forgot({ ClientId: env.client.clientId, Username: 'alice' })).isOk()).toBe(true);
      const previous = env.outbox.latestCodeFor(env.pool.id, 'alice') ?? '';
      env.outbox.failNext(1, 'mail service down');
      const result = await env.forgot({ ClientId: env.client.clientId, Username: 'alice' });
      expect(result._unsafeUnwrapErr()).toEqual({ name: 'CodeDeliveryFailureException', $fault: 'client', message: 'Unable to deliver the code.' });
      expect((await env.stores.codes.verify(env.pool.id, 'alice', hmac(previous), env.clock.now()))._unsafeUnwrap()).not.toBe('valid');
      expect(env.outbox.messages()).toHaveLength(1);
    });
  });

  it('R2.1 for any input, answers a response or a typed Cognito error and never throws', async () => {
    const env = await setup({ client: ENABLED, users: [aUser('alice').withVerifiedEmail('alice@example.com').build()] });
    const anyValue = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.dictionary(fc.string(), fc.string()),
      fc.array(fc.string()),
    );
    const inputs = fc.record(
      {
        ClientId: fc.oneof(fc.constant(ENABLED.clientId), anyValue),
        Username: fc.oneof(fc.constantFrom('alice', 'nobody', 'sub-alice'), anyValue),
        SecretHash: anyValue,
        ClientMetadata: anyValue,
        UserContextData: anyValue,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(inputs, anyValue), async (input) => {
        const result = await env.forgot(input as never);
        if (result.isErr()) {
          expect(result.error.name).toMatch(/^[A-Z][A-Za-z]+Exception$/);
          expect(typeof result.error.message).toBe('string');
        } else {
          expect(['EMAIL', 'SMS']).toContain(result.value.CodeDeliveryDetails.DeliveryMedium);
        }
        env.clock.advanceBy(3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});
