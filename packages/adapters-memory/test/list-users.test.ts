import { aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { directory, failure, MISSING_POOL, must, NO_SUCH_POOL, oneViolation, TEMPORARY_PASSWORD as GOOD, type BareHarness } from './harness.js';

describe('listUsers', () => {
  async function populated(d: BareHarness) {
    const pool = await d.createPool();
    await d.createUser(pool, 'alice', { email: 'alice@example.com', given_name: 'Alice' });
    await d.createUser(pool, 'albert', { email: 'albert@example.org' });
    await d.createUser(pool, 'bob', { email: 'bob@example.com', phone_number: '+15550000001' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'bob', Password: GOOD, Permanent: true }));
    await must(d.adminDisableUser({ UserPoolId: pool, Username: 'albert' }));
    return pool;
  }
  const names = (r: { Users: readonly { Username: string }[] }) => r.Users.map((u) => u.Username);

  it('lists every user in username order', async () => {
    const d = await directory();
    const pool = await populated(d);
    const all = (await d.listUsers({ UserPoolId: pool }))._unsafeUnwrap();
    expect(names(all)).toEqual(['albert', 'alice', 'bob']);
    expect(all.PaginationToken).toBeUndefined();
  });

  it.each([
    ['username = "alice"', ['alice']],
    ['username ^= "al"', ['albert', 'alice']],
    ['email ^= "b"', ['bob']],
    ['email = "alice@example.com"', ['alice']],
    ['given_name = "Alice"', ['alice']],
    ['phone_number ^= "+1555"', ['bob']],
    ['cognito:user_status = "CONFIRMED"', ['bob']],
    ['cognito:user_status = "FORCE_CHANGE_PASSWORD"', ['albert', 'alice']],
    ['status = "Disabled"', ['albert']],
    ['status = "Enabled"', ['alice', 'bob']],
    ['  email^="nobody"  ', []],
  ])('filters with %s', async (filter, expected) => {
    const d = await directory();
    const pool = await populated(d);
    expect(names((await d.listUsers({ UserPoolId: pool, Filter: filter }))._unsafeUnwrap())).toEqual(expected);
  });

  it('filters by sub', async () => {
    const d = await directory();
    const pool = await populated(d);
    const sub = (await d.storedUser(pool, 'bob'))?.sub ?? '';
    expect(names((await d.listUsers({ UserPoolId: pool, Filter: `sub = "${sub}"` }))._unsafeUnwrap())).toEqual(['bob']);
  });

  it('pages with an opaque token, the filter applied across pages', async () => {
    const d = await directory();
    const pool = await d.createPool();
    for (let i = 0; i < 70; i++)
      await must(
        d.ports.users.create(
          aUser(`u${String(i).padStart(2, '0')}`, pool)
            .withFields({ sub: `s${i}`, attributes: { sub: `s${i}`, name: i % 2 === 0 ? 'even' : 'odd' } })
            .build(),
          [`u#u${String(i).padStart(2, '0')}`, `s#s${i}`],
        ),
      );
    const first = (await d.listUsers({ UserPoolId: pool, Limit: 30, Filter: 'name = "even"' }))._unsafeUnwrap();
    expect(first.Users).toHaveLength(30);
    expect(first.PaginationToken).toBeDefined();
    expect(first.PaginationToken).not.toContain('u58');
    const second = (await d.listUsers({ UserPoolId: pool, Limit: 30, Filter: 'name = "even"', PaginationToken: first.PaginationToken! }))._unsafeUnwrap();
    expect(names(second)).toEqual(['u60', 'u62', 'u64', 'u66', 'u68']);
    expect(second.PaginationToken).toBeUndefined();
  });

  it('answers only the AttributesToGet', async () => {
    const d = await directory();
    const pool = await populated(d);
    const page = (await d.listUsers({ UserPoolId: pool, Filter: 'username = "alice"', AttributesToGet: ['email'] }))._unsafeUnwrap();
    expect(page.Users[0]?.Attributes).toEqual([{ Name: 'email', Value: 'alice@example.com' }]);
  });

  it.each([
    ['email contains "a"', 'Error while parsing filter.'],
    ['email = alice', 'Error while parsing filter.'],
    ['locale = "en"', 'Invalid search attribute: locale'],
  ])('refuses the filter %s', async (filter, message) => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.listUsers({ UserPoolId: pool, Filter: filter })).toEqual(failure('InvalidParameterException', message));
  });

  it('validates Limit (R1.7) and the pool', async () => {
    const d = await directory();
    expect(await d.listUsers({ UserPoolId: MISSING_POOL, Limit: 61 })).toEqual(
      oneViolation("Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60"),
    );
    expect(await d.listUsers({ UserPoolId: MISSING_POOL })).toEqual(NO_SUCH_POOL);
  });
});
