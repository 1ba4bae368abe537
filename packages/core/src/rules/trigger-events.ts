/**
 * The Lambda triggers of the recovery flow (§9): the events Cognito sends, the validation of what the
 * functions answer, and the one mapping of trigger failures to Cognito exceptions (R9.0.4, D16).
 *
 * The event types are those of `@types/aws-lambda` (types only: nothing of it is imported at run time).
 *
 * @module
 */
import type {
  CustomEmailSenderForgotPasswordTriggerEvent,
  CustomMessageForgotPasswordTriggerEvent,
  CustomSMSSenderForgotPasswordTriggerEvent,
  PostConfirmationConfirmForgotPassword,
  UserMigrationForgotPasswordTriggerEvent,
} from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { EmailConfiguration, MessageTemplate, UserPool } from '../model/user-pool.js';
import type { User, UserStatus } from '../model/user.js';
import type { DeliveryMedium } from '../ports/message-sender.js';
import type { TriggerFailure, TriggerName } from '../ports/trigger-invoker.js';
import { CODE_PARAMETER } from './codes.js';
import { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, type RenderedMessage } from './message-template.js';

/** R9.0.2: the `version` of every event (a string, as the reference says). @group Triggers */
export const TRIGGER_EVENT_VERSION = '1';

/** R9.0.2: `callerContext.awsSdkVersion` of calls whose SDK is unknown, as Cognito sends it. @group Triggers */
export const CALLER_SDK_VERSION = 'aws-sdk-unknown-unknown';

/**
 * `callerContext.clientId` of events raised by administrator operations, which have no app client
 * (`AdminResetUserPassword`); the value Cognito sends for admin calls.
 *
 * @group Triggers
 */
export const ADMIN_CLIENT_ID = 'CLIENT_ID_NOT_APPLICABLE';

/** §9.1: `request.linkParameter` of custom message events. @group Triggers */
export const LINK_PARAMETER = '{##Click Here##}';

/** §9.1: the longest SMS body, code included (code points). @group Triggers */
export const MAX_SMS_LENGTH = 140;

/** §9.1: the longest email body, code included (code points). @group Triggers */
export const MAX_EMAIL_LENGTH = 20_000;

/** `EmailVerificationSubjectType`: the longest subject. @group Triggers */
export const MAX_SUBJECT_LENGTH = 140;

/** The `emailBody` pattern Cognito quotes when a custom email lacks the code (§9.1). @group Triggers */
export const EMAIL_MESSAGE_PATTERN = String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*`;

/** The `smsMessage` pattern (`SmsVerificationMessageType`) quoted when a custom SMS lacks the code (§9.1). @group Triggers */
export const SMS_MESSAGE_PATTERN = String.raw`.*\{####\}.*`;

const EMAIL_MESSAGE_REGEX = new RegExp(`^${EMAIL_MESSAGE_PATTERN}$`, 'u');
// The SMS pattern is applied across lines (an SMS may hold line breaks): only the code's presence counts.
const SMS_MESSAGE_REGEX = new RegExp(`^${SMS_MESSAGE_PATTERN}$`, 'su');

/** A string-to-string map, as trigger events carry attributes and client metadata. @group Triggers */
export type StringMap = Record<string, string>;

/** The `CustomMessage_ForgotPassword` event (§9.1), as `@types/aws-lambda` types it. @group Triggers */
export type CustomMessageForgotPasswordEvent = CustomMessageForgotPasswordTriggerEvent;

/** The `CustomEmailSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomEmailSenderForgotPasswordEvent = CustomEmailSenderForgotPasswordTriggerEvent;

/** The `CustomSMSSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomSmsSenderForgotPasswordEvent = CustomSMSSenderForgotPasswordTriggerEvent;

/** The `PostConfirmation_ConfirmForgotPassword` event (§9.4). @group Triggers */
export type PostConfirmationConfirmForgotPasswordEvent = PostConfirmationConfirmForgotPassword;

/**
 * The response fields of the `UserMigration_ForgotPassword` event as Cognito sends them: all `null`
 * until the function fills them in (§9.2).
 *
 * @group Triggers
 */
export interface UserMigrationResponseFields {
  /** Attributes of the user to create (required for a migration). */
  userAttributes: StringMap | null;
  /** `CONFIRMED` or `RESET_REQUIRED`. */
  finalUserStatus: UserMigrationForgotPasswordTriggerEvent['response']['finalUserStatus'] | null;
  /** `SUPPRESS` or `RESEND` (the welcome message; no effect on the reset code). */
  messageAction: UserMigrationForgotPasswordTriggerEvent['response']['messageAction'] | null;
  /** Media of the welcome message. */
  desiredDeliveryMediums: UserMigrationForgotPasswordTriggerEvent['response']['desiredDeliveryMediums'] | null;
  /** Move an email or phone alias another user holds to the new user. */
  forceAliasCreation: boolean | null;
  /** Turn SMS MFA on (needs a phone number). */
  enableSMSMFA: boolean | null;
}

/**
 * The `UserMigration_ForgotPassword` event (§9.2): `@types/aws-lambda`'s
 * `UserMigrationForgotPasswordTriggerEvent` without `request.password` (absent in the forgot-password
 * flow) and with the initial `null` response fields.
 *
 * @group Triggers
 */
export interface UserMigrationForgotPasswordEvent extends Omit<UserMigrationForgotPasswordTriggerEvent, 'request' | 'response'> {
  /** Only the caller's `ClientMetadata`, when sent (R2.3). */
  request: { clientMetadata?: StringMap | undefined };
  /** Filled in by the function. */
  response: UserMigrationResponseFields;
}

/**
 * Who raised an event: the pool (its id and region), the app client (or {@link ADMIN_CLIENT_ID}) and the
 * caller's `ClientMetadata`, passed through unchanged and never stored (R2.3).
 *
 * @group Triggers
 */
export interface TriggerCaller {
  /** The pool. */
  readonly pool: Pick<UserPool, 'id' | 'region'>;
  /** `callerContext.clientId`. */
  readonly clientId: string;
  /** The operation's `ClientMetadata`, if sent. */
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

interface CommonFields<T extends string> {
  version: string;
  triggerSource: T;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
}

/** R9.0.2: the fields every event shares. */
function commonFields<T extends string>(caller: TriggerCaller, triggerSource: T, userName: string): CommonFields<T> {
  return {
    version: TRIGGER_EVENT_VERSION,
    triggerSource,
    region: caller.pool.region,
    userPoolId: caller.pool.id,
    userName,
    callerContext: { awsSdkVersion: CALLER_SDK_VERSION, clientId: caller.clientId },
  };
}

/** R2.3: `clientMetadata` only when the caller sent it, as a copy of what it sent. */
function metadataOf(caller: TriggerCaller): { clientMetadata?: StringMap } {
  return caller.clientMetadata === undefined ? {} : { clientMetadata: { ...caller.clientMetadata } };
}

/** R9.0.3: the user's attributes as strings, `sub` included. */
function attributesOf(user: Pick<User, 'sub' | 'attributes'>): StringMap {
  return { ...user.attributes, sub: user.sub };
}

/**
 * The `CustomMessage_ForgotPassword` event for a user (§9.1, R9.0.2, R9.0.3, R3.6): `userName` is the
 * canonical username, `codeParameter` `{####}`, `linkParameter` `{##Click Here##}`, `usernameParameter`
 * `null`, and every response field `null`. `AdminResetUserPassword` raises this same source.
 *
 * @example
 * ```ts
 * const event = customMessageEvent({ pool, clientId: client.clientId, clientMetadata }, user);
 * event.request.codeParameter; // '{####}'
 * ```
 * @group Triggers
 */
export function customMessageEvent(caller: TriggerCaller, user: Pick<User, 'username' | 'sub' | 'attributes'>): CustomMessageForgotPasswordEvent {
  return {
    ...commonFields(caller, 'CustomMessage_ForgotPassword', user.username),
    request: {
      userAttributes: attributesOf(user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: null,
      ...metadataOf(caller),
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}

/**
 * The `UserMigration_ForgotPassword` event (§9.2, R3.6): `userName` is the `Username` exactly as the
 * caller sent it, there is no `request.password` nor `request.validationData`, and every response field
 * is `null`.
 *
 * @example
 * ```ts
 * const event = userMigrationEvent({ pool, clientId }, 'legacy-user@example.com');
 * ```
 * @group Triggers
 */
export function userMigrationEvent(caller: TriggerCaller, userName: string): UserMigrationForgotPasswordEvent {
  return {
    ...commonFields(caller, 'UserMigration_ForgotPassword', userName),
    request: { ...metadataOf(caller) },
    response: {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
  };
}

/**
 * The `CustomEmailSender_ForgotPassword` event (§9.3): `request.type` `customEmailSenderRequestV1`,
 * `request.code` the code encrypted by the `CodeEncryptor` (base64), an empty response.
 *
 * @example
 * ```ts
 * const event = customEmailSenderEvent({ pool, clientId }, user, ciphertext);
 * ```
 * @group Triggers
 */
export function customEmailSenderEvent(caller: TriggerCaller, user: Pick<User, 'username' | 'sub' | 'attributes'>, encryptedCode: string): CustomEmailSenderForgotPasswordEvent {
  return {
    ...commonFields(caller, 'CustomEmailSender_ForgotPassword', user.username),
    request: { type: 'customEmailSenderRequestV1', code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
}

/**
 * The `CustomSMSSender_ForgotPassword` event (§9.3): `request.type` `customSMSSenderRequestV1`,
 * `request.code` the encrypted code (base64), an empty response.
 *
 * @example
 * ```ts
 * const event = customSmsSenderEvent({ pool, clientId }, user, ciphertext);
 * ```
 * @group Triggers
 */
export function customSmsSenderEvent(caller: TriggerCaller, user: Pick<User, 'username' | 'sub' | 'attributes'>, encryptedCode: string): CustomSmsSenderForgotPasswordEvent {
  return {
    ...commonFields(caller, 'CustomSMSSender_ForgotPassword', user.username),
    request: { type: 'customSMSSenderRequestV1', code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
}

/**
 * The `PostConfirmation_ConfirmForgotPassword` event (§9.4, R9.0.3): the user's attributes after the
 * reset plus `cognito:user_status`, the caller's `ClientMetadata`, an empty response.
 *
 * @example
 * ```ts
 * const event = postConfirmationEvent({ pool, clientId, clientMetadata }, storedUser);
 * event.request.userAttributes['cognito:user_status']; // 'CONFIRMED'
 * ```
 * @group Triggers
 */
export function postConfirmationEvent(caller: TriggerCaller, user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>): PostConfirmationConfirmForgotPasswordEvent {
  return {
    ...commonFields(caller, 'PostConfirmation_ConfirmForgotPassword', user.username),
    request: { userAttributes: { ...attributesOf(user), 'cognito:user_status': user.status }, ...metadataOf(caller) },
    response: {},
  };
}

/** The errors a trigger failure turns into (R9.0.4, D16). @group Triggers */
export type TriggerError = CognitoError<'UserLambdaValidationException' | 'InvalidLambdaResponseException' | 'UnexpectedLambdaException'>;

/** The exact messages of the trigger errors (R9.0.4, D16). @group Triggers */
export const triggerMessages = {
  /** A function error: `<TriggerName> failed with error <message>.` */
  failed: (trigger: TriggerName, message: string): string => `${trigger} failed with error ${message}.`,
  /** An invocation failure or a timeout: `<TriggerName> invocation failed due to error <reason>.` */
  invocationFailed: (trigger: TriggerName, reason: string): string => `${trigger} invocation failed due to error ${reason}.`,
  /** The reason of a timeout, in Lambda's words: `Task timed out after 5.00 seconds`. */
  timedOut: (timeoutMs: number): string => `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  /** The reason when a pool configures a trigger and the recovery has no `TriggerInvoker`. */
  noInvoker: 'no TriggerInvoker is configured',
  /** Unusable output (the only wording observed). */
  unrecognizable: messages.lambdaInvalidResponse,
  /** §9.1: an empty custom message. */
  emptyMessage: 'The message is empty.',
} as const;

/**
 * Maps a {@link TriggerFailure} to the caller's exception (R9.0.4, D16): a function error is
 * `UserLambdaValidationException` `"<TriggerName> failed with error <message>."`; an invocation failure
 * or a timeout is `UnexpectedLambdaException` `"<TriggerName> invocation failed due to error <reason>."`.
 *
 * @example
 * ```ts
 * triggerFailureError('CustomMessage', { kind: 'Timeout' }, 5000);
 * // UnexpectedLambdaException 'CustomMessage invocation failed due to error Task timed out after 5.00 seconds.'
 * ```
 * @group Triggers
 */
export function triggerFailureError(trigger: TriggerName, failure: TriggerFailure, timeoutMs: number): CognitoError<'UserLambdaValidationException' | 'UnexpectedLambdaException'> {
  switch (failure.kind) {
    case 'FunctionError':
      return cognitoError('UserLambdaValidationException', triggerMessages.failed(trigger, failure.message));
    case 'InvocationFailed':
      return cognitoError('UnexpectedLambdaException', triggerMessages.invocationFailed(trigger, failure.reason));
    case 'Timeout':
      return cognitoError('UnexpectedLambdaException', triggerMessages.invocationFailed(trigger, triggerMessages.timedOut(timeoutMs)));
  }
}

/** `InvalidLambdaResponseException` `Unrecognizable lambda output` (R9.0.4, D16). @group Triggers */
export function unrecognizableOutput(): CognitoError<'InvalidLambdaResponseException'> {
  return cognitoError('InvalidLambdaResponseException', triggerMessages.unrecognizable);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): Result<string | null, CognitoError<'InvalidLambdaResponseException'>> {
  if (value === undefined || value === null) return ok(null);
  return typeof value === 'string' ? ok(value) : err(unrecognizableOutput());
}

/** What a `CustomMessage` function answered: each field `null` when left to the pool's template. @group Triggers */
export interface CustomMessageAnswer {
  /** The SMS body, with `{####}`. */
  readonly smsMessage: string | null;
  /** The email body, with `{####}`. */
  readonly emailMessage: string | null;
  /** The email subject. */
  readonly emailSubject: string | null;
}

/**
 * Reads a `CustomMessage` function's output (§9.1): an object whose `response` is an object whose
 * `smsMessage`, `emailMessage` and `emailSubject` are strings or `null` (absent counts as `null`);
 * anything else is `InvalidLambdaResponseException` `Unrecognizable lambda output`.
 *
 * @example
 * ```ts
 * readCustomMessageAnswer({ response: { emailMessage: 'Code: {####}' } });
 * // ok({ smsMessage: null, emailMessage: 'Code: {####}', emailSubject: null })
 * ```
 * @group Triggers
 */
export function readCustomMessageAnswer(output: unknown): Result<CustomMessageAnswer, CognitoError<'InvalidLambdaResponseException'>> {
  if (!isRecord(output) || !isRecord(output['response'])) return err(unrecognizableOutput());
  const response = output['response'];
  return optionalString(response['smsMessage']).andThen((smsMessage) =>
    optionalString(response['emailMessage']).andThen((emailMessage) =>
      optionalString(response['emailSubject']).map((emailSubject) => ({ smsMessage, emailMessage, emailSubject })),
    ),
  );
}

function codePoints(text: string): number {
  return Array.from(text).length;
}

function validationError(value: string, member: string, constraint: string): CognitoError<'InvalidParameterException'> {
  return cognitoError('InvalidParameterException', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

/**
 * Checks a body a `CustomMessage` function returned, before the code is put in (§9.1): empty →
 * `The message is empty.`; without the placeholder (or, for email, with characters outside the
 * pattern) → the model's pattern error, quoting the message as returned (so never the code); longer
 * than 140 (SMS) or 20,000 (email) characters → the model's length error. The placeholder and a code
 * are both six characters, so the length is the same before and after substitution.
 */
function checkCustomBody(medium: DeliveryMedium, body: string): Result<void, CognitoError<'InvalidParameterException'>> {
  if (body === '') return err(cognitoError('InvalidParameterException', triggerMessages.emptyMessage));
  const [member, regex, pattern, max] =
    medium === 'EMAIL' ? (['emailBody', EMAIL_MESSAGE_REGEX, EMAIL_MESSAGE_PATTERN, MAX_EMAIL_LENGTH] as const) : (['smsMessage', SMS_MESSAGE_REGEX, SMS_MESSAGE_PATTERN, MAX_SMS_LENGTH] as const);
  if (!regex.test(body)) return err(validationError(body, member, `Member must satisfy regular expression pattern: ${pattern}`));
  if (codePoints(body) > max) return err(validationError(body, member, `Member must have length less than or equal to ${max}`));
  return ok(undefined);
}

/**
 * The message of a code after a `CustomMessage` function answered (§9.1, D11): only the fields of the
 * medium being sent are read; a field left `null` falls back to the pool's template (D11's defaults when
 * unset). A returned email body or subject needs `EmailSendingAccount = DEVELOPER`, else
 * `InvalidLambdaResponseException`; a returned body is checked (empty, placeholder, length) before
 * every `{####}` is replaced by the code; a returned subject must be 1–140 characters.
 *
 * @example
 * ```ts
 * applyCustomMessage(pool, 'SMS', { smsMessage: 'Code {####}', emailMessage: null, emailSubject: null }, '123456');
 * // ok({ subject: undefined, body: 'Code 123456' })
 * ```
 * @group Triggers
 */
export function applyCustomMessage(
  pool: { readonly verificationMessage: MessageTemplate; readonly emailConfiguration: Pick<EmailConfiguration, 'emailSendingAccount'> },
  medium: DeliveryMedium,
  answer: CustomMessageAnswer,
  code: string,
): Result<RenderedMessage, CognitoError<'InvalidParameterException' | 'InvalidLambdaResponseException'>> {
  const template = pool.verificationMessage;
  if (medium === 'SMS') {
    if (answer.smsMessage === null) return ok({ subject: undefined, body: (template.smsMessage ?? DEFAULT_MESSAGE).replaceAll(CODE_PARAMETER, code) });
    const checked = checkCustomBody('SMS', answer.smsMessage);
    if (checked.isErr()) return err(checked.error);
    return ok({ subject: undefined, body: answer.smsMessage.replaceAll(CODE_PARAMETER, code) });
  }
  if ((answer.emailMessage !== null || answer.emailSubject !== null) && pool.emailConfiguration.emailSendingAccount !== 'DEVELOPER') {
    return err(unrecognizableOutput()); // §9.1: email content needs the pool's own SES identity
  }
  if (answer.emailSubject !== null && (answer.emailSubject === '' || codePoints(answer.emailSubject) > MAX_SUBJECT_LENGTH)) {
    return err(validationError(answer.emailSubject, 'emailSubject', `Member must have length between 1 and ${MAX_SUBJECT_LENGTH}`));
  }
  if (answer.emailMessage !== null) {
    const checked = checkCustomBody('EMAIL', answer.emailMessage);
    if (checked.isErr()) return err(checked.error);
  }
  return ok({
    subject: answer.emailSubject ?? template.emailSubject ?? DEFAULT_EMAIL_SUBJECT,
    body: (answer.emailMessage ?? template.emailMessage ?? DEFAULT_MESSAGE).replaceAll(CODE_PARAMETER, code),
  });
}

/** What a `UserMigration` function answered (§9.2), when it answered a user. @group Triggers */
export interface UserMigrationAnswer {
  /** The user's attributes, as strings (booleans and numbers are turned into strings). */
  readonly userAttributes: StringMap;
  /** `CONFIRMED` when the function says so, else `RESET_REQUIRED` (D12). */
  readonly finalUserStatus: Extract<UserStatus, 'CONFIRMED' | 'RESET_REQUIRED'>;
  /** Move an alias held by another user. */
  readonly forceAliasCreation: boolean;
  /** Turn SMS MFA on. */
  readonly enableSMSMFA: boolean;
}

function optionalBoolean(value: unknown): Result<boolean, CognitoError<'InvalidLambdaResponseException'>> {
  if (value === undefined || value === null) return ok(false);
  return typeof value === 'boolean' ? ok(value) : err(unrecognizableOutput());
}

/**
 * Reads a `UserMigration` function's output (§9.2, R8.6). No user (`undefined`): the function answered
 * nothing (`null`), an empty object, no or an empty `response`, or no or empty `userAttributes`.
 * `InvalidLambdaResponseException`: output or `response` that is not an object, attribute values that
 * are objects, `finalUserStatus` other than `CONFIRMED`/`RESET_REQUIRED`, `messageAction` other than
 * `SUPPRESS`/`RESEND`, `desiredDeliveryMediums` not a list of `SMS`/`EMAIL`, non-boolean flags.
 *
 * @example
 * ```ts
 * readUserMigrationAnswer({ response: { userAttributes: { email: 'a@example.com', email_verified: 'true' } } });
 * // ok({ userAttributes: {…}, finalUserStatus: 'RESET_REQUIRED', forceAliasCreation: false, enableSMSMFA: false })
 * ```
 * @group Triggers
 */
export function readUserMigrationAnswer(output: unknown): Result<UserMigrationAnswer | undefined, CognitoError<'InvalidLambdaResponseException'>> {
  if (output === null || output === undefined) return ok(undefined);
  if (!isRecord(output)) return err(unrecognizableOutput());
  const response = output['response'];
  if (response === null || response === undefined) return ok(undefined);
  if (!isRecord(response)) return err(unrecognizableOutput());
  const raw = response['userAttributes'];
  if (raw === null || raw === undefined) return ok(undefined);
  if (!isRecord(raw)) return err(unrecognizableOutput());
  const userAttributes: StringMap = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') userAttributes[name] = value;
    else if (typeof value === 'boolean' || typeof value === 'number') userAttributes[name] = String(value);
    else return err(unrecognizableOutput());
  }
  if (Object.keys(userAttributes).length === 0) return ok(undefined);

  const status = response['finalUserStatus'];
  if (status !== undefined && status !== null && status !== 'CONFIRMED' && status !== 'RESET_REQUIRED') return err(unrecognizableOutput());
  const action = response['messageAction'];
  if (action !== undefined && action !== null && action !== 'SUPPRESS' && action !== 'RESEND') return err(unrecognizableOutput());
  const mediums = response['desiredDeliveryMediums'];
  if (mediums !== undefined && mediums !== null && !(Array.isArray(mediums) && mediums.every((m) => m === 'SMS' || m === 'EMAIL'))) return err(unrecognizableOutput());
  return optionalBoolean(response['forceAliasCreation']).andThen((forceAliasCreation) =>
    optionalBoolean(response['enableSMSMFA']).map((enableSMSMFA) => ({
      userAttributes,
      finalUserStatus: status === 'CONFIRMED' ? ('CONFIRMED' as const) : ('RESET_REQUIRED' as const),
      forceAliasCreation,
      enableSMSMFA,
    })),
  );
}
