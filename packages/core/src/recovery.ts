/**
 * Every operation of the registry bound to one set of ports.
 *
 * @module
 */
import { OPERATIONS, type OperationOptions, type Recovery } from './operations.js';
import type { Ports } from './ports/index.js';

/**
 * Settings of a recovery that are not ports.
 *
 * @group Composition
 */
export interface RecoveryOptions {
  /** Region in pool ids and trigger events; default `us-east-1`. */
  readonly region?: string;
  /** Attempts per trigger invocation that fails to run or times out (R9.0.1); default 3, Cognito's rule. */
  readonly triggerAttempts?: number;
}

/**
 * Binds every operation of {@link OPERATIONS} to `ports`.
 *
 * @example
 * ```ts
 * const recovery = createRecovery(ports);
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * ```
 * @group Composition
 */
export function createRecovery(ports: Ports, options: RecoveryOptions = {}): Recovery {
  const resolved: OperationOptions = { region: options.region ?? 'us-east-1', triggerAttempts: options.triggerAttempts };
  const recovery: Record<string, unknown> = {};
  for (const operation of Object.values(OPERATIONS)) recovery[operation.method] = operation.make(ports, resolved);
  return recovery as Recovery;
}
