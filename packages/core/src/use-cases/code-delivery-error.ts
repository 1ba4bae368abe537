/**
 * The errors every operation that sends a code shares (SignUp, ResendConfirmationCode, the attribute
 * verification codes, …).
 *
 * @module
 */
import type { CognitoError } from '../errors.js';
import type { TriggerError } from '../rules/triggers/failures.js';

/**
 * The errors of sending a code: the request limit, the `MessageSender`'s and a custom sender's
 * refusals, the email and SMS role configuration, and the `CustomMessage` / custom sender triggers
 * ({@link TriggerError}).
 *
 * @group Use cases
 */
export type CodeDeliveryError = CognitoError<
  | 'LimitExceededException'
  | 'CodeDeliveryFailureException'
  | 'InvalidSmsRoleAccessPolicyException'
  | 'InvalidSmsRoleTrustRelationshipException'
  | 'InvalidEmailRoleAccessPolicyException'
  | TriggerError['name']
>;
