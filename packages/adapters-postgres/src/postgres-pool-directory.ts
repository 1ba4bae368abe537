import type { AppClient, PoolDirectory, PortFailure, UserPool } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import { decodeJson, encodeJson } from '@cognito-recovery/core/rules';
import { toText } from './codec.js';
import type { SqlRow } from './executor.js';
import type { PostgresStoreOptions } from './schema.js';
import { StoreStatements } from './store-statements.js';

const PORT = 'PoolDirectory';

/** The statements, for one schema. */
function statements(s: string) {
  return {
    getPool: `SELECT data FROM ${s}.pools WHERE id = $1`,
    getClient: `SELECT data FROM ${s}.clients WHERE client_id = $1`,
    putPool: `INSERT INTO ${s}.pools (id, data, creation_date) VALUES ($1, $2, $3)
      ON CONFLICT (id) DO UPDATE SET data = excluded.data, creation_date = excluded.creation_date`,
    deletePool: `WITH gone AS (DELETE FROM ${s}.clients WHERE pool_id = $1) DELETE FROM ${s}.pools WHERE id = $1`,
    putClient: `INSERT INTO ${s}.clients (client_id, pool_id, data, creation_date) VALUES ($1, $2, $3, $4)
      ON CONFLICT (client_id) DO UPDATE SET pool_id = excluded.pool_id, data = excluded.data, creation_date = excluded.creation_date`,
    listPools: `SELECT data FROM ${s}.pools ORDER BY creation_date, seq`,
    listClients: `SELECT data FROM ${s}.clients WHERE pool_id = $1 ORDER BY creation_date, seq`,
  };
}

/**
 * A {@link PoolDirectory} on PostgreSQL: one row per pool (`pools`) and per app client (`clients`,
 * indexed by pool), each holding the value as JSON text. Every method is one statement; a pool and
 * its clients are deleted together by one statement. Lists are ordered by `creationDate`, then by
 * first write (a replaced pool or client keeps its place). Put a pool cache in front of it (as
 * `createPostgresPorts` does): the recovery reads the client and the pool on every call.
 *
 * @example
 * ```ts
 * const pools = new PostgresPoolDirectory({ db });
 * await pools.putPool(pool);
 * await pools.getPool(pool.id); // ok(pool): one SELECT
 * ```
 * @group Adapters
 */
export class PostgresPoolDirectory implements PoolDirectory {
  readonly #sql: StoreStatements<keyof ReturnType<typeof statements>>;

  /** @param options - the executor and the schema. */
  constructor(options: PostgresStoreOptions) {
    this.#sql = new StoreStatements(PORT, options, statements);
  }

  /** The pool (one `SELECT`), or `undefined`. */
  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
    return this.#sql.run('getPool', [userPoolId]).map((rows) => first(rows) as UserPool | undefined);
  }

  /** The app client (one `SELECT`), or `undefined`. */
  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    return this.#sql.run('getClient', [clientId]).map((rows) => first(rows) as AppClient | undefined);
  }

  /** Creates or replaces a pool (one upsert, keeping the first write's place in the list). */
  putPool(pool: UserPool): ResultAsync<void, PortFailure> {
    return this.#sql.run('putPool', [pool.id, encodeJson(pool), pool.creationDate]).map(() => undefined);
  }

  /** Deletes the pool and its clients (one statement). */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    return this.#sql.run('deletePool', [userPoolId]).map(() => undefined);
  }

  /** Creates or replaces an app client, moving it when its pool changed (one upsert). */
  putClient(client: AppClient): ResultAsync<void, PortFailure> {
    return this.#sql.run('putClient', [client.clientId, client.userPoolId, encodeJson(client), client.creationDate]).map(() => undefined);
  }

  /** Every pool, oldest first. */
  listPools(): ResultAsync<readonly UserPool[], PortFailure> {
    return this.#sql.run('listPools').map((rows) => all<UserPool>(rows));
  }

  /** A pool's app clients, oldest first. */
  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure> {
    return this.#sql.run('listClients', [userPoolId]).map((rows) => all<AppClient>(rows));
  }
}

/** The decoded `data` of the first row, or `undefined`. */
function first(rows: readonly SqlRow[]): unknown {
  const data = toText(rows[0]?.['data']);
  return data === undefined ? undefined : decodeJson(data);
}

function all<T>(rows: readonly SqlRow[]): T[] {
  return rows.flatMap((row) => {
    const data = toText(row['data']);
    return data === undefined ? [] : [decodeJson(data) as T];
  });
}
