/**
 * Every use case bound to one set of ports.
 *
 * @module
 */
import type { Ports } from './ports/index.js';
import { createUserPool } from './use-cases/create-user-pool.js';
import { describeUserPool } from './use-cases/describe-user-pool.js';
import { deleteUserPool } from './use-cases/delete-user-pool.js';
import { listUserPools } from './use-cases/list-user-pools.js';
import { createUserPoolClient } from './use-cases/create-user-pool-client.js';
import { describeUserPoolClient } from './use-cases/describe-user-pool-client.js';
import { listUserPoolClients } from './use-cases/list-user-pool-clients.js';
import { adminCreateUser } from './use-cases/admin-create-user.js';
import { signUp } from './use-cases/sign-up.js';
import { adminConfirmSignUp } from './use-cases/admin-confirm-sign-up.js';
import { adminSetUserPassword } from './use-cases/admin-set-user-password.js';
import { adminUpdateUserAttributes } from './use-cases/admin-update-user-attributes.js';
import { adminGetUser } from './use-cases/admin-get-user.js';
import { adminDisableUser } from './use-cases/admin-disable-user.js';
import { adminEnableUser } from './use-cases/admin-enable-user.js';
import { adminDeleteUser } from './use-cases/admin-delete-user.js';
import { listUsers } from './use-cases/list-users.js';
import { adminSetUserMfaPreference } from './use-cases/admin-set-user-mfa-preference.js';
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
  /** `CreateUserPool`. */
  readonly createUserPool: ReturnType<typeof createUserPool>;
  /** `DescribeUserPool`. */
  readonly describeUserPool: ReturnType<typeof describeUserPool>;
  /** `DeleteUserPool`. */
  readonly deleteUserPool: ReturnType<typeof deleteUserPool>;
  /** `ListUserPools`. */
  readonly listUserPools: ReturnType<typeof listUserPools>;
  /** `CreateUserPoolClient`. */
  readonly createUserPoolClient: ReturnType<typeof createUserPoolClient>;
  /** `DescribeUserPoolClient`. */
  readonly describeUserPoolClient: ReturnType<typeof describeUserPoolClient>;
  /** `ListUserPoolClients`. */
  readonly listUserPoolClients: ReturnType<typeof listUserPoolClients>;
  /** `AdminCreateUser`. */
  readonly adminCreateUser: ReturnType<typeof adminCreateUser>;
  /** `SignUp`. */
  readonly signUp: ReturnType<typeof signUp>;
  /** `AdminConfirmSignUp`. */
  readonly adminConfirmSignUp: ReturnType<typeof adminConfirmSignUp>;
  /** `AdminSetUserPassword`. */
  readonly adminSetUserPassword: ReturnType<typeof adminSetUserPassword>;
  /** `AdminUpdateUserAttributes`. */
  readonly adminUpdateUserAttributes: ReturnType<typeof adminUpdateUserAttributes>;
  /** `AdminGetUser`. */
  readonly adminGetUser: ReturnType<typeof adminGetUser>;
  /** `AdminDisableUser`. */
  readonly adminDisableUser: ReturnType<typeof adminDisableUser>;
  /** `AdminEnableUser`. */
  readonly adminEnableUser: ReturnType<typeof adminEnableUser>;
  /** `AdminDeleteUser`. */
  readonly adminDeleteUser: ReturnType<typeof adminDeleteUser>;
  /** `ListUsers`. */
  readonly listUsers: ReturnType<typeof listUsers>;
  /** `AdminSetUserMFAPreference`. */
  readonly adminSetUserMfaPreference: ReturnType<typeof adminSetUserMfaPreference>;
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
  /** Attempts per trigger invocation that fails to run or times out (R9.0.1); default 3, Cognito's rule. */
  readonly triggerAttempts?: number;
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
  return {
    forgotPassword: forgotPassword(ports, { triggerAttempts: options.triggerAttempts }),
    confirmForgotPassword: confirmForgotPassword(ports, { triggerAttempts: options.triggerAttempts }),
    adminResetUserPassword: adminResetUserPassword(ports, { triggerAttempts: options.triggerAttempts }),
    verifyUserPassword: verifyUserPassword(ports),
    createUserPool: createUserPool(ports, { region }),
    describeUserPool: describeUserPool(ports),
    deleteUserPool: deleteUserPool(ports),
    listUserPools: listUserPools(ports),
    createUserPoolClient: createUserPoolClient(ports),
    describeUserPoolClient: describeUserPoolClient(ports),
    listUserPoolClients: listUserPoolClients(ports),
    adminCreateUser: adminCreateUser(ports),
    signUp: signUp(ports),
    adminConfirmSignUp: adminConfirmSignUp(ports),
    adminSetUserPassword: adminSetUserPassword(ports),
    adminUpdateUserAttributes: adminUpdateUserAttributes(ports),
    adminGetUser: adminGetUser(ports),
    adminDisableUser: adminDisableUser(ports),
    adminEnableUser: adminEnableUser(ports),
    adminDeleteUser: adminDeleteUser(ports),
    listUsers: listUsers(ports),
    adminSetUserMfaPreference: adminSetUserMfaPreference(ports),
  };
}
