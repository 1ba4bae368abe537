import { aUser } from '@cognito-recovery/core/testing';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { keyBytesHex } from '../src/codec.js';
import { describeError, execute, isTransient, sqlState } from '../src/failure.js';
import {
  migrate,
  PostgresAttemptLimiter,
  PostgresPoolDirectory,
  PostgresRecoveryCodeStore,
  PostgresUserStore,
  type SqlExecutor,
  type SqlQueryable,
} from '../src/index.js';
import { brokenExecutor, throwingExecutor } from './databases.js';

const sqlError = (code: string, message = 'duplicate key value violates unique constraint: Key (claim)=(email:alice@example.com)'): Error =>
  Object.assign(new Error(message), { code, detail: 'Key (pool_id, claim)=(p, email:alice@example.com) already exists.' });

/** An executor that fails its first `failures` statements with `error`, then answers `rows`. */
function flaky(failures: number, error: Error, rows: readonly Record<string, unknown>[] = []): SqlExecutor & { calls: () => number } {
  let calls = 0;
  const query: SqlQueryable['query'] = () => {
    calls += 1;
    return calls <= failures ? Promise.reject(error) : Promise.resolve(rows);
  };
  return { query, transaction: (work) => work({ query }), close: () => Promise.resolve(), calls: () => calls };
}

describe('SQL failures as port failures', () => {
  it.each([
    ['too many connections', '53300'],
    ['serialization failure', '40001'],
    ['deadlock detected', '40P01'],
    ['lock not available', '55P03'],
    ['cannot connect now', '57P03'],
  ])('retries a %s (%s), then answers a throttled PortFailure', async (_name, code) => {
    const db = flaky(100, sqlError(code));
    const result = await new PostgresAttemptLimiter({ db }).attempt('k', 5, 1000, 1);
    expect(result).toEqual(err({ kind: 'PortFailure', port: 'AttemptLimiter', reason: `attempt failed: SQLSTATE ${code}`, throttled: true }));
    expect(db.calls()).toBe(7);
  });

  it('succeeds when a transient failure clears within the retries', async () => {
    const db = flaky(2, sqlError('40P01'), [{ allowed: true, count: 1 }]);
    expect(await new PostgresAttemptLimiter({ db }).attempt('k', 5, 1000, 1)).toEqual(ok({ allowed: true, count: 1 }));
    expect(db.calls()).toBe(3);
  });

  it('does not retry other failures, and never quotes the message, the detail or the parameters', async () => {
    const db = flaky(100, sqlError('23514'));
    const result = await new PostgresPoolDirectory({ db }).getClient('client-secret-id');
    expect(result).toEqual(err({ kind: 'PortFailure', port: 'PoolDirectory', reason: 'getClient failed: SQLSTATE 23514', throttled: false }));
    expect(db.calls()).toBe(1);
  });

  it('reads a connection failure, a pool timeout and a thrown value as untransient, unquoted failures', () => {
    expect(describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(describeError(new Error('timeout exceeded when trying to connect'))).toBe('connection pool timeout');
    expect(isTransient(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(describeError(new TypeError('alice@example.com'))).toBe('TypeError');
    expect(describeError('a string')).toBe('unknown error');
    expect(sqlState({ code: 'ECONNRESET' })).toBeUndefined();
    expect(sqlState({ code: '40001' })).toBe('40001');
  });

  it('answers a PortFailure when the executor throws synchronously', async () => {
    const result = await execute('X', 'run', () => {
      throw new Error('sync');
    });
    expect(result).toEqual(err({ kind: 'PortFailure', port: 'X', reason: 'run failed: Error', throttled: false }));
  });

  it('resolves every store method to a PortFailure when the executor throws or rejects', async () => {
    for (const db of [throwingExecutor(), brokenExecutor()]) {
      const users = new PostgresUserStore({ db });
      const codes = new PostgresRecoveryCodeStore({ db });
      const user = aUser('alice', 'p').build();
      const results = await Promise.all([
        users.create(user, ['username:alice']),
        users.update(user, ['username:alice'], 1, { codeHmac: 'h', now: 1 }),
        users.findFirstByClaims('p', ['username:alice']),
        codes.attemptAndVerify('p', 'alice', 'h', 1, { max: 5, windowMs: 1000 }),
        migrate(db),
      ]);
      for (const r of results) expect(r.isErr() && r.error.kind).toBe('PortFailure');
    }
  });

  it('refuses an invalid schema name up front', async () => {
    expect(() => new PostgresUserStore({ db: brokenExecutor(), schema: 'x; DROP TABLE users' })).toThrow(TypeError);
    const result = await migrate(brokenExecutor(), { schema: 'Bad-Name' });
    expect(result.isErr() && result.error.reason).toMatch(/invalid PostgreSQL schema name/);
  });

  it('retries a create or an update whose insert met a concurrently taken claim, and not forever', async () => {
    const raced = flaky(2, sqlError('23505'), [{ status: 'taken', taken_claim: 'email:a@example.com', taken_owner: 'bob' }]);
    const user = aUser('alice', 'p').build();
    expect(await new PostgresUserStore({ db: raced }).create(user, ['username:alice', 'email:a@example.com'])).toEqual(
      err({ kind: 'ClaimTaken', claim: 'email:a@example.com', owner: 'bob' }),
    );
    expect(raced.calls()).toBe(3);
    const stuck = flaky(1000, sqlError('23505'));
    const result = await new PostgresUserStore({ db: stuck }).update(user, ['username:alice'], 1);
    expect(result).toEqual(err({ kind: 'PortFailure', port: 'UserStore', reason: 'update failed: SQLSTATE 23505', throttled: false }));
    expect(stuck.calls()).toBe(9);
  });
});

describe('limiter keys as bytes', () => {
  it('stores a well-formed key as its UTF-8, NUL characters included', () => {
    expect(keyBytesHex('fp\u0000p\u0000é')).toBe(Buffer.from('fp\u0000p\u0000é', 'utf8').toString('hex'));
  });

  it('keeps ill-formed keys (lone surrogates) apart from each other and from every UTF-8 key', () => {
    const a = keyBytesHex('x\uD800');
    const b = keyBytesHex('x\uDBFF');
    expect(a).not.toBe(b);
    expect(a.startsWith('ff')).toBe(true);
    expect(keyBytesHex('x\uFFFD')).not.toBe(a);
  });
});
