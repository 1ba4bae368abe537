/**
 * `PostConfirmation_ConfirmForgotPassword` (§9.4, D17): the event raised after a reset completed.
 *
 * @module
 */
import type { PostConfirmationConfirmForgotPassword } from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, metadataOf, type TriggerCaller } from './common.js';

/** The `PostConfirmation_ConfirmForgotPassword` event (§9.4). @group Triggers */
export type PostConfirmationConfirmForgotPasswordEvent = PostConfirmationConfirmForgotPassword;

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
export function postConfirmationEvent(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>,
): PostConfirmationConfirmForgotPasswordEvent {
  return {
    ...commonFields(caller, 'PostConfirmation_ConfirmForgotPassword', user.username),
    request: { userAttributes: { ...attributesOf(user), 'cognito:user_status': user.status }, ...metadataOf(caller) },
    response: {},
  };
}
