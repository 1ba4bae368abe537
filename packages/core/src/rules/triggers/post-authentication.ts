/**
 * `PostAuthentication_Authentication` (R26.8, R17.6, D25 step 17): the event raised after a sign-in
 * succeeded and its tokens were made.
 *
 * @module
 */
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, metadataOf, type TriggerCaller } from './common.js';

/** The `PostAuthentication_Authentication` event (R26.8). @group Triggers */
export type PostAuthenticationEvent = PostAuthenticationTriggerEvent;

/**
 * The `PostAuthentication_Authentication` event (R26.8): the user's attributes (with
 * `cognito:user_status`), `newDeviceUsed: false` (device tracking is not modelled) and the
 * `ClientMetadata` of the challenge answer that completed the sign-in (none for a sign-in that ended
 * at the initiate call, R17.1). Nothing of the answer is read.
 *
 * @example
 * ```ts
 * postAuthenticationEvent({ pool, clientId }, user).request.newDeviceUsed; // false
 * ```
 * @group Triggers
 */
export function postAuthenticationEvent(caller: TriggerCaller, user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>): PostAuthenticationEvent {
  return {
    ...commonFields(caller, 'PostAuthentication_Authentication', user.username),
    request: { userAttributes: { ...attributesOf(user), 'cognito:user_status': user.status }, newDeviceUsed: false, ...metadataOf(caller) },
    response: {},
  };
}
