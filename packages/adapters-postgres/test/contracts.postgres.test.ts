import {
  describeAttemptLimiterContract,
  describePoolDirectoryContract,
  describeRecoveryCodeStoreContract,
  describeUserStoreContract,
} from '@cognito-recovery/core/testing';
import { afterAll, describe } from 'vitest';
import {
  connectPostgres,
  PostgresAttemptLimiter,
  PostgresPoolDirectory,
  PostgresRecoveryCodeStore,
  PostgresUserStore,
  type SqlExecutor,
} from '../src/index.js';
import { brokenExecutor, usePglite, usePostgres, withoutPostgres } from './databases.js';

/** Every store contract on one database; `broken` builds the same stores on a failing executor. */
function describeContracts(label: string, database: () => SqlExecutor, broken: () => SqlExecutor): void {
  const store = () => ({ db: database() });
  const pair = (db: SqlExecutor) => ({ users: new PostgresUserStore({ db }), codes: new PostgresRecoveryCodeStore({ db }) });
  describePoolDirectoryContract(`PostgresPoolDirectory on ${label}`, () => new PostgresPoolDirectory(store()), {
    broken: () => new PostgresPoolDirectory({ db: broken() }),
  });
  describeUserStoreContract(`PostgresUserStore on ${label}`, () => pair(database()), { broken: () => pair(broken()) });
  describeRecoveryCodeStoreContract(`PostgresRecoveryCodeStore on ${label}`, () => pair(database()), { broken: () => pair(broken()) });
  describeAttemptLimiterContract(`PostgresAttemptLimiter on ${label}`, () => new PostgresAttemptLimiter(store()), {
    broken: () => new PostgresAttemptLimiter({ db: broken() }),
  });
}

describe.skipIf(withoutPostgres)('PostgreSQL 15 server', () => {
  const database = usePostgres();
  // A pool on a port nothing listens on: the driver's own connection failure.
  const unreachable = connectPostgres({ host: '127.0.0.1', port: 9, connectionTimeoutMillis: 2_000 });
  afterAll(async () => {
    await unreachable.close();
  });
  describeContracts('PostgreSQL', database, () => unreachable);
});

describe('PGlite', () => {
  describeContracts('PGlite', usePglite(), brokenExecutor);
});
