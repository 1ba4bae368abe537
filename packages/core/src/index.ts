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
export type { ConsumeOutcome, RecoveryCodeStore, StoredCode } from './ports/recovery-code-store.js';
export type { TriggerFailure, TriggerInvocation, TriggerInvoker, TriggerName } from './ports/trigger-invoker.js';
export type { Claim, ClaimTaken, UserGone, UserPage, UserStore, VersionConflict } from './ports/user-store.js';
export { cryptoRandomSource } from './random.js';
