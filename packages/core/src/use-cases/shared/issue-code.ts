/**
 * Issuing a recovery code to a chosen channel (D14 steps 9–11), shared by ForgotPassword and
 * AdminResetUserPassword: generate, HMAC, render, store, send, revoke on delivery failure (D15).
 *
 * @module
 * @internal
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { codeHmacer, generateCode } from '../../rules/codes.js';
import type { DeliveryChannel } from '../../rules/delivery-selection.js';
import { maskEmail, maskPhone } from '../../rules/masking.js';
import { renderMessage } from '../../rules/message-template.js';
import type { CodeDeliveryDetails } from './types.js';

/** The ports a code issuer uses. @internal */
export type IssueCodeDeps = Pick<Ports, 'codes' | 'sender' | 'clock' | 'random' | 'secrets'>;

/** Errors of issuing and delivering a code. @internal */
export type IssueCodeError = CognitoError<
  | 'InvalidSmsRoleAccessPolicyException'
  | 'InvalidSmsRoleTrustRelationshipException'
  | 'InvalidEmailRoleAccessPolicyException'
  | 'LimitExceededException'
  | 'CodeDeliveryFailureException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/**
 * Issues a code to `channel` and answers its masked `CodeDeliveryDetails`. `user` undefined is the
 * simulated path of §8 (D4): the same work (code, HMAC, rendering) minus storage and delivery.
 * @internal
 */
export type CodeIssuer = (pool: UserPool, user: User | undefined, channel: DeliveryChannel) => ResultAsync<CodeDeliveryDetails, IssueCodeError>;

/** Masks a chosen channel into the wire's `CodeDeliveryDetails` (§6). @internal */
export function deliveryDetails(channel: DeliveryChannel): CodeDeliveryDetails {
  return {
    Destination: channel.medium === 'EMAIL' ? maskEmail(channel.destination) : maskPhone(channel.destination),
    DeliveryMedium: channel.medium,
    AttributeName: channel.attributeName,
  };
}

/**
 * D13: a pool without SMS configuration cannot send the code by SMS; checked before any code exists
 * (and, in AdminResetUserPassword, before the user's status changes).
 *
 * @internal
 */
export function checkDeliverable(pool: Pick<UserPool, 'smsConfiguration'>, channel: DeliveryChannel): Result<void, CognitoError<'InvalidSmsRoleAccessPolicyException'>> {
  if (channel.medium === 'SMS' && pool.smsConfiguration === undefined) {
    return err(cognitoError('InvalidSmsRoleAccessPolicyException', messages.noSmsConfiguration));
  }
  return ok(undefined);
}

/**
 * Builds a {@link CodeIssuer}. For a real user the code replaces any previous one (R7.3), is valid
 * `pool.limits.codeValiditySeconds` (R7.2, D8), and is revoked again when delivery fails (D15); an SMS
 * channel in a pool without SMS configuration fails before any code exists (D13).
 *
 * @internal
 */
export function codeIssuer(deps: IssueCodeDeps): CodeIssuer {
  const hmac = codeHmacer(deps.secrets.codeKey);
  return (pool, user, channel) => {
    if (user !== undefined) {
      const deliverable = checkDeliverable(pool, channel);
      if (deliverable.isErr()) return errAsync(deliverable.error);
    }
    const code = generateCode(deps.random);
    const codeHmac = hmac(code);
    const message = renderMessage(pool.verificationMessage, channel.medium, code);
    const details = deliveryDetails(channel);
    if (user === undefined) return okAsync(details);
    const now = deps.clock.now();
    return deps.codes
      .issue(pool.id, user.username, { codeHmac, issuedAt: now, expiresAt: now + pool.limits.codeValiditySeconds * 1000 })
      .mapErr(fromPortFailure)
      .andThen(() =>
        deps.sender
          .send({
            userPoolId: pool.id,
            username: user.username,
            medium: channel.medium,
            destination: channel.destination,
            subject: message.subject,
            body: message.body,
            code,
            emailConfiguration: pool.emailConfiguration,
            smsConfiguration: pool.smsConfiguration,
          })
          .orElse((failure) =>
            // D15: no valid code without a delivered message.
            deps.codes
              .revoke(pool.id, user.username, codeHmac)
              .mapErr(fromPortFailure)
              .andThen(() => {
                if (failure.kind === 'PortFailure') return err(fromPortFailure(failure));
                return err(cognitoError(failure.exception ?? 'CodeDeliveryFailureException', failure.exception === undefined ? messages.deliveryFailed : failure.reason));
              }),
          ),
      )
      .map(() => details);
  };
}
