import { err, errAsync, ok, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cachedPoolDirectory } from './cached-pool-directory.js';
import { portFailure } from './errors.js';
import type { AppClient } from './model/app-client.js';
import type { UserPool } from './model/user-pool.js';
import type { PoolDirectory } from './ports/pool-directory.js';
import { aClient, aPool } from './testing/builders.js';

/** A directory over two maps that counts its reads. */
function countingDirectory(): { directory: PoolDirectory; reads: () => number; pools: Map<string, UserPool>; clients: Map<string, AppClient> } {
  const pools = new Map<string, UserPool>();
  const clients = new Map<string, AppClient>();
  let reads = 0;
  const directory: PoolDirectory = {
    getPool: (id) => {
      reads++;
      return okAsync(pools.get(id));
    },
    getClient: (id) => {
      reads++;
      return okAsync(clients.get(id));
    },
    putPool: (pool) => {
      pools.set(pool.id, pool);
      return okAsync(undefined);
    },
    putClient: (client) => {
      clients.set(client.clientId, client);
      return okAsync(undefined);
    },
    deletePool: (id) => {
      pools.delete(id);
      for (const [clientId, client] of clients) if (client.userPoolId === id) clients.delete(clientId);
      return okAsync(undefined);
    },
    listPools: () => okAsync([...pools.values()]),
    listClients: (id) => okAsync([...clients.values()].filter((c) => c.userPoolId === id)),
  };
  return { directory, reads: () => reads, pools, clients };
}

describe('cachedPoolDirectory', () => {
  const pool = aPool({ id: 'us-east-1_Cached' });
  const client = aClient({ clientId: 'cachedclient', userPoolId: pool.id });

  it('answers found pools and clients from the cache for ttlMs, then reads again', async () => {
    let now = 0;
    const inner = countingDirectory();
    inner.pools.set(pool.id, pool);
    inner.clients.set(client.clientId, client);
    const cached = cachedPoolDirectory(inner.directory, 1_000, { now: () => now });
    expect(await cached.getPool(pool.id)).toEqual(ok(pool));
    expect(await cached.getClient(client.clientId)).toEqual(ok(client));
    for (let i = 0; i < 5; i++) {
      expect(await cached.getPool(pool.id)).toEqual(ok(pool));
      expect(await cached.getClient(client.clientId)).toEqual(ok(client));
    }
    expect(inner.reads()).toBe(2);
    now = 999;
    expect((await cached.getPool(pool.id)).isOk()).toBe(true);
    expect(inner.reads()).toBe(2);
    now = 1_000;
    expect((await cached.getPool(pool.id)).isOk()).toBe(true);
    expect(inner.reads()).toBe(3);
  });

  it('asks again for an unknown id every time, so a client created elsewhere is seen at once', async () => {
    const inner = countingDirectory();
    const cached = cachedPoolDirectory(inner.directory, 60_000);
    expect(await cached.getClient('nobody')).toEqual(ok(undefined));
    inner.clients.set(client.clientId, client);
    expect(await cached.getClient(client.clientId)).toEqual(ok(client));
    expect(inner.reads()).toBe(2);
  });

  it('updates itself on writes through it, and forgets a deleted pool and its clients', async () => {
    const inner = countingDirectory();
    const cached = cachedPoolDirectory(inner.directory, 60_000);
    expect((await cached.putPool(pool)).isOk()).toBe(true);
    expect((await cached.putClient(client)).isOk()).toBe(true);
    expect(await cached.getPool(pool.id)).toEqual(ok(pool));
    expect(inner.reads()).toBe(0);
    const renamed = { ...pool, name: 'renamed' };
    expect((await cached.putPool(renamed)).isOk()).toBe(true);
    expect(await cached.getPool(pool.id)).toEqual(ok(renamed));
    expect((await cached.deletePool(pool.id)).isOk()).toBe(true);
    expect(await cached.getPool(pool.id)).toEqual(ok(undefined));
    expect(await cached.getClient(client.clientId)).toEqual(ok(undefined));
  });

  it('caches nothing with a ttlMs of 0', async () => {
    const inner = countingDirectory();
    inner.pools.set(pool.id, pool);
    const cached = cachedPoolDirectory(inner.directory, 0);
    expect((await cached.getPool(pool.id)).isOk()).toBe(true);
    expect((await cached.getPool(pool.id)).isOk()).toBe(true);
    expect(inner.reads()).toBe(2);
  });

  it('passes failures through without caching, and turns a throwing or rejecting directory into a PortFailure', async () => {
    const failure = portFailure('PoolDirectory', 'down');
    const failing: PoolDirectory = {
      ...countingDirectory().directory,
      getPool: () => errAsync(failure),
      getClient: () => new ResultAsync(Promise.reject(new Error('secret detail'))),
      listPools: () => {
        throw new TypeError('bug');
      },
    };
    const cached = cachedPoolDirectory(failing, 60_000);
    expect(await cached.getPool(pool.id)).toEqual(err(failure));
    expect(await cached.getClient('x')).toEqual(err(portFailure('PoolDirectory', 'getClient threw or rejected')));
    expect(await cached.listPools()).toEqual(err(portFailure('PoolDirectory', 'listPools threw or rejected')));
  });
});
