import { randomUUID } from 'node:crypto';
import type { User } from '@cognito-recovery/core';
import { aUser } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { PostgresUserStore, type SqlExecutor } from '../src/index.js';
import { usePostgres, withoutPostgres } from './databases.js';

/** A confirmed user with no contact attributes. */
function userOf(pool: string, username: string): User {
  return aUser(username, pool).build();
}

/** `db`, recording the SQLSTATE of every statement that fails. */
function spied(db: SqlExecutor): { db: SqlExecutor; failures: string[] } {
  const failures: string[] = [];
  const query: SqlExecutor['query'] = async (text, params) => {
    try {
      return await db.query(text, params);
    } catch (error) {
      failures.push(String((error as { code?: unknown }).code));
      throw error;
    }
  };
  return { db: { query, transaction: (work) => db.transaction(work), close: () => db.close() }, failures };
}

/** A deterministic shuffle (the claims in a different order for each writer). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe.skipIf(withoutPostgres)('PostgresUserStore under contention on PostgreSQL 15', () => {
  const database = usePostgres();

  it('settles 40 concurrent updates of 10 users fighting over 6 shared claims, each in its own order: no deadlock, no failure, one owner per claim', async () => {
    const db = database();
    const spy = spied(db);
    const users = new PostgresUserStore({ db: spy.db });
    const pool = `us-east-1_c${randomUUID().slice(0, 8)}`;
    const shared = Array.from({ length: 6 }, (_, i) => `email:shared${i}@example.com`);
    for (let u = 0; u < 10; u++) expect((await users.create(userOf(pool, `user${u}`), [`username:user${u}`])).isOk()).toBe(true);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const username = `user${i % 10}`;
        for (let round = 0; round < 20; round++) {
          const current = (await users.findByClaim(pool, `username:${username}`))._unsafeUnwrap();
          if (current === undefined) return 'gone';
          const claims = [`username:${username}`, ...shuffled(shared, i * 31 + round).slice(0, 3)];
          const result = await users.update({ ...current, updatedAt: i }, claims, current.version);
          if (result.isOk()) return 'ok';
          if (result.error.kind === 'VersionConflict') continue;
          return result.error.kind;
        }
        return 'exhausted';
      }),
    );
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'ClaimTaken')).toEqual([]);
    expect(outcomes).toContain('ok');
    // Claims are inserted in one (byte) order: writers racing for a claim queue and the loser's insert
    // meets a unique violation (then retried), never a deadlock.
    expect(spy.failures.filter((code) => code !== '23505')).toEqual([]);
    // Every shared claim has at most one owner, and that owner's row lists it.
    for (const claim of shared) {
      const rows = await db.query('SELECT username FROM cognito_recovery.claims WHERE pool_id = $1 AND claim = $2', [pool, claim]);
      expect(rows.length).toBeLessThanOrEqual(1);
      const owner = rows[0]?.['username'];
      if (typeof owner === 'string') {
        const holder = await db.query('SELECT claims FROM cognito_recovery.users WHERE pool_id = $1 AND username = $2', [pool, owner]);
        expect(holder[0]?.['claims']).toContain(claim);
        expect((await users.findByClaim(pool, claim))._unsafeUnwrap()?.username).toBe(owner);
      }
    }
    // No claim row points at a user that does not list it.
    const orphans = await db.query(
      `SELECT x.claim FROM cognito_recovery.claims x LEFT JOIN cognito_recovery.users u ON u.pool_id = x.pool_id AND u.username = x.username
       WHERE x.pool_id = $1 AND (u.username IS NULL OR NOT (x.claim = ANY (u.claims)))`,
      [pool],
    );
    expect(orphans).toEqual([]);
  }, 60_000);

  it('deletes a pool while its users are being updated, leaving no orphaned claim', async () => {
    const db = database();
    const users = new PostgresUserStore({ db });
    const pool = `us-east-1_d${randomUUID().slice(0, 8)}`;
    for (let u = 0; u < 10; u++) expect((await users.create(userOf(pool, `user${u}`), [`username:user${u}`, `email:user${u}@example.com`])).isOk()).toBe(true);
    const writes = Array.from({ length: 10 }, async (_, u) => {
      const current = (await users.findByClaim(pool, `username:user${u}`))._unsafeUnwrap();
      if (current === undefined) return 'gone';
      const result = await users.update(current, [`username:user${u}`, `phone:+1555000${u}`], current.version);
      return result.isOk() ? 'ok' : result.error.kind;
    });
    const [deleted, ...outcomes] = await Promise.all([users.deletePool(pool), ...writes]);
    expect(deleted.isOk()).toBe(true);
    for (const o of outcomes) expect(['ok', 'UserGone', 'gone']).toContain(o);
    expect(await db.query('SELECT claim FROM cognito_recovery.claims WHERE pool_id = $1', [pool])).toEqual([]);
    expect(await db.query('SELECT username FROM cognito_recovery.users WHERE pool_id = $1', [pool])).toEqual([]);
  }, 60_000);
});
