/**
 * `@cognito-recovery/core/rules`: the pure rules of the model (input constraints, secret hashes,
 * username resolution, delivery selection, masking, codes, messages, password policy, trigger events)
 * for tests and tools. **Unstable**: these are internals of the use cases, exported so tests can check
 * them directly, and the helpers the adapters share (`adapter-support/`: stored JSON, code
 * classification, tsyringe registration, composition defaults); they may change in any release.
 * Embedders use `@cognito-recovery/core`.
 *
 * @packageDocumentation
 */
export { fromPortFailure } from '../errors.js';
export { foldFor, normaliseUnknownLogin } from './login-resolution.js';
export { PATTERNS, SHAPES } from './input-constraints.js';
export { verifySecretHash } from './secret-hash.js';
export { maskEmail, maskPhone } from './masking.js';
export type { DeliveryChannel, NoDelivery } from './delivery-selection.js';
export { isAdminOnly, selectDelivery } from './delivery-selection.js';
export type { StateVerdict } from './user-state.js';
export { checkUserState } from './user-state.js';
export { CODE_PARAMETER, REVOKED_CODE, codeHmacer, generateCode } from './codes.js';
export type { RenderedMessage } from './message-template.js';
export { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, renderMessage } from './message-template.js';
export { simulateDelivery } from './simulated-delivery.js';
export { ADMIN_CLIENT_ID, CALLER_SDK_VERSION, TRIGGER_EVENT_VERSION } from './triggers/common.js';
export type { TriggerSourceEvent } from './triggers/common.js';
export {
  EMAIL_MESSAGE_PATTERN,
  LINK_PARAMETER,
  MAX_EMAIL_LENGTH,
  MAX_SMS_LENGTH,
  MAX_SUBJECT_LENGTH,
  SMS_MESSAGE_PATTERN,
  applyCustomMessage,
  customMessageEvent,
  readCustomMessageAnswer,
} from './triggers/custom-message.js';
export { customSenderEvent } from './triggers/custom-sender.js';
export type { CustomSenderEvent, SenderRequestTypes } from './triggers/custom-sender.js';
export type { TriggerError } from './triggers/failures.js';
export { triggerFailureError, triggerMessages, unrecognizableOutput } from './triggers/failures.js';
export { postConfirmationEvent } from './triggers/post-confirmation.js';
export { preSignUpEvent, readPreSignUpAnswer } from './triggers/pre-sign-up.js';
export {
  attributeChannel,
  codeName,
  codeSubject,
  codeValiditySeconds,
  hiddenCodeName,
  resendLimitKey,
  signUpChannel,
  verificationCodeLimitKey,
  verifyPurposeOf,
} from './verification-codes.js';
export { VERIFICATION_FLAGS, checkClientWrite, clientMayWrite } from './attribute-permissions.js';
export { planMigratedUser, readUserMigrationAnswer, userMigrationEvent } from './triggers/user-migration.js';
export type { PolicyMessageStyle } from './password-policy.js';
export { PASSWORD_SYMBOLS, checkPasswordPolicy } from './password-policy.js';
export type { UserFilter } from './user-filter.js';
export { SEARCHABLE_ATTRIBUTES, matchesFilter, parseFilter } from './user-filter.js';
export { confirmAttemptName, requestLimitKey } from './limit-keys.js';
export { generatePassword } from './identifiers.js';
export type { AttributeError } from './attributes.js';
export { STANDARD_ATTRIBUTES, applyAttributeUpdate, checkWritableAttributes, isEmailShaped, isPhoneShaped } from './attributes.js';
export type { NewIdentity, NewUserFields } from './new-users.js';
export { newUser, planIdentity } from './new-users.js';
export type { ClaimError } from './claim-conflicts.js';
export { claimKindOf, claimTakenError } from './claim-conflicts.js';
export type { TokenIssue } from './token-claims.js';
export {
  ADMIN_SCOPE,
  DEFAULT_TOKEN_VALIDITY,
  accessTokenClaims,
  idTokenClaims,
  issuerOf,
  poolIdOfIssuer,
  readableAttributes,
  tokenValidityOf,
} from './token-claims.js';
export type { RefreshTokenContent } from './refresh-token.js';
export { REFRESH_TOKEN_HEADER, looksLikeJws, looksLikeRefreshToken, openRefreshToken, refreshTokenKey, sealRefreshToken } from './refresh-token.js';
export { PROTECTED_CLAIMS, applyIdTokenOverride, preTokenGenerationEvent, readClaimsOverride } from './triggers/pre-token-generation.js';
export { nextPasswordHistory } from './password-history.js';
export { statusAfterReset } from './user-state.js';
export type { CustomSender } from './delivery-selection.js';
export { checkDeliverable, customSenderOf } from './delivery-selection.js';
export type { InputMembers } from './input-constraints.js';
export type { AuthFlow, AuthFlowError, InitiatingOperation, SignInKind } from './auth-flows.js';
export {
  AUTH_FLOWS,
  DEFAULT_EXPLICIT_AUTH_FLOWS,
  EXPLICIT_AUTH_FLOWS,
  REQUIRED_AUTH_PARAMETERS,
  REQUIRED_CHALLENGE_RESPONSES,
  explicitAuthFlowsOf,
  gateAuthFlow,
  requireParameters,
  signInClaims,
} from './auth-flows.js';
export type { LockoutKeys } from './lockout.js';
export { LOCKOUT_RECORD_LIMIT, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS, MAX_LOCKOUT_MS, lockoutKeys, lockoutMs, singleUseKey } from './lockout.js';
export type { ChallengeSession, SealLabel, SrpAttempt } from './auth-session.js';
export { SEAL_IV_BYTES, openSecretBlock, openSession, openState, sealSecretBlock, sealSession, sealState } from './auth-session.js';
export type { TimeUnit, TokenValiditySettings, TokenValidityUnits } from './client-settings.js';
export { describeTokenValidity, resolveTokenValidity } from './client-settings.js';
export { preAuthenticationEvent } from './triggers/pre-authentication.js';
export { postAuthenticationEvent } from './triggers/post-authentication.js';
export { userMigrationAuthenticationEvent } from './triggers/user-migration.js';
export type { StoredCodeFields } from '../adapter-support/stored-codes.js';
export { classifyStoredCode, sameHmac } from '../adapter-support/stored-codes.js';
export { decodeJson, encodeJson } from '../adapter-support/json-codec.js';
export type { InjectedStoreClasses, PortContainer } from '../adapter-support/port-container.js';
export { PORT_TOKENS, registerPorts } from '../adapter-support/port-container.js';
export { SYSTEM_CLOCK, undeliverable } from '../adapter-support/defaults.js';
export { durablePorts } from '../adapter-support/composed-ports.js';
