/**
 * Every use case bound to one set of ports.
 *
 * @module
 */
import type { Ports } from './ports/index.js';
import { adminResetUserPassword } from './use-cases/admin-reset-user-password.js';
import { confirmForgotPassword } from './use-cases/confirm-forgot-password.js';
import { forgotPassword } from './use-cases/forgot-password.js';
import { verifyUserPassword } from './use-cases/verify-user-password.js';

/**
 * The operations of a recovery, each `(input) => ResultAsync<output, error>`, named after the Cognito
 * operation in camelCase.
 *
 * @group Composition
 */
export interface Recovery {
  /** `ForgotPassword`. */
  readonly forgotPassword: ReturnType<typeof forgotPassword>;
  /** `ConfirmForgotPassword`. */
  readonly confirmForgotPassword: ReturnType<typeof confirmForgotPassword>;
  /** `AdminResetUserPassword`. */
  readonly adminResetUserPassword: ReturnType<typeof adminResetUserPassword>;
  /** Not a Cognito operation: checks a password (for tests and embedders). */
  readonly verifyUserPassword: ReturnType<typeof verifyUserPassword>;
}

/**
 * Settings of a recovery that are not ports.
 *
 * @group Composition
 */
export interface RecoveryOptions {
  /** Region in pool ids and trigger events; default `us-east-1`. */
  readonly region?: string;
}

/**
 * Binds every use case to `ports`.
 *
 * @example
 * ```ts
 * const recovery = createRecovery(ports);
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * ```
 * @group Composition
 */
export function createRecovery(ports: Ports, options: RecoveryOptions = {}): Recovery {
  const region = options.region ?? 'us-east-1';
  void region;
  return {
    forgotPassword: forgotPassword(ports),
    confirmForgotPassword: confirmForgotPassword(ports),
    adminResetUserPassword: adminResetUserPassword(ports),
    verifyUserPassword: verifyUserPassword(ports),
  };
}
