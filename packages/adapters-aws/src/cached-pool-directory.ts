import type { AppClient, PoolDirectory, PortFailure, UserPool } from '@cognito-recovery/core';
import { okAsync, type ResultAsync } from 'neverthrow';

/**
 * Options of {@link cachedPoolDirectory}.
 *
 * @group Adapters
 */
export interface PoolCacheOptions {
  /** Epoch milliseconds, for tests (default `Date.now`). */
  readonly now?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly expires: number;
}

/**
 * A {@link PoolDirectory} that keeps the pools and clients it found for `ttlMs`, so warm
 * `ForgotPassword` and `ConfirmForgotPassword` calls read neither from the directory behind it.
 * Only found values are kept (an unknown client id is asked again each time, so a client created by
 * another process is seen at once); writes through this decorator update its cache; lists are not
 * cached. A change made by another process is seen within `ttlMs`.
 *
 * @example
 * ```ts
 * const pools = cachedPoolDirectory(new DynamoPoolDirectory({ client: dynamodb, tableName }), 60_000);
 * ```
 * @group Adapters
 */
export function cachedPoolDirectory(inner: PoolDirectory, ttlMs: number, options: PoolCacheOptions = {}): PoolDirectory {
  const now = options.now ?? Date.now;
  const pools = new Map<string, Entry<UserPool>>();
  const clients = new Map<string, Entry<AppClient>>();

  const fresh = <T>(cache: Map<string, Entry<T>>, id: string): T | undefined => {
    const entry = cache.get(id);
    if (entry === undefined) return undefined;
    if (entry.expires > now()) return entry.value;
    cache.delete(id);
    return undefined;
  };
  const keep = <T>(cache: Map<string, Entry<T>>, id: string, value: T | undefined): T | undefined => {
    if (value !== undefined && ttlMs > 0) cache.set(id, { value, expires: now() + ttlMs });
    return value;
  };

  return {
    getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
      const hit = fresh(pools, userPoolId);
      if (hit !== undefined) return okAsync(hit);
      return inner.getPool(userPoolId).map((pool) => keep(pools, userPoolId, pool));
    },
    getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
      const hit = fresh(clients, clientId);
      if (hit !== undefined) return okAsync(hit);
      return inner.getClient(clientId).map((client) => keep(clients, clientId, client));
    },
    putPool(pool: UserPool): ResultAsync<void, PortFailure> {
      pools.delete(pool.id);
      return inner.putPool(pool).map(() => {
        keep(pools, pool.id, pool);
      });
    },
    deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
      pools.delete(userPoolId);
      for (const [id, entry] of clients) if (entry.value.userPoolId === userPoolId) clients.delete(id);
      return inner.deletePool(userPoolId).map(() => {
        pools.delete(userPoolId);
      });
    },
    putClient(client: AppClient): ResultAsync<void, PortFailure> {
      clients.delete(client.clientId);
      return inner.putClient(client).map(() => {
        keep(clients, client.clientId, client);
      });
    },
    listPools: () => inner.listPools(),
    listClients: (userPoolId: string) => inner.listClients(userPoolId),
  };
}
