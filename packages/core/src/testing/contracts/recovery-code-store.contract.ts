import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ConsumeOutcome, RecoveryCodeStore, StoredCode } from '../../ports/recovery-code-store.js';
import { userFixture } from './fixtures.js';
import { tally, uniqueSuffix, unwrap, type Make, type RecoveryStores } from './support.js';

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
 * new issue, revocable only while current, verifiable without being used; and the user's confirm
 * attempt window, counted atomically with the verification, exact at its edges, refusals not
 * recorded, surviving `issue`, `revoke` and `clear`.
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
export function describeRecoveryCodeStoreContract(name: string, make: Make<RecoveryStores>): void {
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
    const attempt = (store: RecoveryCodeStore, pool: string, username: string, hmac: string, now: number, max = 5, windowMs = W) =>
      store.attemptAndVerify(pool, username, hmac, now, { max, windowMs });

    describe('code lifecycle', () => {
      it("consumes the outstanding code once with the right HMAC; using it again is a mismatch", async () => {
        const s = await make();
        const { pool, username } = user();
        expect(await s.codes.issue(pool, username, code(RIGHT))).toEqual(ok(undefined));
        expect(await consume(s, pool, username, RIGHT, T + 1)).toBe('consumed');
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('mismatch');
      });

      it('answers none for another HMAC once the code is used', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await consume(s, pool, username, RIGHT, T + 1);
        expect(await consume(s, pool, username, WRONG, T + 2)).toBe('none');
      });

      it('answers mismatch for a wrong HMAC while a code is outstanding, and the right one still works', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await consume(s, pool, username, WRONG, T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, 'short', T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, '', T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('consumed');
      });

      it('answers expired at expiresAt and after, but consumes just before', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await consume(s, pool, username, RIGHT, T + HOUR)).toBe('expired');
        expect(await consume(s, pool, username, RIGHT, T + HOUR + 60_000)).toBe('expired');
        const other = user();
        await unwrap(s.codes.issue(other.pool, other.username, code(RIGHT)));
        expect(await consume(s, other.pool, other.username, RIGHT, T + HOUR - 1)).toBe('consumed');
      });

      it('answers none when no code was ever issued', async () => {
        const s = await make();
        const { pool, username } = user();
        expect(await consume(s, pool, username, RIGHT, T)).toBe('none');
      });

      it("keeps each user's code apart, across users and pools", async () => {
        const s = await make();
        const { pool, username } = user();
        const other = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await unwrap(s.codes.issue(pool, 'bob', code(OTHER)));
        expect(await consume(s, other.pool, username, RIGHT, T + 1)).toBe('none');
        expect(await consume(s, pool, 'bob', RIGHT, T + 1)).toBe('mismatch');
        expect(await consume(s, pool, username, RIGHT, T + 1)).toBe('consumed');
        expect(await consume(s, pool, 'bob', OTHER, T + 1)).toBe('consumed');
      });

      it('replaces the code on issue: the old HMAC is a mismatch, the new one is consumed', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await unwrap(s.codes.issue(pool, username, code(OTHER, T + 10)));
        expect(await consume(s, pool, username, RIGHT, T + 11)).toBe('mismatch');
        expect(await consume(s, pool, username, OTHER, T + 12)).toBe('consumed');
      });

      it('issues a fresh code after one was used', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await consume(s, pool, username, RIGHT, T + 1);
        await unwrap(s.codes.issue(pool, username, code(RIGHT, T + 2)));
        expect(await consume(s, pool, username, RIGHT, T + 3)).toBe('consumed');
      });

      it('revokes the current code: it then answers none', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await s.codes.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
        expect(await s.codes.verify(pool, username, RIGHT, T + 1)).toEqual(ok('none'));
        expect(await consume(s, pool, username, RIGHT, T + 1)).toBe('none');
      });

      it('does not revoke a newer code with an older HMAC', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await unwrap(s.codes.issue(pool, username, code(OTHER, T + 10)));
        expect(await s.codes.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
        expect(await consume(s, pool, username, OTHER, T + 11)).toBe('consumed');
      });

      it('revokes nothing, without error, when there is no code', async () => {
        const s = await make();
        const { pool, username } = user();
        expect(await s.codes.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
        expect(await s.codes.verify(pool, username, RIGHT, T)).toEqual(ok('none'));
      });

      it('forgets everything on clear, outstanding or used', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await s.codes.clear(pool, username)).toEqual(ok(undefined));
        expect(await s.codes.verify(pool, username, RIGHT, T + 1)).toEqual(ok('none'));
        await unwrap(s.codes.issue(pool, username, code(OTHER)));
        await consume(s, pool, username, OTHER, T + 1);
        await unwrap(s.codes.clear(pool, username));
        expect(await s.codes.verify(pool, username, OTHER, T + 2)).toEqual(ok('none'));
        expect(await s.codes.clear(pool, 'nobody')).toEqual(ok(undefined));
      });

      it('verifies without using the code: valid as often as asked, then consume still succeeds', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await s.codes.verify(pool, username, RIGHT, T + 1)).toEqual(ok('valid'));
        expect(await s.codes.verify(pool, username, RIGHT, T + 2)).toEqual(ok('valid'));
        expect(await consume(s, pool, username, RIGHT, T + 3)).toBe('consumed');
      });

      it('verifies as consume would answer: mismatch, expired, none, and mismatch for a used code', async () => {
        const s = await make();
        const { pool, username } = user();
        expect(await s.codes.verify(pool, username, RIGHT, T)).toEqual(ok('none'));
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await s.codes.verify(pool, username, WRONG, T + 1)).toEqual(ok('mismatch'));
        expect(await s.codes.verify(pool, username, RIGHT, T + HOUR - 1)).toEqual(ok('valid'));
        expect(await s.codes.verify(pool, username, RIGHT, T + HOUR)).toEqual(ok('expired'));
        await consume(s, pool, username, RIGHT, T + 1);
        expect(await s.codes.verify(pool, username, RIGHT, T + 2)).toEqual(ok('mismatch'));
        expect(await s.codes.verify(pool, username, WRONG, T + 2)).toEqual(ok('none'));
        await unwrap(s.codes.revoke(pool, username, RIGHT));
        expect(await s.codes.verify(pool, username, RIGHT, T + 3)).toEqual(ok('none'));
      });
    });

    describe('attemptAndVerify', () => {
      it('answers what verify answers: none, mismatch, valid, expired, and mismatch for a used code', async () => {
        const s = await make();
        const { pool, username } = user();
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
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        for (let i = 1; i <= 3; i++) expect(await attempt(s.codes, pool, username, RIGHT, T + i)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        expect(await consume(s, pool, username, RIGHT, T + 4)).toBe('consumed');
      });

      it('allows max attempts in the window, then refuses, still telling the outcome', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        for (let i = 1; i <= 3; i++) expect(await attempt(s.codes, pool, username, WRONG, T + i, 3)).toEqual(ok({ allowed: true, outcome: 'mismatch' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 10, 3)).toEqual(ok({ allowed: false, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, username, WRONG, T + 11, 3)).toEqual(ok({ allowed: false, outcome: 'mismatch' }));
      });

      it('counts a valid attempt too: a success does not reset the window', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect((await unwrap(attempt(s.codes, pool, username, RIGHT, T + 1, 2))).allowed).toBe(true);
        expect(await consume(s, pool, username, RIGHT, T + 2)).toBe('consumed');
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 2))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 4, 2))).allowed).toBe(false);
      });

      it('does not record refused attempts', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 2));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 2));
        for (let i = 0; i < 5; i++) expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 + i, 2))).allowed).toBe(false);
        // Had the refusals been recorded, they would still fill the window here.
        expect(await attempt(s.codes, pool, username, WRONG, T + W + 1, 2)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W + 2, 2))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W + 3, 2))).allowed).toBe(false);
      });

      it('lets an attempt at t count until t + windowMs, excluded', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 1));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W - 1, 1))).allowed).toBe(false);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + W, 1))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 * W - 1, 1))).allowed).toBe(false);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2 * W, 1))).allowed).toBe(true);
      });

      it('slides: each attempt leaves the window on its own schedule', async () => {
        const s = await make();
        const { pool, username } = user();
        const allowed = async (now: number): Promise<boolean> => (await unwrap(attempt(s.codes, pool, username, WRONG, now, 3))).allowed;
        expect(await allowed(T)).toBe(true);
        expect(await allowed(T + 10_000)).toBe(true);
        expect(await allowed(T + 20_000)).toBe(true);
        expect(await allowed(T + 30_000)).toBe(false);
        expect(await allowed(T + W)).toBe(true);
        expect(await allowed(T + W + 9_999)).toBe(false);
        expect(await allowed(T + W + 10_000)).toBe(true);
      });

      it('keeps the window across issue, revoke and clear (interleaved ForgotPassword calls do not reset it)', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 4));
        await unwrap(s.codes.issue(pool, username, code(OTHER, T + 2)));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 4));
        await unwrap(s.codes.revoke(pool, username, OTHER));
        await unwrap(attempt(s.codes, pool, username, WRONG, T + 4, 4));
        await unwrap(s.codes.clear(pool, username));
        await unwrap(s.codes.issue(pool, username, code(RIGHT, T + 5)));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 6, 4)).toEqual(ok({ allowed: true, outcome: 'valid' }));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 7, 4)).toEqual(ok({ allowed: false, outcome: 'valid' }));
        expect(await consume(s, pool, username, RIGHT, T + 8)).toBe('consumed');
      });

      it('keeps windows apart across users and pools, also for names that hold no code', async () => {
        const s = await make();
        const { pool, username } = user();
        const other = user();
        await unwrap(attempt(s.codes, pool, username, WRONG, T, 1));
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 1))).allowed).toBe(false);
        expect(await attempt(s.codes, pool, 'bob', WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, other.pool, username, WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, pool, ' unknown ghost', WRONG, T + 1, 1)).toEqual(ok({ allowed: true, outcome: 'none' }));
        expect(await attempt(s.codes, pool, ' unknown ghost', WRONG, T + 2, 1)).toEqual(ok({ allowed: false, outcome: 'none' }));
      });

      it('refuses every attempt when max is below 1', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        expect(await attempt(s.codes, pool, username, RIGHT, T + 1, 0)).toEqual(ok({ allowed: false, outcome: 'valid' }));
      });

      it('allows exactly max of 100 concurrent attempts', async () => {
        const s = await make();
        const { pool, username } = user();
        await unwrap(s.codes.issue(pool, username, code(RIGHT)));
        const verdicts = await Promise.all(Array.from({ length: 100 }, () => unwrap(attempt(s.codes, pool, username, WRONG, T + 1, 10))));
        expect(tally(verdicts.map((v) => (v.allowed ? 'allowed' : 'refused')))).toEqual({ allowed: 10, refused: 90 });
        expect(verdicts.every((v) => v.outcome === 'mismatch')).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 2, 11))).allowed).toBe(true);
        expect((await unwrap(attempt(s.codes, pool, username, WRONG, T + 3, 11))).allowed).toBe(false);
      });
    });
  });
}
