import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, MISSING_POOL, must, NO_SUCH_POOL, TEMPORARY_PASSWORD as GOOD } from './harness.js';

describe('adminSetUserPassword', () => {
  it('Permanent makes the user CONFIRMED, otherwise FORCE_CHANGE_PASSWORD', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Perm4nent!', Permanent: true })).toEqual(ok({}));
    const confirmed = await d.storedUser(pool, 'alice');
    expect(confirmed?.status).toBe('CONFIRMED');
    expect((await d.ports.hasher.verify('Perm4nent!', confirmed?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Temp0rary!' }));
    expect((await d.storedUser(pool, 'alice'))?.status).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('checks the policy with the admin wording (R7.6 admin message prefix)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'NoSymbols123', Permanent: true })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password must have symbol characters'),
    );
  });

  it('keeps the previous hashes, newest first, trimmed to PasswordHistorySize', async () => {
    const d = await directory();
    const pool = await d.createPool({ Policies: { PasswordPolicy: { MinimumLength: 6, PasswordHistorySize: 2 } } });
    await d.createUser(pool, 'alice');
    const hashes: string[] = [(await d.storedUser(pool, 'alice'))?.passwordHash ?? ''];
    for (const password of ['second', 'thirdly', 'fourth']) {
      expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: password, Permanent: true })).toEqual(ok({}));
      hashes.push((await d.storedUser(pool, 'alice'))?.passwordHash ?? '');
    }
    expect((await d.storedUser(pool, 'alice'))?.passwordHistory).toEqual([hashes[2], hashes[1]]);
  });

  it('keeps no history when the pool keeps none', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Perm4nent!', Permanent: true }));
    expect((await d.storedUser(pool, 'alice'))?.passwordHistory).toEqual([]);
  });

  it('answers UserNotFoundException "User does not exist." and ResourceNotFoundException', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'nobody', Password: GOOD })).toEqual(
      failure('UserNotFoundException', 'User does not exist.'),
    );
    expect(await d.adminSetUserPassword({ UserPoolId: MISSING_POOL, Username: 'nobody', Password: GOOD })).toEqual(NO_SUCH_POOL);
  });
});
