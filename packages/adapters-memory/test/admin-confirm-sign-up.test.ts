import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aPool } from '@cognito-recovery/core/testing';
import { aHarness, attrs, directory, failure, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';
import { FN, recorder } from './triggers-support.js';

describe('adminConfirmSignUp', () => {
  it('R23.14 D49: moves UNCONFIRMED to CONFIRMED, and refuses any other status', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await d.createClient(pool);
    await must(d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD }));
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await d.storedUser(pool, 'alice'))?.status).toBe('CONFIRMED');
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'alice' })).toEqual(
      failure('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'),
    );
    await d.createUser(pool, 'bob');
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'bob' })).toEqual(
      failure('NotAuthorizedException', 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD'),
    );
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'ghost' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });

  it('R23.14 D49: no attribute becomes verified, so the user still has no recovery channel', async () => {
    const h = await aHarness({ pool: aPool('emailFirst') });
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com' }) }));
    await must(h.recovery.adminConfirmSignUp({ UserPoolId: h.pool.id, Username: 'alice' }));
    expect((await h.userNamed('alice'))?.attributes['email_verified']).not.toBe('true');
    expect(await h.forgot({ ClientId: h.client.clientId, Username: 'alice' })).toEqual(
      failure('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number'),
    );
  });

  it("D49 R26.6: PostConfirmation_ConfirmSignUp runs with the call's ClientMetadata and no app client; its failure is answered, the confirmation stays", async () => {
    const h = await aHarness({ pool: aPool('emailFirst', { lambdaConfig: { postConfirmation: FN.postConfirmation } }) });
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD }));
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'bob', Password: GOOD }));
    const { events, handler } = recorder<unknown>(() => ({}));
    h.triggers.register(FN.postConfirmation, handler);
    await must(h.recovery.adminConfirmSignUp({ UserPoolId: h.pool.id, Username: 'alice', ClientMetadata: { by: 'admin' } }));
    expect(events).toMatchObject([
      {
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        userName: 'alice',
        callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: { userAttributes: { 'cognito:user_status': 'CONFIRMED' }, clientMetadata: { by: 'admin' } },
      },
    ]);
    h.triggers.register(FN.postConfirmation, () => Promise.reject(new Error('nope')));
    expect(await h.recovery.adminConfirmSignUp({ UserPoolId: h.pool.id, Username: 'bob' })).toEqual(
      failure('UserLambdaValidationException', 'PostConfirmation failed with error nope.'),
    );
    expect((await h.userNamed('bob'))?.status).toBe('CONFIRMED');
  });
});
