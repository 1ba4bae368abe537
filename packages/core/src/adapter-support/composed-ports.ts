/**
 * What every adapter's composition answers.
 *
 * @module
 */
import type { AttemptLimiter } from '../ports/attempt-limiter.js';
import type { Ports } from '../ports/index.js';
import type { PoolDirectory } from '../ports/pool-directory.js';
import type { RecoveryCodeStore } from '../ports/recovery-code-store.js';
import type { UserStore } from '../ports/user-store.js';

/**
 * The ports an adapter's `create…Ports` builds, with typed handles on the stores behind them (for
 * assertions and for the adapter's own extras).
 *
 * @example
 * ```ts
 * const { ports, stores }: ComposedPorts<PoolDirectory, UserStore, RecoveryCodeStore, AttemptLimiter> = createMemoryPorts();
 * ```
 * @group Composition
 */
export interface ComposedPorts<
  Pools extends PoolDirectory = PoolDirectory,
  Users extends UserStore = UserStore,
  Codes extends RecoveryCodeStore = RecoveryCodeStore,
  Limiter extends AttemptLimiter = AttemptLimiter,
> {
  /** All ports, for `createRecovery` or a single use case. */
  readonly ports: Ports;
  /** The stores behind the ports. */
  readonly stores: {
    /** Pools and clients (behind a per-process cache in the AWS and PostgreSQL compositions). */
    readonly pools: Pools;
    /** Users. */
    readonly users: Users;
    /** Codes. */
    readonly codes: Codes;
    /** Limits. */
    readonly limiter: Limiter;
  };
}
