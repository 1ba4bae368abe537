/**
 * `@cognito-recovery/core`: Amazon Cognito user pools' password recovery as pure rules and use cases
 * behind ports.
 *
 * @packageDocumentation
 */
export type { CognitoError, CognitoErrorName, PortFailure } from './errors.js';
export { cognitoError, fromPortFailure, isCognitoError, messages, portFailure } from './errors.js';

export type { AppClient, PreventUserExistenceErrors } from './model/app-client.js';
export type { Attributes, User, UserMfa, UserStatus } from './model/user.js';
export { USER_STATUSES } from './model/user.js';
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
export { DEFAULT_LIMITS, DEFAULT_PASSWORD_POLICY } from './model/user-pool.js';

export type { AttemptDecision, AttemptLimiter } from './ports/attempt-limiter.js';
export type { Clock } from './ports/clock.js';
export type { CodeEncryptor } from './ports/code-encryptor.js';
export type { Ports, RecoverySecrets } from './ports/index.js';
export type { DeliveryFailure, DeliveryMedium, MessageSender, OutgoingMessage } from './ports/message-sender.js';
export type { PasswordHasher } from './ports/password-hasher.js';
export type { PoolDirectory } from './ports/pool-directory.js';
export type { RandomSource } from './ports/random-source.js';
export type { ConsumeOutcome, RecoveryCodeStore, StoredCode, VerifyOutcome } from './ports/recovery-code-store.js';
export type { TriggerFailure, TriggerInvocation, TriggerInvoker, TriggerName } from './ports/trigger-invoker.js';
export type { Claim, ClaimTaken, UserGone, UserPage, UserStore, VersionConflict } from './ports/user-store.js';
export { cryptoRandomSource } from './random.js';

export type { Recovery } from './recovery.js';
export type { RecoveryOptions } from './recovery.js';
export { createRecovery } from './recovery.js';

export type { AnalyticsMetadata, AttributeType, CodeDeliveryDetails, UserContextData } from './use-cases/shared/types.js';
export type { ForgotPasswordDeps, ForgotPasswordError, ForgotPasswordInput, ForgotPasswordOutput } from './use-cases/forgot-password.js';
export { forgotPassword } from './use-cases/forgot-password.js';
export type { ConfirmForgotPasswordDeps, ConfirmForgotPasswordError, ConfirmForgotPasswordInput, ConfirmForgotPasswordOutput } from './use-cases/confirm-forgot-password.js';
export { confirmForgotPassword } from './use-cases/confirm-forgot-password.js';
export type { AdminResetUserPasswordDeps, AdminResetUserPasswordError, AdminResetUserPasswordInput, AdminResetUserPasswordOutput } from './use-cases/admin-reset-user-password.js';
export { adminResetUserPassword } from './use-cases/admin-reset-user-password.js';
export type { VerifyUserPasswordDeps, VerifyUserPasswordError, VerifyUserPasswordInput, VerifyUserPasswordOutput } from './use-cases/verify-user-password.js';
export { verifyUserPassword } from './use-cases/verify-user-password.js';

export type { ClaimKind } from './rules/login-resolution.js';
export { candidateClaims, claimOf, foldFor, loginClaimsOf } from './rules/login-resolution.js';
export type { ListShape, MapShape, Member, ScalarShape, Shape, StringShape, StructureShape } from './rules/input-constraints.js';
export { PATTERNS, SHAPES, validateInput } from './rules/input-constraints.js';
export { computeSecretHash, verifySecretHash } from './rules/secret-hash.js';
export { maskEmail, maskPhone } from './rules/masking.js';
export type { DeliveryChannel, NoDelivery } from './rules/delivery-selection.js';
export { isAdminOnly, selectDelivery } from './rules/delivery-selection.js';
export type { StateVerdict } from './rules/user-state.js';
export { checkUserState } from './rules/user-state.js';
export { CODE_PARAMETER, codeHmacer, generateCode } from './rules/codes.js';
export type { RenderedMessage } from './rules/message-template.js';
export { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, renderMessage } from './rules/message-template.js';
export { simulateDelivery } from './rules/simulated-delivery.js';
export type { PolicyMessageStyle } from './rules/password-policy.js';
export { PASSWORD_SYMBOLS, checkPasswordPolicy } from './rules/password-policy.js';
