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
  /** A read through the cache: a fresh entry, else the directory's answer, kept when it names something. */
  const read = <T>(
    cache: Cache<T>,
    id: string,
    method: string,
    call: () => ResultAsync<T | undefined, PortFailure>,
  ): ResultAsync<T | undefined, PortFailure> => {
    const hit = fresh(cache, id);
    if (hit !== undefined) return hit;
    return new ResultAsync(
      settle(method, call, (value) => {
        if (value !== undefined) keep(cache, id, value);
      }),
    );
  };
  /** A write through the cache: the entry is dropped first, and kept once the directory stored it. */
  const write = <T>(cache: Cache<T>, id: string, value: T, method: string, call: () => ResultAsync<void, PortFailure>): ResultAsync<void, PortFailure> => {
    cache.delete(id);
    return new ResultAsync(
      settle(method, call, () => {
        keep(cache, id, value);
      }),
    );
  };

  return {
    getPool: (userPoolId: string) => read(pools, userPoolId, 'getPool', () => inner.getPool(userPoolId)),
    getClient: (clientId: string) => read(clients, clientId, 'getClient', () => inner.getClient(clientId)),
    putPool: (pool: UserPool) => write(pools, pool.id, pool, 'putPool', () => inner.putPool(pool)),
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
    putClient: (client: AppClient) => write(clients, client.clientId, client, 'putClient', () => inner.putClient(client)),
    listPools: () => new ResultAsync(settle('listPools', () => inner.listPools(), ignore)),
    listClients: (userPoolId: string) => new ResultAsync(settle('listClients', () => inner.listClients(userPoolId), ignore)),
  };
}
