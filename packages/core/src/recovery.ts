/**
 * Every operation of the registry bound to one set of ports.
 *
 * @module
 */
import { OPERATIONS, type OperationOptions, type Recovery } from './operations.js';
import { guardPorts, type PortFailureHook } from './port-guard.js';
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
  /**
   * D34: the base of the tokens' `iss` (`<issuerBaseUrl>/<poolId>`), for apps that fetch the JWKS from
   * a local endpoint; default Cognito's own form, `https://cognito-idp.<region>.amazonaws.com/<poolId>`
   * (what `aws-jwt-verify` expects).
   */
  readonly issuerBaseUrl?: string | undefined;
  /**
   * Called with every `PortFailure` a use case meets, and the port and method that answered it: the
   * caller only sees `InternalErrorException` (or `TooManyRequestsException`), so this is where a
   * broken adapter becomes visible (log it, count it). The failure's `reason` is the adapter's, or
   * for a port that threw or rejected the error's class name and code; it never carries the call's
   * arguments. Called synchronously; what it throws is ignored.
   */
  readonly onPortFailure?: PortFailureHook | undefined;
}

/**
 * Binds every operation of {@link OPERATIONS} to `ports`. Every Result-returning port is guarded on
 * the way: a port method that throws, rejects (a `ResultAsync` over a rejecting promise), or answers
 * something other than a Result becomes a `PortFailure` (`InternalErrorException` for the caller; for
 * the trigger invoker an `InvocationFailed`), so no operation throws or rejects because of an
 * adapter. Every `PortFailure` goes to `options.onPortFailure`. (`clock` and `random` are synchronous
 * and must not throw.)
 *
 * @example
 * ```ts
 * const recovery = createRecovery(ports, {
 *   onPortFailure: (failure, { port, method }) => logger.warn({ port, method, reason: failure.reason }, 'port failure'),
 * });
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * ```
 * @group Composition
 */
export function createRecovery(ports: Ports, options: RecoveryOptions = {}): Recovery {
  const resolved: OperationOptions = { region: options.region ?? 'us-east-1', triggerAttempts: options.triggerAttempts, issuerBaseUrl: options.issuerBaseUrl };
  const guarded = guardPorts(ports, options.onPortFailure);
  const recovery: Record<string, unknown> = {};
  for (const operation of Object.values(OPERATIONS)) recovery[operation.method] = operation.make(guarded, resolved);
  return recovery as Recovery;
}
