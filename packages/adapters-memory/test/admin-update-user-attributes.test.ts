import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { adminUpdateUserAttributes } from '@cognito-recovery/core';
import { attrs, directory, failure, must, withUpdate, type BareHarness } from './harness.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;

describe('adminUpdateUserAttributes', () => {
  it('a changed email is unverified again', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'new@example.com' }) })).toEqual(ok({}));
    expect((await d.storedUser(pool, 'alice'))?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
    // R3.2: the unverified email no longer resolves, the old one neither.
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'new@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });

  it('a changed phone number stays verified when the same call says so', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['phone_number'] });
    await d.createUser(pool, 'alice', { phone_number: '+15550000001', phone_number_verified: 'true' });
    await must(
      d.adminUpdateUserAttributes({
        UserPoolId: pool,
        Username: 'alice',
        UserAttributes: attrs({ phone_number: '+15550000002', phone_number_verified: 'true' }),
      }),
    );
    expect((await d.adminGetUser({ UserPoolId: pool, Username: '+15550000002' }))._unsafeUnwrap().Username).toBe('alice');
  });

  it('keeps the verification flag when the value does not change', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'a@example.com', name: 'Al' }) }));
    expect((await d.storedUser(pool, 'alice'))?.attributes).toMatchObject({ email_verified: 'true', name: 'Al' });
  });

  it('verifying an alias another user holds is AliasExistsException', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await d.createUser(pool, 'bob', { email: 'a@example.com' });
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email_verified: 'true' }) })).toEqual(
      failure('AliasExistsException', 'An account with the given email already exists.'),
    );
  });

  it('a username-attribute value another user holds is UsernameExistsException (R3.3)', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'a@example.com' }));
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'b@example.com' }));
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'b@example.com', UserAttributes: attrs({ email: 'a@example.com' }) })).toEqual(
      failure('UsernameExistsException', 'An account with the given email already exists.'),
    );
  });

  it('sub is immutable', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ sub: 'x' }) })).toEqual(
      failure('InvalidParameterException', 'Cannot modify the non-mutable attribute sub'),
    );
  });

  it('updates the last-modified date', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    d.clock.advanceBy(5000);
    await must(d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) }));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap()).toMatchObject({
      UserCreateDate: NOW_S,
      UserLastModifiedDate: NOW_S + 5,
    });
  });

  /** AdminUpdateUserAttributes on a fresh pool with `alice`, over a store whose first `conflicts` updates hit a version conflict. */
  async function conflicting(
    conflicts: number,
  ): Promise<{ d: BareHarness; pool: string; update: ReturnType<typeof adminUpdateUserAttributes>; calls: () => number }> {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    const users = d.ports.users;
    let calls = 0;
    const store = withUpdate(users, (u, c, v) => {
      calls++;
      return calls <= conflicts ? users.update(u, c, v + 1000) : users.update(u, c, v);
    });
    return { d, pool, update: adminUpdateUserAttributes({ ...d.ports, users: store }), calls: () => calls };
  }

  it('re-reads and retries after a version conflict', async () => {
    const { d, pool, update, calls } = await conflicting(2);
    expect(await update({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) })).toEqual(ok({}));
    expect(calls()).toBe(3);
    expect((await d.storedUser(pool, 'alice'))?.attributes['name']).toBe('Alice');
  });

  it('gives up after three retries with InternalErrorException', async () => {
    const { pool, update, calls } = await conflicting(100);
    expect(await update({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) })).toEqual(
      failure('InternalErrorException', 'Internal server error.'),
    );
    expect(calls()).toBe(4);
  });
});
