/**
 * The seam between the command and the core: configuration in, operations out.
 *
 * @module
 */
import type { ServerConfig } from './config.js';
import type { Inspection } from './inspection.js';
import type { OperationTable } from './operation.js';

/**
 * What the server needs from a composition of the core and its adapters.
 *
 * @group Server
 */
export interface Composition {
  /** The operations to serve. */
  readonly operations: OperationTable;
  /** The outbox the `/_local/*` routes read; `undefined` turns them off. */
  readonly inspection: Inspection | undefined;
}

/**
 * Builds the operations the `cognito-recovery serve` command serves from a validated configuration.
 *
 * @example
 * ```ts
 * const { operations, inspection } = await buildOperations(config);
 * await startServer({ operations, inspection });
 * ```
 * @group Server
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- TODO(core): the stub ignores the configuration
export function buildOperations(config: ServerConfig): Promise<Composition> {
  // TODO(core): compose the memory adapters and the core use cases here, e.g.
  //   const recovery = createMemoryRecovery(/* pools, clients, users and trigger modules from config */);
  //   return { operations: { ForgotPassword: recovery.forgotPassword, ConfirmForgotPassword: …, … },
  //            inspection: { messages: () => recovery.outbox.messages(), clear: () => recovery.outbox.clear() } };
  // Until then the server answers UnknownOperationException for every operation.
  return Promise.resolve({ operations: {}, inspection: undefined });
}
