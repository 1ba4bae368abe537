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
  | 'PasswordResetRequiredException'
  | 'RefreshTokenReuseException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'TooManyFailedAttemptsException'
  | 'TooManyRequestsException'
  | 'UnauthorizedException'
  | 'UnexpectedLambdaException'
  | 'UnsupportedOperationException'
  | 'UnsupportedTokenTypeException'
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
  /** R7.6: the prefix of `InvalidPasswordException` in user operations (`ConfirmForgotPassword`, `SignUp`). */
  passwordPolicyUser: 'Password does not conform to policy: ',
  /** R7.6: the prefix of `InvalidPasswordException` in administrator operations. */
  passwordPolicyAdmin: 'Password did not conform with password policy: ',
  /** R7.6: a leading or trailing blank. */
  passwordBlankEnds: 'Password must satisfy regular expression pattern: ^\\S.*\\S$',
  /** R7.6 */
  passwordTooShort: 'Password not long enough',
  /** R7.6 */
  passwordNeedsUppercase: 'Password must have uppercase characters',
  /** R7.6 */
  passwordNeedsLowercase: 'Password must have lowercase characters',
  /** R7.6 */
  passwordNeedsNumbers: 'Password must have numeric characters',
  /** R7.6 */
  passwordNeedsSymbols: 'Password must have symbol characters',
  /** R1.7: a request that is not a JSON object (`SerializationException`). */
  bodyNotObject: 'The request body must be a JSON object.',
  /** SignUp's `UsernameExistsException` (user operations word it differently from administrator ones). */
  signUpUserExists: 'User already exists',
  /** R3.2, R3.3: an alias or username attribute another user holds (`AliasExistsException` / `UsernameExistsException`). */
  aliasExists: (attribute: string): string => `An account with the given ${attribute} already exists.`,
  /** Writing `sub`. */
  subImmutable: 'Cannot modify the non-mutable attribute sub',
  /** An attribute outside the schema (standard or `custom:*`). */
  attributeNotInSchema: (name: string): string => `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
  /** A malformed `email`. */
  invalidEmail: 'Invalid email address format.',
  /** A malformed `phone_number`. */
  invalidPhone: 'Invalid phone number format.',
  /** `email_verified` / `phone_number_verified` other than `"true"` or `"false"`. */
  invalidVerifiedFlag: (name: string): string => `Invalid value for ${name}: expected "true" or "false".`,
  /** R3.3, R23.2: a new user of a pool whose username attributes are email and phone_number needs one of them as username. */
  usernameNotEmailOrPhone: 'Username should be either an email or a phone number.',
  /** R23.2: a new user of a pool whose only username attribute is email needs an email as username. */
  usernameNotEmail: 'Username should be an email.',
  /** R23.2: a new user of a pool whose only username attribute is phone_number needs a phone number as username. */
  usernameNotPhone: 'Username should be a phone number.',
  /** R3.2: an email-shaped username in a pool with email as alias. */
  usernameIsEmail: 'Username cannot be of email format, since user pool is configured for email alias.',
  /** R3.2: a phone-shaped username in a pool with phone_number as alias. */
  usernameIsPhone: 'Username cannot be of phone number format, since user pool is configured for phone_number alias.',
  /** AdminCreateUser `RESEND` for a user that is not `FORCE_CHANGE_PASSWORD`. */
  resendNotPossible: (username: string): string => `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD.`,
  /** AdminConfirmSignUp for a user that is not `UNCONFIRMED`. */
  cannotConfirm: (status: string): string => `User cannot be confirmed. Current status is ${status}`,
  /** AdminSetUserMFAPreference: activating a method the user has no address for (`SMS_MFA`, `EMAIL_OTP`). */
  noMfaDeliveryConfig: (method: string): string => `User does not have delivery config set to turn on ${method}`,
  /** ListUsers: a `Filter` that does not parse. */
  filterUnparsable: 'Error while parsing filter.',
  /** ListUsers: a `Filter` on an attribute that cannot be searched. */
  filterAttribute: (attribute: string): string => `Invalid search attribute: ${attribute}`,
  /** The list operations: a token that names nothing. */
  invalidPaginationToken: 'Invalid pagination token.',
  /** CreateUserPool with a fixed `Id` in use. */
  poolExists: (poolId: string): string => `User pool ${poolId} already exists.`,
  /** CreateUserPoolClient with a fixed `ClientId` in use. */
  clientExists: (clientId: string): string => `User pool client ${clientId} already exists.`,
  /** R5.1 */
  recoveryMechanismsMissing: 'AccountRecoverySetting must have at least one recovery mechanism.',
  /** R5.1 */
  recoveryPrioritiesDuplicate: 'AccountRecoverySetting has duplicate priorities: each recovery mechanism needs its own priority.',
  /** R5.1 */
  recoveryMechanismsDuplicate: 'AccountRecoverySetting has duplicate recovery mechanisms.',
  /** R5.5 */
  adminOnlyCombined: 'admin_only cannot be combined with another recovery mechanism.',
  /** §9.3: custom senders need a KMS key. */
  kmsKeyRequired: 'KMSKeyID is required when CustomEmailSender or CustomSMSSender is configured.',
  /** R3.2, R3.3 */
  aliasAndUsernameAttributes: 'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
  /** D9: limits that allow more code guesses per user per day than `max`. */
  tooManyDailyGuesses: (guesses: number, max: number): string =>
    `RecoveryLimits allow ${guesses} code guesses per user per day; at most ${max} are allowed (FailedConfirmAttemptsPerWindow × windows per day).`,
  /** R5.7 */
  smsConfigurationRequired: 'SMS configuration is required when phone_number is selected for auto verification',
  /** R5.7 */
  sourceArnRequired: 'SourceArn is required when EmailSendingAccount is DEVELOPER.',
  /** R24.5: `AttributesRequireVerificationBeforeUpdate` names an attribute the pool does not auto-verify. */
  verificationBeforeUpdateNotAutoVerified: 'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes',
  /** R9.0.4, D16: a function error, `<TriggerName> failed with error <message>.` */
  triggerFailed: (trigger: string, message: string): string => `${trigger} failed with error ${message}.`,
  /** R9.0.4, D16: an invocation failure or a timeout, `<TriggerName> invocation failed due to error <reason>.` */
  triggerInvocationFailed: (trigger: string, reason: string): string => `${trigger} invocation failed due to error ${reason}.`,
  /** D16: the reason of a timeout, in Lambda's words (`Task timed out after 5.00 seconds`). */
  triggerTimedOut: (timeoutMs: number): string => `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  /** The reason when a pool configures a trigger and the recovery has no `TriggerInvoker`. */
  triggerNoInvoker: 'no TriggerInvoker is configured',
  /** §9.3: the reason when a custom sender is configured and the recovery has no `CodeEncryptor`. */
  triggerNoEncryptor: 'no CodeEncryptor is configured',
  /** §9.3: the reason when a custom sender is configured and the pool has no `KMSKeyID`. */
  triggerNoKmsKey: 'the pool has no KMSKeyID',
  /** §9.1: an empty custom message. */
  customMessageEmpty: 'The message is empty.',
  /** R26.4: the constraint quoted when a `CustomMessage_AdminCreateUser` body lacks the username placeholder (project wording). */
  inviteUsernameConstraint: 'Member must contain the username placeholder {username}',
  /** §9.1: a custom message body or subject that breaks the model's constraint (`1 validation error detected: …`). */
  customMessageInvalid: (value: string, member: string, constraint: string): string =>
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  /** D12: a migrated username that is neither an email nor a phone number (the reason, without the final period). */
  migrationUsernameShape: 'Username should be either an email or a phone number',
  /** D12: SMS MFA asked for a migrated user without a phone number. */
  migrationSmsMfaWithoutPhone: 'SMS MFA cannot be enabled for a user without a phone_number',
  /** D12: a migrated alias another user holds, without `forceAliasCreation`. */
  migrationAliasExists: (attribute: string): string => `An account with the ${attribute} already exists`,
  /** R23.3, D44: a client writing `*_verified` or an attribute outside its `WriteAttributes`. */
  unauthorizedAttributeWrite: 'A client attempted to write unauthorized attribute',
  /** R23.3: SignUp in a pool with `AllowAdminCreateUserOnly`. */
  signUpNotPermitted: 'SignUp is not permitted for this user pool',
  /** R23.3: the prefix of SignUp's `InvalidPasswordException`. */
  passwordPolicySignUp: 'Password did not conform with policy: ',
  /** D37, D46: verifying a value that is another user's verified alias (ConfirmSignUp, VerifyUserAttribute). */
  aliasExistsAtVerification: (attribute: string): string => `An account with the ${attribute} already exists.`,
  /** D41: ResendConfirmationCode for a confirmed user (LEGACY). */
  alreadyConfirmed: 'User is already confirmed.',
  /** D41: ResendConfirmationCode in a pool without `AutoVerifiedAttributes`. */
  autoVerificationOff: 'Cannot resend codes. Auto verification not turned on.',
  /** D41, D42: ResendConfirmationCode for a user without an unverified auto-verified email or phone (project wording). */
  noConfirmationChannel: 'User has no attribute to send the confirmation code to.',
  /** D43: GetUserAttributeVerificationCode for an attribute other than email/phone, or one without a value. */
  invalidVerificationAttribute: 'Invalid attribute name or attribute has no value.',
  /** R23.4: pre sign-up auto-verified an attribute the user does not have (project wording). */
  autoVerifyWithoutValue: (attribute: string): string => `Cannot auto verify ${attribute} when the user has no ${attribute}.`,
  /** R20.4, D36: a refresh token that is malformed, of another pool or client, or of a deleted user. */
  invalidRefreshToken: 'Invalid Refresh Token.',
  /** D36 */
  refreshTokenExpired: 'Refresh Token has expired',
  /** R20.4, D38 */
  refreshTokenRevoked: 'Refresh Token has been revoked',
  /** R20.3, D36: a refresh secret hash not over the canonical username. */
  refreshSecretMismatch: (clientId: string): string => `SecretHash does not match for the client: ${clientId}`,
  /** R22.1 */
  invalidAccessToken: 'Invalid Access Token',
  /** R22.1 */
  accessTokenExpired: 'Access Token has expired',
  /** R22.1, D38 */
  accessTokenRevoked: 'Access Token has been revoked',
  /** R22.1 */
  accessTokenScopes: 'Access Token does not have required scopes',
  /** R22.1, D39 (`PasswordResetRequiredException`). */
  tokenPasswordResetRequired: 'Password reset required for the user',
  /** R22.3: ChangePassword with a wrong previous password. */
  changePasswordIncorrect: 'Incorrect username or password.',
  /** D40 (`UnsupportedOperationException`). */
  tokenRevocationDisabled: 'Token revocation is not enabled for this app client.',
  /** D40 (`UnsupportedTokenTypeException`). */
  unsupportedTokenType: 'Unsupported token type.',
  /** D40 (`UnauthorizedException`). */
  unauthorizedClient: 'Unauthorized',
  /** D22: `AuthFlow` not valid for the operation (`ADMIN_*` on InitiateAuth, `USER_PASSWORD_AUTH` on AdminInitiateAuth). */
  initiateAuthMethodNotSupported: 'Initiate Auth method not supported.',
  /** D22: `USER_PASSWORD_AUTH`, `CUSTOM_AUTH`, `REFRESH_TOKEN_AUTH` not enabled on the client. */
  flowNotEnabled: (flow: string): string => `${flow} flow not enabled for this client`,
  /** D22: `USER_SRP_AUTH` not enabled on the client. */
  srpNotEnabled: 'USER_SRP_AUTH is not enabled for the client.',
  /** D22: the admin password flow not enabled on the client. */
  adminAuthFlowNotEnabled: 'Auth flow not enabled for this client',
  /** D22: `USER_AUTH` (`UnsupportedOperationException`, project wording). */
  userAuthUnsupported: 'USER_AUTH is not supported.',
  /** `CUSTOM_AUTH` on a client that enables it: custom challenges are not modelled (`UnsupportedOperationException`, project wording). */
  customAuthUnsupported: 'CUSTOM_AUTH is not supported.',
  /** D23 (project wording). */
  authFlowsMixed: 'ExplicitAuthFlows can not have both legacy and ALLOW_ prefixed values.',
  /** R16.5, D23 */
  refreshAlwaysAllowed: 'REFRESH_TOKEN_AUTH should always be allowed.',
  /** R16.8, D47 */
  missingParameter: (name: string): string => `Missing required parameter ${name}`,
  /** R17.4, R18.11: wrong password, failed SRP proof, unknown user under ENABLED. */
  incorrectCredentials: 'Incorrect username or password.',
  /** R25.1, D27 */
  passwordAttemptsExceeded: 'Password attempts exceeded',
  /** R17.4 (`UserNotConfirmedException`). */
  userNotConfirmed: 'User is not confirmed.',
  /** R17.4, R19.7, D24 (`PasswordResetRequiredException`). */
  signInPasswordResetRequired: 'Password reset required for the user',
  /** R17.4, D32 */
  temporaryPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
  /** R19.6, D31: unknown, tampered or foreign session. */
  invalidSession: 'Invalid session for the user.',
  /** R19.6, D31 */
  sessionExpired: 'Invalid session for the user, session is expired.',
  /** R19.6, D31 */
  sessionUsed: 'Invalid session for the user, session can only be used once.',
  /** R19.4, D32 */
  requiredAttributeMissing: (name: string): string => `Invalid attributes given, ${name} is missing`,
  /** R19.4, D32 */
  cannotModifyProvidedAttribute: (name: string): string => `Cannot modify an already provided ${name}`,
  /** D35: a token validity out of its range (project wording). */
  tokenValidityRange: 'Invalid range for token validity.',
} as const;

/**
 * A failure of a driven port (store, sender, hasher…). Use cases turn it into
 * `InternalErrorException`, or `TooManyRequestsException` when `throttled`; the `reason` is for logs
 * and never reaches the caller: `createRecovery`'s `onPortFailure` hook receives every one, with the
 * port and method that answered it.
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
  return failure.throttled ? cognitoError('TooManyRequestsException', messages.tooManyRequests) : cognitoError('InternalErrorException', messages.internal);
}
