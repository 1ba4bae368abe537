import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';
import type { AppClient } from '../model/app-client.js';
import type { UserPool } from '../model/user-pool.js';

/**
 * Pools and app clients by id. Every method resolves, never rejects: a backend failure is a
 * `PortFailure`. Reads may be served from a cache (`cachedPoolDirectory`): a change made elsewhere is
 * then seen within the cache's lifetime.
 *
 * @group Ports
 */
export interface PoolDirectory {
  /** The pool, or `undefined`. */
  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure>;
  /** The app client, or `undefined` (client ids are unique across pools). */
  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure>;
  /** Creates or replaces a pool. */
  putPool(pool: UserPool): ResultAsync<void, PortFailure>;
  /** Deletes a pool and its clients. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure>;
  /** Creates or replaces an app client. */
  putClient(client: AppClient): ResultAsync<void, PortFailure>;
  /** Lists the pools, oldest first. */
  listPools(): ResultAsync<readonly UserPool[], PortFailure>;
  /** Lists a pool's app clients, oldest first. */
  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure>;
}
