import { randomUUID } from 'node:crypto';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  connectPostgres,
  migrate,
  PostgresAttemptLimiter,
  PostgresRecoveryCodeStore,
  PostgresUserStore,
  purgeExpired,
  SCHEMA_VERSION,
  type SqlExecutor,
} from '../src/index.js';
import { openPglite } from '../src/pglite.js';
import { migrationStatements } from '../src/schema.js';
import { postgresUrl, useDatabase, withoutPostgres } from './databases.js';

const freshSchema = (): string => `cr_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function describeMigrate(label: string, open: () => Promise<SqlExecutor>): void {
  describe(`migrate on ${label}`, () => {
    const database = useDatabase(open, 60_000);

    it('creates the schema once, records its version, and does nothing the second time', async () => {
      const schema = freshSchema();
      expect(await migrate(database(), { schema })).toEqual(ok({ from: 0, to: SCHEMA_VERSION, applied: [1, 2] }));
      expect(await migrate(database(), { schema })).toEqual(ok({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] }));
      const rows = await database().query(`SELECT version, description FROM ${schema}.schema_version ORDER BY version`);
      expect(rows.map((r) => Number(r['version']))).toEqual([1, 2]);
      const tables = await database().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(tables.map((r) => r['table_name'])).toEqual(['attempts', 'claims', 'clients', 'codes', 'pools', 'schema_version', 'users']);
      // The stores run in that schema.
      const users = new PostgresUserStore({ db: database(), schema });
      expect(await users.findByClaim('us-east-1_x', 'username:alice')).toEqual(ok(undefined));
    });

    it('migrates once when several callers start together', async () => {
      const schema = freshSchema();
      const reports = await Promise.all(Array.from({ length: 5 }, () => migrate(database(), { schema })));
      const applied = reports.map((r) => r._unsafeUnwrap().applied.length);
      expect(applied.sort()).toEqual([0, 0, 0, 0, SCHEMA_VERSION]);
    });

    it('refuses a schema newer than this package, changing nothing', async () => {
      const schema = freshSchema();
      (await migrate(database(), { schema }))._unsafeUnwrap();
      await database().query(`INSERT INTO ${schema}.schema_version (version, description) VALUES ($1, 'from the future')`, [SCHEMA_VERSION + 1]);
      const result = await migrate(database(), { schema });
      expect(result.isErr() && result.error.reason).toBe(
        `schema ${schema} is newer than version ${SCHEMA_VERSION}: upgrade @cognito-recovery/adapters-postgres`,
      );
    });

    it('upgrades a version 1 schema to version 2 keeping the codes (names as bytes), so purpose-keyed names with NUL characters work', async () => {
      const schema = freshSchema();
      const T = Date.UTC(2024, 0, 1);
      await database().transaction(async (tx) => {
        await tx.query(`CREATE SCHEMA ${schema}`);
        await tx.query(
          `CREATE TABLE ${schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        for (const statement of migrationStatements(1, `"${schema}"`)) await tx.query(statement);
        await tx.query(`INSERT INTO ${schema}.schema_version (version, description) VALUES (1, 'v1')`);
        await tx.query(`INSERT INTO ${schema}.codes (pool_id, username, code_hmac, issued_at, expires_at) VALUES ('p', 'zoë', 'h1', $1, $2)`, [
          T,
          T + 3_600_000,
        ]);
        await tx.query(`INSERT INTO ${schema}.users (pool_id, username, data, version, claims) VALUES ('p', 'zoë', '{}', 1, '{}')`);
      });
      expect(await migrate(database(), { schema })).toEqual(ok({ from: 1, to: SCHEMA_VERSION, applied: [2] }));
      const codes = new PostgresRecoveryCodeStore({ db: database(), schema });
      const users = new PostgresUserStore({ db: database(), schema });
      expect(await codes.verify('p', 'zoë', 'h1', T + 1)).toEqual(ok('valid'));
      expect(await codes.issue('p', 'zoë\u0000signup', { codeHmac: 'h2', issuedAt: T, expiresAt: T + 3_600_000 })).toEqual(ok(undefined));
      expect(await codes.verify('p', 'zoë\u0000signup', 'h2', T + 1)).toEqual(ok('valid'));
      const user = { userPoolId: 'p', username: 'zoë', version: 1 } as Parameters<typeof users.update>[0];
      expect((await users.update(user, [], 1, { codeHmac: 'h2', now: T + 2, name: 'zoë\u0000signup' })).isOk()).toBe(true);
      expect(await codes.verify('p', 'zoë\u0000signup', 'h2', T + 3)).toEqual(ok('mismatch'));
      expect(await codes.verify('p', 'zoë', 'h1', T + 3)).toEqual(ok('valid'));
      expect((await users.update({ ...user, version: 2 }, [], 2, { codeHmac: 'h1', now: T + 4 })).isOk()).toBe(true);
      expect(await codes.verify('p', 'zoë', 'h1', T + 5)).toEqual(ok('mismatch'));
    });

    it('rolls a failed migration back whole', async () => {
      const schema = freshSchema();
      // A table in the way of version 1: its CREATE TABLE fails, and so the whole migration.
      await database().query(`CREATE SCHEMA ${schema}`);
      await database().query(`CREATE TABLE ${schema}.users (x int)`);
      const result = await migrate(database(), { schema });
      expect(result.isErr() && result.error.reason).toBe('migrate failed: SQLSTATE 42P07');
      const tables = await database().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(tables.map((r) => r['table_name'])).toEqual(['users']);
    });
  });
}

// Without a PostgreSQL server (outside CI only: the global setup fails under CI=true) the suite is
// not registered; the global setup prints which tests that leaves out.
if (!withoutPostgres) describeMigrate('PostgreSQL', () => Promise.resolve(connectPostgres({ connectionString: postgresUrl, max: 6 })));
describeMigrate('PGlite', () => openPglite());

describe('purgeExpired on PGlite', () => {
  it('deletes expired codes and empty windows past the retention, and nothing that still answers', async () => {
    const db = await openPglite();
    const schema = freshSchema();
    (await migrate(db, { schema }))._unsafeUnwrap();
    const codes = new PostgresRecoveryCodeStore({ db, schema });
    const limiter = new PostgresAttemptLimiter({ db, schema });
    const T = Date.UTC(2024, 0, 1);
    const H = 3_600_000;
    const D = 86_400_000;
    const setUp = [
      await codes.issue('p', 'expired-long-ago', { codeHmac: 'h1', issuedAt: T, expiresAt: T + H }),
      await codes.issue('p', 'expired-recently', { codeHmac: 'h2', issuedAt: T + D, expiresAt: T + D + H }),
      await codes.issue('p', 'busy-window', { codeHmac: 'h3', issuedAt: T, expiresAt: T + H }),
      await codes.attemptAndVerify('p', 'busy-window', 'x', T + D, { max: 5, windowMs: H }),
      await limiter.attempt('old', 5, H, T),
      await limiter.attempt('recent', 5, H, T + D + 90 * 60_000),
    ];
    expect(setUp.every((r) => r.isOk())).toBe(true);
    expect(await purgeExpired(db, { schema, now: T + D + 2 * H })).toEqual(ok({ codes: 1, attempts: 1 }));
    expect(await codes.verify('p', 'expired-long-ago', 'h1', T + D + 2 * H)).toEqual(ok('none'));
    expect(await codes.verify('p', 'expired-recently', 'h2', T + D + 2 * H)).toEqual(ok('expired'));
    expect(await codes.verify('p', 'busy-window', 'h3', T + D + 2 * H)).toEqual(ok('expired'));
    expect(await limiter.count('recent', H, T + D + 2 * H)).toEqual(ok(1));
    await db.close();
  }, 60_000);
});
