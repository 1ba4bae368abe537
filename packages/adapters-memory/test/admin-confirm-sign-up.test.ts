import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';

describe('adminConfirmSignUp', () => {
  it('moves UNCONFIRMED to CONFIRMED, and refuses any other status', async () => {
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
  });
});
