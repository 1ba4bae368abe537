/**
 * The operation registry: every operation of the model, by its Cognito name, with the factory that
 * builds it from ports and the input shape it validates. `Recovery`, `createRecovery`, the server's
 * operation table, the fuzz suites and the docs' list of served operations are all derived from it,
 * so adding an operation means its use-case file, its test and one entry here.
 *
 * @module
 */
import type { ResultAsync } from 'neverthrow';
import type { CognitoError } from './errors.js';
import type { Ports } from './ports/index.js';
import type { Member } from './rules/input-constraints.js';
import { ADMIN_CONFIRM_SIGN_UP_INPUT, adminConfirmSignUp } from './use-cases/admin-confirm-sign-up.js';
import { ADMIN_CREATE_USER_INPUT, adminCreateUser } from './use-cases/admin-create-user.js';
import { adminDeleteUser } from './use-cases/admin-delete-user.js';
import { adminDisableUser } from './use-cases/admin-disable-user.js';
import { adminEnableUser } from './use-cases/admin-enable-user.js';
import { adminGetUser } from './use-cases/admin-get-user.js';
import { ADMIN_USER_INPUT } from './use-cases/admin-user-request.js';
import { ADMIN_RESET_USER_PASSWORD_INPUT, adminResetUserPassword } from './use-cases/admin-reset-user-password.js';
import { ADMIN_SET_USER_MFA_PREFERENCE_INPUT, adminSetUserMfaPreference } from './use-cases/admin-set-user-mfa-preference.js';
import { ADMIN_SET_USER_PASSWORD_INPUT, adminSetUserPassword } from './use-cases/admin-set-user-password.js';
import { ADMIN_UPDATE_USER_ATTRIBUTES_INPUT, adminUpdateUserAttributes } from './use-cases/admin-update-user-attributes.js';
import { CONFIRM_FORGOT_PASSWORD_INPUT, confirmForgotPassword } from './use-cases/confirm-forgot-password.js';
import { CREATE_USER_POOL_CLIENT_INPUT, createUserPoolClient } from './use-cases/create-user-pool-client.js';
import { CREATE_USER_POOL_INPUT, createUserPool } from './use-cases/create-user-pool.js';
import { DELETE_USER_POOL_INPUT, deleteUserPool } from './use-cases/delete-user-pool.js';
import { DESCRIBE_USER_POOL_CLIENT_INPUT, describeUserPoolClient } from './use-cases/describe-user-pool-client.js';
import { DESCRIBE_USER_POOL_INPUT, describeUserPool } from './use-cases/describe-user-pool.js';
import { FORGOT_PASSWORD_INPUT, forgotPassword } from './use-cases/forgot-password.js';
import { LIST_USER_POOL_CLIENTS_INPUT, listUserPoolClients } from './use-cases/list-user-pool-clients.js';
import { LIST_USER_POOLS_INPUT, listUserPools } from './use-cases/list-user-pools.js';
import { LIST_USERS_INPUT, listUsers } from './use-cases/list-users.js';
import { SIGN_UP_INPUT, signUp } from './use-cases/sign-up.js';
import { VERIFY_USER_PASSWORD_INPUT, verifyUserPassword } from './use-cases/verify-user-password.js';
import { INITIATE_AUTH_INPUT, initiateAuth } from './use-cases/initiate-auth.js';
import { ADMIN_INITIATE_AUTH_INPUT, adminInitiateAuth } from './use-cases/admin-initiate-auth.js';
import { RESPOND_TO_AUTH_CHALLENGE_INPUT, respondToAuthChallenge } from './use-cases/respond-to-auth-challenge.js';
import { ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT, adminRespondToAuthChallenge } from './use-cases/admin-respond-to-auth-challenge.js';
import { ACCESS_TOKEN_INPUT } from './use-cases/access-token-request.js';
import { getUser } from './use-cases/get-user.js';
import { CHANGE_PASSWORD_INPUT, changePassword } from './use-cases/change-password.js';
import { globalSignOut } from './use-cases/global-sign-out.js';
import { adminUserGlobalSignOut } from './use-cases/admin-user-global-sign-out.js';
import { REVOKE_TOKEN_INPUT, revokeToken } from './use-cases/revoke-token.js';
import { GET_TOKENS_FROM_REFRESH_TOKEN_INPUT, getTokensFromRefreshToken } from './use-cases/get-tokens-from-refresh-token.js';
import { CONFIRM_SIGN_UP_INPUT, confirmSignUp } from './use-cases/confirm-sign-up.js';
import { RESEND_CONFIRMATION_CODE_INPUT, resendConfirmationCode } from './use-cases/resend-confirmation-code.js';
import { GET_USER_ATTRIBUTE_VERIFICATION_CODE_INPUT, getUserAttributeVerificationCode } from './use-cases/get-user-attribute-verification-code.js';
import { VERIFY_USER_ATTRIBUTE_INPUT, verifyUserAttribute } from './use-cases/verify-user-attribute.js';
import { UPDATE_USER_ATTRIBUTES_INPUT, updateUserAttributes } from './use-cases/update-user-attributes.js';

/**
 * The settings every operation factory receives (resolved from `RecoveryOptions`).
 *
 * @group Composition
 */
export interface OperationOptions {
  /** Region in generated pool ids and trigger events. */
  readonly region: string;
  /** Attempts per trigger invocation that fails to run or times out (R9.0.1); `undefined` is Cognito's 3. */
  readonly triggerAttempts?: number | undefined;
  /** D34: the base of the tokens' `iss`; `undefined` is Cognito's `https://cognito-idp.<region>.amazonaws.com`. */
  readonly issuerBaseUrl?: string | undefined;
}

/**
 * One entry of {@link OPERATIONS}.
 *
 * @group Composition
 */
export interface OperationEntry<Method extends string = string, Input = never, Output = unknown, Error extends CognitoError = CognitoError> {
  /** The name of the operation on a `Recovery` (the Cognito name in camelCase). */
  readonly method: Method;
  /** The input members the operation validates (R1.7); the fuzz suites generate requests from them. */
  readonly input: Readonly<Record<string, Member>>;
  /** `true` when the operation is a Cognito API operation the server serves; `false` for the model's own helpers. */
  readonly wire: boolean;
  /** Binds the operation to ports. */
  readonly make: (ports: Ports, options: OperationOptions) => (input: Input) => ResultAsync<Output, Error>;
}

function entry<const Method extends string, Input, Output, Error extends CognitoError>(
  method: Method,
  input: Readonly<Record<string, Member>>,
  make: (ports: Ports, options: OperationOptions) => (input: Input) => ResultAsync<Output, Error>,
  wire = true,
): OperationEntry<Method, Input, Output, Error> {
  return { method, input, wire, make };
}

/**
 * Every operation of the model by its Cognito name: the one list the rest is derived from.
 *
 * @example
 * ```ts
 * for (const [name, { wire }] of Object.entries(OPERATIONS)) if (wire) console.log(name);
 * // ForgotPassword, ConfirmForgotPassword, AdminResetUserPassword, …
 * ```
 * @group Composition
 */
export const OPERATIONS = {
  ForgotPassword: entry('forgotPassword', FORGOT_PASSWORD_INPUT, (ports, o) => forgotPassword(ports, o)),
  ConfirmForgotPassword: entry('confirmForgotPassword', CONFIRM_FORGOT_PASSWORD_INPUT, (ports, o) => confirmForgotPassword(ports, o)),
  AdminResetUserPassword: entry('adminResetUserPassword', ADMIN_RESET_USER_PASSWORD_INPUT, (ports, o) => adminResetUserPassword(ports, o)),
  CreateUserPool: entry('createUserPool', CREATE_USER_POOL_INPUT, (ports, o) => createUserPool(ports, o)),
  DescribeUserPool: entry('describeUserPool', DESCRIBE_USER_POOL_INPUT, (ports) => describeUserPool(ports)),
  DeleteUserPool: entry('deleteUserPool', DELETE_USER_POOL_INPUT, (ports) => deleteUserPool(ports)),
  ListUserPools: entry('listUserPools', LIST_USER_POOLS_INPUT, (ports) => listUserPools(ports)),
  CreateUserPoolClient: entry('createUserPoolClient', CREATE_USER_POOL_CLIENT_INPUT, (ports) => createUserPoolClient(ports)),
  DescribeUserPoolClient: entry('describeUserPoolClient', DESCRIBE_USER_POOL_CLIENT_INPUT, (ports) => describeUserPoolClient(ports)),
  ListUserPoolClients: entry('listUserPoolClients', LIST_USER_POOL_CLIENTS_INPUT, (ports) => listUserPoolClients(ports)),
  AdminCreateUser: entry('adminCreateUser', ADMIN_CREATE_USER_INPUT, (ports, o) => adminCreateUser(ports, o)),
  SignUp: entry('signUp', SIGN_UP_INPUT, (ports, o) => signUp(ports, o)),
  ConfirmSignUp: entry('confirmSignUp', CONFIRM_SIGN_UP_INPUT, (ports, o) => confirmSignUp(ports, o)),
  ResendConfirmationCode: entry('resendConfirmationCode', RESEND_CONFIRMATION_CODE_INPUT, (ports, o) => resendConfirmationCode(ports, o)),
  AdminConfirmSignUp: entry('adminConfirmSignUp', ADMIN_CONFIRM_SIGN_UP_INPUT, (ports, o) => adminConfirmSignUp(ports, o)),
  GetUserAttributeVerificationCode: entry('getUserAttributeVerificationCode', GET_USER_ATTRIBUTE_VERIFICATION_CODE_INPUT, (ports, o) =>
    getUserAttributeVerificationCode(ports, o),
  ),
  VerifyUserAttribute: entry('verifyUserAttribute', VERIFY_USER_ATTRIBUTE_INPUT, (ports, o) => verifyUserAttribute(ports, o)),
  UpdateUserAttributes: entry('updateUserAttributes', UPDATE_USER_ATTRIBUTES_INPUT, (ports, o) => updateUserAttributes(ports, o)),
  AdminSetUserPassword: entry('adminSetUserPassword', ADMIN_SET_USER_PASSWORD_INPUT, (ports) => adminSetUserPassword(ports)),
  AdminUpdateUserAttributes: entry('adminUpdateUserAttributes', ADMIN_UPDATE_USER_ATTRIBUTES_INPUT, (ports, o) => adminUpdateUserAttributes(ports, o)),
  AdminGetUser: entry('adminGetUser', ADMIN_USER_INPUT, (ports) => adminGetUser(ports)),
  AdminDisableUser: entry('adminDisableUser', ADMIN_USER_INPUT, (ports) => adminDisableUser(ports)),
  AdminEnableUser: entry('adminEnableUser', ADMIN_USER_INPUT, (ports) => adminEnableUser(ports)),
  AdminDeleteUser: entry('adminDeleteUser', ADMIN_USER_INPUT, (ports) => adminDeleteUser(ports)),
  ListUsers: entry('listUsers', LIST_USERS_INPUT, (ports) => listUsers(ports)),
  AdminSetUserMFAPreference: entry('adminSetUserMfaPreference', ADMIN_SET_USER_MFA_PREFERENCE_INPUT, (ports) => adminSetUserMfaPreference(ports)),
  GetUser: entry('getUser', ACCESS_TOKEN_INPUT, (ports, o) => getUser(ports, o)),
  ChangePassword: entry('changePassword', CHANGE_PASSWORD_INPUT, (ports, o) => changePassword(ports, o)),
  GlobalSignOut: entry('globalSignOut', ACCESS_TOKEN_INPUT, (ports, o) => globalSignOut(ports, o)),
  AdminUserGlobalSignOut: entry('adminUserGlobalSignOut', ADMIN_USER_INPUT, (ports) => adminUserGlobalSignOut(ports)),
  RevokeToken: entry('revokeToken', REVOKE_TOKEN_INPUT, (ports) => revokeToken(ports)),
  GetTokensFromRefreshToken: entry('getTokensFromRefreshToken', GET_TOKENS_FROM_REFRESH_TOKEN_INPUT, (ports, o) => getTokensFromRefreshToken(ports, o)),
  InitiateAuth: entry('initiateAuth', INITIATE_AUTH_INPUT, (ports, o) => initiateAuth(ports, o)),
  AdminInitiateAuth: entry('adminInitiateAuth', ADMIN_INITIATE_AUTH_INPUT, (ports, o) => adminInitiateAuth(ports, o)),
  RespondToAuthChallenge: entry('respondToAuthChallenge', RESPOND_TO_AUTH_CHALLENGE_INPUT, (ports, o) => respondToAuthChallenge(ports, o)),
  AdminRespondToAuthChallenge: entry('adminRespondToAuthChallenge', ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT, (ports, o) => adminRespondToAuthChallenge(ports, o)),
  /** Not a Cognito operation: checks a password (for tests and embedders). */
  VerifyUserPassword: entry('verifyUserPassword', VERIFY_USER_PASSWORD_INPUT, (ports) => verifyUserPassword(ports), false),
} as const;

/**
 * The Cognito name of an operation of the registry (`ForgotPassword`, …).
 *
 * @group Composition
 */
export type OperationName = keyof typeof OPERATIONS;

/**
 * The names of the operations the server serves (`wire: true`).
 *
 * @example
 * ```ts
 * wireOperationNames(); // ['ForgotPassword', 'ConfirmForgotPassword', …]
 * ```
 * @group Composition
 */
export function wireOperationNames(): OperationName[] {
  return (Object.keys(OPERATIONS) as OperationName[]).filter((name) => OPERATIONS[name].wire);
}

/**
 * The function an operation of the registry is bound to: `(input) => ResultAsync<output, error>`.
 *
 * @example
 * ```ts
 * const forgot: BoundOperation<'ForgotPassword'> = createRecovery(ports).forgotPassword;
 * ```
 * @group Composition
 */
export type BoundOperation<N extends OperationName> = ReturnType<(typeof OPERATIONS)[N]['make']>;

/**
 * The input type of an operation of the registry.
 *
 * @group Composition
 */
export type OperationInput<N extends OperationName> = Parameters<BoundOperation<N>>[0];

/**
 * The output type of an operation of the registry.
 *
 * @group Composition
 */
export type OperationOutput<N extends OperationName> = BoundOperation<N> extends (input: never) => ResultAsync<infer O, CognitoError> ? O : never;

/**
 * The error union of an operation of the registry.
 *
 * @group Composition
 */
export type OperationError<N extends OperationName> = BoundOperation<N> extends (input: never) => ResultAsync<unknown, infer E> ? E : never;

/**
 * The operations of a recovery, each `(input) => ResultAsync<output, error>`, named after the Cognito
 * operation in camelCase (`forgotPassword`, `adminSetUserMfaPreference`, …): one member per entry of
 * {@link OPERATIONS}.
 *
 * @group Composition
 */
export type Recovery = { readonly [N in OperationName as (typeof OPERATIONS)[N]['method']]: BoundOperation<N> };
