/**
 * `@cognito-recovery/core`: Amazon Cognito user pools' password recovery as pure rules and use cases
 * behind ports.
 *
 * @packageDocumentation
 */
export type { CognitoError, CognitoErrorName, PortFailure } from './errors.js';
export { cognitoError, isCognitoError, messages, portFailure } from './errors.js';

export type { AppClient, ExplicitAuthFlow, PreventUserExistenceErrors, TokenValidity } from './model/app-client.js';
export type { Attributes, SrpVerifier, User, UserMfa, UserStatus } from './model/user.js';
export { NO_MFA, NO_PASSWORD_HISTORY, USER_STATUSES } from './model/user.js';
export type {
  AliasAttribute,
  EmailConfiguration,
  LambdaConfig,
  MessageTemplate,
  PasswordPolicy,
  RecoveryLimits,
  RecoveryMechanism,
  RecoveryMechanismName,
  SmsConfiguration,
  UserPool,
  UsernameAttribute,
} from './model/user-pool.js';
export { DEFAULT_LIMITS, DEFAULT_PASSWORD_POLICY, MAX_DAILY_GUESSES } from './model/user-pool.js';

export type { AttemptCounts, AttemptDecision, AttemptLimiter } from './ports/attempt-limiter.js';
export type { Clock } from './ports/clock.js';
export type { CodeEncryptor } from './ports/code-encryptor.js';
export type { Ports, RecoverySecrets } from './ports/index.js';
export type { DeliveryFailure, DeliveryMedium, MessageSender, OutgoingMessage } from './ports/message-sender.js';
export type { PasswordHasher } from './ports/password-hasher.js';
export type { PoolDirectory } from './ports/pool-directory.js';
export type { RandomSource } from './ports/random-source.js';
export type { AttemptLimit, AttemptVerdict, ConsumeOutcome, RecoveryCodeStore, StoredCode, VerifyOutcome } from './ports/recovery-code-store.js';
export type { JwtClaims, PublicJwk, TokenSigner, TokenUse } from './ports/token-signer.js';
export type { TriggerFailure, TriggerInvocation, TriggerInvoker, TriggerName } from './ports/trigger-invoker.js';
export type { Claim, ClaimTaken, CodeConsumption, CodeNotConsumable, UserGone, UserPage, UserStore, VersionConflict } from './ports/user-store.js';
export { cryptoRandomSource } from './random.js';
export type { ScryptOptions } from './scrypt-password-hasher.js';
export { LocalTokenSigner, generateLocalSigningKeys, keyIdOf } from './local-token-signer.js';
export type { LocalSigningKeys, LocalTokenSignerOptions } from './local-token-signer.js';
export { ScryptPasswordHasher } from './scrypt-password-hasher.js';

export type {
  BoundOperation,
  OperationEntry,
  OperationError,
  OperationInput,
  OperationName,
  OperationOptions,
  OperationOutput,
  Recovery,
} from './operations.js';
export { OPERATIONS, wireOperationNames } from './operations.js';
export type { RecoveryOptions } from './recovery.js';
export type { ComposedPorts, DurableCompositionOptions } from './adapter-support/composed-ports.js';
export { createRecovery } from './recovery.js';
export type { GuardedPort, PortFailureContext, PortFailureHook } from './port-guard.js';
export type { PoolCacheOptions } from './cached-pool-directory.js';
export { cachedPoolDirectory } from './cached-pool-directory.js';

export {
  forgotPassword,
  type ForgotPasswordDeps,
  type ForgotPasswordError,
  type ForgotPasswordInput,
  type ForgotPasswordOutput,
} from './use-cases/forgot-password.js';
export {
  confirmForgotPassword,
  type ConfirmForgotPasswordDeps,
  type ConfirmForgotPasswordError,
  type ConfirmForgotPasswordInput,
} from './use-cases/confirm-forgot-password.js';
export {
  adminResetUserPassword,
  type AdminResetUserPasswordDeps,
  type AdminResetUserPasswordError,
  type AdminResetUserPasswordInput,
} from './use-cases/admin-reset-user-password.js';
export {
  verifyUserPassword,
  type VerifyUserPasswordDeps,
  type VerifyUserPasswordInput,
  type VerifyUserPasswordOutput,
} from './use-cases/verify-user-password.js';
export { initiateAuth, type InitiateAuthInput } from './use-cases/initiate-auth.js';
export { adminInitiateAuth, type AdminInitiateAuthInput } from './use-cases/admin-initiate-auth.js';
export { respondToAuthChallenge, type RespondToAuthChallengeInput } from './use-cases/respond-to-auth-challenge.js';
export { adminRespondToAuthChallenge, type AdminRespondToAuthChallengeInput } from './use-cases/admin-respond-to-auth-challenge.js';
export type { ContextDataType, HttpHeader, InitiateRequest, IssuedChallenge, SignInOutput, SignInDeps, SignInError } from './use-cases/shared/sign-in.js';
export type { ChallengeName, RespondError, RespondRequest } from './use-cases/shared/auth-challenge.js';
export type { AuthFlow } from './rules/auth-flows.js';
export type { TimeUnit, TokenValidityUnits } from './rules/client-settings.js';
export type { PostAuthenticationEvent } from './rules/triggers/post-authentication.js';
export type { PreAuthenticationEvent } from './rules/triggers/pre-authentication.js';
export type { UserMigrationAuthenticationEvent } from './rules/triggers/user-migration.js';

export {
  createUserPool,
  type CreateUserPoolDeps,
  type CreateUserPoolInput,
  type CreateUserPoolOptions,
  type CreateUserPoolOutput,
  type RecoveryLimitsInput,
} from './use-cases/create-user-pool.js';
export { describeUserPool, type DescribeUserPoolDeps, type DescribeUserPoolInput, type DescribeUserPoolOutput } from './use-cases/describe-user-pool.js';
export { deleteUserPool, type DeleteUserPoolDeps, type DeleteUserPoolInput } from './use-cases/delete-user-pool.js';
export {
  listUserPools,
  type ListUserPoolsDeps,
  type ListUserPoolsInput,
  type ListUserPoolsOutput,
  type UserPoolDescriptionType,
} from './use-cases/list-user-pools.js';
export {
  createUserPoolClient,
  type CreateUserPoolClientDeps,
  type CreateUserPoolClientInput,
  type CreateUserPoolClientOutput,
} from './use-cases/create-user-pool-client.js';
export {
  describeUserPoolClient,
  type DescribeUserPoolClientDeps,
  type DescribeUserPoolClientInput,
  type DescribeUserPoolClientOutput,
} from './use-cases/describe-user-pool-client.js';
export {
  listUserPoolClients,
  type ListUserPoolClientsDeps,
  type ListUserPoolClientsInput,
  type ListUserPoolClientsOutput,
  type UserPoolClientDescription,
} from './use-cases/list-user-pool-clients.js';
export {
  adminCreateUser,
  type AdminCreateUserDeps,
  type AdminCreateUserError,
  type AdminCreateUserInput,
  type AdminCreateUserOutput,
} from './use-cases/admin-create-user.js';
export { signUp, type SignUpDeps, type SignUpError, type SignUpInput, type SignUpOutput } from './use-cases/sign-up.js';
export {
  adminConfirmSignUp,
  type AdminConfirmSignUpDeps,
  type AdminConfirmSignUpError,
  type AdminConfirmSignUpInput,
} from './use-cases/admin-confirm-sign-up.js';
export { confirmSignUp, type ConfirmSignUpDeps, type ConfirmSignUpError, type ConfirmSignUpInput } from './use-cases/confirm-sign-up.js';
export {
  resendConfirmationCode,
  type ResendConfirmationCodeDeps,
  type ResendConfirmationCodeError,
  type ResendConfirmationCodeInput,
  type ResendConfirmationCodeOutput,
} from './use-cases/resend-confirmation-code.js';
export {
  getUserAttributeVerificationCode,
  type GetUserAttributeVerificationCodeDeps,
  type GetUserAttributeVerificationCodeError,
  type GetUserAttributeVerificationCodeInput,
  type GetUserAttributeVerificationCodeOutput,
} from './use-cases/get-user-attribute-verification-code.js';
export {
  verifyUserAttribute,
  type VerifyUserAttributeDeps,
  type VerifyUserAttributeError,
  type VerifyUserAttributeInput,
} from './use-cases/verify-user-attribute.js';
export {
  updateUserAttributes,
  type UpdateUserAttributesDeps,
  type UpdateUserAttributesError,
  type UpdateUserAttributesInput,
  type UpdateUserAttributesOutput,
} from './use-cases/update-user-attributes.js';
export {
  adminSetUserPassword,
  type AdminSetUserPasswordDeps,
  type AdminSetUserPasswordError,
  type AdminSetUserPasswordInput,
} from './use-cases/admin-set-user-password.js';
export {
  adminUpdateUserAttributes,
  type AdminUpdateUserAttributesDeps,
  type AdminUpdateUserAttributesError,
  type AdminUpdateUserAttributesInput,
} from './use-cases/admin-update-user-attributes.js';
export { adminGetUser, type AdminGetUserDeps, type AdminGetUserOutput, type MfaMethod } from './use-cases/admin-get-user.js';
export { adminDisableUser, type AdminDisableUserDeps } from './use-cases/admin-disable-user.js';
export type { AdminUserInput } from './use-cases/admin-user-request.js';
export type { AccessTokenInput } from './use-cases/access-token-request.js';
export type { EmptyOutput } from './use-cases/shared/operation.js';
export type {
  AccessTokenRequestError,
  AdminUserError,
  ClientRequestError,
  ClientUserError,
  CodeCheckError,
  CodeDeliveryError,
  NewPasswordError,
  PoolRequestError,
  PostConfirmationError,
  RequestError,
} from './use-cases/shared/request-errors.js';
export type { ClaimError } from './rules/claim-conflicts.js';
export type { TriggerError } from './rules/triggers/failures.js';
export { adminEnableUser, type AdminEnableUserDeps } from './use-cases/admin-enable-user.js';
export { adminDeleteUser, type AdminDeleteUserDeps } from './use-cases/admin-delete-user.js';
export { listUsers, type ListUsersDeps, type ListUsersInput, type ListUsersOutput } from './use-cases/list-users.js';
export {
  adminSetUserMfaPreference,
  type AdminSetUserMfaPreferenceDeps,
  type AdminSetUserMfaPreferenceInput,
  type MfaSettingsType,
} from './use-cases/admin-set-user-mfa-preference.js';
export { getUser, type GetUserOutput } from './use-cases/get-user.js';
export { changePassword, type ChangePasswordDeps, type ChangePasswordError, type ChangePasswordInput } from './use-cases/change-password.js';
export { globalSignOut } from './use-cases/global-sign-out.js';
export { adminUserGlobalSignOut, type AdminUserGlobalSignOutDeps } from './use-cases/admin-user-global-sign-out.js';
export { revokeToken, type RevokeTokenDeps, type RevokeTokenError, type RevokeTokenInput } from './use-cases/revoke-token.js';
export {
  getTokensFromRefreshToken,
  type GetTokensFromRefreshTokenError,
  type GetTokensFromRefreshTokenInput,
  type GetTokensFromRefreshTokenOutput,
} from './use-cases/get-tokens-from-refresh-token.js';
export type { AuthenticationResultType, NewDeviceMetadataType } from './wire/types.js';
export type { AdminCreateUserConfigType, MessageTemplateType, UserAttributeUpdateSettingsType } from './wire/types.js';
export type { TokenDeps } from './use-cases/shared/tokens.js';
export type { ClaimsOverride, PreTokenGenerationEvent, TokenGenerationSource } from './rules/triggers/pre-token-generation.js';

export type {
  AccountRecoverySettingType,
  AnalyticsMetadata,
  AttributeType,
  CodeDeliveryDetails,
  CustomSenderLambdaType,
  EmailConfigurationType,
  LambdaConfigType,
  MfaOptionType,
  PasswordPolicyType,
  RecoveryOptionType,
  SmsConfigurationType,
  UserContextData,
  UserPoolClientType,
  UserPoolPolicyType,
  UserPoolType,
  UserType,
  UsernameConfigurationType,
  VerificationMessageTemplateType,
} from './wire/types.js';

export type { ClaimKind } from './rules/login-resolution.js';
export { candidateClaims, claimOf, loginClaimsOf } from './rules/login-resolution.js';
export type { ListShape, MapShape, Member, ScalarShape, Shape, StringShape, StructureShape } from './rules/input-constraints.js';
export { validateInput } from './rules/input-constraints.js';
export { computeSecretHash } from './rules/secret-hash.js';
export type { StringMap, TriggerCaller } from './rules/triggers/common.js';
export type { CodeMessageSource, CustomMessageAnswer, CustomMessageCodeEvent, CustomMessageForgotPasswordEvent } from './rules/triggers/custom-message.js';
export type {
  CustomEmailSenderCodeEvent,
  CustomEmailSenderForgotPasswordEvent,
  CustomSmsSenderCodeEvent,
  CustomSmsSenderForgotPasswordEvent,
} from './rules/triggers/custom-sender.js';
export type {
  PostConfirmationConfirmForgotPasswordEvent,
  PostConfirmationConfirmSignUpEvent,
  PostConfirmationEventOf,
  PostConfirmationSource,
} from './rules/triggers/post-confirmation.js';
export type { PreSignUpAnswer, PreSignUpSignUpEvent } from './rules/triggers/pre-sign-up.js';
export type { CodePurpose, ContactAttribute } from './rules/verification-codes.js';
export { VERIFICATION_CODE_VALIDITY_SECONDS, VERIFICATION_LIMITS } from './rules/verification-codes.js';
export type { UserMigrationAnswer, UserMigrationForgotPasswordEvent, UserMigrationResponseFields } from './rules/triggers/user-migration.js';
export { COGNITO_TRIGGER_ATTEMPTS, type TriggerOptions } from './use-cases/shared/run-trigger.js';
