import { cognitoError, messages, type UserStatus } from '@cognito-recovery/core';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { aHarness, NEW_PASSWORD, OLD_PASSWORD, oneViolation, type Harness } from './harness.js';

function reset(h: Harness, username = 'alice') {
  return h.adminReset({ UserPoolId: h.pool.id, Username: username });
}

async function statusOf(h: Harness, username = 'alice'): Promise<UserStatus | undefined> {
  return (await h.userNamed(username))?.status;
}

async function passwordWorks(h: Harness, password: string): Promise<boolean> {
  return (await h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: password }))._unsafeUnwrap().Valid;
}

describe('AdminResetUserPassword', () => {
  it('R4.4: moves a CONFIRMED user to RESET_REQUIRED and sends a code to the chosen channel', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    expect(await reset(h)).toEqual(ok({}));
    expect(await statusOf(h)).toBe('RESET_REQUIRED');
    const sent = h.outbox.latestFor(h.pool.id, 'alice');
    expect(sent?.medium).toBe('EMAIL');
    expect(sent?.destination).toBe('alice@example.com');
    expect(sent?.body).toContain(sent?.code);
  });

  it('R4.4, R7.7: the user completes with ConfirmForgotPassword and ends CONFIRMED with the new password', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    (await reset(h))._unsafeUnwrap();
    const code = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: code, Password: NEW_PASSWORD })).toEqual(ok({}));
    expect(await statusOf(h)).toBe('CONFIRMED');
    expect(await passwordWorks(h, NEW_PASSWORD)).toBe(true);
    expect(await passwordWorks(h, OLD_PASSWORD)).toBe(false);
  });

  it('R4.4, R4.2: a RESET_REQUIRED user may ask ForgotPassword for a new code and confirm with it', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    (await reset(h))._unsafeUnwrap();
    const first = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
    (await h.forgot({ ClientId: h.client.clientId, Username: 'alice' }))._unsafeUnwrap();
    const second = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
    if (first !== second) {
      expect(
        (await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: first, Password: NEW_PASSWORD }))._unsafeUnwrapErr().name,
      ).toBe('CodeMismatchException');
    }
    expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: second, Password: NEW_PASSWORD })).toEqual(ok({}));
    expect(await statusOf(h)).toBe('CONFIRMED');
  });

  it('R4.4: a RESET_REQUIRED user may be reset again', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withVerifiedEmail('alice@example.com').withStatus('RESET_REQUIRED'));
    expect(await reset(h)).toEqual(ok({}));
    expect(h.outbox.messages()).toHaveLength(1);
  });

  it('R4.4, R5.2: the code goes by the pool recovery setting (SMS first when the phone has priority 1)', async () => {
    const h = await aHarness({
      pool: aPool('emailFirst', {
        recoveryMechanisms: [
          { priority: 1, name: 'verified_phone_number' },
          { priority: 2, name: 'verified_email' },
        ],
      }),
    });
    await h.addUser(aUser().withVerifiedEmail('alice@example.com').withVerifiedPhone('+15555550100'));
    expect(await reset(h)).toEqual(ok({}));
    expect(h.outbox.latestFor(h.pool.id, 'alice')?.medium).toBe('SMS');
  });

  it('R4.4: admin_only pools allow the admin reset (legacy preference: verified email when no phone)', async () => {
    const h = await aHarness({ pool: aPool('emailFirst', { recoveryMechanisms: [{ priority: 1, name: 'admin_only' }] }) });
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    expect(await reset(h)).toEqual(ok({}));
    expect(h.outbox.latestFor(h.pool.id, 'alice')?.destination).toBe('alice@example.com');
    expect(await statusOf(h)).toBe('RESET_REQUIRED');
  });

  it('R4.4: the user may be named by a verified alias', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
    expect(await reset(h, 'Alice@Example.com')).toEqual(ok({}));
    expect(await statusOf(h)).toBe('RESET_REQUIRED');
  });

  describe('errors', () => {
    it('R4.4: an unknown pool is ResourceNotFoundException', async () => {
      const h = await aHarness();
      expect(await h.adminReset({ UserPoolId: 'us-east-1_Nope', Username: 'alice' })).toEqual(
        err(cognitoError('ResourceNotFoundException', messages.poolNotFound('us-east-1_Nope'))),
      );
    });

    it('R4.4: an unknown user is UserNotFoundException "User does not exist."', async () => {
      const h = await aHarness();
      expect(await reset(h, 'nobody')).toEqual(err(cognitoError('UserNotFoundException', 'User does not exist.')));
    });

    it('R4.4: an unknown user is not hidden by an ENABLED client (admin API)', async () => {
      const h = await aHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
      expect((await reset(h, 'nobody'))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
    });

    it('R4.4: a disabled user is NotAuthorizedException "User is disabled"', async () => {
      const h = await aHarness();
      await h.addUser(aUser().withVerifiedEmail('alice@example.com').disabled());
      expect(await reset(h)).toEqual(err(cognitoError('NotAuthorizedException', 'User is disabled')));
      expect(await statusOf(h)).toBe('CONFIRMED');
    });

    it.each(['UNCONFIRMED', 'FORCE_CHANGE_PASSWORD', 'EXTERNAL_PROVIDER', 'COMPROMISED', 'ARCHIVED', 'UNKNOWN'] as const)(
      'R4.4: a %s user cannot be reset in the current state',
      async (status) => {
        const h = await aHarness();
        await h.addUser(aUser().withVerifiedEmail('alice@example.com').withStatus(status));
        expect(await reset(h)).toEqual(err(cognitoError('NotAuthorizedException', messages.cannotResetInState)));
        expect(await statusOf(h)).toBe(status);
        expect(h.outbox.messages()).toEqual([]);
      },
    );

    it('R4.4, R5.6: a user without a verified channel is InvalidParameterException, status unchanged', async () => {
      const h = await aHarness();
      await h.addUser(aUser().withAttributes({ email: 'alice@example.com', email_verified: 'false' }));
      expect(await reset(h)).toEqual(err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)));
      expect(await statusOf(h)).toBe('CONFIRMED');
    });

    it('R4.4, D13: SMS without SMS configuration fails before the status changes', async () => {
      const h = await aHarness({ pool: aPool('emailFirst', { smsConfiguration: undefined }) });
      await h.addUser(aUser().withVerifiedPhone('+15555550100'));
      expect(await reset(h)).toEqual(err(cognitoError('InvalidSmsRoleAccessPolicyException', messages.noSmsConfiguration)));
      expect(await statusOf(h)).toBe('CONFIRMED');
    });

    it('R4.4, D15: a delivery failure leaves no valid code; the status change stays', async () => {
      const h = await aHarness();
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      h.outbox.failNext(1, 'SES is down');
      expect(await reset(h)).toEqual(err(cognitoError('CodeDeliveryFailureException', messages.deliveryFailed)));
      expect(await statusOf(h)).toBe('RESET_REQUIRED');
      expect(await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: '123456', Password: NEW_PASSWORD })).toEqual(
        err(cognitoError('ExpiredCodeException', messages.codeExpired)),
      );
    });

    it('R4.4, R1.7: input constraints are checked first', async () => {
      const h = await aHarness();
      expect(await h.adminReset({ UserPoolId: 'not a pool id', Username: 'alice' })).toEqual(
        oneViolation(
          "Value 'not a pool id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
        ),
      );
    });
  });
});

describe('verifyUserPassword (not a Cognito operation)', () => {
  it('R7.7: tells the current password from any other', async () => {
    const h = await aHarness();
    await h.addUser(aUser());
    expect(await h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: OLD_PASSWORD })).toEqual(ok({ Valid: true }));
    expect(await h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: 'wrong' })).toEqual(ok({ Valid: false }));
  });

  it('R7.7: a user without a password has no valid password', async () => {
    const h = await aHarness();
    await h.addUser(aUser().withPassword(undefined));
    expect(await h.verify({ UserPoolId: h.pool.id, Username: 'alice', Password: OLD_PASSWORD })).toEqual(ok({ Valid: false }));
  });

  it('R4.4: unknown pools and users are errors', async () => {
    const h = await aHarness();
    expect(await h.verify({ UserPoolId: 'us-east-1_Nope', Username: 'alice', Password: 'x' })).toEqual(
      err(cognitoError('ResourceNotFoundException', messages.poolNotFound('us-east-1_Nope'))),
    );
    expect(await h.verify({ UserPoolId: h.pool.id, Username: 'nobody', Password: 'x' })).toEqual(
      err(cognitoError('UserNotFoundException', 'User does not exist.')),
    );
  });
});
