/**
 * A per-process cache in front of any {@link PoolDirectory}.
 *
 * @module
 */
import { err, okAsync, ResultAsync, type Result } from 'neverthrow';
import { portFailure, type PortFailure } from './errors.js';
import type { AppClient } from './model/app-client.js';
import type { UserPool } from './model/user-pool.js';
import type { PoolDirectory } from './ports/pool-directory.js';

/**
 * Options of {@link cachedPoolDirectory}.
 *
 * @example
 * ```ts
 * const pools = cachedPoolDirectory(directory, 60_000, { now: () => clock.now() });
 * ```
 * @group Composition
 */
export interface PoolCacheOptions {
  /** Epoch milliseconds, for tests (default `Date.now`). */
  readonly now?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly expires: number;
  /** The answer handed to every hit: one settled `ResultAsync`, shared. */
  readonly answer: ResultAsync<T, never>;
}

type Cache<T> = Map<string, Entry<T>>;

/**
 * A {@link PoolDirectory} that keeps the pools and clients it found for `ttlMs`, so warm
 * `ForgotPassword` and `ConfirmForgotPassword` calls read neither from the directory behind it (a
 * database, DynamoDB, Cognito). Only found values are kept (an unknown client id is asked again each
 * time, so a client created by another process is seen at once); writes through this decorator update
 * its cache; lists are not cached. A change made by another process is seen within `ttlMs`; `ttlMs`
 * of 0 or less caches nothing. Like every port it never rejects: should the directory behind it
 * reject, the call answers a `PortFailure`.
 *
 * @example
 * ```ts
 * import { cachedPoolDirectory } from '@cognito-recovery/core';
 *
 * const pools = cachedPoolDirectory(new PostgresPoolDirectory({ db }), 60_000);
 * const recovery = createRecovery({ ...ports, pools });
 * ```
 * @group Composition
 */
export function cachedPoolDirectory(inner: PoolDirectory, ttlMs: number, options: PoolCacheOptions = {}): PoolDirectory {
  const now = options.now ?? Date.now;
  const pools: Cache<UserPool> = new Map();
  const clients: Cache<AppClient> = new Map();

  const fresh = <T>(cache: Cache<T>, id: string): ResultAsync<T, never> | undefined => {
    const entry = cache.get(id);
    if (entry === undefined) return undefined;
    if (entry.expires > now()) return entry.answer;
    cache.delete(id);
    return undefined;
  };
  const keep = <T>(cache: Cache<T>, id: string, value: T): void => {
    if (ttlMs > 0) cache.set(id, { value, expires: now() + ttlMs, answer: okAsync(value) });
  };
  /** Calls the directory, keeps what it found, and turns a throw or a rejection into a PortFailure. */
  const settle = async <T>(method: string, call: () => ResultAsync<T, PortFailure>, found: (value: T) => void): Promise<Result<T, PortFailure>> => {
    try {
      const result = await call();
      if (result.isOk()) found(result.value);
      return result;
    } catch {
      return err(portFailure('PoolDirectory', `${method} threw or rejected`));
    }
  };

  const ignore = (): void => undefined;

  return {
    getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
      const hit = fresh(pools, userPoolId);
      if (hit !== undefined) return hit;
      return new ResultAsync(
        settle(
          'getPool',
          () => inner.getPool(userPoolId),
          (pool) => {
            if (pool !== undefined) keep(pools, userPoolId, pool);
          },
        ),
      );
    },
    getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
      const hit = fresh(clients, clientId);
      if (hit !== undefined) return hit;
      return new ResultAsync(
        settle(
          'getClient',
          () => inner.getClient(clientId),
          (client) => {
            if (client !== undefined) keep(clients, clientId, client);
          },
        ),
      );
    },
    putPool(pool: UserPool): ResultAsync<void, PortFailure> {
      pools.delete(pool.id);
      return new ResultAsync(
        settle(
          'putPool',
          () => inner.putPool(pool),
          () => {
            keep(pools, pool.id, pool);
          },
        ),
      );
    },
    deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
      pools.delete(userPoolId);
      for (const [id, entry] of clients) if (entry.value.userPoolId === userPoolId) clients.delete(id);
      return new ResultAsync(
        settle(
          'deletePool',
          () => inner.deletePool(userPoolId),
          () => {
            pools.delete(userPoolId);
          },
        ),
      );
    },
    putClient(client: AppClient): ResultAsync<void, PortFailure> {
      clients.delete(client.clientId);
      return new ResultAsync(
        settle(
          'putClient',
          () => inner.putClient(client),
          () => {
            keep(clients, client.clientId, client);
          },
        ),
      );
    },
    listPools: () => new ResultAsync(settle('listPools', () => inner.listPools(), ignore)),
    listClients: (userPoolId: string) => new ResultAsync(settle('listClients', () => inner.listClients(userPoolId), ignore)),
  };
}
