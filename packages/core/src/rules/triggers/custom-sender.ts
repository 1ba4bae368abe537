/**
 * `CustomEmailSender_ForgotPassword` and `CustomSMSSender_ForgotPassword` (§9.3): the events that hand
 * the encrypted code to the pool's own sender instead of Cognito's.
 *
 * @module
 */
import type { CustomEmailSenderForgotPasswordTriggerEvent, CustomSMSSenderForgotPasswordTriggerEvent } from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, metadataOf, type TriggerCaller } from './common.js';

/** The `CustomEmailSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomEmailSenderForgotPasswordEvent = CustomEmailSenderForgotPasswordTriggerEvent;

/** The `CustomSMSSender_ForgotPassword` event (§9.3). @group Triggers */
export type CustomSmsSenderForgotPasswordEvent = CustomSMSSenderForgotPasswordTriggerEvent;

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
export function customEmailSenderEvent(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  encryptedCode: string,
): CustomEmailSenderForgotPasswordEvent {
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
export function customSmsSenderEvent(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  encryptedCode: string,
): CustomSmsSenderForgotPasswordEvent {
  return {
    ...commonFields(caller, 'CustomSMSSender_ForgotPassword', user.username),
    request: { type: 'customSMSSenderRequestV1', code: encryptedCode, userAttributes: attributesOf(user), ...metadataOf(caller) },
    response: {},
  };
}
