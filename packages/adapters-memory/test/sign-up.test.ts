import { describe, expect, it } from 'vitest';
import { messages, type PreSignUpSignUpEvent } from '@cognito-recovery/core';
import { maskEmail, maskPhone } from '@cognito-recovery/core/rules';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { aHarness, attrs, CODE_EXPIRED, directory, failure, must, TEMPORARY_PASSWORD as GOOD, type BareHarness, type Harness } from './harness.js';
import { decryptCode, FN, recorder } from './triggers-support.js';

const PRE_SIGN_UP = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';

/** A harness over `aPool('emailFirst', overrides)` (email auto-verified unless overridden). */
function harness(overrides: PoolOverrides = {}, client = {}): Promise<Harness> {
  return aHarness({ pool: aPool('emailFirst', overrides), client });
}

/** SignUp through `h`'s client with the password {@link GOOD} and `attributes` (no UserAttributes when absent). */
function signUpAs(h: Harness, Username: string, attributes?: Record<string, string>): ReturnType<Harness['recovery']['signUp']> {
  return h.recovery.signUp({
    ClientId: h.client.clientId,
    Username,
    Password: GOOD,
    ...(attributes === undefined ? {} : { UserAttributes: attrs(attributes) }),
  });
}

describe('signUp', () => {
  async function withClient(d: BareHarness, pool: string, secret = false): Promise<{ ClientId: string; ClientSecret?: string }> {
    return (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web', GenerateSecret: secret }))._unsafeUnwrap().UserPoolClient;
  }

  it('R23.6 R23.7: creates an UNCONFIRMED user and answers its sub (no auto-verified attribute: no code, R23.5)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    const result = (
      await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'a@example.com' }) })
    )._unsafeUnwrap();
    const user = await d.storedUser(pool, 'alice');
    expect(result).toEqual({ UserConfirmed: false, UserSub: user?.sub });
    expect(user).toMatchObject({ status: 'UNCONFIRMED', enabled: true, attributes: { email: 'a@example.com', sub: user?.sub } });
    expect(d.outbox.messages()).toEqual([]);
  });

  it('R23.3: the password policy answers with SignUp\'s own wording, "Password did not conform with policy: …"', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: 'lowercase-only1' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with policy: Password must have uppercase characters'),
    );
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: 'Sh0rt!' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
    );
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
  });

  it('R23.2: refuses an existing username: UsernameExistsException "User already exists"', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    await must(d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD }));
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(failure('UsernameExistsException', 'User already exists'));
  });

  it('R23.2 R3.3: applies the username-attribute rules', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    const client = await withClient(d, pool);
    const { UserSub } = (await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD }))._unsafeUnwrap();
    expect((await d.storedUser(pool, UserSub))?.attributes['email']).toBe('a@example.com');
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD })).toEqual(
      failure('UsernameExistsException', 'An account with the given email already exists.'),
    );
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(
      failure('InvalidParameterException', 'Username should be an email.'),
    );
  });

  it('R15.4 R2.5 D3: needs the secret hash of a client with a secret', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool, true);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(
      failure('NotAuthorizedException', messages.secretMissing(client.ClientId)),
    );
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, SecretHash: 'bm9wZQ==' })).toEqual(
      failure('NotAuthorizedException', messages.secretMismatch(client.ClientId)),
    );
  });

  it('R15.3 R2.4: answers ResourceNotFoundException for an unknown client', async () => {
    const d = await directory();
    expect(await d.signUp({ ClientId: 'nothere', Username: 'alice', Password: GOOD })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nothere does not exist.'),
    );
  });

  describe('unauthorized attributes (R23.3)', () => {
    it('R23.3: an unauthenticated SignUp cannot verify its own email: email_verified=true is NotAuthorizedException, nothing is created', async () => {
      const h = await harness();
      expect(await signUpAs(h, 'mallory', { email: 'victim@example.com', email_verified: 'true' })).toEqual(
        failure('NotAuthorizedException', 'A client attempted to write unauthorized attribute'),
      );
      expect(await h.userNamed('mallory')).toBeUndefined();
      // The address is no alias of anyone, so recovery for it finds nobody.
      expect(await h.forgot({ ClientId: h.client.clientId, Username: 'victim@example.com' })).toEqual(
        failure('UserNotFoundException', 'Username/client id combination not found.'),
      );
    });

    it('R23.3: phone_number_verified, even "false", is not a client\'s to write', async () => {
      const h = await harness();
      expect(await signUpAs(h, 'bob', { phone_number: '+15555550100', phone_number_verified: 'false' })).toEqual(
        failure('NotAuthorizedException', 'A client attempted to write unauthorized attribute'),
      );
    });

    it('R23.3: with WriteAttributes only the listed attributes may be written', async () => {
      const h = await harness({}, { writeAttributes: ['email', 'name'] });
      const signUp = (attributes: Record<string, string>, Username = 'alice'): ReturnType<Harness['signUp']> => signUpAs(h, Username, attributes);
      expect(await signUp({ email: 'a@example.com', nickname: 'al' })).toEqual(
        failure('NotAuthorizedException', 'A client attempted to write unauthorized attribute'),
      );
      expect((await signUp({ email: 'a@example.com', name: 'Al' })).isOk()).toBe(true);
    });
  });

  it('R23.3: AllowAdminCreateUserOnly refuses SignUp: NotAuthorizedException "SignUp is not permitted for this user pool"', async () => {
    const h = await harness({ allowAdminCreateUserOnly: true });
    expect(await signUpAs(h, 'alice')).toEqual(failure('NotAuthorizedException', 'SignUp is not permitted for this user pool'));
    expect(await h.userNamed('alice')).toBeUndefined();
  });

  describe('the confirmation code (R23.5, D42, D33)', () => {
    it('R23.5 R23.6 D42: an auto-verified email gets the code, answered as masked CodeDeliveryDetails', async () => {
      const h = await harness();
      const result = await signUpAs(h, 'alice', { email: 'alice@example.com' });
      const user = await h.userNamed('alice');
      expect(result).toEqual(
        ok({
          UserConfirmed: false,
          UserSub: user?.sub,
          CodeDeliveryDetails: { Destination: maskEmail('alice@example.com'), DeliveryMedium: 'EMAIL', AttributeName: 'email' },
        }),
      );
      expect(h.outbox.messages()).toMatchObject([{ medium: 'EMAIL', destination: 'alice@example.com', username: 'alice' }]);
      expect(h.outbox.latestCodeFor(h.pool.id, 'alice')).toMatch(/^\d{6}$/);
    });

    it('R23.5 D42: with email and phone both auto-verified, only the phone gets a code', async () => {
      const h = await harness({ autoVerifiedAttributes: ['email', 'phone_number'] });
      const result = (await signUpAs(h, 'alice', { email: 'alice@example.com', phone_number: '+15555550100' }))._unsafeUnwrap();
      expect(result.CodeDeliveryDetails).toEqual({ Destination: maskPhone('+15555550100'), DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
      expect(h.outbox.messages()).toMatchObject([{ medium: 'SMS', destination: '+15555550100' }]);
    });

    it('R23.5 D42: a phone that is not auto-verified gets no code; neither does a user without the auto-verified attribute', async () => {
      const h = await harness();
      const phoneOnly = (await signUpAs(h, 'alice', { phone_number: '+15555550100' }))._unsafeUnwrap();
      expect(phoneOnly).not.toHaveProperty('CodeDeliveryDetails');
      expect(phoneOnly.UserConfirmed).toBe(false);
      expect(h.outbox.messages()).toEqual([]);
    });

    it('R23.7: a failed delivery is answered, and the user stays created UNCONFIRMED', async () => {
      const h = await harness();
      h.outbox.failNext(1, 'SES is down');
      expect(await signUpAs(h, 'alice', { email: 'alice@example.com' })).toEqual(failure('CodeDeliveryFailureException', 'Unable to deliver the code.'));
      expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
    });

    it('D33: the sign-up code is kept apart from recovery codes: it does not reset a password', async () => {
      const h = await harness();
      await must(signUpAs(h, 'alice', { email: 'alice@example.com' }));
      const code = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
      expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' })).toEqual(CODE_EXPIRED);
    });

    it('R23.8 R26.4: the message goes through CustomMessage_SignUp', async () => {
      const h = await harness({ lambdaConfig: { customMessage: FN.customMessage } });
      const { events, handler } = recorder<{ triggerSource: string; response: Record<string, unknown> }>((event) => ({
        ...event,
        response: { ...event.response, smsMessage: null, emailMessage: null, emailSubject: null },
      }));
      h.triggers.register(FN.customMessage, handler);
      await must(signUpAs(h, 'alice', { email: 'alice@example.com' }));
      expect(events.map((e) => e.triggerSource)).toEqual(['CustomMessage_SignUp']);
      expect(h.outbox.messages()).toHaveLength(1);
    });

    it('R23.8 R26.5: a custom email sender gets CustomEmailSender_SignUp with the code encrypted, and that code confirms', async () => {
      const h = await harness({ lambdaConfig: { customEmailSender: FN.customEmailSender, kmsKeyId: FN.kmsKeyId } });
      const { events, handler } = recorder<{ triggerSource: string; request: { code: string } }>(() => ({}));
      h.triggers.register(FN.customEmailSender, handler);
      await must(signUpAs(h, 'alice', { email: 'alice@example.com' }));
      expect(h.outbox.messages()).toEqual([]);
      expect(events.map((e) => e.triggerSource)).toEqual(['CustomEmailSender_SignUp']);
      const { plaintext } = await decryptCode(events[0]?.request.code ?? '');
      expect(await h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: plaintext })).toEqual(ok({}));
    });
  });

  describe('PreSignUp_SignUp (R23.4, R26.3, D42)', () => {
    async function withPreSignUp(
      response: Partial<PreSignUpSignUpEvent['response']> | (() => never),
      overrides: PoolOverrides = {},
    ): Promise<Harness & { events: PreSignUpSignUpEvent[]; confirmations: { triggerSource: string; request: Record<string, unknown> }[] }> {
      const h = await harness({ ...overrides, lambdaConfig: { preSignUp: PRE_SIGN_UP, postConfirmation: FN.postConfirmation, ...overrides.lambdaConfig } });
      const answer = typeof response === 'function' ? response : (event: PreSignUpSignUpEvent) => ({ ...event, response: { ...event.response, ...response } });
      const pre = recorder<PreSignUpSignUpEvent>(answer);
      const post = recorder<{ triggerSource: string; request: Record<string, unknown> }>(() => ({}));
      h.triggers.register(PRE_SIGN_UP, pre.handler);
      h.triggers.register(FN.postConfirmation, post.handler);
      return { ...h, events: pre.events, confirmations: post.events };
    }

    it('R26.3 R15.7: the event carries the attributes, ValidationData and ClientMetadata; ValidationData is never stored', async () => {
      const h = await withPreSignUp({});
      await must(
        h.recovery.signUp({
          ClientId: h.client.clientId,
          Username: 'alice',
          Password: GOOD,
          UserAttributes: attrs({ email: 'alice@example.com' }),
          ValidationData: attrs({ captcha: 'validation-token-xyz' }),
          ClientMetadata: { app: 'web' },
        }),
      );
      const user = await h.userNamed('alice');
      expect(h.events).toEqual([
        {
          version: '1',
          triggerSource: 'PreSignUp_SignUp',
          region: 'us-east-1',
          userPoolId: h.pool.id,
          userName: 'alice',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
          request: {
            userAttributes: { email: 'alice@example.com', sub: user?.sub },
            validationData: { captcha: 'validation-token-xyz' },
            clientMetadata: { app: 'web' },
          },
          response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
        },
      ]);
      expect(JSON.stringify(await h.allUsers())).not.toContain('validation-token-xyz');
    });

    it("R23.4 R23.7 D42: autoConfirmUser creates the user CONFIRMED, sends no code and runs PostConfirmation_ConfirmSignUp with SignUp's ClientMetadata", async () => {
      const h = await withPreSignUp({ autoConfirmUser: true });
      const result = await h.recovery.signUp({
        ClientId: h.client.clientId,
        Username: 'alice',
        Password: GOOD,
        UserAttributes: attrs({ email: 'alice@example.com' }),
        ClientMetadata: { app: 'web' },
      });
      const user = await h.userNamed('alice');
      expect(result).toEqual(ok({ UserConfirmed: true, UserSub: user?.sub }));
      expect(user?.status).toBe('CONFIRMED');
      expect(user?.attributes['email_verified']).not.toBe('true'); // R23.7: confirmed, but no verified channel
      expect(h.outbox.messages()).toEqual([]);
      expect(h.confirmations).toMatchObject([
        {
          triggerSource: 'PostConfirmation_ConfirmSignUp',
          request: { clientMetadata: { app: 'web' }, userAttributes: { 'cognito:user_status': 'CONFIRMED' } },
        },
      ]);
    });

    it('R23.4 D42: autoVerifyEmail verifies the email, so a user left UNCONFIRMED gets no code when nothing else needs verifying', async () => {
      const h = await withPreSignUp({ autoVerifyEmail: true });
      const result = (await signUpAs(h, 'alice', { email: 'alice@example.com' }))._unsafeUnwrap();
      expect(result.UserConfirmed).toBe(false);
      expect(result).not.toHaveProperty('CodeDeliveryDetails');
      expect((await h.userNamed('alice'))?.attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true' });
      expect(h.outbox.messages()).toEqual([]);
    });

    it('D42: autoVerifyPhone leaves the auto-verified email to be confirmed by code', async () => {
      const h = await withPreSignUp({ autoVerifyPhone: true }, { autoVerifiedAttributes: ['email', 'phone_number'] });
      const result = (await signUpAs(h, 'alice', { email: 'alice@example.com', phone_number: '+15555550100' }))._unsafeUnwrap();
      expect(result.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      expect((await h.userNamed('alice'))?.attributes['phone_number_verified']).toBe('true');
    });

    it('R23.4: auto-verifying an attribute the user does not have is an error, and nothing is created', async () => {
      const h = await withPreSignUp({ autoVerifyPhone: true });
      expect(await signUpAs(h, 'alice', { email: 'alice@example.com' })).toEqual(
        failure('InvalidParameterException', 'Cannot auto verify phone_number when the user has no phone_number.'),
      );
      expect(await h.userNamed('alice')).toBeUndefined();
    });

    it('R23.4 D46: an auto-verified alias another user holds moves to the new user, the previous owner\'s flag becomes "false"', async () => {
      const h = await withPreSignUp({ autoVerifyEmail: true });
      await h.addUser(aUser('bob').withVerifiedEmail('shared@example.com'));
      await must(signUpAs(h, 'alice', { email: 'shared@example.com' }));
      expect((await h.userNamed('bob'))?.attributes['email_verified']).toBe('false');
      expect((await h.recovery.adminGetUser({ UserPoolId: h.pool.id, Username: 'shared@example.com' }))._unsafeUnwrap().Username).toBe('alice');
    });

    it('R23.4 R26.3: a failing function aborts the sign-up: UserLambdaValidationException "PreSignUp failed with error <message>."', async () => {
      const h = await withPreSignUp(() => {
        throw new Error('not on the list');
      });
      expect(await signUpAs(h, 'alice')).toEqual(failure('UserLambdaValidationException', 'PreSignUp failed with error not on the list.'));
      expect(await h.userNamed('alice')).toBeUndefined();
    });

    it('R26.3: an answer whose flags are not booleans is InvalidLambdaResponseException', async () => {
      const h = await withPreSignUp({ autoConfirmUser: 'yes' as unknown as boolean });
      expect(await signUpAs(h, 'alice')).toEqual(failure('InvalidLambdaResponseException', 'Unrecognizable lambda output'));
    });
  });
});
