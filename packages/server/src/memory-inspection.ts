/**
 * The `/_local/*` view of a memory recovery: its outbox, its limits and codes to reset, its clock, and
 * its pools, clients and users for the banner and the console.
 *
 * @module
 */
import type { MemoryPorts } from '@cognito-recovery/adapters-memory';
import type { PoolDirectory, PortFailure, User, UserStore } from '@cognito-recovery/core';
import type { Result } from 'neverthrow';
import type { ClientView, DirectoryView, Inspection, PoolView, ResetScope, UserView } from './inspection.js';

/** Users read per store call while listing a pool. */
const PAGE = 60;

/**
 * The full inspection of a memory recovery: `GET /_local/outbox`, `POST /_local/reset` with every
 * scope (outbox, request and confirm-attempt windows, codes), `GET`/`POST /_local/clock` (moving the
 * clock only when it is manual, i.e. built without `realTime`), and the directory of `GET /_local/`.
 *
 * @example
 * ```ts
 * const recovery = createMemoryRecovery({ realTime: true });
 * await startServer({ operations: operationsOf(recovery), inspection: memoryInspection(recovery), port: 0 });
 * ```
 * @group Server
 */
export function memoryInspection(memory: Pick<MemoryPorts, 'outbox' | 'clock' | 'stores'>): Inspection {
  const { stores } = memory;
  return outboxAndClockInspection(
    memory,
    (scope) => {
      if (scope === 'limits' || scope === 'all') {
        stores.limiter.reset();
        stores.codes.resetAttempts();
      }
      if (scope === 'codes' || scope === 'all') stores.codes.resetCodes();
    },
    () => storeDirectory(stores),
  );
}

/**
 * The inspection of the memory outbox and clock, with the state's own reset of limits and codes (the
 * outbox is cleared first, for `outbox` and `all`) and its directory. @internal
 */
export function outboxAndClockInspection(
  memory: Pick<MemoryPorts, 'outbox' | 'clock'>,
  resetState: (scope: ResetScope) => void | Promise<void>,
  directory: () => Promise<DirectoryView>,
): Inspection {
  const { outbox, clock } = memory;
  return {
    messages: () => outbox.messages(),
    clear: () => {
      outbox.clear();
    },
    reset: (scope: ResetScope) => {
      if (scope === 'outbox' || scope === 'all') outbox.clear();
      return resetState(scope);
    },
    clock: {
      mode: clock.realTime ? 'real' : 'manual',
      now: () => clock.now(),
      advanceBy: (ms) => {
        clock.advanceBy(ms);
      },
      set: (ms) => {
        clock.set(ms);
      },
    },
    directory,
  };
}

/** The pools, clients and users of any pool directory and user store, as the console lists them. @internal */
export async function storeDirectory(stores: { readonly pools: PoolDirectory; readonly users: UserStore }): Promise<DirectoryView> {
  const pools: PoolView[] = [];
  for (const pool of unwrap(await stores.pools.listPools())) {
    const clients: ClientView[] = unwrap(await stores.pools.listClients(pool.id)).map((client) => ({
      id: client.clientId,
      name: client.clientName,
      secret: client.clientSecret,
      preventUserExistenceErrors: client.preventUserExistenceErrors,
    }));
    const users: UserView[] = [];
    let after: string | undefined;
    do {
      const page = unwrap(await stores.users.list(pool.id, PAGE, after));
      for (const user of page.users) users.push(userView(user));
      after = page.next;
    } while (after !== undefined);
    pools.push({ id: pool.id, name: pool.name, clients, users });
  }
  return { pools };
}

function userView(user: User): UserView {
  const attributes = Object.entries(user.attributes)
    .filter(([name]) => name !== 'sub' && !name.endsWith('_verified'))
    .map(([name, value]) => {
      const flag = user.attributes[`${name}_verified`];
      return flag === undefined ? { name, value } : { name, value, verified: flag === 'true' };
    });
  return { username: user.username, status: user.status, enabled: user.enabled, attributes };
}

function unwrap<T>(result: Result<T, PortFailure>): T {
  if (result.isErr()) throw new Error(`the store failed: ${result.error.reason}`);
  return result.value;
}
