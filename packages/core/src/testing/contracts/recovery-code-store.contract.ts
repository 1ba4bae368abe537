import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ConsumeOutcome, RecoveryCodeStore, StoredCode } from '../../ports/recovery-code-store.js';
import { userFixture } from './fixtures.js';
import { describeBrokenBackend, tally, uniqueSuffix, unwrap, type BrokenBackendOptions, type Make, type RecoveryStores } from './support.js';

/**
 * Uses the code the way ConfirmForgotPassword does, through a consuming `UserStore.update` (creating
 * a bare user first when the store has none of that name); answers what the write found.
 */
async function consume(stores: RecoveryStores, pool: string, username: string, codeHmac: string, now: number): Promise<ConsumeOutcome> {
  const claim = `username:${username}`;
  const user = (await unwrap(stores.users.findByClaim(pool, claim))) ?? (await unwrap(stores.users.create(userFixture(pool, username), [claim])));
  const result = await stores.users.update({ ...user, updatedAt: now }, [claim], user.version, { codeHmac, now });
  if (result.isOk()) return 'consumed';
  if (result.error.kind === 'CodeNotConsumable') return result.error.outcome;
  throw new Error(`unexpected update failure ${JSON.stringify(result.error)}`);
}

/**
 * Registers the {@link RecoveryCodeStore} contract: one outstanding code per user, used at most once
 * (through a consuming `UserStore.update` of the same stores), expiring at `expiresAt`, replaced by a
 * new issue, verifiable without being used, never swept before it expires (a code that never
 * expires, D19, is kept); any name, hidden names beginning with a space and purpose-keyed names with
 * NUL characters (`alice\u0000signup`) included; and the user's
 * confirm attempt window, counted atomically with the verification, exact at its edges, refusals not
 * recorded, surviving `issue` and `clear`. With `options.broken`, a factory of the stores
 * over a backend that fails every request, every method must also resolve (never throw or reject) to
 * a `PortFailure` that quotes no HMAC.
 *
 * @example
 * ```ts
 * describeRecoveryCodeStoreContract('MemoryRecoveryCodeStore', () => {
 *   const codes = new MemoryRecoveryCodeStore();
 *   return { codes, users: new MemoryUserStore(codes) };
 * });
 * ```
 * @group Testing
 */
export function describeRecoveryCodeStoreContract(name: string, make: Make<RecoveryStores>, options: BrokenBackendOptions<RecoveryStores> = {}): void {
  describe(`RecoveryCodeStore contract: ${name}`, () => {
    const T = Date.UTC(2024, 0, 1);
    const HOUR = 3_600_000;
    const W = 60_000;
    const code = (codeHmac: string, issuedAt = T): StoredCode => ({ codeHmac, issuedAt, expiresAt: issuedAt + HOUR });
    // Base64url HMAC-SHA256 shapes: 43 characters.
    const RIGHT = 'q5N0pZ3x1v2Kk8u1mQ4xj9cF3bT7yW0eR6hL2sD8aGc';
    const WRONG = 'Zz9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0Fe';
    const OTHER = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
    const user = (): { pool: string; username: string } => ({ pool: `us-east-1_c${uniqueSuffix()}`, username: 'alice' });
    /** Fresh stores and a user of a pool no other test uses. */
    const fresh = async (): Promise<{ s: RecoveryStores; pool: string; username: string }> => ({ s: await make(), ...user() });
    /** {@link fresh}, the user holding an outstanding code, `RIGHT`, issued at `T`. */
    const issued = async (): Promise<{ s: RecoveryStores; pool: string; username: string }> => {
      const stores = await fresh();
      await unwrap(stores.s.codes.issue(stores.pool, stores.username, code(RIGHT)));
      return stores;
    };
    const attempt = (store: RecoveryCodeStore, pool: string, username: string, hmac: string, now: number, max = 5, windowMs = W) =>
      store.attemptAndVerify(pool, username, hmac, now, { max, windowMs });

    describe('code lifecycle', () => {
      it('consumes the outstanding code once with the right HMAC; using it again is a mismatch', async () => {
        const { s, pool, username } = await fresh();
        expect(await s.codes.issue(pool, username, code(RIGHT))).toEqual(ok(undefined));
        expect(await consume(s, pool, username, RIGHT, T + 1)).toBe('consumed');
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('mismatch');
      });

      it('answers none for another HMAC once the code is used', async () => {
        const { s, pool, username } = await issued();
        await consume(s, pool, username, RIGHT, T + 1);
        expect(await consume(s, pool, username, WRONG, T + 2)).toBe('none');
      });

      it('answers mismatch for a wrong HMAC while a code is outstanding, and the right one still works', async () => {
        const { s, pool, username } = await issued();
        expect(await consume(s, pool, username, WRONG, T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, 'short', T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, '', T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('consumed');
      });

      it('answers expired at expiresAt and after, but consumes just before', async () => {
        const { s, pool, username } = await issued();
        expect(await consume(s, pool, username, RIGHT, T + HOUR)).toBe('expired');
        expect(await consume(s, pool, username, RIGHT, T + HOUR + 60_000)).toBe('expired');
        const other = user();
        await unwrap(s.codes.issue(other.pool, other.username, code(RIGHT)));
        expect(await consume(s, other.pool, other.username, RIGHT, T + HOUR - 1)).toBe('consumed');
      });

      it('answers expired for a wrong code too once the code has expired, in consume, verify and attemptAndVerify', async () => {
        const { s, pool, username } = await issued();
        expect(await s.codes.verify(pool, username, WRONG, T + HOUR - 1)).toEqual(ok('mismatch'));
        expect(await s.codes.verify(pool, username, WRONG, T + HOUR)).toEqual(ok('expired'));
        expect(await attempt(s.codes, pool, username, WRONG, T + HOUR, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'expired' }));
        expect(await attempt(s.codes, pool, username, '', T + HOUR + 1, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'expired' }));
        expect(await consume(s, pool, username, WRONG, T + HOUR)).toBe('expired');
        expect(await consume(s, pool, username, OTHER, T + 2 * HOUR)).toBe('expired');
        expect(await s.codes.verify(pool, username, RIGHT, T + HOUR)).toEqual(ok('expired'));
      });

      it('answers none when no code was ever issued', async () => {
        const { s, pool, username } = await fresh();
        expect(await consume(s, pool, username, RIGHT, T)).toBe('none');
      });

      it("keeps each user's code apart, across users and pools", async () => {
        const { s, pool, username } = await fresh();
        const other = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await unwrap(s.codes.issue(pool, 'bob', code(OTHER)));
        expect(await consume(s, other.pool, username, RIGHT, T + 1)).toBe('none');
        expect(await consume(s, pool, 'bob', RIGHT, T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, RIGHT, T + 1)).toBe('consumed');
        expect(await consume(s, pool, 'bob', OTHER, T + 1)).toBe('consumed');
      });

      it('replaces the code on issue: the old HMAC is a mismatch, the new one is consumed', async () => {
        const { s, pool, username } = await issued();
        await unwrap(s.codes.issue(pool, username, code(OTHER, T + 10)));
        expect(await consume(s, pool, username, RIGHT, T + 11)).toBe('mismatch');
        expect(await consume(s, pool, username, OTHER, T + 12)).toBe('consumed');
      });

      it('issues a fresh code after one was used', async () => {
        const { s, pool, username } = await issued();
        await consume(s, pool, username, RIGHT, T + 1);
        await unwrap(s.codes.issue(pool, username, code(RIGHT, T + 2)));
        expect(await consume(s, pool, username, RIGHT, T + 3)).toBe('consumed');
      });

      it('forgets everything on clear, outstanding or used', async () => {
        const { s, pool, username } = await issued();
        expect(await s.codes.clear(pool, username)).toEqual(ok(undefined));
        expect(await s.codes.verify(pool, username, RIGHT, T + 1)).toEqual(ok('none'));
        await unwrap(s.codes.issue(pool, username, code(OTHER)));
        await consume(s, pool, username, OTHER, T + 1);
        await unwrap(s.codes.clear(pool, username));
        expect(await s.codes.verify(pool, username, OTHER, T + 2)).toEqual(ok('none'));
        expect(await s.codes.clear(pool, 'nobody')).toEqual(ok(undefined));
      });

      it('keeps a code until it expires: one that never expires (D19) still answers mismatch years later, after other issues', async () => {
        const s = await make();
        const { pool } = user();
        const YEAR = 365 * 24 * HOUR;
        await unwrap(s.codes.issue(pool, 'alice', { codeHmac: OTHER, issuedAt: T, expiresAt: Number.MAX_SAFE_INTEGER }));
        // Issues later on give a store that sweeps as it goes the occasion to (wrongly) drop it.
        for (let i = 0; i < 20; i++) await unwrap(s.codes.issue(pool, ` unknown ghost${i}`, code(RIGHT, T + 2 * YEAR + i)));
        expect(await s.codes.verify(pool, 'alice', WRONG, T + 3 * YEAR)).toEqual(ok('mismatch'));
        expect(await attempt(s.codes, pool, 'alice', RIGHT, T + 3 * YEAR, 5, HOUR)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
      });

      it('takes any name: hidden names beginning with a space, non-ASCII, each its own code', async () => {
        const s = await make();
        const { pool } = user();
        const names = [' unknown alice@example.com', ' unknown zoë', 'zoë', 'zoe\u0308', '日本', 'alice', 'Alice'];
        for (const [i, n] of names.entries()) await unwrap(s.codes.issue(pool, n, code(`${RIGHT.slice(0, 40)}${String(i).padStart(3, '0')}`)));
        for (const [i, n] of names.entries()) {
          expect(await s.codes.verify(pool, n, `${RIGHT.slice(0, 40)}${String(i).padStart(3, '0')}`, T + 1)).toEqual(ok('valid'));
          expect(await s.codes.verify(pool, n, `${RIGHT.slice(0, 40)}${String((i + 1) % names.length).padStart(3, '0')}`, T + 1)).toEqual(ok('mismatch'));
        }
      });

      it('takes names with NUL characters (purpose-keyed codes, D33): each its own code and its own attempt window', async () => {
        const s = await make();
        const { pool } = user();
        const names = [
          'alice',
          'alice\u0000signup',
          'alice\u0000verify:email',
          'alice\u0000verify:phone_number',
          'alice\u0000',
          '\u0000alice',
          'alice\u0000\u0000signup',
        ];
        const hmac = (i: number): string => `${RIGHT.slice(0, 40)}${String(i).padStart(3, '0')}`;
        for (const [i, n] of names.entries()) await unwrap(s.codes.issue(pool, n, code(hmac(i))));
        for (const [i, n] of names.entries()) {
          expect(await s.codes.verify(pool, n, hmac(i), T + 1)).toEqual(ok('valid'));
          expect(await s.codes.verify(pool, n, hmac((i + 1) % names.length), T + 1)).toEqual(ok('mismatch'));
        }
        expect(await s.codes.verify(pool, 'alice\u0000verify:other', hmac(0), T + 1)).toEqual(ok('none'));
        expect(await attempt(s.codes, pool, 'alice\u0000signup', WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
        expect(await attempt(s.codes, pool, 'alice\u0000signup', hmac(1), T + 2, 1)).toEqual(ok({ allowed: false, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, 'alice', hmac(0), T + 2, 1)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        await unwrap(s.codes.clear(pool, 'alice\u0000signup'));
        expect(await s.codes.verify(pool, 'alice\u0000signup', hmac(1), T + 3)).toEqual(ok('none'));
        expect(await s.codes.verify(pool, 'alice', hmac(0), T + 3)).toEqual(ok('valid'));
        expect(await s.codes.verify(pool, 'alice\u0000verify:email', hmac(2), T + 3)).toEqual(ok('valid'));
      });

      it('verifies without using the code: valid as often as asked, then consume still succeeds', async () => {
        const { s, pool, username } = await issued();
        expect(await s.codes.verify(pool, username, RIGHT, T + 1)).toEqual(ok('valid'));
        expect(await s.codes.verify(pool, username, RIGHT, T + 2)).toEqual(ok('valid'));
        expect(await consume(s, pool, username, RIGHT, T + 3)).toBe('consumed');
      });

      it('verifies as consume would answer: mismatch, expired, none, and mismatch for a used code', async () => {
        const { s, pool, username } = await fresh();
        expect(await s.codes.verify(pool, username, RIGHT, T)).toEqual(ok('none'));
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await s.codes.verify(pool, username, WRONG, T + 1)).toEqual(ok('mismatch'));
        expect(await s.codes.verify(pool, username, RIGHT, T + HOUR - 1)).toEqual(ok('valid'));
        expect(await s.codes.verify(pool, username, RIGHT, T + HOUR)).toEqual(ok('expired'));
        await consume(s, pool, username, RIGHT, T + 1);
        expect(await s.codes.verify(pool, username, RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await s.codes.verify(pool, username, WRONG, T + 2)).toEqual(ok('none'));
        await unwrap(s.codes.clear(pool, username));
        expect(await s.codes.verify(pool, username, RIGHT, T + 3)).toEqual(ok('none'));
      });
    });

    describe('attemptAndVerify', () => {
      it('answers what verify answers: none, mismatch, valid, expired, and mismatch for a used code', async () => {
        const { s, pool, username } = await fresh();
        expect(await attempt(s.codes, pool, username, RIGHT, T, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'none' }));
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await attempt(s.codes, pool, username, WRONG, T + 1, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 2, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + HOUR, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'expired' }));
        expect(await consume(s, pool, username, RIGHT, T + 3)).toBe('consumed');
        expect(await attempt(s.codes, pool, username, RIGHT, T + 4, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
        expect(await attempt(s.codes, pool, username, WRONG, T + 5, 10, HOUR)).toEqual(ok({ allowed: true, outcome: 'none' }));
      });

      it('does not use the code: a valid attempt leaves it consumable', async () => {
        const { s, pool, username } = await issued();
        for (let i = 1; i <= 3; i++) expect(await attempt(s.codes, pool, username, RIGHT, T + i)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        expect(await consume(s, pool, username, RIGHT, T + 4)).toBe('consumed');
      });

      it('allows max attempts in the window, then refuses, still telling the outcome', async () => {
        const { s, pool, username } = await issued();
        for (let i = 1; i <= 3; i++) expect(await attempt(s.codes, pool, username, WRONG, T + i, 3)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 10, 3)).toEqual(ok({ allowed: false, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, username, WRONG, T + 11, 3)).toEqual(ok({ allowed: false, outcome: 'mismatch' }));
      });

      it('counts a valid attempt too: a success does not reset the window', async () => {
        const { s, pool, username } = await issued();
        expect((await unwrap(attempt(s.codes, pool, username, RIGHT, T + 1, 2))).allowed).toBe(true);
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('consumed');
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 2))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 4, 2))).allowed).toBe(false);
      });

      it('does not record refused attempts', async () => {
        const { s, pool, username } = await fresh();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 2));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 2));
        for (let i = 0; i < 5; i++) expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 + i, 2))).allowed).toBe(false);
        // Had the refusals been recorded, they would still fill the window here.
        expect(await attempt(s.codes, pool, username, WRONG, T + W + 1, 2)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W + 2, 2))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W + 3, 2))).allowed).toBe(false);
      });

      it('lets an attempt at t count until t + windowMs, excluded', async () => {
        const { s, pool, username } = await fresh();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 1));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W - 1, 1))).allowed).toBe(false);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W, 1))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 * W - 1, 1))).allowed).toBe(false);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 * W, 1))).allowed).toBe(true);
      });

      it('slides: each attempt leaves the window on its own schedule', async () => {
        const { s, pool, username } = await fresh();
        const allowed = async (now: number): Promise<boolean> => (await unwrap(attempt(s.codes, pool, username, WRONG, now, 3))).allowed;
        expect(await allowed(T)).toBe(true);
        expect(await allowed(T + 10_000)).toBe(true);
        expect(await allowed(T + 20_000)).toBe(true);
        expect(await allowed(T + 30_000)).toBe(false);
        expect(await allowed(T + W)).toBe(true);
        expect(await allowed(T + W + 9_999)).toBe(false);
        expect(await allowed(T + W + 10_000)).toBe(true);
      });

      it('keeps the window across issue and clear (interleaved ForgotPassword calls do not reset it)', async () => {
        const { s, pool, username } = await issued();
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 4));
        await unwrap(s.codes.issue(pool, username, code(OTHER, T + 2)));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 4));
        await unwrap(s.codes.issue(pool, username, code(WRONG, T + 3)));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 4, 4));
        await unwrap(s.codes.clear(pool, username));
        await unwrap(s.codes.issue(pool, username, code(RIGHT, T + 5)));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 6, 4)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 7, 4)).toEqual(ok({ allowed: false, outcome: 'valid' }));
        expect(await consume(s, pool, username, RIGHT, T + 8)).toBe('consumed');
      });

      it('keeps windows apart across users and pools, also for names that hold no code', async () => {
        const { s, pool, username } = await fresh();
        const other = user();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 1));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 1))).allowed).toBe(false);
        expect(await attempt(s.codes, pool, 'bob', WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, other.pool, username, WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, pool, ' unknown ghost', WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, pool, ' unknown ghost', WRONG, T + 2, 1)).toEqual(ok({ allowed: false, outcome: 'none' }));
      });

      it('refuses every attempt when max is below 1', async () => {
        const { s, pool, username } = await issued();
        expect(await attempt(s.codes, pool, username, RIGHT, T + 1, 0)).toEqual(ok({ allowed: false, outcome: 'valid' }));
      });

      it('allows exactly max of 100 concurrent attempts', async () => {
        const { s, pool, username } = await issued();
        const verdicts = await Promise.all(Array.from({ length: 100 }, () => unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 10))));
        expect(tally(verdicts.map((v) => (v.allowed ? 'allowed' : 'refused')))).toEqual({ allowed: 10, refused: 90 });
        expect(verdicts.every((v) => v.outcome === 'mismatch')).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2, 11))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 11))).allowed).toBe(false);
      });
    });

    if (options.broken !== undefined) {
      const stores = options.broken;
      const where = (): { pool: string; username: string } => user();
      describeBrokenBackend(
        stores,
        [
          ['issue', (st: RecoveryStores) => st.codes.issue(where().pool, 'alice', code(RIGHT))],
          ['verify', (st: RecoveryStores) => st.codes.verify(where().pool, 'alice', RIGHT, T)],
          ['attemptAndVerify', (st: RecoveryStores) => attempt(st.codes, where().pool, 'alice', RIGHT, T)],
          ['attemptAndVerify with max 0', (st: RecoveryStores) => attempt(st.codes, where().pool, 'alice', RIGHT, T, 0)],
          ['clear', (st: RecoveryStores) => st.codes.clear(where().pool, 'alice')],
        ],
        [RIGHT],
      );
    }
  });
}
