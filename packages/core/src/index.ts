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
export type { ComposedPorts } from './adapter-support/composed-ports.js';
export { createRecovery } from './recovery.js';
export type { GuardedPort, PortFailureContext, PortFailureHook } from './port-guard.js';
export type { PoolCacheOptions } from './cached-pool-directory.js';
export { cachedPoolDirectory } from './cached-pool-directory.js';

export type { ForgotPasswordDeps, ForgotPasswordError, ForgotPasswordInput, ForgotPasswordOutput } from './use-cases/forgot-password.js';
export { forgotPassword } from './use-cases/forgot-password.js';
export type {
  ConfirmForgotPasswordDeps,
  ConfirmForgotPasswordError,
  ConfirmForgotPasswordInput,
  ConfirmForgotPasswordOutput,
} from './use-cases/confirm-forgot-password.js';
export { confirmForgotPassword } from './use-cases/confirm-forgot-password.js';
export type {
  AdminResetUserPasswordDeps,
  AdminResetUserPasswordError,
  AdminResetUserPasswordInput,
  AdminResetUserPasswordOutput,
} from './use-cases/admin-reset-user-password.js';
export { adminResetUserPassword } from './use-cases/admin-reset-user-password.js';
export type { VerifyUserPasswordDeps, VerifyUserPasswordError, VerifyUserPasswordInput, VerifyUserPasswordOutput } from './use-cases/verify-user-password.js';
export { verifyUserPassword } from './use-cases/verify-user-password.js';
export type { InitiateAuthDeps, InitiateAuthError, InitiateAuthInput, InitiateAuthOutput } from './use-cases/initiate-auth.js';
export { initiateAuth } from './use-cases/initiate-auth.js';
export type { AdminInitiateAuthDeps, AdminInitiateAuthError, AdminInitiateAuthInput, AdminInitiateAuthOutput } from './use-cases/admin-initiate-auth.js';
export { adminInitiateAuth } from './use-cases/admin-initiate-auth.js';
export type {
  RespondToAuthChallengeDeps,
  RespondToAuthChallengeError,
  RespondToAuthChallengeInput,
  RespondToAuthChallengeOutput,
} from './use-cases/respond-to-auth-challenge.js';
export { respondToAuthChallenge } from './use-cases/respond-to-auth-challenge.js';
export type {
  AdminRespondToAuthChallengeDeps,
  AdminRespondToAuthChallengeError,
  AdminRespondToAuthChallengeInput,
  AdminRespondToAuthChallengeOutput,
} from './use-cases/admin-respond-to-auth-challenge.js';
export { adminRespondToAuthChallenge } from './use-cases/admin-respond-to-auth-challenge.js';
export type { ContextDataType, HttpHeader, IssuedChallenge, SignInOutput } from './use-cases/shared/sign-in.js';
export type { ChallengeName } from './use-cases/shared/auth-challenge.js';
export type { AuthFlow } from './rules/auth-flows.js';
export type { TimeUnit, TokenValidityUnits } from './rules/client-settings.js';
export type { PostAuthenticationEvent } from './rules/triggers/post-authentication.js';
export type { PreAuthenticationEvent } from './rules/triggers/pre-authentication.js';
export type { UserMigrationAuthenticationEvent } from './rules/triggers/user-migration.js';

export type {
  CreateUserPoolDeps,
  CreateUserPoolError,
  CreateUserPoolInput,
  CreateUserPoolOptions,
  CreateUserPoolOutput,
  RecoveryLimitsInput,
} from './use-cases/create-user-pool.js';
export { createUserPool } from './use-cases/create-user-pool.js';
export type { DescribeUserPoolDeps, DescribeUserPoolError, DescribeUserPoolInput, DescribeUserPoolOutput } from './use-cases/describe-user-pool.js';
export { describeUserPool } from './use-cases/describe-user-pool.js';
export type { DeleteUserPoolDeps, DeleteUserPoolError, DeleteUserPoolInput, DeleteUserPoolOutput } from './use-cases/delete-user-pool.js';
export { deleteUserPool } from './use-cases/delete-user-pool.js';
export type { ListUserPoolsDeps, ListUserPoolsError, ListUserPoolsInput, ListUserPoolsOutput, UserPoolDescriptionType } from './use-cases/list-user-pools.js';
export { listUserPools } from './use-cases/list-user-pools.js';
export type {
  CreateUserPoolClientDeps,
  CreateUserPoolClientError,
  CreateUserPoolClientInput,
  CreateUserPoolClientOutput,
} from './use-cases/create-user-pool-client.js';
export { createUserPoolClient } from './use-cases/create-user-pool-client.js';
export type {
  DescribeUserPoolClientDeps,
  DescribeUserPoolClientError,
  DescribeUserPoolClientInput,
  DescribeUserPoolClientOutput,
} from './use-cases/describe-user-pool-client.js';
export { describeUserPoolClient } from './use-cases/describe-user-pool-client.js';
export type {
  ListUserPoolClientsDeps,
  ListUserPoolClientsError,
  ListUserPoolClientsInput,
  ListUserPoolClientsOutput,
  UserPoolClientDescription,
} from './use-cases/list-user-pool-clients.js';
export { listUserPoolClients } from './use-cases/list-user-pool-clients.js';
export type { AdminCreateUserDeps, AdminCreateUserError, AdminCreateUserInput, AdminCreateUserOutput } from './use-cases/admin-create-user.js';
export { adminCreateUser } from './use-cases/admin-create-user.js';
export type { SignUpDeps, SignUpError, SignUpInput, SignUpOutput } from './use-cases/sign-up.js';
export { signUp } from './use-cases/sign-up.js';
export type { AdminConfirmSignUpDeps, AdminConfirmSignUpError, AdminConfirmSignUpInput, AdminConfirmSignUpOutput } from './use-cases/admin-confirm-sign-up.js';
export { adminConfirmSignUp } from './use-cases/admin-confirm-sign-up.js';
export type { ConfirmSignUpDeps, ConfirmSignUpError, ConfirmSignUpInput, ConfirmSignUpOutput } from './use-cases/confirm-sign-up.js';
export { confirmSignUp } from './use-cases/confirm-sign-up.js';
export type {
  ResendConfirmationCodeDeps,
  ResendConfirmationCodeError,
  ResendConfirmationCodeInput,
  ResendConfirmationCodeOutput,
} from './use-cases/resend-confirmation-code.js';
export { resendConfirmationCode } from './use-cases/resend-confirmation-code.js';
export type {
  GetUserAttributeVerificationCodeDeps,
  GetUserAttributeVerificationCodeError,
  GetUserAttributeVerificationCodeInput,
  GetUserAttributeVerificationCodeOutput,
} from './use-cases/get-user-attribute-verification-code.js';
export { getUserAttributeVerificationCode } from './use-cases/get-user-attribute-verification-code.js';
export type {
  VerifyUserAttributeDeps,
  VerifyUserAttributeError,
  VerifyUserAttributeInput,
  VerifyUserAttributeOutput,
} from './use-cases/verify-user-attribute.js';
export { verifyUserAttribute } from './use-cases/verify-user-attribute.js';
export type {
  UpdateUserAttributesDeps,
  UpdateUserAttributesError,
  UpdateUserAttributesInput,
  UpdateUserAttributesOutput,
} from './use-cases/update-user-attributes.js';
export { updateUserAttributes } from './use-cases/update-user-attributes.js';
export type {
  AdminSetUserPasswordDeps,
  AdminSetUserPasswordError,
  AdminSetUserPasswordInput,
  AdminSetUserPasswordOutput,
} from './use-cases/admin-set-user-password.js';
export { adminSetUserPassword } from './use-cases/admin-set-user-password.js';
export type {
  AdminUpdateUserAttributesDeps,
  AdminUpdateUserAttributesError,
  AdminUpdateUserAttributesInput,
  AdminUpdateUserAttributesOutput,
} from './use-cases/admin-update-user-attributes.js';
export { adminUpdateUserAttributes } from './use-cases/admin-update-user-attributes.js';
export type { AdminGetUserDeps, AdminGetUserError, AdminGetUserInput, AdminGetUserOutput, MfaMethod } from './use-cases/admin-get-user.js';
export { adminGetUser } from './use-cases/admin-get-user.js';
export type { AdminDisableUserDeps, AdminDisableUserError, AdminDisableUserInput, AdminDisableUserOutput } from './use-cases/admin-disable-user.js';
export { adminDisableUser } from './use-cases/admin-disable-user.js';
export type { AdminUserError, AdminUserInput } from './use-cases/admin-user-request.js';
export type { AccessTokenInput, AccessTokenRequestError } from './use-cases/access-token-request.js';
export type { CodeDeliveryError } from './use-cases/code-delivery-error.js';
export type { AdminEnableUserDeps, AdminEnableUserError, AdminEnableUserInput, AdminEnableUserOutput } from './use-cases/admin-enable-user.js';
export { adminEnableUser } from './use-cases/admin-enable-user.js';
export type { AdminDeleteUserDeps, AdminDeleteUserError, AdminDeleteUserInput, AdminDeleteUserOutput } from './use-cases/admin-delete-user.js';
export { adminDeleteUser } from './use-cases/admin-delete-user.js';
export type { ListUsersDeps, ListUsersError, ListUsersInput, ListUsersOutput } from './use-cases/list-users.js';
export { listUsers } from './use-cases/list-users.js';
export type {
  AdminSetUserMfaPreferenceDeps,
  AdminSetUserMfaPreferenceError,
  AdminSetUserMfaPreferenceInput,
  AdminSetUserMfaPreferenceOutput,
  MfaSettingsType,
} from './use-cases/admin-set-user-mfa-preference.js';
export { adminSetUserMfaPreference } from './use-cases/admin-set-user-mfa-preference.js';
export type { GetUserDeps, GetUserError, GetUserInput, GetUserOutput } from './use-cases/get-user.js';
export { getUser } from './use-cases/get-user.js';
export type { ChangePasswordDeps, ChangePasswordError, ChangePasswordInput, ChangePasswordOutput } from './use-cases/change-password.js';
export { changePassword } from './use-cases/change-password.js';
export type { GlobalSignOutDeps, GlobalSignOutError, GlobalSignOutInput, GlobalSignOutOutput } from './use-cases/global-sign-out.js';
export { globalSignOut } from './use-cases/global-sign-out.js';
export type {
  AdminUserGlobalSignOutDeps,
  AdminUserGlobalSignOutError,
  AdminUserGlobalSignOutInput,
  AdminUserGlobalSignOutOutput,
} from './use-cases/admin-user-global-sign-out.js';
export { adminUserGlobalSignOut } from './use-cases/admin-user-global-sign-out.js';
export type { RevokeTokenDeps, RevokeTokenError, RevokeTokenInput, RevokeTokenOutput } from './use-cases/revoke-token.js';
export { revokeToken } from './use-cases/revoke-token.js';
export type {
  GetTokensFromRefreshTokenDeps,
  GetTokensFromRefreshTokenError,
  GetTokensFromRefreshTokenInput,
  GetTokensFromRefreshTokenOutput,
} from './use-cases/get-tokens-from-refresh-token.js';
export { getTokensFromRefreshToken } from './use-cases/get-tokens-from-refresh-token.js';
export type { AuthenticationResultType, NewDeviceMetadataType } from './wire/types.js';
export type { AdminCreateUserConfigType, MessageTemplateType, UserAttributeUpdateSettingsType } from './wire/types.js';
export type { SignInDeps, SignInError } from './use-cases/shared/sign-in.js';
export type { RespondError } from './use-cases/shared/auth-challenge.js';
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
export type { TriggerOptions } from './use-cases/shared/run-trigger.js';
export { COGNITO_TRIGGER_ATTEMPTS } from './use-cases/shared/run-trigger.js';
