import { describe, expect, it } from 'vitest';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { aHarness, attrs, CODE_EXPIRED, CODE_MISMATCH, failure, must, otherCode, TEMPORARY_PASSWORD as GOOD, type Harness } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const HOUR = 3_600_000;

interface SignedUp extends Harness {
  /** ConfirmSignUp through the pool's client. */
  readonly confirmUp: (
    Username: string,
    ConfirmationCode: string,
    extra?: { ForceAliasCreation?: boolean; ClientMetadata?: Record<string, string> },
  ) => ReturnType<Harness['confirmSignUp']>;
  /** The latest code sent to `username`. */
  readonly codeOf: (username?: string) => string;
}

/** `aPool('emailFirst', overrides)` with alice signed up (email alice@example.com, plus `attributes`). */
async function signedUp(overrides: PoolOverrides = {}, attributes: Record<string, string> = {}, client = {}): Promise<SignedUp> {
  const h = await aHarness({ pool: aPool('emailFirst', overrides), client });
  await must(
    h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com', ...attributes }) }),
  );
  return {
    ...h,
    confirmUp: (Username, ConfirmationCode, extra = {}) => h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username, ConfirmationCode, ...extra }),
    codeOf: (username = 'alice') => h.outbox.latestCodeFor(h.pool.id, username) ?? '',
  };
}

describe('confirmSignUp', () => {
  it('R23.10: the code confirms the user and verifies the email it went to, which becomes an alias and a recovery channel (recovery R5.3)', async () => {
    const h = await signedUp();
    expect(await h.confirmUp('alice', h.codeOf())).toEqual(ok({}));
    const user = await h.userNamed('alice');
    expect(user).toMatchObject({ status: 'CONFIRMED', attributes: { email: 'alice@example.com', email_verified: 'true' } });
    expect((await h.recovery.adminGetUser({ UserPoolId: h.pool.id, Username: 'alice@example.com' }))._unsafeUnwrap().Username).toBe('alice');
    expect((await h.forgot({ ClientId: h.client.clientId, Username: 'alice@example.com' }))._unsafeUnwrap().CodeDeliveryDetails.AttributeName).toBe('email');
  });

  it('R23.10 D42: only the attribute the code went to is verified (the phone, when both are auto-verified)', async () => {
    const h = await signedUp({ autoVerifiedAttributes: ['email', 'phone_number'] }, { phone_number: '+15555550100' });
    expect(await h.confirmUp('alice', h.codeOf())).toEqual(ok({}));
    const attributes = (await h.userNamed('alice'))?.attributes;
    expect(attributes?.['phone_number_verified']).toBe('true');
    expect(attributes?.['email_verified']).not.toBe('true');
  });

  it('R23.11: a wrong code is CodeMismatchException and leaves the user UNCONFIRMED', async () => {
    const h = await signedUp();
    expect(await h.confirmUp('alice', otherCode(h.codeOf()))).toEqual(CODE_MISMATCH);
    expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
  });

  it('R23.11 R25.2 D33: the code is valid 24 hours, then ExpiredCodeException', async () => {
    const early = await signedUp();
    early.advance(24 * HOUR - 1000);
    expect(await early.confirmUp('alice', early.codeOf())).toEqual(ok({}));
    const late = await signedUp();
    late.advance(24 * HOUR);
    expect(await late.confirmUp('alice', late.codeOf())).toEqual(CODE_EXPIRED);
    expect((await late.userNamed('alice'))?.status).toBe('UNCONFIRMED');
  });

  it('D33: ResendConfirmationCode supersedes the previous code (CodeMismatchException); the new one confirms', async () => {
    const h = await signedUp();
    const first = h.codeOf();
    await must(h.recovery.resendConfirmationCode({ ClientId: h.client.clientId, Username: 'alice' }));
    const second = h.codeOf();
    if (first !== second) expect(await h.confirmUp('alice', first)).toEqual(CODE_MISMATCH);
    expect(await h.confirmUp('alice', second)).toEqual(ok({}));
  });

  it('D33 D20: the code is bound to the value it was sent to: once the email changes it no longer confirms', async () => {
    const h = await signedUp();
    const code = h.codeOf();
    await must(h.recovery.adminUpdateUserAttributes({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: attrs({ email: 'new@example.com' }) }));
    expect(await h.confirmUp('alice', code)).toEqual(CODE_MISMATCH);
    expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
  });

  it('R23.11 D37: a confirmed user is NotAuthorizedException "User cannot be confirmed. Current status is CONFIRMED", before any attempt is counted', async () => {
    const h = await signedUp();
    const code = h.codeOf();
    expect(await h.confirmUp('alice', code)).toEqual(ok({}));
    for (let i = 0; i < 20; i++) {
      expect(await h.confirmUp('alice', code)).toEqual(failure('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'));
    }
    await h.addUser(aUser('bob').withStatus('FORCE_CHANGE_PASSWORD'));
    expect(await h.confirmUp('bob', '123456')).toEqual(failure('NotAuthorizedException', 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD'));
  });

  it('R25.3 D37: 15 calls per user per hour, counted before the code is compared; the 16th fails even with the right code', async () => {
    const h = await signedUp();
    const code = h.codeOf();
    for (let i = 0; i < 15; i++) expect(await h.confirmUp('alice', otherCode(code))).toEqual(CODE_MISMATCH);
    expect(await h.confirmUp('alice', code)).toEqual(failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
    h.advance(HOUR);
    expect(await h.confirmUp('alice', code)).toEqual(ok({}));
  });

  describe('unknown and disabled users (D37)', () => {
    it('D37: LEGACY: an unknown user is UserNotFoundException "Username/client id combination not found."; a disabled one "User is disabled."', async () => {
      const h = await signedUp();
      expect(await h.confirmUp('ghost', '123456')).toEqual(failure('UserNotFoundException', 'Username/client id combination not found.'));
      await must(h.recovery.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
      expect(await h.confirmUp('alice', h.codeOf())).toEqual(failure('NotAuthorizedException', 'User is disabled.'));
    });

    it('D37: ENABLED: unknown and disabled users get CodeMismatchException, the right code included, and are limited like real users', async () => {
      const h = await signedUp({}, {}, { preventUserExistenceErrors: 'ENABLED' });
      expect(await h.confirmUp('ghost', '123456')).toEqual(CODE_MISMATCH);
      const code = h.codeOf();
      await must(h.recovery.adminDisableUser({ UserPoolId: h.pool.id, Username: 'alice' }));
      expect(await h.confirmUp('alice', code)).toEqual(CODE_MISMATCH);
      expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
      for (let i = 0; i < 14; i++) expect(await h.confirmUp('ghost', '123456')).toEqual(CODE_MISMATCH);
      expect(await h.confirmUp('ghost', '123456')).toEqual(failure('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
    });
  });

  describe('alias conflicts (D37, D46)', () => {
    async function contested(): Promise<SignedUp> {
      const h = await signedUp();
      await h.addUser(aUser('bob').withVerifiedEmail('alice@example.com'));
      return h;
    }

    it('D37 D46: an email another user holds as a verified alias is AliasExistsException "An account with the email already exists."; nothing changes, the code is not used', async () => {
      const h = await contested();
      expect(await h.confirmUp('alice', h.codeOf())).toEqual(failure('AliasExistsException', 'An account with the email already exists.'));
      expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
      expect((await h.userNamed('bob'))?.attributes['email_verified']).toBe('true');
    });

    it("R23.11 D46: with ForceAliasCreation the alias moves: alice is confirmed and verified, bob's email becomes unverified", async () => {
      const h = await contested();
      const code = h.codeOf();
      expect(await h.confirmUp('alice', code)).toEqual(failure('AliasExistsException', 'An account with the email already exists.'));
      expect(await h.confirmUp('alice', code, { ForceAliasCreation: true })).toEqual(ok({}));
      expect((await h.userNamed('alice'))?.attributes['email_verified']).toBe('true');
      expect((await h.userNamed('bob'))?.attributes['email_verified']).toBe('false');
      expect((await h.recovery.adminGetUser({ UserPoolId: h.pool.id, Username: 'alice@example.com' }))._unsafeUnwrap().Username).toBe('alice');
    });
  });

  it('D8 D33: of concurrent calls with the right code exactly one confirms', async () => {
    const h = await signedUp();
    const code = h.codeOf();
    const results = await Promise.all(Array.from({ length: 5 }, () => h.confirmUp('alice', code)));
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
  });

  describe('PostConfirmation_ConfirmSignUp (R26.6)', () => {
    it("R26.6 R15.7: the event shows the confirmed, verified state and the call's ClientMetadata", async () => {
      const h = await signedUp({ lambdaConfig: { postConfirmation: FN.postConfirmation } });
      const { events, handler } = recorder<unknown>(() => ({}));
      h.triggers.register(FN.postConfirmation, handler);
      expect(await h.confirmUp('alice', h.codeOf(), { ClientMetadata: { app: 'web' } })).toEqual(ok({}));
      const user = await h.userNamed('alice');
      expect(events).toEqual([
        {
          version: '1',
          triggerSource: 'PostConfirmation_ConfirmSignUp',
          region: 'us-east-1',
          userPoolId: h.pool.id,
          userName: 'alice',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId },
          request: {
            userAttributes: { sub: user?.sub, email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
            clientMetadata: { app: 'web' },
          },
          response: {},
        },
      ]);
    });

    it('R26.6: a failing function is answered with UserLambdaValidationException; the confirmation stays', async () => {
      const h = await signedUp({ lambdaConfig: { postConfirmation: FN.postConfirmation } });
      h.triggers.register(FN.postConfirmation, () => Promise.reject(new Error('crm down')));
      expect(await h.confirmUp('alice', h.codeOf())).toEqual(failure('UserLambdaValidationException', 'PostConfirmation failed with error crm down.'));
      expect((await h.userNamed('alice'))?.status).toBe('CONFIRMED');
    });
  });
});
