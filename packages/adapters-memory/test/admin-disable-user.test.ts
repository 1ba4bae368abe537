import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';

describe('adminDisableUser / adminEnableUser', () => {
  it('toggles Enabled; a disabled user gets "User is disabled." from ForgotPassword (D5)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await d.createClient(pool);
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect(await d.adminDisableUser({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap().Enabled).toBe(false);
    expect(await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' })).toEqual(failure('NotAuthorizedException', 'User is disabled.'));
    expect(await d.adminEnableUser({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap().Enabled).toBe(true);
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' })).isOk()).toBe(true);
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminDisableUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminEnableUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });
});
