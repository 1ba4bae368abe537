/**
 * `CustomEmailSender_<source>` and `CustomSMSSender_<source>` (§9.3, R26.5): the events that hand the
 * encrypted code to the pool's own sender instead of Cognito's, for every code message source
 * (`ForgotPassword`, `SignUp`, `ResendCode`, `VerifyUserAttribute`, `UpdateUserAttribute`).
 *
 * @module
 */
import type {
  BaseCustomEmailSenderTriggerEvent,
  BaseCustomSMSSenderTriggerEvent,
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

/**
 * The `CustomEmailSender_<source>` event (§9.3, R26.5): `request.type` `customEmailSenderRequestV1`,
 * `request.code` the code encrypted by the `CodeEncryptor` (base64), an empty response. The source
 * defaults to `ForgotPassword`.
 *
 * @example
 * ```ts
 * const event = customEmailSenderEvent({ pool, clientId }, user, ciphertext);
 * customEmailSenderEvent({ pool, clientId }, user, ciphertext, 'SignUp').triggerSource; // 'CustomEmailSender_SignUp'
 * ```
 * @group Triggers
 */
export function customEmailSenderEvent<S extends CodeMessageSource = 'ForgotPassword'>(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  encryptedCode: string,
  source: S = 'ForgotPassword' as S,
): CustomEmailSenderCodeEvent<S> {
  const event: BaseCustomEmailSenderTriggerEvent<`CustomEmailSender_${S}`> = customSenderEvent('CustomEmailSender', caller, user, encryptedCode, source);
  return event as CustomEmailSenderCodeEvent<S>;
}

/**
 * The `CustomSMSSender_<source>` event (§9.3, R26.5): `request.type` `customSMSSenderRequestV1`,
 * `request.code` the encrypted code (base64), an empty response. The source defaults to
 * `ForgotPassword`.
 *
 * @example
 * ```ts
 * const event = customSmsSenderEvent({ pool, clientId }, user, ciphertext);
 * ```
 * @group Triggers
 */
export function customSmsSenderEvent<S extends CodeMessageSource = 'ForgotPassword'>(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  encryptedCode: string,
  source: S = 'ForgotPassword' as S,
): CustomSmsSenderCodeEvent<S> {
  const event: BaseCustomSMSSenderTriggerEvent<`CustomSMSSender_${S}`> = customSenderEvent('CustomSMSSender', caller, user, encryptedCode, source);
  return event as CustomSmsSenderCodeEvent<S>;
}

/** The `request.type` each custom sender's event carries. */
const SENDER_REQUEST_TYPES = { CustomEmailSender: 'customEmailSenderRequestV1', CustomSMSSender: 'customSMSSenderRequestV1' } as const;

/** A custom sender event as {@link customSenderEvent} builds it. @internal */
export interface CustomSenderEvent<T extends keyof typeof SENDER_REQUEST_TYPES, S extends string> extends CommonFields<`${T}_${S}`> {
  /** The sender's request type, the encrypted secret, the user's attributes and the caller's `ClientMetadata`. */
  request: { type: (typeof SENDER_REQUEST_TYPES)[T]; code: string; userAttributes: StringMap; clientMetadata?: StringMap };
  /** Always empty: a custom sender answers nothing Cognito reads. */
  response: Record<string, never>;
}

/**
 * The `<trigger>_<source>` event of a custom sender (§9.3, R26.5), the one shape of every source's:
 * `request.type` names the sender, `request.code` is the encrypted code (or temporary password), the
 * response is empty.
 *
 * @internal
 */
export function customSenderEvent<T extends keyof typeof SENDER_REQUEST_TYPES, S extends string>(
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
