import { err, ok, type ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { User } from '../../model/user.js';
import type { StoredCode } from '../../ports/recovery-code-store.js';
import type { CodeConsumption, UserStore } from '../../ports/user-store.js';
import { userFixture } from './fixtures.js';
import { describeBrokenBackend, tally, uniqueSuffix, unwrap, type BrokenBackendOptions, type Make, type RecoveryStores } from './support.js';

/**
 * Registers the `UserStore` contract: claims are unique per pool and a refused write names the first
 * claim, in the order given, that another user holds; writes are all or nothing, updates are
 * optimistic; paging follows username order — the store's order, a total order that is code point
 * order for usernames of ASCII and of Basic Multilingual Plane characters below U+D800 (the memory
 * store compares UTF-16 code units, DynamoDB and PostgreSQL UTF-8 bytes, which differ beyond), each
 * user listed once — and a `limit` that is not a positive integer is a `PortFailure`; concurrent
 * writers cannot both win, and an update that consumes a recovery code writes the user and uses the
 * code together or not at all: the code kept under `consume.name` when given (a purpose-keyed name
 * such as `alice\u0000signup`, with NUL characters), otherwise under the username, and no other. With
 * `options.broken`, a factory of the stores over a backend that fails every request, every method
 * must also resolve (never throw or reject) to a `PortFailure`.
 *
 * @example
 * ```ts
 * describeUserStoreContract('MemoryUserStore', () => {
 *   const codes = new MemoryRecoveryCodeStore();
 *   return { codes, users: new MemoryUserStore(codes) };
 * });
 * ```
 * @group Testing
 */
export function describeUserStoreContract(name: string, make: Make<RecoveryStores>, options: BrokenBackendOptions<RecoveryStores> = {}): void {
  describe(`UserStore contract: ${name}`, () => {
    const pools = (): { pool: string; other: string } => {
      const s = uniqueSuffix();
      return { pool: `us-east-1_u${s}`, other: `us-east-1_o${s}` };
    };
    const claimsOf = (username: string): string[] => [`username:${username}`, `email:${username}@example.com`, `sub:sub-${username}`];
    /** Checks who holds each claim (`findByClaim`), `undefined` for nobody, one expectation per claim. */
    const expectHolders = async (store: UserStore, pool: string, holders: Readonly<Record<string, User | undefined>>): Promise<void> => {
      for (const [claim, holder] of Object.entries(holders)) expect(await store.findByClaim(pool, claim), claim).toEqual(ok(holder));
    };
    /** Creates alice and carol in `pool`, each with its {@link claimsOf}. */
    const aliceAndCarol = async (store: UserStore, pool: string): Promise<{ alice: User; carol: User }> => ({
      alice: await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice'))),
      carol: await unwrap(store.create(userFixture(pool, 'carol'), claimsOf('carol'))),
    });
    /**
     * Expects each write of bob's (`write` of a claim list) refused with `ClaimTaken` naming `claim`
     * held by `owner`, then that none was written: bob's username held by `users.bob` (nobody when he
     * was never created), the phone by nobody, alice's and carol's emails still theirs.
     */
    const expectFirstTakenClaims = async (
      store: UserStore,
      pool: string,
      write: (claims: readonly string[]) => ResultAsync<User, unknown>,
      refusals: readonly (readonly [claims: readonly string[], claim: string, owner: 'alice' | 'carol'])[],
      users: { readonly alice: User; readonly carol: User; readonly bob?: User },
    ): Promise<void> => {
      for (const [claims, claim, owner] of refusals) expect(await write(claims), claims.join(' ')).toEqual(err({ kind: 'ClaimTaken', claim, owner }));
      await expectHolders(store, pool, {
        'username:bob': users.bob,
        'phone:+15555550100': undefined,
        'email:alice@example.com': users.alice,
        'email:carol@example.com': users.carol,
      });
    };

    describe('create and findByClaim', () => {
      it('finds a created user by each of its claims, and nothing by another claim', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const alice = userFixture(pool, 'alice');
        expect(await store.create(alice, claimsOf('alice'))).toEqual(ok(alice));
        for (const claim of claimsOf('alice')) expect(await store.findByClaim(pool, claim)).toEqual(ok(alice));
        expect(await store.findByClaim(pool, 'email:bob@example.com')).toEqual(ok(undefined));
      });

      it('answers undefined in an unknown pool', async () => {
        const { users: store } = await make();
        expect(await store.findByClaim(pools().pool, 'username:alice')).toEqual(ok(undefined));
      });

      it('refuses a claim held by another user, writing neither the user nor its other claims', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const alice = userFixture(pool, 'alice');
        await unwrap(store.create(alice, ['username:alice', 'email:shared@example.com']));
        const bob = userFixture(pool, 'bob');
        expect(await store.create(bob, ['username:bob', 'phone:+15555550100', 'email:shared@example.com'])).toEqual(
          err({ kind: 'ClaimTaken', claim: 'email:shared@example.com', owner: 'alice' }),
        );
        await expectHolders(store, pool, { 'username:bob': undefined, 'phone:+15555550100': undefined, 'email:shared@example.com': alice });
        expect((await unwrap(store.list(pool, 10))).users.map((u) => u.username)).toEqual(['alice']);
      });

      it('names the first taken claim in the order given when several are held, by different users', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const users = await aliceAndCarol(store, pool);
        const bob = userFixture(pool, 'bob');
        const refusals = [
          [['username:bob', 'phone:+15555550100', 'email:carol@example.com', 'email:alice@example.com'], 'email:carol@example.com', 'carol'],
          [['username:bob', 'email:alice@example.com', 'phone:+15555550100', 'email:carol@example.com'], 'email:alice@example.com', 'alice'],
          [['sub:sub-carol', 'username:bob', 'sub:sub-alice'], 'sub:sub-carol', 'carol'],
        ] as const;
        await expectFirstTakenClaims(store, pool, (claims) => store.create(bob, claims), refusals, users);
      });

      it('refuses to create a user twice under the same claims', async () => {
        const { users: store } = await make();
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
        const { users: store } = await make();
        const { pool, other } = pools();
        const a1 = userFixture(pool, 'alice');
        const a2 = userFixture(other, 'alice', { sub: 'another-sub' });
        expect(await store.create(a1, ['username:alice', 'email:alice@example.com'])).toEqual(ok(a1));
        expect(await store.create(a2, ['username:alice', 'email:alice@example.com'])).toEqual(ok(a2));
        expect(await store.findByClaim(pool, 'email:alice@example.com')).toEqual(ok(a1));
        expect(await store.findByClaim(other, 'email:alice@example.com')).toEqual(ok(a2));
      });
    });

    describe('findFirstByClaims', () => {
      it('answers the owner of the first held claim in the order given, whoever holds the later ones', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        const bob = await unwrap(store.create(userFixture(pool, 'bob'), claimsOf('bob')));
        expect(await store.findFirstByClaims(pool, ['username:nobody', 'email:bob@example.com', 'username:alice'])).toEqual(ok(bob));
        expect(await store.findFirstByClaims(pool, ['username:alice', 'email:bob@example.com'])).toEqual(ok(alice));
        expect(await store.findFirstByClaims(pool, ['sub:none', 'email:none@example.com', 'sub:sub-alice'])).toEqual(ok(alice));
        expect(await store.findFirstByClaims(pool, ['sub:sub-bob', 'sub:sub-bob', 'username:alice'])).toEqual(ok(bob));
      });

      it('answers undefined when no claim is held, for no claims, and in an unknown pool', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        expect(await store.findFirstByClaims(pool, ['username:bob', 'email:bob@example.com', 'sub:sub-bob'])).toEqual(ok(undefined));
        expect(await store.findFirstByClaims(pool, [])).toEqual(ok(undefined));
        expect(await store.findFirstByClaims(pools().pool, claimsOf('alice'))).toEqual(ok(undefined));
      });

      it("ignores other pools' claims and follows updates and deletes", async () => {
        const { users: store } = await make();
        const { pool, other } = pools();
        const elsewhere = await unwrap(store.create(userFixture(other, 'alice'), ['username:alice', 'email:shared@example.com']));
        const bob = await unwrap(store.create(userFixture(pool, 'bob'), ['username:bob', 'email:bob@example.com']));
        expect(await store.findFirstByClaims(pool, ['email:shared@example.com', 'username:alice', 'username:bob'])).toEqual(ok(bob));
        expect(await store.findFirstByClaims(other, ['email:shared@example.com', 'username:bob'])).toEqual(ok(elsewhere));
        const moved = await unwrap(store.update({ ...bob, enabled: false }, ['username:bob', 'email:shared@example.com'], bob.version));
        expect(await store.findFirstByClaims(pool, ['email:bob@example.com', 'email:shared@example.com'])).toEqual(ok(moved));
        await unwrap(store.delete(pool, 'bob'));
        expect(await store.findFirstByClaims(pool, ['email:shared@example.com', 'username:bob'])).toEqual(ok(undefined));
        expect(await store.findFirstByClaims(other, ['email:shared@example.com'])).toEqual(ok(elsewhere));
      });
    });

    describe('update', () => {
      it('replaces the user and bumps its version by exactly 1 on each update', async () => {
        const { users: store } = await make();
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
        const { users: store } = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:old@example.com']));
        const updated = await unwrap(
          store.update({ ...alice, attributes: { ...alice.attributes, email: 'new@example.com' } }, ['username:alice', 'email:new@example.com'], alice.version),
        );
        await expectHolders(store, pool, { 'email:old@example.com': undefined, 'email:new@example.com': updated, 'username:alice': updated });
        const bob = userFixture(pool, 'bob');
        expect(await store.create(bob, ['username:bob', 'email:old@example.com'])).toEqual(ok(bob));
        expect(await store.findByClaim(pool, 'email:old@example.com')).toEqual(ok(bob));
      });

      it('refuses a claim held by another user, writing nothing', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:alice@example.com']));
        const bob = await unwrap(store.create(userFixture(pool, 'bob'), ['username:bob', 'email:bob@example.com']));
        const result = await store.update({ ...bob, enabled: false }, ['username:bob', 'phone:+15555550100', 'email:alice@example.com'], bob.version);
        expect(result).toEqual(err({ kind: 'ClaimTaken', claim: 'email:alice@example.com', owner: 'alice' }));
        await expectHolders(store, pool, {
          'username:bob': bob,
          'email:bob@example.com': bob,
          'phone:+15555550100': undefined,
          'email:alice@example.com': alice,
        });
        expect(await store.update({ ...bob, enabled: false }, ['username:bob'], bob.version)).toEqual(ok({ ...bob, enabled: false, version: bob.version + 1 }));
      });

      it('names the first claim, in the order given, held by another user when several are', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const users = await aliceAndCarol(store, pool);
        const bob = await unwrap(store.create(userFixture(pool, 'bob'), claimsOf('bob')));
        const changed = { ...bob, enabled: false };
        const refusals = [
          [[...claimsOf('bob'), 'phone:+15555550100', 'email:alice@example.com', 'email:carol@example.com'], 'email:alice@example.com', 'alice'],
          [['email:carol@example.com', 'username:bob', 'email:alice@example.com'], 'email:carol@example.com', 'carol'],
          // Its own claims, wherever they stand, are not taken.
          [['email:bob@example.com', 'sub:sub-alice', 'username:bob', 'sub:sub-carol'], 'sub:sub-alice', 'alice'],
        ] as const;
        await expectFirstTakenClaims(store, pool, (claims) => store.update(changed, claims, bob.version), refusals, { ...users, bob });
      });

      it('refuses a stale version with VersionConflict, writing nothing', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        const alice = await unwrap(store.create(userFixture(pool, 'alice'), ['username:alice', 'email:alice@example.com']));
        const current = await unwrap(store.update({ ...alice, status: 'RESET_REQUIRED' }, ['username:alice', 'email:alice@example.com'], alice.version));
        const stale = await store.update({ ...alice, enabled: false }, ['username:alice', 'email:other@example.com'], alice.version);
        expect(stale).toEqual(err({ kind: 'VersionConflict' }));
        await expectHolders(store, pool, { 'username:alice': current, 'email:alice@example.com': current, 'email:other@example.com': undefined });
      });

      it('answers UserGone for a deleted or never created user', async () => {
        const { users: store } = await make();
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
        const { users: store } = await make();
        const { pool } = pools();
        await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        expect(await store.delete(pool, 'alice')).toEqual(ok(undefined));
        for (const claim of claimsOf('alice')) expect(await store.findByClaim(pool, claim)).toEqual(ok(undefined));
        expect((await unwrap(store.list(pool, 10))).users).toEqual([]);
        const again = userFixture(pool, 'alice', { sub: 'new-sub' });
        expect(await store.create(again, claimsOf('alice'))).toEqual(ok(again));
      });

      it('deletes an absent user without error', async () => {
        const { users: store } = await make();
        expect(await store.delete(pools().pool, 'nobody')).toEqual(ok(undefined));
      });

      it('deletePool removes every user of that pool and only of that pool', async () => {
        const { users: store } = await make();
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
        const { users: store } = await make();
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
        const { users: store } = await make();
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

      it('orders non-ASCII usernames by code point, page after page', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        // Characters below U+D800 only: there, UTF-16 code unit order, code point order and UTF-8 byte order agree.
        const names = ['zoë', 'Zoë', 'zoe\u0308', 'émile', 'ängel', 'ñandú', 'Ωmega', '日本', 'straße', 'bob', 'Bob', 'alice', 'a.b', 'a-b', 'a_b'];
        for (const n of names) await unwrap(store.create(userFixture(pool, n), [`username:${n}`]));
        const seen: string[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await unwrap(store.list(pool, 2, after));
          seen.push(...page.users.map((u) => u.username));
          after = page.next;
          if (after === undefined) break;
        }
        expect(after).toBeUndefined();
        // UTF-8 byte order is code point order.
        const byCodePoint = [...names].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(seen).toEqual(byCodePoint);
      });

      it('lists every user once, in the same order page by page as in one page, beyond the Basic Multilingual Plane too', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        // Where the stores' orders may differ (astral characters, U+E000–U+FFFF): each store's own, consistently.
        const names = ['🙂smile', 'ｚｅｄ', '\uE000private', '𝔞lpha', 'zed', '\uFFFDreplacement', 'émile'];
        for (const n of names) await unwrap(store.create(userFixture(pool, n), [`username:${n}`]));
        const whole = (await unwrap(store.list(pool, 100))).users.map((u) => u.username);
        expect([...whole].sort()).toEqual([...names].sort());
        const seen: string[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await unwrap(store.list(pool, 1, after));
          expect(page.users).toHaveLength(1);
          seen.push(...page.users.map((u) => u.username));
          after = page.next;
          if (after === undefined) break;
        }
        expect(seen).toEqual(whole);
      });

      it('refuses a limit that is not a positive integer with a PortFailure', async () => {
        const { users: store } = await make();
        const { pool } = pools();
        await unwrap(store.create(userFixture(pool, 'alice'), claimsOf('alice')));
        for (const limit of [0, -1, 1.5, Number.NaN]) {
          const result = await store.list(pool, limit);
          expect(result.isErr() && result.error.kind).toBe('PortFailure');
        }
      });

      it('lists an unknown pool as empty', async () => {
        const { users: store } = await make();
        const page = await unwrap(store.list(pools().pool, 10));
        expect(page.users).toEqual([]);
        expect(page.next).toBeUndefined();
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of 50 concurrent creates claiming the same claim succeed', async () => {
        const { users: store } = await make();
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
        const { users: store } = await make();
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

    describe('update consuming a recovery code', () => {
      const T = Date.UTC(2024, 0, 1);
      const HOUR = 3_600_000;
      const RIGHT = 'q5N0pZ3x1v2Kk8u1mQ4xj9cF3bT7yW0eR6hL2sD8aGc';
      const WRONG = 'Zz9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0Fe';
      const code = (codeHmac: string, issuedAt = T): StoredCode => ({ codeHmac, issuedAt, expiresAt: issuedAt + HOUR });
      const reset = (user: User, hash: string): User => ({ ...user, passwordHash: hash, status: 'CONFIRMED' });
      /**
       * 50 consumers of alice's code (`consume`) race, each re-reading alice and retrying on a version
       * conflict, up to 10 rounds: exactly one sets its password (`h<i>`, version 2), the others find
       * the code used.
       */
      const expectOneOf50ConsumersWins = async (users: UserStore, pool: string, consume: CodeConsumption): Promise<void> => {
        const confirm = async (i: number): Promise<string> => {
          for (let round = 0; round < 10; round++) {
            const fresh = await unwrap(users.findByClaim(pool, 'username:alice'));
            if (fresh === undefined) return 'gone';
            const result = await users.update(reset(fresh, `h${i}`), claimsOf('alice'), fresh.version, consume);
            if (result.isOk()) return 'ok';
            if (result.error.kind === 'CodeNotConsumable') return result.error.outcome;
            if (result.error.kind !== 'VersionConflict') return result.error.kind;
          }
          return 'exhausted';
        };
        const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => confirm(i)));
        expect(tally(outcomes)).toEqual({ ok: 1, mismatch: 49 });
        const stored = await unwrap(users.findByClaim(pool, 'username:alice'));
        expect(stored?.version).toBe(2);
        expect(stored?.passwordHash).toBe(`h${outcomes.indexOf('ok')}`);
      };

      it('writes the user and uses the code in one step', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice', { status: 'RESET_REQUIRED' }), claimsOf('alice')));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        const updated = await unwrap(users.update(reset(alice, 'h1'), claimsOf('alice'), alice.version, { codeHmac: RIGHT, now: T + 1 }));
        expect(updated).toEqual({ ...reset(alice, 'h1'), version: alice.version + 1 });
        expect(await users.findByClaim(pool, 'email:alice@example.com')).toEqual(ok(updated));
        expect(await codes.verify(pool, 'alice', RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await users.update(reset(updated, 'h2'), claimsOf('alice'), updated.version, { codeHmac: RIGHT, now: T + 3 })).toEqual(
          err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }),
        );
        expect(await users.findByClaim(pool, 'username:alice')).toEqual(ok(updated));
      });

      it('refuses a code that cannot be used with CodeNotConsumable, writing nothing', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        const attempt = (hmac: string, now: number) => users.update(reset(alice, 'h'), claimsOf('alice'), alice.version, { codeHmac: hmac, now });
        expect(await attempt(RIGHT, T)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'none' }));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        expect(await attempt(WRONG, T + 1)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }));
        expect(await attempt('', T + 1)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }));
        expect(await attempt(RIGHT, T + HOUR)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'expired' }));
        expect(await users.findByClaim(pool, 'username:alice')).toEqual(ok(alice));
        expect(await codes.verify(pool, 'alice', RIGHT, T + HOUR - 1)).toEqual(ok('valid'));
        expect(await attempt(RIGHT, T + HOUR - 1)).toEqual(ok({ ...reset(alice, 'h'), version: alice.version + 1 }));
      });

      it('uses nothing when the user write fails: stale version, taken claim, or user gone', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(users.create(userFixture(pool, 'bob'), claimsOf('bob')));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        const consume = { codeHmac: RIGHT, now: T + 1 };
        expect(await users.update(reset(alice, 'h'), claimsOf('alice'), alice.version + 7, consume)).toEqual(err({ kind: 'VersionConflict' }));
        expect(await users.update(reset(alice, 'h'), [...claimsOf('alice'), 'email:bob@example.com'], alice.version, consume)).toEqual(
          err({ kind: 'ClaimTaken', claim: 'email:bob@example.com', owner: 'bob' }),
        );
        expect(await users.update(reset(userFixture(pool, 'carol'), 'h'), ['username:carol'], 1, consume)).toEqual(err({ kind: 'UserGone' }));
        expect(await codes.verify(pool, 'alice', RIGHT, T + 2)).toEqual(ok('valid'));
        expect(await users.findByClaim(pool, 'username:alice')).toEqual(ok(alice));
        expect(await users.findByClaim(pool, 'email:bob@example.com')).toEqual(ok(userFixture(pool, 'bob')));
      });

      it("uses only the updated user's code", async () => {
        const { users, codes } = await make();
        const { pool, other } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(codes.issue(pool, 'bob', code(RIGHT)));
        await unwrap(codes.issue(other, 'alice', code(RIGHT)));
        expect(await users.update(reset(alice, 'h'), claimsOf('alice'), alice.version, { codeHmac: RIGHT, now: T + 1 })).toEqual(
          err({ kind: 'CodeNotConsumable', outcome: 'none' }),
        );
        expect(await codes.verify(pool, 'bob', RIGHT, T + 1)).toEqual(ok('valid'));
        expect(await codes.verify(other, 'alice', RIGHT, T + 1)).toEqual(ok('valid'));
      });

      it("uses the code named by consume.name (D33) and no other: the username's recovery code and other purposes stay", async () => {
        const { users, codes } = await make();
        const { pool, other } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice', { status: 'UNCONFIRMED' }), claimsOf('alice')));
        const signup = 'alice\u0000signup';
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        await unwrap(codes.issue(pool, signup, code(RIGHT)));
        await unwrap(codes.issue(pool, 'alice\u0000verify:email', code(RIGHT)));
        await unwrap(codes.issue(other, signup, code(WRONG)));
        const confirmed: User = { ...alice, status: 'CONFIRMED' };
        expect(await users.update(confirmed, claimsOf('alice'), alice.version, { codeHmac: WRONG, now: T + 1, name: signup })).toEqual(
          err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }),
        );
        expect(
          await users.update(confirmed, claimsOf('alice'), alice.version, { codeHmac: RIGHT, now: T + 1, name: 'alice\u0000verify:phone_number' }),
        ).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'none' }));
        expect(await users.findByClaim(pool, 'username:alice')).toEqual(ok(alice));
        const updated = await unwrap(users.update(confirmed, claimsOf('alice'), alice.version, { codeHmac: RIGHT, now: T + 1, name: signup }));
        expect(updated).toEqual({ ...confirmed, version: alice.version + 1 });
        expect(await codes.verify(pool, signup, RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await codes.verify(pool, 'alice', RIGHT, T + 2)).toEqual(ok('valid'));
        expect(await codes.verify(pool, 'alice\u0000verify:email', RIGHT, T + 2)).toEqual(ok('valid'));
        expect(await codes.verify(other, signup, WRONG, T + 2)).toEqual(ok('valid'));
        expect(await users.update(updated, claimsOf('alice'), updated.version, { codeHmac: RIGHT, now: T + 3, name: signup })).toEqual(
          err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }),
        );
        // Without a name, the username's code: still there, and used now.
        const again = await unwrap(users.update(reset(updated, 'h'), claimsOf('alice'), updated.version, { codeHmac: RIGHT, now: T + 3 }));
        expect(again.version).toBe(updated.version + 1);
        expect(await codes.verify(pool, 'alice', RIGHT, T + 4)).toEqual(ok('mismatch'));
        expect(await codes.verify(pool, 'alice\u0000verify:email', RIGHT, T + 4)).toEqual(ok('valid'));
      });

      it('takes names with NUL characters, exactly: a name is not confused with a neighbour that differs by a NUL', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(codes.issue(pool, 'alice\u0000\u0000signup', code(RIGHT)));
        await unwrap(codes.issue(pool, 'alice\u0000', code(WRONG)));
        const consume = (name: string, hmac: string) => users.update(reset(alice, 'h'), claimsOf('alice'), alice.version, { codeHmac: hmac, now: T + 1, name });
        expect(await consume('alice\u0000signup', RIGHT)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'none' }));
        expect(await consume('alice\u0000', RIGHT)).toEqual(err({ kind: 'CodeNotConsumable', outcome: 'mismatch' }));
        expect(await consume('alice\u0000\u0000signup', RIGHT)).toEqual(ok({ ...reset(alice, 'h'), version: alice.version + 1 }));
        expect(await codes.verify(pool, 'alice\u0000\u0000signup', RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await codes.verify(pool, 'alice\u0000', WRONG, T + 2)).toEqual(ok('valid'));
      });

      it("lets exactly one of 50 concurrent consumers of one named code succeed; the username's code stays", async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const name = 'alice\u0000verify:email';
        await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(codes.issue(pool, name, code(RIGHT)));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        await expectOneOf50ConsumersWins(users, pool, { codeHmac: RIGHT, now: T + 1, name });
        expect(await codes.verify(pool, name, RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await codes.verify(pool, 'alice', RIGHT, T + 2)).toEqual(ok('valid'));
      });

      it('lets exactly one of 50 concurrent consuming updates succeed, re-reading on conflicts; the others find the code used', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        await expectOneOf50ConsumersWins(users, pool, { codeHmac: RIGHT, now: T + 1 });
      });

      it('lets exactly one of 50 concurrent consuming updates from the same read version succeed', async () => {
        const { users, codes } = await make();
        const { pool } = pools();
        const alice = await unwrap(users.create(userFixture(pool, 'alice'), claimsOf('alice')));
        await unwrap(codes.issue(pool, 'alice', code(RIGHT)));
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => users.update(reset(alice, `h${i}`), claimsOf('alice'), alice.version, { codeHmac: RIGHT, now: T + 1 })),
        );
        expect(results.filter((r) => r.isOk())).toHaveLength(1);
        for (const r of results) if (r.isErr()) expect(['VersionConflict', 'CodeNotConsumable']).toContain(r.error.kind);
        expect(await codes.verify(pool, 'alice', RIGHT, T + 2)).toEqual(ok('mismatch'));
      });
    });

    if (options.broken !== undefined) {
      const HMAC = 'q5N0pZ3x1v2Kk8u1mQ4xj9cF3bT7yW0eR6hL2sD8aGc';
      const alice = (): User => userFixture(pools().pool, 'alice', { passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5' });
      describeBrokenBackend(
        options.broken,
        [
          ['findByClaim', (st: RecoveryStores) => st.users.findByClaim(pools().pool, 'email:alice@example.com')],
          ['findFirstByClaims', (st: RecoveryStores) => st.users.findFirstByClaims(pools().pool, claimsOf('alice'))],
          ['create', (st: RecoveryStores) => st.users.create(alice(), claimsOf('alice'))],
          ['update', (st: RecoveryStores) => st.users.update(alice(), claimsOf('alice'), 1)],
          ['update consuming a code', (st: RecoveryStores) => st.users.update(alice(), claimsOf('alice'), 1, { codeHmac: HMAC, now: Date.UTC(2024, 0, 1) })],
          ['delete', (st: RecoveryStores) => st.users.delete(pools().pool, 'alice')],
          ['list', (st: RecoveryStores) => st.users.list(pools().pool, 10)],
          ['list after a username', (st: RecoveryStores) => st.users.list(pools().pool, 10, 'alice')],
          ['deletePool', (st: RecoveryStores) => st.users.deletePool(pools().pool)],
        ],
        [HMAC, 'alice@example.com', 'scrypt$1024'],
      );
    }
  });
}
