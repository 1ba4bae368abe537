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
import { attributesOf, commonFields, metadataOf, type TriggerCaller } from './common.js';
import type { CodeMessageSource } from './custom-message.js';

/** The `CustomEmailSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomEmailSenderForgotPasswordEvent = CustomEmailSenderForgotPasswordTriggerEvent;

/** The `CustomSMSSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomSmsSenderForgotPasswordEvent = CustomSMSSenderForgotPasswordTriggerEvent;

/** The `CustomEmailSender_<source>` event of a code message (R26.5). @group Triggers */
export type CustomEmailSenderCodeEvent<S extends CodeMessageSource = CodeMessageSource> = Extract<
  CustomEmailSenderTriggerEvent,
  { triggerSource: `CustomEmailSender_${S}` }
>;

/** The `CustomSMSSender_<source>` event of a code message (R26.5). @group Triggers */
export type CustomSmsSenderCodeEvent<S extends CodeMessageSource = CodeMessageSource> = Extract<
  CustomSMSSenderTriggerEvent,
  { triggerSource: `CustomSMSSender_${S}` }
>;

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
  const triggerSource = `CustomEmailSender_${source}` as CustomEmailSenderCodeEvent<S>['triggerSource'];
  const event: BaseCustomEmailSenderTriggerEvent<typeof triggerSource> = {
    ...commonFields(caller, triggerSource, user.username),
    request: { type: 'customEmailSenderRequestV1', code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
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
  const triggerSource = `CustomSMSSender_${source}` as CustomSmsSenderCodeEvent<S>['triggerSource'];
  const event: BaseCustomSMSSenderTriggerEvent<typeof triggerSource> = {
    ...commonFields(caller, triggerSource, user.username),
    request: { type: 'customSMSSenderRequestV1', code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
  return event as CustomSmsSenderCodeEvent<S>;
}
