import type { AppClient, PoolDirectory, PortFailure, UserPool } from '@cognito-recovery/core';
import { okAsync, type ResultAsync } from 'neverthrow';
import { OK_UNDEFINED } from './resolved.js';

/**
 * A Map-backed {@link PoolDirectory}. Pools and clients are listed in creation order (replacing one
 * keeps its place); every lookup is O(1).
 *
 * @example
 * ```ts
 * const pools = new MemoryPoolDirectory();
 * await pools.putPool(pool);
 * const found = await pools.getPool(pool.id); // ok(pool)
 * ```
 * @group Adapters
 */
export class MemoryPoolDirectory implements PoolDirectory {
  readonly #pools = new Map<string, UserPool>();
  readonly #clients = new Map<string, AppClient>();
  /** Client ids by pool, in creation order. */
  readonly #clientsByPool = new Map<string, Set<string>>();

  /** The pool, or `undefined`. */
  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
    return okAsync(this.#pools.get(userPoolId));
  }

  /** The app client, or `undefined`. */
  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    return okAsync(this.#clients.get(clientId));
  }

  /** Creates or replaces a pool (a replaced pool keeps its place in {@link MemoryPoolDirectory.listPools}). */
  putPool(pool: UserPool): ResultAsync<void, PortFailure> {
    this.#pools.set(pool.id, pool);
    return OK_UNDEFINED;
  }

  /** Deletes a pool and its clients; nothing happens when it is absent. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    this.#pools.delete(userPoolId);
    const ids = this.#clientsByPool.get(userPoolId);
    if (ids !== undefined) {
      for (const id of ids) this.#clients.delete(id);
      this.#clientsByPool.delete(userPoolId);
    }
    return OK_UNDEFINED;
  }

  /** Creates or replaces an app client (moving it if its pool changed). */
  putClient(client: AppClient): ResultAsync<void, PortFailure> {
    const previous = this.#clients.get(client.clientId);
    if (previous !== undefined && previous.userPoolId !== client.userPoolId) {
      this.#clientsByPool.get(previous.userPoolId)?.delete(client.clientId);
    }
    this.#clients.set(client.clientId, client);
    let ids = this.#clientsByPool.get(client.userPoolId);
    if (ids === undefined) {
      ids = new Set();
      this.#clientsByPool.set(client.userPoolId, ids);
    }
    ids.add(client.clientId);
    return OK_UNDEFINED;
  }

  /** Every pool, oldest first. */
  listPools(): ResultAsync<readonly UserPool[], PortFailure> {
    return okAsync([...this.#pools.values()]);
  }

  /** A pool's app clients, oldest first. */
  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure> {
    const ids = this.#clientsByPool.get(userPoolId);
    const clients: AppClient[] = [];
    if (ids !== undefined) {
      for (const id of ids) {
        const client = this.#clients.get(id);
        if (client !== undefined) clients.push(client);
      }
    }
    return okAsync(clients);
  }
}
