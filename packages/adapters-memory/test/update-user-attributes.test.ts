import { describe, expect, it } from 'vitest';
import { maskEmail } from '@cognito-recovery/core/rules';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { attrs, CODE_EXPIRED, CODE_MISMATCH, failure, must, NEW_PASSWORD, type Harness } from './harness.js';
import { signIn, tokenHarness } from './tokens-support.js';
import { FN, recorder } from './triggers-support.js';

const HOUR = 3_600_000;
const UNAUTHORIZED = failure('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
const NO_CHANNEL = failure('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
const KEEP_ORIGINAL: PoolOverrides = { attributesRequireVerificationBeforeUpdate: ['email'] };

interface Updating extends Harness {
  readonly token: string;
  readonly update: (values: Record<string, string>) => ReturnType<Harness['updateUserAttributes']>;
  readonly verifyEmail: (Code: string) => ReturnType<Harness['verifyUserAttribute']>;
  readonly codeOf: () => string;
  readonly forgotDestination: () => Promise<string | undefined>;
}

async function updating(overrides: PoolOverrides = {}, client = {}): Promise<Updating> {
  const h = await tokenHarness({ pool: aPool('emailFirst', overrides), users: [aUser('alice').withVerifiedEmail('alice@example.com')], client });
  const { AccessToken } = await signIn(h);
  return {
    ...h,
    token: AccessToken,
    update: (values) => h.updateUserAttributes({ AccessToken, UserAttributes: attrs(values) }),
    verifyEmail: (Code) => h.verifyUserAttribute({ AccessToken, AttributeName: 'email', Code }),
    codeOf: () => h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '',
    forgotDestination: async () => {
      await must(h.forgot({ ClientId: h.client.clientId, Username: 'alice' }));
      return h.outbox.messages().at(-1)?.destination;
    },
  };
}

describe('UpdateUserAttributes (R24.3–R24.5, D44)', () => {
  it('D44 R23.3: *_verified and attributes outside WriteAttributes are NotAuthorizedException; nothing changes', async () => {
    const h = await updating({}, { writeAttributes: ['email', 'name'] });
    expect(await h.update({ email_verified: 'true' })).toEqual(UNAUTHORIZED);
    expect(await h.update({ name: 'Al', nickname: 'al' })).toEqual(UNAUTHORIZED);
    expect((await h.userNamed('alice'))?.attributes['name']).toBeUndefined();
    expect(await h.update({ name: 'Al' })).toEqual(ok({ CodeDeliveryDetailsList: [] }));
  });

  it('R24.3 D44: the same email again sends no code and keeps it verified', async () => {
    const h = await updating();
    expect(await h.update({ email: 'alice@example.com' })).toEqual(ok({ CodeDeliveryDetailsList: [] }));
    expect((await h.userNamed('alice'))?.attributes['email_verified']).toBe('true');
    expect(h.outbox.messages()).toEqual([]);
  });

  it('R24.3: a blank value deletes the attribute', async () => {
    const h = await updating();
    await must(h.update({ name: 'Al' }));
    await must(h.update({ name: '' }));
    expect((await h.userNamed('alice'))?.attributes).not.toHaveProperty('name');
  });

  it('R24.4 recovery R5.3: without keep-original a new email replaces the old one unverified: no alias, no recovery channel until verified', async () => {
    const h = await updating();
    expect(await h.update({ email: 'new@example.com' })).toEqual(
      ok({ CodeDeliveryDetailsList: [{ Destination: maskEmail('new@example.com'), DeliveryMedium: 'EMAIL', AttributeName: 'email' }] }),
    );
    expect((await h.userNamed('alice'))?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
    expect(await h.adminGetUser({ UserPoolId: h.pool.id, Username: 'alice@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(NO_CHANNEL);
    expect(await h.verifyEmail(h.codeOf())).toEqual(ok({}));
    expect(await h.forgotDestination()).toBe('new@example.com');
  });

  it('D20: a recovery code sent to the old address dies with the change', async () => {
    const h = await updating();
    await must(h.forgot({ ClientId: h.client.clientId, Username: 'alice' }));
    const recovery = h.codeOf();
    await must(h.update({ email: 'new@example.com' }));
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: recovery, Password: NEW_PASSWORD })).toEqual(CODE_MISMATCH);
  });

  describe('AttributesRequireVerificationBeforeUpdate (R24.5, D44, recovery R5.3)', () => {
    it('R24.5 R5.3: the verified original stays the alias and the recovery channel; the new value is pending, the code sent to it', async () => {
      const h = await updating(KEEP_ORIGINAL);
      const answer = await h.update({ email: 'new@example.com' });
      expect(answer).toEqual(ok({ CodeDeliveryDetailsList: [{ Destination: maskEmail('new@example.com'), DeliveryMedium: 'EMAIL', AttributeName: 'email' }] }));
      expect(h.outbox.messages().at(-1)?.destination).toBe('new@example.com');
      const user = await h.userNamed('alice');
      expect(user?.attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true' });
      expect(user?.pendingAttributes).toEqual({ email: 'new@example.com' });
      expect((await must(h.getUser({ AccessToken: h.token }))).UserAttributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
      expect((await must(h.adminGetUser({ UserPoolId: h.pool.id, Username: 'alice@example.com' }))).Username).toBe('alice');
      expect(await h.forgotDestination()).toBe('alice@example.com');
    });

    it('R24.5 R24.8: VerifyUserAttribute with the code promotes the pending value, verified; recovery then goes there', async () => {
      const h = await updating(KEEP_ORIGINAL);
      await must(h.update({ email: 'new@example.com' }));
      expect(await h.verifyEmail(h.codeOf())).toEqual(ok({}));
      const user = await h.userNamed('alice');
      expect(user?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'true' });
      expect(user?.pendingAttributes).toBeUndefined();
      expect(await h.forgotDestination()).toBe('new@example.com');
    });

    it('D44 D33: a later update replaces the pending value and supersedes its code', async () => {
      const h = await updating(KEEP_ORIGINAL);
      await must(h.update({ email: 'first@example.com' }));
      const first = h.codeOf();
      await must(h.update({ email: 'second@example.com' }));
      const second = h.codeOf();
      expect((await h.userNamed('alice'))?.pendingAttributes).toEqual({ email: 'second@example.com' });
      if (first !== second) expect(await h.verifyEmail(first)).toEqual(CODE_MISMATCH);
      expect(await h.verifyEmail(second)).toEqual(ok({}));
      expect((await h.userNamed('alice'))?.attributes['email']).toBe('second@example.com');
    });

    it('D44: the pending value is dropped once its code expired (24 h)', async () => {
      const h = await updating(KEEP_ORIGINAL);
      await must(h.update({ email: 'new@example.com' }));
      const code = h.codeOf();
      h.advance(24 * HOUR);
      const { AccessToken } = await signIn(h);
      expect(await h.verifyUserAttribute({ AccessToken, AttributeName: 'email', Code: code })).toEqual(CODE_EXPIRED);
      const user = await h.userNamed('alice');
      expect(user?.pendingAttributes).toBeUndefined();
      expect(user?.attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true' });
    });

    it('D43: during a pending update GetUserAttributeVerificationCode targets the original value; its code verifies the original, the pending value stays', async () => {
      const h = await updating(KEEP_ORIGINAL);
      await must(h.update({ email: 'new@example.com' }));
      expect((await must(h.getUserAttributeVerificationCode({ AccessToken: h.token, AttributeName: 'email' }))).CodeDeliveryDetails.Destination).toBe(
        maskEmail('alice@example.com'),
      );
      expect(h.outbox.messages().at(-1)?.destination).toBe('alice@example.com');
      expect(await h.verifyEmail(h.codeOf())).toEqual(ok({}));
      const user = await h.userNamed('alice');
      expect(user?.attributes['email']).toBe('alice@example.com');
      expect(user?.pendingAttributes).toEqual({ email: 'new@example.com' });
    });

    it('D44 R26.4: CustomMessage_UpdateUserAttribute shows the current, not the pending, values', async () => {
      const h = await updating({ ...KEEP_ORIGINAL, lambdaConfig: { customMessage: FN.customMessage } });
      const { events, handler } = recorder<{ triggerSource: string; request: { userAttributes: Record<string, string> } }>();
      h.triggers.register(FN.customMessage, handler);
      await must(h.update({ email: 'new@example.com' }));
      expect(events.map((e) => e.triggerSource)).toEqual(['CustomMessage_UpdateUserAttribute']);
      expect(events[0]?.request.userAttributes['email']).toBe('alice@example.com');
    });
  });
});
