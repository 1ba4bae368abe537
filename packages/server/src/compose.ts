/**
 * The seam between the server and the core: a recovery in, the wire operation table out.
 *
 * @module
 */
import type { MemoryPorts } from '@cognito-recovery/adapters-memory';
import { OPERATIONS, wireOperationNames, type CognitoError, type Recovery } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import type { Inspection } from './inspection.js';
import type { Operation, OperationTable } from './operation.js';
import type { WellKnown } from './well-known.js';

/**
 * What the server needs from a composition of the core and its adapters.
 *
 * @example
 * ```ts
 * const composition: Composition = { operations: operationsOf(recovery), inspection: memoryInspection(recovery) };
 * ```
 * @group Server
 */
export interface Composition {
  /** The operations to serve. */
  readonly operations: OperationTable;
  /** What the `/_local/*` routes read, reset and move; `undefined` turns them off. */
  readonly inspection: Inspection | undefined;
  /** The pools' issuers and token keys, for the `/.well-known/*` documents (D48); `undefined`: not served. */
  readonly wellKnown?: WellKnown | undefined;
  /** Where the state lives when it outlives the process (the absolute `--data-dir`); `undefined`: in memory. */
  readonly dataDir?: string | undefined;
  /** Lines about how the composition was set up (pools of the configuration that were already there, or skipped). */
  readonly notes?: readonly string[] | undefined;
  /** Releases what the composition holds (closes a database); called once the server has stopped. */
  close?(): Promise<void>;
}

/**
 * The wire operation table of a {@link Recovery}: every Cognito operation of the core's registry
 * (`OPERATIONS` entries with `wire: true`), by its wire name. Inputs are whatever JSON the client sent;
 * each use case validates its own (R1.7).
 *
 * @example
 * ```ts
 * const operations = operationsOf(createMemoryRecovery());
 * await startServer({ operations });
 * ```
 * @group Server
 */
export function operationsOf(recovery: Recovery): OperationTable {
  const bound = recovery as unknown as Readonly<Record<string, (input: never) => ResultAsync<unknown, CognitoError>>>;
  const table: Record<string, Operation> = {};
  for (const name of wireOperationNames()) {
    const run = bound[OPERATIONS[name].method];
    // Each use case validates its own input (R1.7), so any JSON may be handed over.
    if (run !== undefined) table[name] = (input) => run(input as never);
  }
  return table;
}

/**
 * The outbox of a memory recovery as the `/_local/*` routes read it: `POST /_local/reset` clears the
 * outbox only. {@link memoryInspection} also resets limits and codes, shows the clock and the console.
 *
 * @example
 * ```ts
 * await startServer({ operations: operationsOf(recovery), inspection: outboxInspection(recovery), port: 0 });
 * ```
 * @group Server
 */
export function outboxInspection(memory: Pick<MemoryPorts, 'outbox'>): Inspection {
  return {
    messages: () => memory.outbox.messages(),
    clear: () => {
      memory.outbox.clear();
    },
  };
}
