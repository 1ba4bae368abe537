import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { RecoveryCodeStore, StoredCode } from '../../ports/recovery-code-store.js';
import { tally, uniqueSuffix, unwrap, type Make } from './support.js';

/**
 * Registers the {@link RecoveryCodeStore} contract: one outstanding code per user, used at most once,
 * expiring at `expiresAt`, replaced by a new issue, revocable only while current, and verifiable
 * without being used.
 *
 * @example
 * ```ts
 * describeRecoveryCodeStoreContract('MemoryRecoveryCodeStore', () => new MemoryRecoveryCodeStore());
 * ```
 * @group Testing
 */
export function describeRecoveryCodeStoreContract(name: string, make: Make<RecoveryCodeStore>): void {
  describe(`RecoveryCodeStore contract: ${name}`, () => {
    const T = Date.UTC(2024, 0, 1);
    const HOUR = 3_600_000;
    const code = (codeHmac: string, issuedAt = T): StoredCode => ({ codeHmac, issuedAt, expiresAt: issuedAt + HOUR });
    // Base64url HMAC-SHA256 shapes: 43 characters.
    const RIGHT = 'q5N0pZ3x1v2Kk8u1mQ4xj9cF3bT7yW0eR6hL2sD8aGc';
    const WRONG = 'Zz9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0Fe';
    const OTHER = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
    const user = (): { pool: string; username: string } => ({ pool: `us-east-1_c${uniqueSuffix()}`, username: 'alice' });

    it("consumes the outstanding code once with the right HMAC; using it again is a mismatch", async () => {
      const store = await make();
      const { pool, username } = user();
      expect(await store.issue(pool, username, code(RIGHT))).toEqual(ok(undefined));
      expect(await store.consume(pool, username, RIGHT, T + 1)).toEqual(ok('consumed'));
      expect(await store.consume(pool, username, RIGHT, T + 2)).toEqual(ok('mismatch'));
    });

    it('answers none for another HMAC once the code is used', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      await unwrap(store.consume(pool, username, RIGHT, T + 1));
      expect(await store.consume(pool, username, WRONG, T + 2)).toEqual(ok('none'));
    });

    it('answers mismatch for a wrong HMAC while a code is outstanding, and the right one still works', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.consume(pool, username, WRONG, T + 1)).toEqual(ok('mismatch'));
      expect(await store.consume(pool, username, 'short', T + 1)).toEqual(ok('mismatch'));
      expect(await store.consume(pool, username, '', T + 1)).toEqual(ok('mismatch'));
      expect(await store.consume(pool, username, RIGHT, T + 2)).toEqual(ok('consumed'));
    });

    it('answers expired at expiresAt and after, but consumes just before', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.consume(pool, username, RIGHT, T + HOUR)).toEqual(ok('expired'));
      expect(await store.consume(pool, username, RIGHT, T + HOUR + 60_000)).toEqual(ok('expired'));
      const other = user();
      await unwrap(store.issue(other.pool, other.username, code(RIGHT)));
      expect(await store.consume(other.pool, other.username, RIGHT, T + HOUR - 1)).toEqual(ok('consumed'));
    });

    it('answers none when no code was ever issued', async () => {
      const store = await make();
      const { pool, username } = user();
      expect(await store.consume(pool, username, RIGHT, T)).toEqual(ok('none'));
    });

    it("keeps each user's code apart, across users and pools", async () => {
      const store = await make();
      const { pool, username } = user();
      const other = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      await unwrap(store.issue(pool, 'bob', code(OTHER)));
      expect(await store.consume(other.pool, username, RIGHT, T + 1)).toEqual(ok('none'));
      expect(await store.consume(pool, 'bob', RIGHT, T + 1)).toEqual(ok('mismatch'));
      expect(await store.consume(pool, username, RIGHT, T + 1)).toEqual(ok('consumed'));
      expect(await store.consume(pool, 'bob', OTHER, T + 1)).toEqual(ok('consumed'));
    });

    it('replaces the code on issue: the old HMAC is a mismatch, the new one is consumed', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      await unwrap(store.issue(pool, username, code(OTHER, T + 10)));
      expect(await store.consume(pool, username, RIGHT, T + 11)).toEqual(ok('mismatch'));
      expect(await store.consume(pool, username, OTHER, T + 12)).toEqual(ok('consumed'));
    });

    it('issues a fresh code after one was used', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      await unwrap(store.consume(pool, username, RIGHT, T + 1));
      await unwrap(store.issue(pool, username, code(RIGHT, T + 2)));
      expect(await store.consume(pool, username, RIGHT, T + 3)).toEqual(ok('consumed'));
    });

    it('revokes the current code: consume then answers none', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
      expect(await store.consume(pool, username, RIGHT, T + 1)).toEqual(ok('none'));
    });

    it('does not revoke a newer code with an older HMAC', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      await unwrap(store.issue(pool, username, code(OTHER, T + 10)));
      expect(await store.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
      expect(await store.consume(pool, username, OTHER, T + 11)).toEqual(ok('consumed'));
    });

    it('revokes nothing, without error, when there is no code', async () => {
      const store = await make();
      const { pool, username } = user();
      expect(await store.revoke(pool, username, RIGHT)).toEqual(ok(undefined));
    });

    it('forgets everything on clear, outstanding or used', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.clear(pool, username)).toEqual(ok(undefined));
      expect(await store.consume(pool, username, RIGHT, T + 1)).toEqual(ok('none'));
      await unwrap(store.issue(pool, username, code(OTHER)));
      await unwrap(store.consume(pool, username, OTHER, T + 1));
      await unwrap(store.clear(pool, username));
      expect(await store.consume(pool, username, OTHER, T + 2)).toEqual(ok('none'));
      expect(await store.clear(pool, 'nobody')).toEqual(ok(undefined));
    });

    it('verifies without using the code: valid as often as asked, then consume still succeeds', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.verify(pool, username, RIGHT, T + 1)).toEqual(ok('valid'));
      expect(await store.verify(pool, username, RIGHT, T + 2)).toEqual(ok('valid'));
      expect(await store.consume(pool, username, RIGHT, T + 3)).toEqual(ok('consumed'));
    });

    it('verifies as consume would answer: mismatch, expired, none, and mismatch for a used code', async () => {
      const store = await make();
      const { pool, username } = user();
      expect(await store.verify(pool, username, RIGHT, T)).toEqual(ok('none'));
      await unwrap(store.issue(pool, username, code(RIGHT)));
      expect(await store.verify(pool, username, WRONG, T + 1)).toEqual(ok('mismatch'));
      expect(await store.verify(pool, username, RIGHT, T + HOUR - 1)).toEqual(ok('valid'));
      expect(await store.verify(pool, username, RIGHT, T + HOUR)).toEqual(ok('expired'));
      await unwrap(store.consume(pool, username, RIGHT, T + 1));
      expect(await store.verify(pool, username, RIGHT, T + 2)).toEqual(ok('mismatch'));
      expect(await store.verify(pool, username, WRONG, T + 2)).toEqual(ok('none'));
      await unwrap(store.revoke(pool, username, RIGHT));
      expect(await store.verify(pool, username, RIGHT, T + 3)).toEqual(ok('none'));
    });

    it('lets exactly one of 50 concurrent consumes with the right HMAC succeed; the others are mismatches', async () => {
      const store = await make();
      const { pool, username } = user();
      await unwrap(store.issue(pool, username, code(RIGHT)));
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => unwrap(store.consume(pool, username, RIGHT, T + 1))));
      expect(tally(outcomes)).toEqual({ consumed: 1, mismatch: 49 });
    });
  });
}
