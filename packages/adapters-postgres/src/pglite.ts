/**
 * `@cognito-recovery/adapters-postgres/pglite`: the PostgreSQL adapters on PGlite, PostgreSQL
 * compiled to WebAssembly and run inside the process, durable in a data directory. The same adapter
 * code as on a PostgreSQL server; no server to run. A lock file keeps a data directory to one
 * process.
 *
 * @packageDocumentation
 */
import { PGlite } from '@electric-sql/pglite';
import type { PortFailure, Recovery } from '@cognito-recovery/core';
import { errAsync, type ResultAsync } from 'neverthrow';
import { createPostgresRecovery, type PostgresPorts, type PostgresRecoveryOptions } from './create-postgres-recovery.js';
import { lockDirectory, type DirectoryLock } from './directory-lock.js';
import type { SqlExecutor, SqlQueryable, SqlRow, SqlValue } from './executor.js';
import { execute } from './failure.js';
import { checkedSchema, migrate, type MigrationReport } from './schema.js';

export { DataDirectoryInUseError, LOCK_FILE } from './directory-lock.js';

/**
 * A {@link SqlExecutor} on a PGlite database the caller opened; {@link SqlExecutor.close} closes it.
 * PGlite runs one statement at a time: concurrent callers queue, and a transaction holds the
 * database until it ends. Nothing locks the data directory: prefer {@link openPglite}.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const db = pgliteExecutor(await PGlite.create()); // in memory
 * ```
 * @group PGlite
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  const run = async (target: Pick<PGlite, 'query'>, text: string, params: readonly SqlValue[] | undefined): Promise<readonly SqlRow[]> => {
    const result = await target.query<SqlRow>(text, params === undefined ? [] : [...params]);
    return result.rows;
  };
  return {
    query: (text, params) => run(db, text, params),
    transaction: <T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> => db.transaction((tx) => work({ query: (text, params) => run(tx, text, params) })),
    close: () => db.close(),
  };
}

/**
 * Options of {@link openPglite}.
 *
 * @example
 * ```ts
 * const durable: PgliteOptions = { dataDir: '/var/lib/cognito-recovery' };
 * const scratch: PgliteOptions = {}; // in memory
 * ```
 * @group PGlite
 */
export interface PgliteOptions {
  /** Where the database lives (created when missing); absent: in memory, gone at close. */
  readonly dataDir?: string | undefined;
}

/**
 * A PGlite database, open: the executor plus the PGlite handle.
 *
 * @example
 * ```ts
 * const db: PgliteDatabase = await openPglite({ dataDir: './data' });
 * const tarball = await db.pglite.dumpDataDir('gzip'); // a backup
 * ```
 * @group PGlite
 */
export interface PgliteDatabase extends SqlExecutor {
  /** The PGlite instance (for `dumpDataDir`, extensions, ad-hoc SQL). */
  readonly pglite: PGlite;
  /** The data directory, or `undefined` in memory. */
  readonly dataDir: string | undefined;
}

/**
 * Opens (creating it when missing) a PGlite database in `dataDir`, or in memory, as a
 * {@link SqlExecutor}. The directory is locked first: a second open, from this process or another
 * live one, is refused with a {@link DataDirectoryInUseError}, since two PGlite instances on one
 * directory would corrupt it. `close()` closes the database and releases the lock; a crashed
 * process's lock is taken over by the next one.
 *
 * @example
 * ```ts
 * const db = await openPglite({ dataDir: './data/recovery' });
 * await migrate(db);
 * // …
 * await db.close();
 * ```
 * @group PGlite
 */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const dataDir = options.dataDir;
  const lock: DirectoryLock | undefined = dataDir === undefined ? undefined : lockDirectory(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const executor = pgliteExecutor(pglite);
  let closing: Promise<void> | undefined;
  return {
    ...executor,
    pglite,
    dataDir,
    close: () =>
      (closing ??= (async () => {
        try {
          await executor.close();
        } finally {
          lock?.release();
        }
      })()),
  };
}

/**
 * Options of {@link createPgliteRecovery}: a data directory and the options of the PostgreSQL
 * composition (`tokens`, or `signingKeys` for the default `LocalTokenSigner`: keep those with the
 * data directory so tokens signed before a restart verify after it).
 *
 * @example
 * ```ts
 * const options: PgliteRecoveryOptions = { dataDir: './data/recovery', codeKey, sender };
 * ```
 * @group PGlite
 */
export interface PgliteRecoveryOptions extends PostgresRecoveryOptions, PgliteOptions {}

/**
 * A recovery on PGlite: what {@link createPgliteRecovery} answers.
 *
 * @example
 * ```ts
 * const recovery: PgliteRecovery = await createPgliteRecovery({ dataDir: './data/recovery', codeKey, sender });
 * recovery.migration.applied; // [1] the first time, [] afterwards
 * await recovery.close();
 * ```
 * @group PGlite
 */
export type PgliteRecovery = Recovery &
  PostgresPorts & {
    /** The open database. */
    readonly db: PgliteDatabase;
    /** What the migration at open did. */
    readonly migration: MigrationReport;
    /** Closes the database and releases the data directory. */
    close(): Promise<void>;
  };

/**
 * A whole recovery on PGlite, durable in `dataDir`: opens the database ({@link openPglite}, which
 * locks the directory), brings its schema up to date (`migrate`) and binds every use case to the
 * PostgreSQL ports on it. Users, codes, limit windows, pools and clients survive a restart. Rejects
 * with a {@link DataDirectoryInUseError} when another process has the directory open, and with an
 * `Error` when the migration fails (the directory is then released).
 *
 * @example
 * ```ts
 * const recovery = await createPgliteRecovery({ dataDir: './data/recovery', codeKey, sender });
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * await recovery.close();
 * ```
 * @group PGlite
 */
export async function createPgliteRecovery(options: PgliteRecoveryOptions): Promise<PgliteRecovery> {
  const db = await openPglite({ dataDir: options.dataDir });
  const migrated = await migrate(db, { schema: options.schema });
  if (migrated.isErr()) {
    await db.close();
    throw new Error(`cannot migrate the PGlite database${options.dataDir === undefined ? '' : ` in ${options.dataDir}`}: ${migrated.error.reason}`);
  }
  const recovery = createPostgresRecovery(db, options);
  return { ...recovery, db, migration: migrated.value, close: () => db.close() };
}

/**
 * What {@link resetState} forgets:
 *
 * - `limits`: every ForgotPassword request window and every ConfirmForgotPassword attempt window;
 *   the codes stay;
 * - `codes`: every outstanding (or used) recovery code, hidden names' included; the attempt windows
 *   stay;
 * - `everything`: every table emptied (pools, clients, users, codes, limits), the schema kept.
 *
 * @example
 * ```ts
 * const scope: ResetStateScope = 'limits'; // a sixth ForgotPassword is allowed again
 * ```
 * @group PGlite
 */
export type ResetStateScope = 'limits' | 'codes' | 'everything';

/**
 * Forgets state a local server resets between tests (`POST /_local/reset`): the limit windows, the
 * codes, or everything, in one transaction. Works on any executor (PGlite or a PostgreSQL server);
 * not for production data. Rows left with neither a code nor a window are deleted.
 *
 * @example
 * ```ts
 * const recovery = await createPgliteRecovery({ dataDir: './data/recovery', codeKey, sender });
 * await resetState(recovery.db, 'limits'); // ok(undefined)
 * ```
 * @group PGlite
 */
export function resetState(db: SqlExecutor, scope: ResetStateScope, options: { readonly schema?: string | undefined } = {}): ResultAsync<void, PortFailure> {
  const checked = checkedSchema(options.schema);
  if (checked.isErr()) return errAsync(checked.error);
  const s = checked.value;
  const statements =
    scope === 'everything'
      ? [`TRUNCATE ${s}.pools, ${s}.clients, ${s}.users, ${s}.claims, ${s}.codes, ${s}.attempts`]
      : scope === 'limits'
        ? [`DELETE FROM ${s}.attempts`, `UPDATE ${s}.codes SET stamps = '{}', newest = NULL, window_ms = NULL, last_allowed = false`]
        : [`UPDATE ${s}.codes SET code_hmac = NULL, issued_at = NULL, expires_at = NULL, consumed_at = NULL`];
  if (scope !== 'everything') statements.push(`DELETE FROM ${s}.codes WHERE code_hmac IS NULL AND newest IS NULL`);
  return execute('Schema', 'resetState', () =>
    db.transaction(async (tx) => {
      for (const text of statements) await tx.query(text);
    }),
  );
}
