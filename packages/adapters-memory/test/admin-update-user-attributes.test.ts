import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { adminUpdateUserAttributes } from '@cognito-recovery/core';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { aHarness, attrs, directory, failure, must, withUpdate, type BareHarness, type Harness } from './harness.js';
import { FN, recorder } from './triggers-support.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;

/** AdminUpdateUserAttributes of `username` in `pool`, setting `attributes`. */
const update = (d: BareHarness, pool: string, username: string, attributes: Readonly<Record<string, string>>) =>
  d.adminUpdateUserAttributes({ UserPoolId: pool, Username: username, UserAttributes: attrs(attributes) });

describe('adminUpdateUserAttributes', () => {
  it('R24.6: a changed email is unverified again', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    expect(await update(d, pool, 'alice', { email: 'new@example.com' })).toEqual(ok({}));
    expect((await d.storedUser(pool, 'alice'))?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
    // R3.2: the unverified email no longer resolves, the old one neither.
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'new@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });

  it('R24.6: a changed phone number stays verified when the same call says so', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['phone_number'] });
    await d.createUser(pool, 'alice', { phone_number: '+15550000001', phone_number_verified: 'true' });
    await must(update(d, pool, 'alice', { phone_number: '+15550000002', phone_number_verified: 'true' }));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: '+15550000002' }))._unsafeUnwrap().Username).toBe('alice');
  });

  it('keeps the verification flag when the value does not change', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(update(d, pool, 'alice', { email: 'a@example.com', name: 'Al' }));
    expect((await d.storedUser(pool, 'alice'))?.attributes).toMatchObject({ email_verified: 'true', name: 'Al' });
  });

  it("D46 R24.6: verifying an alias another user holds moves it: the other user's email becomes unverified", async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await d.createUser(pool, 'bob', { email: 'a@example.com' });
    expect(await update(d, pool, 'bob', { email_verified: 'true' })).toEqual(ok({}));
    expect((await d.storedUser(pool, 'alice'))?.attributes['email_verified']).toBe('false');
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' }))._unsafeUnwrap().Username).toBe('bob');
  });

  it('a username-attribute value another user holds is UsernameExistsException (R3.3)', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'a@example.com' }));
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'b@example.com' }));
    expect(await update(d, pool, 'b@example.com', { email: 'a@example.com' })).toEqual(
      failure('UsernameExistsException', 'An account with the given email already exists.'),
    );
  });

  it('sub is immutable', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await update(d, pool, 'alice', { sub: 'x' })).toEqual(failure('InvalidParameterException', 'Cannot modify the non-mutable attribute sub'));
  });

  it('updates the last-modified date', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    d.clock.advanceBy(5000);
    await must(update(d, pool, 'alice', { name: 'Alice' }));
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

  describe('verification codes (D45)', () => {
    async function withAlice(overrides: PoolOverrides = {}): Promise<Harness> {
      const h = await aHarness({ pool: aPool('emailFirst', overrides) });
      await h.addUser(aUser('alice').withVerifiedEmail('alice@example.com'));
      return h;
    }
    const update = (h: Harness, values: Record<string, string>): ReturnType<Harness['adminUpdateUserAttributes']> =>
      h.adminUpdateUserAttributes({ UserPoolId: h.pool.id, Username: 'alice', UserAttributes: attrs(values) });

    it('D45: a changed auto-verified email without email_verified=true is unverified and gets a code through CustomMessage_UpdateUserAttribute, without an app client', async () => {
      const h = await withAlice({ lambdaConfig: { customMessage: FN.customMessage } });
      const { events, handler } = recorder<{ triggerSource: string; callerContext: { clientId: string } }>();
      h.triggers.register(FN.customMessage, handler);
      expect(await update(h, { email: 'new@example.com' })).toEqual(ok({}));
      expect((await h.userNamed('alice'))?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
      expect(h.outbox.messages()).toMatchObject([{ destination: 'new@example.com' }]);
      expect(events).toMatchObject([{ triggerSource: 'CustomMessage_UpdateUserAttribute', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' } }]);
    });

    it('R24.6 D45: with email_verified=true the change is applied verified and no message is sent, also in keep-original pools', async () => {
      const h = await withAlice({ attributesRequireVerificationBeforeUpdate: ['email'] });
      await must(update(h, { email: 'new@example.com', email_verified: 'true' }));
      const user = await h.userNamed('alice');
      expect(user?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'true' });
      expect(user?.pendingAttributes).toBeUndefined();
      expect(h.outbox.messages()).toEqual([]);
    });

    it('R24.6 D45 R24.5: in keep-original pools a change without the flag is pending; the original keeps receiving recovery codes', async () => {
      const h = await withAlice({ attributesRequireVerificationBeforeUpdate: ['email'] });
      await must(update(h, { email: 'new@example.com' }));
      const user = await h.userNamed('alice');
      expect(user?.attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true' });
      expect(user?.pendingAttributes).toEqual({ email: 'new@example.com' });
      expect(h.outbox.messages().at(-1)?.destination).toBe('new@example.com');
      await must(h.forgot({ ClientId: h.client.clientId, Username: 'alice' }));
      expect(h.outbox.messages().at(-1)?.destination).toBe('alice@example.com');
    });

    it('D45: a phone the pool does not auto-verify gets no code; setting a flag alone is allowed', async () => {
      const h = await withAlice();
      await must(update(h, { phone_number: '+15555550100' }));
      expect(h.outbox.messages()).toEqual([]);
      await must(update(h, { phone_number_verified: 'true' }));
      expect((await h.userNamed('alice'))?.attributes['phone_number_verified']).toBe('true');
    });
  });
});
