/**
 * `CustomMessage_*` for codes (§9.1, D11, R26.4): `_ForgotPassword`, `_SignUp`, `_ResendCode`,
 * `_VerifyUserAttribute`, `_UpdateUserAttribute`: the event, the reading of the function's answer, and
 * the message it makes.
 *
 * @module
 */
import type { BaseCustomMessageTriggerEvent, CustomMessageForgotPasswordTriggerEvent, CustomMessageTriggerEvent } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { EmailConfiguration, MessageTemplate } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { DeliveryMedium } from '../../ports/message-sender.js';
import { CODE_PARAMETER } from '../codes.js';
import { PATTERNS, SHAPES } from '../input-constraints.js';
import { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, type RenderedMessage } from '../message-template.js';
import { readResponseFields } from './answers.js';
import { attributesOf, commonFields, metadataOf, type TriggerCaller, type TriggerSourceEvent } from './common.js';
import { unrecognizableOutput } from './failures.js';

/** §9.1: `request.linkParameter` of custom message events. @group Triggers */
export const LINK_PARAMETER = '{##Click Here##}';

/** §9.1: the longest SMS body, code included (code points): `SmsVerificationMessageType`'s. @group Triggers */
export const MAX_SMS_LENGTH = SHAPES.smsVerificationMessage.max;

/** §9.1: the longest email body, code included (code points): `EmailVerificationMessageType`'s. @group Triggers */
export const MAX_EMAIL_LENGTH = SHAPES.emailVerificationMessage.max;

/** `EmailVerificationSubjectType`: the longest subject. @group Triggers */
export const MAX_SUBJECT_LENGTH = SHAPES.emailVerificationSubject.max;

/** The `emailBody` pattern Cognito quotes when a custom email lacks the code (§9.1). @group Triggers */
export const EMAIL_MESSAGE_PATTERN = PATTERNS.emailVerificationMessage;

/** The `smsMessage` pattern (`SmsVerificationMessageType`) quoted when a custom SMS lacks the code (§9.1). @group Triggers */
export const SMS_MESSAGE_PATTERN = PATTERNS.smsVerificationMessage;

const EMAIL_MESSAGE_REGEX = new RegExp(`^${EMAIL_MESSAGE_PATTERN}$`, 'u');
// The SMS pattern is applied across lines (an SMS may hold line breaks): only the code's presence counts.
const SMS_MESSAGE_REGEX = new RegExp(`^${SMS_MESSAGE_PATTERN}$`, 'su');

/** The `CustomMessage_ForgotPassword` event (§9.1), as `@types/aws-lambda` types it. @group Triggers */
export type CustomMessageForgotPasswordEvent = CustomMessageForgotPasswordTriggerEvent;

/**
 * The operation a code message is for, the suffix of its trigger sources (`CustomMessage_<source>`,
 * `CustomEmailSender_<source>`, `CustomSMSSender_<source>`; R26.1, R26.4, R26.5).
 *
 * @group Triggers
 */
export type CodeMessageSource = 'ForgotPassword' | 'SignUp' | 'ResendCode' | 'VerifyUserAttribute' | 'UpdateUserAttribute';

/** The `CustomMessage_<source>` event of a code message, as `@types/aws-lambda` types it. @group Triggers */
export type CustomMessageCodeEvent<S extends CodeMessageSource = CodeMessageSource> = TriggerSourceEvent<CustomMessageTriggerEvent, 'CustomMessage', S>;

/**
 * The `CustomMessage_<source>` event for a user (§9.1, R26.4, R9.0.2, R9.0.3, R3.6): `userName` is the
 * canonical username, `codeParameter` `{####}`, `linkParameter` `{##Click Here##}`, `usernameParameter`
 * `null`, and every response field `null`. The source defaults to `ForgotPassword`, which
 * `AdminResetUserPassword` raises too.
 *
 * @example
 * ```ts
 * const event = customMessageEvent({ pool, clientId: client.clientId, clientMetadata }, user);
 * event.request.codeParameter; // '{####}'
 * customMessageEvent(caller, user, 'SignUp').triggerSource; // 'CustomMessage_SignUp'
 * ```
 * @group Triggers
 */
export function customMessageEvent<S extends CodeMessageSource = 'ForgotPassword'>(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  source: S = 'ForgotPassword' as S,
): CustomMessageCodeEvent<S> {
  const triggerSource = `CustomMessage_${source}` as CustomMessageCodeEvent<S>['triggerSource'];
  return baseCustomMessageEvent(caller, triggerSource, user, null) as CustomMessageCodeEvent<S>;
}

/**
 * The one shape of every `CustomMessage_*` event (§9.1, R9.0.2): the user's attributes, `codeParameter`
 * `{####}`, `linkParameter` `{##Click Here##}`, `usernameParameter` as given (the username placeholder
 * of an invitation, `null` otherwise), the caller's `ClientMetadata` when sent, and every response
 * field `null`.
 *
 * @internal
 */
export function baseCustomMessageEvent<T extends string>(
  caller: TriggerCaller,
  triggerSource: T,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  usernameParameter: string | null,
): BaseCustomMessageTriggerEvent<T> {
  return {
    ...commonFields(caller, triggerSource, user.username),
    request: {
      userAttributes: attributesOf(user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter,
      ...metadataOf(caller),
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
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

/** The fields of a {@link CustomMessageAnswer}, read from the function's `response`. */
const CUSTOM_MESSAGE_FIELDS = ['smsMessage', 'emailMessage', 'emailSubject'] as const;

/** A string, or `null` for absent; anything else is unusable. `undefined` means unusable. */
function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
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
  return readResponseFields(output, CUSTOM_MESSAGE_FIELDS, optionalString);
}

function codePoints(text: string): number {
  return Array.from(text).length;
}

function invalidMessage(value: string, member: string, constraint: string): CognitoError<'InvalidParameterException'> {
  return cognitoError('InvalidParameterException', messages.customMessageInvalid(value, member, constraint));
}

/**
 * Checks a body a `CustomMessage` function returned, before the code is put in (§9.1): empty →
 * `The message is empty.`; without the placeholder (or, for email, with characters outside the
 * pattern) → the model's pattern error, quoting the message as returned (so never the code); longer
 * than 140 (SMS) or 20,000 (email) characters → the model's length error. The placeholder and a code
 * are both six characters, so the length is the same before and after substitution.
 */
function checkCustomBody(medium: DeliveryMedium, body: string): Result<void, CognitoError<'InvalidParameterException'>> {
  if (body === '') return err(cognitoError('InvalidParameterException', messages.customMessageEmpty));
  const [member, regex, pattern, max] =
    medium === 'EMAIL'
      ? (['emailBody', EMAIL_MESSAGE_REGEX, EMAIL_MESSAGE_PATTERN, MAX_EMAIL_LENGTH] as const)
      : (['smsMessage', SMS_MESSAGE_REGEX, SMS_MESSAGE_PATTERN, MAX_SMS_LENGTH] as const);
  if (!regex.test(body)) return err(invalidMessage(body, member, `Member must satisfy regular expression pattern: ${pattern}`));
  if (codePoints(body) > max) return err(invalidMessage(body, member, `Member must have length less than or equal to ${max}`));
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
    return err(invalidMessage(answer.emailSubject, 'emailSubject', `Member must have length between 1 and ${MAX_SUBJECT_LENGTH}`));
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
