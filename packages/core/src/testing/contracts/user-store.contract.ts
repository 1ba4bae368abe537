import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { User } from '../../model/user.js';
import type { UserStore } from '../../ports/user-store.js';
import { userFixture } from './fixtures.js';
import { uniqueSuffix, unwrap, type Make } from './support.js';

/**
 * Registers the {@link UserStore} contract: claims are unique per pool, writes are all or nothing,
 * updates are optimistic, paging follows username order, and concurrent writers cannot both win.
 *
 * @example
 * ```ts
 * describeUserStoreContract('MemoryUserStore', () => new MemoryUserStore());
 * ```
 * @group Testing
 */
export function describeUserStoreContract(name: string, make: Make<UserStore>): void {
  describe(`UserStore contract: ${name}`, () => {
    const pools = (): { pool: string; other: string } => {
      const s = uniqueSuffix();
      return { pool: `us-east-1_u${s}`, other: `us-east-1_o${s}` };
    };
    const claimsOf = (username: string): string[] => [`username:${username}`, `email:${username}@example.com`, `sub:sub-${username}`];

    describe('create and findByClaim', () => {
      it('finds a created user by each of its claims, and nothing by another claim', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = userFixture(pool, 'alice');
        expect(await store.create(alice, claimsOf('alice'))).toEqual(ok(alice));
        for (const claim of claimsOf('alice')) expect(await store.findByClaim(pool, claim)).toEqual(ok(alice));
        expect(await store.findByClaim(pool, 'email:bob@example.com')).toEqual(ok(undefined));
      });

      it('answers undefined in an unknown pool', async () => {
        const store = await make();
        expect(await store.findByClaim(pools().pool, 'username:alice')).toEqual(ok(undefined));
      });

      it('refuses a claim held by another user, writing neither the user nor its other claims', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = userFixture(pool, 'alice');
        await unwrap(store.create(alice, ['username:alice', 'email:shared@example.com']));
        const bob = userFixture(pool, 'bob');
        expect(await store.create(bob, ['username:bob', 'phone:+15555550100', 'email:shared@example.com'])).toEqual(
          err({ kind: 'ClaimTaken', claim: 'email:shared@example.com', owner: 'alice' }),
        );
        expect(await store.findByClaim(pool, 'username:bob')).toEqual(ok(undefined));
        expect(await store.findByClaim(pool, 'phone:+15555550100')).toEqual(ok(undefined));
        expect(await store.findByClaim(pool, 'email:shared@example.com')).toEqual(ok(alice));
        expect((await unwrap(store.list(pool, 10))).users.map((u) => u.username)).toEqual(['alice']);
      });

      it('refuses to create a user twice under the same claims', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = userFixture(pool, 'alice');
        await unwrap(store.create(alice, claimsOf('alice')));
        const again = await store.create(userFixture(pool, 'alice', { enabled: false }), claimsOf('alice'));
        expect(again.isErr()).toBe(true);
        const error = again._unsafeUnwrapErr();
        expect(error).toMatchObject({ kind: 'ClaimTaken', owner: 'alice' });
        expect(claimsOf('alice')).toContain(error.kind === 'ClaimTaken' ? error.claim : undefined);
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(alice));
      });

      it('lets users of two different pools hold the same claim', async () => {
        const store = await make();
        const { pool, other } = pools();
        const a1 = userFixture(pool, 'alice');
        const a2 = userFixture(other, 'alice', { sub: 'another-sub' });
        expect(await store.create(a1, ['username:alice', 'email:alice@example.com'])).toEqual(ok(a1));
        expect(await store.create(a2, ['username:alice', 'email:alice@example.com'])).toEqual(ok(a2));
        expect(await store.findByClaim(pool, 'email:alice@example.com')).toEqual(ok(a1));
        expect(await store.findByClaim(other, 'email:alice@example.com')).toEqual(ok(a2));
      });
    });

    describe('update', () => {
      it('replaces the user and bumps its version by exactly 1 on each update', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice', { version: 3 }), claimsOf('alice')));
        const first = await unwrap(store.update({ ...alice, enabled: false }, claimsOf('alice'), 3));
        expect(first).toEqual({ ...alice, enabled: false, version: 4 });
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(first));
        const second = await unwrap(store.update({ ...first, status: 'RESET_REQUIRED' }, claimsOf('alice'), 4));
        expect(second.version).toBe(5);
        expect(await store.findByClaim(pool, 'sub:sub-alice')).toEqual(ok(second));
      });

      it('sets the claims to exactly the new set: dropped claims become free for others', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:old@example.com']));
        const updated = await unwrap(
          store.update({ ...alice, attributes: { ...alice.attributes, email: 'new@example.com' } }, ['username:alice', 'email:new@example.com'], alice.version),
        );
        expect(await store.findByClaim(pool, 'email:old@example.com')).toEqual(ok(undefined));
        expect(await store.findByClaim(pool, 'email:new@example.com')).toEqual(ok(updated));
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(updated));
        const bob = userFixture(pool, 'bob');
        expect(await store.create(bob, ['username:bob', 'email:old@example.com'])).toEqual(ok(bob));
        expect(await store.findByClaim(pool, 'email:old@example.com')).toEqual(ok(bob));
      });

      it('refuses a claim held by another user, writing nothing', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:alice@example.com']));
        const bob = await unwrap(store.create(userFixture(pool, 'bob'), ['username:bob', 'email:bob@example.com']));
        const result = await store.update(
          { ...bob, enabled: false },
          ['username:bob', 'phone:+15555550100', 'email:alice@example.com'],
          bob.version,
        );
        expect(result).toEqual(err({ kind: 'ClaimTaken', claim: 'email:alice@example.com', owner: 'alice' }));
        expect(await store.findByClaim(pool, 'username:bob')).toEqual(ok(bob));
        expect(await store.findByClaim(pool, 'email:bob@example.com')).toEqual(ok(bob));
        expect(await store.findByClaim(pool, 'phone:+15555550100')).toEqual(ok(undefined));
        expect(await store.findByClaim(pool, 'email:alice@example.com')).toEqual(ok(alice));
        expect(await store.update({ ...bob, enabled: false }, ['username:bob'], bob.version)).toEqual(ok({ ...bob, enabled: false, version: bob.version + 1 }));
      });

      it('refuses a stale version with VersionConflict, writing nothing', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:alice@example.com']));
        const current = await unwrap(store.update({ ...alice, status: 'RESET_REQUIRED' }, ['username:alice', 'email:alice@example.com'], alice.version));
        const stale = await store.update({ ...alice, enabled: false }, ['username:alice', 'email:other@example.com'], alice.version);
        expect(stale).toEqual(err({ kind: 'VersionConflict' }));
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(current));
        expect(await store.findByClaim(pool, 'email:alice@example.com')).toEqual(ok(current));
        expect(await store.findByClaim(pool, 'email:other@example.com')).toEqual(ok(undefined));
      });

      it('answers UserGone for a deleted or never created user', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(store.delete(pool, 'alice'));
        expect(await store.update(alice, claimsOf('alice'), alice.version)).toEqual(err({ kind: 'UserGone' }));
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(undefined));
        expect(await store.update(userFixture(pool, 'nobody'), ['username:nobody'], 1)).toEqual(err({ kind: 'UserGone' }));
        expect(await store.findByClaim(pool, 'username:nobody')).toEqual(ok(undefined));
      });
    });

    describe('delete', () => {
      it('deletes the user and frees its claims', async () => {
        const store = await make();
        const { pool } = pools();
        await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        expect(await store.delete(pool, 'alice')).toEqual(ok(undefined));
        for (const claim of claimsOf('alice')) expect(await store.findByClaim(pool, claim)).toEqual(ok(undefined));
        expect((await unwrap(store.list(pool, 10))).users).toEqual([]);
        const again = userFixture(pool, 'alice', { sub: 'new-sub' });
        expect(await store.create(again, claimsOf('alice'))).toEqual(ok(again));
      });

      it('deletes an absent user without error', async () => {
        const store = await make();
        expect(await store.delete(pools().pool, 'nobody')).toEqual(ok(undefined));
      });

      it('deletePool removes every user of that pool and only of that pool', async () => {
        const store = await make();
        const { pool, other } = pools();
        for (const u of ['alice', 'bob', 'carol']) await unwrap(store.create(userFixture(pool, u), claimsOf(u)));
        const kept = await unwrap(store.create(userFixture(other, 'alice'), claimsOf('alice')));
        expect(await store.deletePool(pool)).toEqual(ok(undefined));
        expect((await unwrap(store.list(pool, 10))).users).toEqual([]);
        expect(await store.findByClaim(pool, 'username:bob')).toEqual(ok(undefined));
        expect(await store.findByClaim(other, 'username:alice')).toEqual(ok(kept));
        expect((await unwrap(store.list(other, 10))).users).toEqual([kept]);
        const fresh = userFixture(pool, 'bob');
        expect(await store.create(fresh, claimsOf('bob'))).toEqual(ok(fresh));
      });
    });

    describe('list', () => {
      it('pages through the users in username order, following next until it is absent', async () => {
        const store = await make();
        const { pool, other } = pools();
        const names = ['mallory', 'alice', 'trent', 'bob', 'eve', 'carol', 'dave'];
        for (const n of names) await unwrap(store.create(userFixture(pool, n), claimsOf(n)));
        await unwrap(store.create(userFixture(other, 'zed'), claimsOf('zed')));
        const seen: User[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await unwrap(store.list(pool, 3, after));
          expect(page.users.length).toBeLessThanOrEqual(3);
          if (page.next !== undefined) expect(page.users.at(-1)?.username).toBe(page.next);
          seen.push(...page.users);
          after = page.next;
          pages += 1;
        } while (after !== undefined && pages < 10);
        expect(after).toBeUndefined();
        expect(seen.map((u) => u.username)).toEqual([...names].sort());
        expect(seen.every((u) => u.userPoolId === pool)).toBe(true);
      });

      it('sets next when more users follow the page, and not on a page holding all of them', async () => {
        const store = await make();
        const { pool } = pools();
        for (const n of ['a', 'b', 'c']) await unwrap(store.create(userFixture(pool, n), claimsOf(n)));
        const first = await unwrap(store.list(pool, 2));
        expect(first.users.map((u) => u.username)).toEqual(['a', 'b']);
        expect(first.next).toBe('b');
        const rest = await unwrap(store.list(pool, 2, first.next));
        expect(rest.users.map((u) => u.username)).toEqual(['c']);
        expect(rest.next).toBeUndefined();
        const all = await unwrap(store.list(pool, 5));
        expect(all.users.map((u) => u.username)).toEqual(['a', 'b', 'c']);
        expect(all.next).toBeUndefined();
      });

      it('lists an unknown pool as empty', async () => {
        const store = await make();
        const page = await unwrap(store.list(pools().pool, 10));
        expect(page.users).toEqual([]);
        expect(page.next).toBeUndefined();
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of 50 concurrent creates claiming the same claim succeed', async () => {
        const store = await make();
        const { pool } = pools();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.create(userFixture(pool, `user${i}`), [`username:user${i}`, 'email:contested@example.com'])),
        );
        const winners = results.filter((r) => r.isOk());
        expect(winners).toHaveLength(1);
        const winner = winners[0]!.value;
        for (const r of results) {
          if (r.isErr()) expect(r.error).toEqual({ kind: 'ClaimTaken', claim: 'email:contested@example.com', owner: winner.username });
        }
        expect(await store.findByClaim(pool, 'email:contested@example.com')).toEqual(ok(winner));
        expect((await unwrap(store.list(pool, 100))).users).toEqual([winner]);
      });

      it('lets exactly one of 20 concurrent updates from the same read version succeed', async () => {
        const store = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.update({ ...alice, attributes: { ...alice.attributes, nickname: `n${i}` } }, claimsOf('alice'), alice.version),
          ),
        );
        const winners = results.filter((r) => r.isOk());
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).toEqual(Array.from({ length: 19 }, () => ({ kind: 'VersionConflict' })));
        const winner = winners[0]!.value;
        expect(winner.version).toBe(alice.version + 1);
        expect(await store.findByClaim(pool, 'username:alice')).toEqual(ok(winner));
      });
    });
  });
}
