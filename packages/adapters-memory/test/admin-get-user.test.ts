import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, MISSING_POOL, NO_SUCH_POOL } from './harness.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;

describe('adminGetUser', () => {
  it('answers the user found by username, verified alias or sub', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    const created = await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    const expected = {
      Username: 'alice',
      UserAttributes: created.Attributes,
      UserCreateDate: NOW_S,
      UserLastModifiedDate: NOW_S,
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    };
    const sub = created.Attributes.find((a) => a.Name === 'sub')?.Value ?? '';
    for (const username of ['alice', 'a@example.com', sub]) expect(await d.adminGetUser({ UserPoolId: pool, Username: username })).toEqual(ok(expected));
  });

  it('answers UserNotFoundException "User does not exist." and ResourceNotFoundException', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminGetUser({ UserPoolId: MISSING_POOL, Username: 'nobody' })).toEqual(NO_SUCH_POOL);
  });
});
