/**
 * `PostConfirmation_ConfirmForgotPassword` (§9.4, D17) and `PostConfirmation_ConfirmSignUp` (R26.6):
 * the event raised after a reset, a sign-up confirmation or an administrator's confirmation completed.
 *
 * @module
 */
import type { PostConfirmationConfirmForgotPassword, PostConfirmationConfirmSignUpTriggerEvent } from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, metadataOf, type TriggerCaller } from './common.js';

/** The `PostConfirmation_ConfirmForgotPassword` event (§9.4). @group Triggers */
export type PostConfirmationConfirmForgotPasswordEvent = PostConfirmationConfirmForgotPassword;

/** The `PostConfirmation_ConfirmSignUp` event (R26.6). @group Triggers */
export type PostConfirmationConfirmSignUpEvent = PostConfirmationConfirmSignUpTriggerEvent;

/** The sources of a post confirmation event. @group Triggers */
export type PostConfirmationSource = 'ConfirmForgotPassword' | 'ConfirmSignUp';

/** The event of a post confirmation source. @group Triggers */
export type PostConfirmationEventOf<S extends PostConfirmationSource> = S extends 'ConfirmSignUp'
  ? PostConfirmationConfirmSignUpEvent
  : PostConfirmationConfirmForgotPasswordEvent;

/**
 * The `PostConfirmation_<source>` event (§9.4, R26.6, R9.0.3): the user's attributes after the change
 * plus `cognito:user_status`, the caller's `ClientMetadata`, an empty response. The source defaults to
 * `ConfirmForgotPassword`; ConfirmSignUp, AdminConfirmSignUp and an auto-confirming SignUp raise
 * `ConfirmSignUp`.
 *
 * @example
 * ```ts
 * const event = postConfirmationEvent({ pool, clientId, clientMetadata }, storedUser);
 * event.request.userAttributes['cognito:user_status']; // 'CONFIRMED'
 * postConfirmationEvent({ pool, clientId }, storedUser, 'ConfirmSignUp').triggerSource; // 'PostConfirmation_ConfirmSignUp'
 * ```
 * @group Triggers
 */
export function postConfirmationEvent<S extends PostConfirmationSource = 'ConfirmForgotPassword'>(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>,
  source: S = 'ConfirmForgotPassword' as S,
): PostConfirmationEventOf<S> {
  const event = {
    ...commonFields(caller, `PostConfirmation_${source}` as const, user.username),
    request: { userAttributes: { ...attributesOf(user), 'cognito:user_status': user.status }, ...metadataOf(caller) },
    response: {},
  };
  return event as PostConfirmationEventOf<S>;
}
