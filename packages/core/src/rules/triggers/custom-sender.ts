/**
 * `CustomEmailSender_<source>` and `CustomSMSSender_<source>` (§9.3, R26.5): the events that hand the
 * encrypted code to the pool's own sender instead of Cognito's, for every code message source
 * (`ForgotPassword`, `SignUp`, `ResendCode`, `VerifyUserAttribute`, `UpdateUserAttribute`).
 *
 * @module
 */
import type {
  CustomEmailSenderForgotPasswordTriggerEvent,
  CustomEmailSenderTriggerEvent,
  CustomSMSSenderForgotPasswordTriggerEvent,
  CustomSMSSenderTriggerEvent,
} from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, metadataOf, type CommonFields, type StringMap, type TriggerCaller, type TriggerSourceEvent } from './common.js';
import type { CodeMessageSource } from './custom-message.js';

/** The `CustomEmailSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomEmailSenderForgotPasswordEvent = CustomEmailSenderForgotPasswordTriggerEvent;

/** The `CustomSMSSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomSmsSenderForgotPasswordEvent = CustomSMSSenderForgotPasswordTriggerEvent;

/** The `CustomEmailSender_<source>` event of a code message (R26.5). @group Triggers */
export type CustomEmailSenderCodeEvent<S extends CodeMessageSource = CodeMessageSource> = TriggerSourceEvent<
  CustomEmailSenderTriggerEvent,
  'CustomEmailSender',
  S
>;

/** The `CustomSMSSender_<source>` event of a code message (R26.5). @group Triggers */
export type CustomSmsSenderCodeEvent<S extends CodeMessageSource = CodeMessageSource> = TriggerSourceEvent<CustomSMSSenderTriggerEvent, 'CustomSMSSender', S>;

/** The `request.type` each custom sender's event carries, by trigger. @group Triggers */
export interface SenderRequestTypes {
  /** `CustomEmailSender_*`. */
  readonly CustomEmailSender: 'customEmailSenderRequestV1';
  /** `CustomSMSSender_*`. */
  readonly CustomSMSSender: 'customSMSSenderRequestV1';
}

const SENDER_REQUEST_TYPES: SenderRequestTypes = { CustomEmailSender: 'customEmailSenderRequestV1', CustomSMSSender: 'customSMSSenderRequestV1' };

/** A custom sender event as {@link customSenderEvent} builds it. @group Triggers */
export interface CustomSenderEvent<T extends keyof SenderRequestTypes, S extends string> extends CommonFields<`${T}_${S}`> {
  /** The sender's request type, the encrypted secret, the user's attributes and the caller's `ClientMetadata`. */
  request: { type: SenderRequestTypes[T]; code: string; userAttributes: StringMap; clientMetadata?: StringMap };
  /** Always empty: a custom sender answers nothing Cognito reads. */
  response: Record<string, never>;
}

/**
 * The `<trigger>_<source>` event of a custom sender (§9.3, R26.5), the one shape of every source's
 * (`ForgotPassword`, `SignUp`, `ResendCode`, `VerifyUserAttribute`, `UpdateUserAttribute`,
 * `AdminCreateUser`): `request.type` names the sender (`customEmailSenderRequestV1` or
 * `customSMSSenderRequestV1`), `request.code` is the code (or temporary password) the
 * `CodeEncryptor` encrypted (base64), the response is empty. `custom-sender.test.ts` proves each
 * source's event assignable to the `aws-lambda` type of that trigger source.
 *
 * @example
 * ```ts
 * customSenderEvent('CustomEmailSender', { pool, clientId }, user, ciphertext, 'SignUp').triggerSource; // 'CustomEmailSender_SignUp'
 * ```
 * @group Triggers
 */
export function customSenderEvent<T extends keyof SenderRequestTypes, S extends string>(
  trigger: T,
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  encryptedCode: string,
  source: S,
): CustomSenderEvent<T, S> {
  return {
    ...commonFields(caller, `${trigger}_${source}` as const, user.username),
    request: { type: SENDER_REQUEST_TYPES[trigger], code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
}
