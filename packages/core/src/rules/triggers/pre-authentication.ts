/**
 * `PreAuthentication_Authentication` (R26.7, D25 step 8): the event raised before the password (or
 * SRP) verdict of a sign-in.
 *
 * @module
 */
import type { PreAuthenticationTriggerEvent } from 'aws-lambda';
import type { User } from '../../model/user.js';
import { attributesOf, commonFields, type TriggerCaller } from './common.js';

/** The `PreAuthentication_Authentication` event (R26.7). @group Triggers */
export type PreAuthenticationEvent = PreAuthenticationTriggerEvent;

/**
 * The `PreAuthentication_Authentication` event (R26.7): the user's attributes (with
 * `cognito:user_status`), the caller's `ClientMetadata` as `validationData`, and `userNotFound` only
 * for clients with `PreventUserExistenceErrors = ENABLED` (`true` for nobody, whose event carries the
 * input as `userName` and no attributes). Nothing of the answer is read.
 *
 * @example
 * ```ts
 * preAuthenticationEvent({ pool, clientId, clientMetadata }, { user }, 'LEGACY');
 * preAuthenticationEvent({ pool, clientId }, { input: 'ghost' }, 'ENABLED').request.userNotFound; // true
 * ```
 * @group Triggers
 */
export function preAuthenticationEvent(
  caller: TriggerCaller,
  subject: { readonly user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'> } | { readonly input: string },
  existence: 'LEGACY' | 'ENABLED',
): PreAuthenticationEvent {
  const user = 'user' in subject ? subject.user : undefined;
  const userName = user === undefined ? (subject as { readonly input: string }).input : user.username;
  const request: PreAuthenticationEvent['request'] = {
    userAttributes: user === undefined ? {} : { ...attributesOf(user), 'cognito:user_status': user.status },
  };
  if (existence === 'ENABLED') request.userNotFound = user === undefined;
  if (caller.clientMetadata !== undefined) request.validationData = { ...caller.clientMetadata };
  return { ...commonFields(caller, 'PreAuthentication_Authentication', userName), request, response: {} };
}
