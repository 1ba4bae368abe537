import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { codeHmacer } from '@cognito-recovery/core/rules';
import { attrs, directory, failure, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';

describe('adminDeleteUser', () => {
  it('deletes the user, frees its claims and clears its recovery code', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    const client = await d.createClient(pool);
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    await must(d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }));
    const code = d.outbox.latestCodeFor(pool, 'alice') ?? '';
    const hmac = codeHmacer(d.ports.secrets.codeKey)(code);
    expect((await d.ports.codes.verify(pool, 'alice', hmac, d.clock.now()))._unsafeUnwrap()).toBe('valid');
    expect(await d.adminDeleteUser({ UserPoolId: pool, Username: 'a@example.com' })).toEqual(ok({}));
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
    expect((await d.ports.codes.verify(pool, 'alice', hmac, d.clock.now()))._unsafeUnwrap()).toBe('none');
    expect(
      (await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }) })).isOk(),
    ).toBe(true);
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminDeleteUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });
});
