/**
 * `@cognito-recovery/adapters-postgres`: PostgreSQL adapters for `@cognito-recovery/core`: users and
 * their claims, recovery codes, attempt limits, pools and clients in one PostgreSQL schema, each port
 * call one statement; the schema's migration; `createPostgresRecovery()`. The same adapters run on a
 * PostgreSQL server through node-postgres ({@link connectPostgres}) and in-process on PGlite
 * (`@cognito-recovery/adapters-postgres/pglite`).
 *
 * @packageDocumentation
 */
export { STRONG_SCRYPT, createPostgresPorts, createPostgresRecovery } from './create-postgres-recovery.js';
export type { PostgresPorts, PostgresRecoveryOptions } from './create-postgres-recovery.js';
export { connectPostgres, countRoundTrips, pgExecutor } from './executor.js';
export type { PgExecutorOptions, RoundTripCounter, SqlExecutor, SqlQueryable, SqlRow, SqlValue } from './executor.js';
export { PostgresAttemptLimiter } from './postgres-attempt-limiter.js';
export { PostgresPoolDirectory } from './postgres-pool-directory.js';
export { PostgresRecoveryCodeStore } from './postgres-recovery-code-store.js';
export { PostgresUserStore } from './postgres-user-store.js';
export { purgeExpired } from './maintenance.js';
export type { PurgeOptions, PurgeReport } from './maintenance.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION, migrate } from './schema.js';
export type { MigrateOptions, MigrationReport, PostgresStoreOptions } from './schema.js';
