import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { PoolDirectory } from '../../ports/pool-directory.js';
import { clientFixture, poolFixture } from './fixtures.js';
import { describeBrokenBackend, uniqueSuffix, unwrap, type BrokenBackendOptions, type Make } from './support.js';

/**
 * Registers the {@link PoolDirectory} contract: pools and clients are stored, replaced, listed oldest
 * first and deleted together. With `options.broken`, a factory of the directory over a backend that
 * fails every request, every method must also resolve (never throw or reject) to a `PortFailure`.
 *
 * @example
 * ```ts
 * describePoolDirectoryContract('MemoryPoolDirectory', () => new MemoryPoolDirectory());
 * ```
 * @group Testing
 */
export function describePoolDirectoryContract(name: string, make: Make<PoolDirectory>, options: BrokenBackendOptions<PoolDirectory> = {}): void {
  describe(`PoolDirectory contract: ${name}`, () => {
    const ids = (): { a: string; b: string; c: string } => {
      const s = uniqueSuffix();
      return { a: `us-east-1_a${s}`, b: `us-east-1_b${s}`, c: `eu-west-1_c${s}` };
    };

    it('answers undefined for an unknown pool or client', async () => {
      const dir = await make();
      const { a } = ids();
      expect(await dir.getPool(a)).toEqual(ok(undefined));
      expect(await dir.getClient(`client-${a}`)).toEqual(ok(undefined));
      expect(await dir.listClients(a)).toEqual(ok([]));
    });

    it('returns a pool that was put, and the replacement after a second put', async () => {
      const dir = await make();
      const { a } = ids();
      const pool = poolFixture(a);
      expect(await dir.putPool(pool)).toEqual(ok(undefined));
      expect(await dir.getPool(a)).toEqual(ok(pool));
      const renamed = poolFixture(a, { name: 'renamed', lastModifiedDate: pool.lastModifiedDate + 1 });
      expect(await dir.putPool(renamed)).toEqual(ok(undefined));
      expect(await dir.getPool(a)).toEqual(ok(renamed));
    });

    it('returns a client that was put, by its id alone', async () => {
      const dir = await make();
      const { a, b } = ids();
      await unwrap(dir.putPool(poolFixture(a)));
      await unwrap(dir.putPool(poolFixture(b)));
      const ca = clientFixture(`client-${a}`, a);
      const cb = clientFixture(`client-${b}`, b, { clientSecret: 'shh' });
      await unwrap(dir.putClient(ca));
      await unwrap(dir.putClient(cb));
      expect(await dir.getClient(ca.clientId)).toEqual(ok(ca));
      expect(await dir.getClient(cb.clientId)).toEqual(ok(cb));
      const replaced = clientFixture(ca.clientId, a, { clientName: 'renamed' });
      await unwrap(dir.putClient(replaced));
      expect(await dir.getClient(ca.clientId)).toEqual(ok(replaced));
    });

    it('lists pools oldest first, a replaced pool keeping its place', async () => {
      const dir = await make();
      const { a, b, c } = ids();
      const t = Date.UTC(2024, 0, 1);
      await unwrap(dir.putPool(poolFixture(b, { creationDate: t })));
      await unwrap(dir.putPool(poolFixture(a, { creationDate: t + 1 })));
      await unwrap(dir.putPool(poolFixture(c, { creationDate: t + 2 })));
      await unwrap(dir.putPool(poolFixture(b, { creationDate: t, name: 'replaced' })));
      const mine = new Set([a, b, c]);
      const listed = (await unwrap(dir.listPools())).filter((p) => mine.has(p.id));
      expect(listed.map((p) => p.id)).toEqual([b, a, c]);
      expect(listed[0]?.name).toBe('replaced');
    });

    it("lists a pool's clients oldest first, and only that pool's", async () => {
      const dir = await make();
      const { a, b } = ids();
      const t = Date.UTC(2024, 0, 1);
      await unwrap(dir.putPool(poolFixture(a)));
      await unwrap(dir.putPool(poolFixture(b)));
      await unwrap(dir.putClient(clientFixture(`z-${a}`, a, { creationDate: t })));
      await unwrap(dir.putClient(clientFixture(`other-${b}`, b, { creationDate: t + 1 })));
      await unwrap(dir.putClient(clientFixture(`m-${a}`, a, { creationDate: t + 2 })));
      await unwrap(dir.putClient(clientFixture(`a-${a}`, a, { creationDate: t + 3 })));
      expect((await unwrap(dir.listClients(a))).map((x) => x.clientId)).toEqual([`z-${a}`, `m-${a}`, `a-${a}`]);
      expect((await unwrap(dir.listClients(b))).map((x) => x.clientId)).toEqual([`other-${b}`]);
    });

    it('deletes a pool with its clients, leaving other pools alone', async () => {
      const dir = await make();
      const { a, b } = ids();
      await unwrap(dir.putPool(poolFixture(a)));
      await unwrap(dir.putPool(poolFixture(b)));
      await unwrap(dir.putClient(clientFixture(`1-${a}`, a)));
      await unwrap(dir.putClient(clientFixture(`2-${a}`, a)));
      await unwrap(dir.putClient(clientFixture(`1-${b}`, b)));
      expect(await dir.deletePool(a)).toEqual(ok(undefined));
      expect(await dir.getPool(a)).toEqual(ok(undefined));
      expect(await dir.getClient(`1-${a}`)).toEqual(ok(undefined));
      expect(await dir.getClient(`2-${a}`)).toEqual(ok(undefined));
      expect(await dir.listClients(a)).toEqual(ok([]));
      expect((await unwrap(dir.listPools())).some((p) => p.id === a)).toBe(false);
      expect(await dir.getPool(b)).toEqual(ok(poolFixture(b)));
      expect(await dir.getClient(`1-${b}`)).toEqual(ok(clientFixture(`1-${b}`, b)));
    });

    it('deletes an unknown pool without error', async () => {
      const dir = await make();
      expect(await dir.deletePool(ids().a)).toEqual(ok(undefined));
    });

    if (options.broken !== undefined) {
      describeBrokenBackend(
        options.broken,
        [
          ['getPool', (dir: PoolDirectory) => dir.getPool(ids().a)],
          ['getClient', (dir: PoolDirectory) => dir.getClient(`client-${ids().a}`)],
          ['putPool', (dir: PoolDirectory) => dir.putPool(poolFixture(ids().a))],
          ['deletePool', (dir: PoolDirectory) => dir.deletePool(ids().a)],
          [
            'putClient',
            (dir: PoolDirectory) => {
              const { a } = ids();
              return dir.putClient(clientFixture(`client-${a}`, a, { clientSecret: 'client-secret-value' }));
            },
          ],
          ['listPools', (dir: PoolDirectory) => dir.listPools()],
          ['listClients', (dir: PoolDirectory) => dir.listClients(ids().a)],
        ],
        ['client-secret-value'],
      );
    }
  });
}
