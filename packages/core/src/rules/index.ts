/**
 * `@cognito-recovery/core/rules`: the pure rules of the model (input constraints, secret hashes,
 * username resolution, delivery selection, masking, codes, messages, password policy, trigger events)
 * for tests and tools. **Unstable**: these are internals of the use cases, exported so tests can check
 * them directly; they may change in any release. Embedders use `@cognito-recovery/core`.
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
export { CODE_PARAMETER, codeHmacer, generateCode } from './codes.js';
export type { RenderedMessage } from './message-template.js';
export { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, renderMessage } from './message-template.js';
export { simulateDelivery } from './simulated-delivery.js';
export type { TriggerError } from './trigger-events.js';
export {
  ADMIN_CLIENT_ID,
  CALLER_SDK_VERSION,
  EMAIL_MESSAGE_PATTERN,
  LINK_PARAMETER,
  MAX_EMAIL_LENGTH,
  MAX_SMS_LENGTH,
  MAX_SUBJECT_LENGTH,
  SMS_MESSAGE_PATTERN,
  TRIGGER_EVENT_VERSION,
  applyCustomMessage,
  customEmailSenderEvent,
  customMessageEvent,
  customSmsSenderEvent,
  postConfirmationEvent,
  readCustomMessageAnswer,
  readUserMigrationAnswer,
  triggerFailureError,
  triggerMessages,
  unrecognizableOutput,
  userMigrationEvent,
} from './trigger-events.js';
export type { PolicyMessageStyle } from './password-policy.js';
export { PASSWORD_SYMBOLS, checkPasswordPolicy } from './password-policy.js';
export { SEARCHABLE_ATTRIBUTES } from '../use-cases/list-users.js';
export { confirmAttemptName, requestLimitKey } from '../use-cases/shared/limit-keys.js';
export { generatePassword } from '../use-cases/shared/identifiers.js';
