/**
 * The small query interface the PostgreSQL adapters run on, and its node-postgres implementation.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A value bound to a `$n` parameter: text, a number, a boolean, `null`, or an array of text or
 * numbers (bound as a PostgreSQL array).
 *
 * @example
 * ```ts
 * const params: SqlValue[] = ['us-east-1_abc', 1_704_067_200_000, ['username:alice', 'email:alice@example.com'], null];
 * ```
 * @group Executors
 */
export type SqlValue = string | number | boolean | null | readonly string[] | readonly number[];

/**
 * One row of a result, by column name. Drivers differ in how they hand back `bigint` (text for
 * node-postgres, a number for PGlite) and `bytea`; the adapters read every value through `Number()`
 * or select text.
 *
 * @example
 * ```ts
 * const [row]: readonly SqlRow[] = await db.query('SELECT 41 + 1 AS n');
 * Number(row?.['n']); // 42
 * ```
 * @group Executors
 */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * Runs one SQL statement at a time: the part of a driver the adapters need.
 *
 * @example
 * ```ts
 * const queryable: SqlQueryable = { query: (text, params) => pool.query(text, params ? [...params] : []).then((r) => r.rows) };
 * ```
 * @group Executors
 */
export interface SqlQueryable {
  /**
   * Runs one statement with `$1`, `$2`, … bound to `params` and answers its rows: one round trip to
   * the server. Rejects with the driver's error (`code` is the SQLSTATE) when the statement fails.
   */
  query(text: string, params?: readonly SqlValue[]): Promise<readonly SqlRow[]>;
}

/**
 * Where the PostgreSQL adapters send their SQL: a node-postgres `Pool` ({@link pgExecutor}) or a
 * PGlite database (`pgliteExecutor` from `@cognito-recovery/adapters-postgres/pglite`). Every port
 * method is one {@link SqlExecutor.query}, so the same adapter code runs on both; only
 * {@link migrate} uses {@link SqlExecutor.transaction}.
 *
 * @example
 * ```ts
 * const db = pgExecutor(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * const rows = await db.query('SELECT $1::int + 1 AS n', [41]); // [{ n: 42 }]
 * await db.close();
 * ```
 * @group Executors
 */
export interface SqlExecutor extends SqlQueryable {
  /**
   * Runs `work` inside `BEGIN … COMMIT` on one connection (rolled back when `work` rejects), with no
   * other caller's statement in between.
   */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Releases what the executor holds (the pool's connections, the PGlite database and its lock). */
  close(): Promise<void>;
}

/**
 * Options of {@link pgExecutor}.
 *
 * @example
 * ```ts
 * const db = pgExecutor(sharedPool, { ownsPool: false }); // close() leaves the pool to its owner
 * ```
 * @group Executors
 */
export interface PgExecutorOptions {
  /** Whether {@link SqlExecutor.close} ends the pool (default `true`). */
  readonly ownsPool?: boolean | undefined;
}

/**
 * A {@link SqlExecutor} on a node-postgres `Pool`. Each statement outside a transaction is sent as a
 * named prepared statement (parsed once per connection; Parse, Bind and Execute still go in one round
 * trip), on whichever connection the pool hands out.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const db = pgExecutor(new pg.Pool({ connectionString: 'postgres://recovery@db.internal/recovery', max: 20 }));
 * ```
 * @group Executors
 */
export function pgExecutor(pool: pg.Pool, options: PgExecutorOptions = {}): SqlExecutor {
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `cr_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
      names.set(text, name);
    }
    return name;
  };
  const run = async (client: pg.Pool | pg.PoolClient, text: string, params: readonly SqlValue[] | undefined, prepared: boolean): Promise<readonly SqlRow[]> => {
    const values = params === undefined ? [] : [...params];
    const result = await client.query<SqlRow>(prepared ? { name: nameOf(text), text, values } : { text, values });
    return result.rows;
  };
  return {
    query: (text, params) => run(pool, text, params, true),
    async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work({ query: (text, params) => run(client, text, params, false) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is unusable: drop it instead of returning it to the pool
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      if (options.ownsPool !== false) await pool.end();
    },
  };
}

/**
 * A {@link SqlExecutor} on a new node-postgres `Pool` built from `config` (a connection string or
 * `pg.PoolConfig`), which {@link SqlExecutor.close} ends. The pool's errors on idle connections
 * (a server restart) are swallowed: the next query reconnects or fails as a `PortFailure`.
 *
 * @example
 * ```ts
 * const db = connectPostgres({ connectionString: process.env.DATABASE_URL, max: 20 });
 * await migrate(db);
 * ```
 * @group Executors
 */
export function connectPostgres(config: string | pg.PoolConfig): SqlExecutor {
  const pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config);
  pool.on('error', () => undefined);
  return pgExecutor(pool);
}

/**
 * A round-trip counter around an executor: what {@link countRoundTrips} returns.
 *
 * @example
 * ```ts
 * const counter: RoundTripCounter = countRoundTrips(db);
 * counter.reset();
 * await counter.executor.query('SELECT 1');
 * counter.count(); // 1
 * ```
 * @group Executors
 */
export interface RoundTripCounter {
  /** The executor to hand to the stores; every statement it runs is counted. */
  readonly executor: SqlExecutor;
  /** Statements run since the last {@link RoundTripCounter.reset} (those of a transaction too, not its `BEGIN` and `COMMIT`). */
  count(): number;
  /** The statements counted, oldest first (the SQL text only, never the parameters). */
  statements(): readonly string[];
  /** Starts counting from zero. */
  reset(): void;
}

/**
 * Wraps `inner` to count the statements it runs: each `query` is one round trip to the server.
 * Tests and the benchmark use it to check what each operation costs.
 *
 * @example
 * ```ts
 * const counter = countRoundTrips(db);
 * const recovery = createPostgresRecovery(counter.executor, { codeKey, sender });
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * counter.count(); // 3 once the pool cache is warm
 * ```
 * @group Executors
 */
export function countRoundTrips(inner: SqlExecutor): RoundTripCounter {
  let seen: string[] = [];
  const counted = (queryable: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      seen.push(text);
      return queryable.query(text, params);
    },
  });
  const executor: SqlExecutor = {
    ...counted(inner),
    transaction: (work) => inner.transaction((tx) => work(counted(tx))),
    close: () => inner.close(),
  };
  return {
    executor,
    count: () => seen.length,
    statements: () => [...seen],
    reset: () => {
      seen = [];
    },
  };
}
