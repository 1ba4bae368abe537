/**
 * Cognito errors as plain data. `name` is the exact exception name Amazon Cognito puts in `__type`,
 * `message` its exact message (spec R1.5, D1), `$fault` says whose fault it is, as in the AWS SDK v3.
 *
 * @module
 */

/**
 * Every exception name this library can answer with.
 *
 * @group Errors
 */
export type CognitoErrorName =
  | 'AliasExistsException'
  | 'CodeDeliveryFailureException'
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'ForbiddenException'
  | 'InternalErrorException'
  | 'InvalidEmailRoleAccessPolicyException'
  | 'InvalidLambdaResponseException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'InvalidSmsRoleAccessPolicyException'
  | 'InvalidSmsRoleTrustRelationshipException'
  | 'LimitExceededException'
  | 'NotAuthorizedException'
  | 'PasswordHistoryPolicyViolationException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'TooManyFailedAttemptsException'
  | 'TooManyRequestsException'
  | 'UnexpectedLambdaException'
  | 'UnsupportedUserStateException'
  | 'UserLambdaValidationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException';

/**
 * A Cognito error: readonly data, never thrown.
 *
 * @typeParam N - the exception names this error can carry.
 * @group Errors
 */
export interface CognitoError<N extends CognitoErrorName = CognitoErrorName> {
  /** The exact Cognito exception name (the wire `__type`). */
  readonly name: N;
  /** `server` only for `InternalErrorException`; every other exception is the caller's. */
  readonly $fault: 'client' | 'server';
  /** The exact Cognito message (the wire `message`). */
  readonly message: string;
}

/**
 * Builds a {@link CognitoError}; `$fault` follows from the name.
 *
 * @example
 * ```ts
 * cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
 * ```
 * @group Errors
 */
export function cognitoError<N extends CognitoErrorName>(name: N, message: string): CognitoError<N> {
  return { name, $fault: name === 'InternalErrorException' ? 'server' : 'client', message };
}

/**
 * Tells whether a value is a {@link CognitoError} (used at the edges, where values are `unknown`).
 *
 * @group Errors
 */
export function isCognitoError(value: unknown): value is CognitoError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['message'] === 'string' && (v['$fault'] === 'client' || v['$fault'] === 'server');
}

/**
 * The exact messages of the spec, one place for every string the wire must reproduce.
 *
 * @group Errors
 */
export const messages = {
  /** R2.4 */
  clientNotFound: (clientId: string): string => `User pool client ${clientId} does not exist.`,
  /** R8.5, R4.2 */
  userNotFound: 'Username/client id combination not found.',
  /** D3 */
  secretMissing: (clientId: string): string => `Client ${clientId} is configured for secret but secret was not received`,
  /** R2.5 */
  secretMismatch: (clientId: string): string => `Unable to verify secret hash for client ${clientId}`,
  /** D2 */
  adminOnly: 'Contact administrator to reset password.',
  /** R4.2 */
  cannotResetInState: 'User password cannot be reset in the current state.',
  /** D5 */
  userDisabled: 'User is disabled.',
  /** R4.4 (AdminResetUserPassword, observed without the final period) */
  adminUserDisabled: 'User is disabled',
  /** R4.2, R5.6 */
  noVerifiedChannel: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
  /** D9, R7.8 */
  limitExceeded: 'Attempt limit exceeded, please try after some time.',
  /** D13 */
  noSmsConfiguration: 'User pool does not have SMS configuration to send messages.',
  /** D15 */
  deliveryFailed: 'Unable to deliver the code.',
  /** R7.5 */
  codeMismatch: 'Invalid verification code provided, please try again.',
  /** R7.5 */
  codeExpired: 'Invalid code provided, please request a code again.',
  /** Port failures reach the caller as this, with no detail. */
  internal: 'Internal server error.',
  /** Throttled port calls. */
  tooManyRequests: 'Too many requests',
  /** R1.4-style pool lookup failures. */
  poolNotFound: (poolId: string): string => `User pool ${poolId} does not exist.`,
  /** Directory operations. */
  usernameExists: 'User account already exists',
  /** D16 */
  lambdaInvalidResponse: 'Unrecognizable lambda output',
  /** R4.4: admin operations on an unknown user (moto, cognito-local). */
  adminUserNotFound: 'User does not exist.',
  /** R7.5: `PasswordHistoryPolicyViolationException`; the service's wording is unknown, this is the project's. */
  passwordHistoryViolation: 'Password has previously been used.',
} as const;

/**
 * A failure of a driven port (store, sender, hasher…). Use cases turn it into
 * `InternalErrorException`, or `TooManyRequestsException` when `throttled`; the `reason` is for logs
 * and never reaches the caller.
 *
 * @group Errors
 */
export interface PortFailure {
  /** Discriminant. */
  readonly kind: 'PortFailure';
  /** Which port failed (`UserStore`, `MessageSender`, …). */
  readonly port: string;
  /** A short description for logs; never contains a code, password or secret. */
  readonly reason: string;
  /** The backing service throttled the call. */
  readonly throttled: boolean;
}

/**
 * Builds a {@link PortFailure}.
 *
 * @group Errors
 */
export function portFailure(port: string, reason: string, throttled = false): PortFailure {
  return { kind: 'PortFailure', port, reason, throttled };
}

/**
 * Maps a {@link PortFailure} to the error the caller sees.
 *
 * @group Errors
 */
export function fromPortFailure(failure: PortFailure): CognitoError<'InternalErrorException' | 'TooManyRequestsException'> {
  return failure.throttled
    ? cognitoError('TooManyRequestsException', messages.tooManyRequests)
    : cognitoError('InternalErrorException', messages.internal);
}
