/**
 * The databases the PostgreSQL adapter tests run on: the temporary PostgreSQL 15 server started by
 * `postgres.global-setup.ts`, and PGlite in memory.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { connectPostgres, migrate, type SqlExecutor } from '../src/index.js';
import { openPglite, type PgliteDatabase } from '../src/pglite.js';

/** The server's URL, or `undefined` when PostgreSQL is not installed (the server suites are skipped). */
export const postgresUrl = inject('postgresUrl');

/** True when the server suites cannot run. */
export const withoutPostgres = postgresUrl === undefined;

/** A pool on the temporary server (`max` connections), schema migrated. */
export async function postgresDb(max = 10): Promise<SqlExecutor> {
  const db = connectPostgres({ connectionString: postgresUrl, max });
  (await migrate(db))._unsafeUnwrap();
  return db;
}

/** A fresh PGlite database in memory, schema migrated. */
export async function pgliteDb(): Promise<PgliteDatabase> {
  const db = await openPglite();
  (await migrate(db))._unsafeUnwrap();
  return db;
}

/**
 * Opens a database before the enclosing suite's tests (`timeoutMs` for the opening) and closes it
 * after them; the getter answers it once open.
 */
export function useDatabase<D extends SqlExecutor>(open: () => Promise<D>, timeoutMs?: number): () => D {
  let db: D | undefined;
  beforeAll(async () => {
    db = await open();
  }, timeoutMs);
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (db === undefined) throw new Error('the database is not ready');
    return db;
  };
}

/** {@link useDatabase} on a pool of 20 connections to the temporary server. */
export function usePostgres(): () => SqlExecutor {
  return useDatabase(() => postgresDb(20));
}

/** {@link useDatabase} on a fresh PGlite database (opening it may take a while). */
export function usePglite(): () => PgliteDatabase {
  return useDatabase(pgliteDb, 60_000);
}

/** An executor whose every statement rejects as a dropped connection would (SQLSTATE 08006). */
export function brokenExecutor(): SqlExecutor {
  const failure = (): Promise<never> => Promise.reject(Object.assign(new Error('connection terminated: alice@example.com'), { code: '08006' }));
  return { query: failure, transaction: failure, close: () => Promise.resolve() };
}

/** An executor whose every statement throws synchronously (a driver bug, a misuse). */
export function throwingExecutor(): SqlExecutor {
  const failure = (): never => {
    throw new TypeError('boom');
  };
  return { query: failure, transaction: failure, close: () => Promise.resolve() };
}
