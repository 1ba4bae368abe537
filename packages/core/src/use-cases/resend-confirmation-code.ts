/**
 * `ResendConfirmationCode`: a new sign-up confirmation code for an `UNCONFIRMED` user (R23.12, D41).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { normaliseUnknownLogin } from '../rules/login-resolution.js';
import { simulateDelivery } from '../rules/simulated-delivery.js';
import { VERIFICATION_LIMITS, hiddenCodeName, resendLimitKey, signUpChannel } from '../rules/verification-codes.js';
import type { AnalyticsMetadata, CodeDeliveryDetails, UserContextData } from '../wire/types.js';
import { loadClientAndUser } from './shared/client-user.js';
import { codeIssuer } from './shared/issue-code.js';
import { operation } from './shared/operation.js';
import { countRequest } from './shared/request-limit.js';
import type { TriggerOptions } from './shared/run-trigger.js';
import { CODE_REQUEST_INPUT } from './shared/client-request.js';
import type { ClientUserError, CodeDeliveryError } from './shared/request-errors.js';

/** `ResendConfirmationCodeRequest` (R23.12). @group Use cases */
export interface ResendConfirmationCodeInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R15.4), over the `Username` sent. */
  readonly SecretHash?: string;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Username or sub (R15.5). */
  readonly Username: string;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Passed to the custom message / sender triggers, never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `ResendConfirmationCodeResponse` (R23.12). @group Use cases */
export interface ResendConfirmationCodeOutput {
  /** Where the code went, masked. */
  readonly CodeDeliveryDetails: CodeDeliveryDetails;
}

/** Every error ResendConfirmationCode can answer with (R23.13, §27). @group Use cases */
export type ResendConfirmationCodeError = ClientUserError | CodeDeliveryError;

/** The ports ResendConfirmationCode uses. @group Use cases */
export type ResendConfirmationCodeDeps = Pick<
  Ports,
  'pools' | 'users' | 'codes' | 'limiter' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'
>;

/** The model's input members (R23.12). @internal */
export const RESEND_CONFIRMATION_CODE_INPUT = CODE_REQUEST_INPUT satisfies InputMembers<ResendConfirmationCodeInput>;

/**
 * Builds the `ResendConfirmationCode` operation (D41). In order: input constraints, client and secret
 * hash, user lookup, the pool's auto-verification (none → `NotAuthorizedException` `Cannot resend
 * codes. Auto verification not turned on.`, whoever is asked for), the request limit (5 per user per
 * hour, counted before delivery, keyed by the input for nobody → `LimitExceededException`), then:
 *
 * - unknown user: LEGACY `UserNotFoundException` `Username/client id combination not found.`;
 * - disabled user: LEGACY `NotAuthorizedException` `User is disabled.`;
 * - not `UNCONFIRMED`: LEGACY `InvalidParameterException` `User is already confirmed.`;
 * - no unverified auto-verified email or phone to send to (D42; Cognito's answer is unknown): LEGACY
 *   the project's `InvalidParameterException` `User has no attribute to send the confirmation code to.`;
 * - under `PreventUserExistenceErrors = ENABLED` each of these gets a simulated `CodeDeliveryDetails`
 *   (recovery D4: deterministic per input, masked like a real one) from the same work minus delivery:
 *   a code is drawn, HMACed, rendered and stored under the hidden name of the input, never sent.
 *
 * Otherwise a new code (bound to the attribute and value, D33, valid 24 hours) goes to the channel
 * SignUp chooses (phone first, D42), through `CustomMessage_ResendCode` or
 * `CustomEmailSender_ResendCode` / `CustomSMSSender_ResendCode`, and replaces the previous one, which
 * answers `CodeMismatchException` from then on.
 *
 * @example
 * ```ts
 * const resend = resendConfirmationCode(ports);
 * const result = await resend({ ClientId, Username: 'alice' });
 * // ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } })
 * ```
 * @group Use cases
 */
export function resendConfirmationCode(deps: ResendConfirmationCodeDeps, options: TriggerOptions = {}) {
  const issuer = codeIssuer(deps, options);
  return operation(
    RESEND_CONFIRMATION_CODE_INPUT,
    async (request: ResendConfirmationCodeInput): Promise<Result<ResendConfirmationCodeOutput, ResendConfirmationCodeError>> => {
      const { ClientId, Username, SecretHash, ClientMetadata } = request;
      const context = await loadClientAndUser(deps, ClientId, Username, SecretHash);
      if (context.isErr()) return err(context.error);
      const { client, pool, hidden, user } = context.value;
      if (pool.autoVerifiedAttributes.length === 0) return err(cognitoError('NotAuthorizedException', messages.autoVerificationOff)); // D41

      const counted = await countRequest(deps, resendLimitKey(pool, user, Username), VERIFICATION_LIMITS.resendRequests, VERIFICATION_LIMITS.windowSeconds); // D41
      if (counted.isErr()) return err(counted.error);

      /** D41 under ENABLED: a deterministic simulated answer (recovery D4), the code stored under the hidden name, not sent. */
      const simulated = async (): Promise<Result<ResendConfirmationCodeOutput, ResendConfirmationCodeError>> => {
        const channel = simulateDelivery(pool, normaliseUnknownLogin(pool, Username), Username);
        const details = await issuer.simulate(pool, channel, hiddenCodeName(pool, Username, 'signup'), false, 'signup');
        return details.isErr() ? err(details.error) : ok({ CodeDeliveryDetails: details.value });
      };
      if (user === undefined) return hidden ? simulated() : err(cognitoError('UserNotFoundException', messages.userNotFound));
      if (!user.enabled) return hidden ? simulated() : err(cognitoError('NotAuthorizedException', messages.userDisabled));
      if (user.status !== 'UNCONFIRMED') return hidden ? simulated() : err(cognitoError('InvalidParameterException', messages.alreadyConfirmed));
      const channel = signUpChannel(pool, user);
      if (channel === undefined) return hidden ? simulated() : err(cognitoError('InvalidParameterException', messages.noConfirmationChannel));
      // D4: under ENABLED the real path also derives the simulated destination (discarded), so both paths cost the same HMACs.
      if (hidden) simulateDelivery(pool, normaliseUnknownLogin(pool, Username), Username);
      const issued = await issuer.issue(pool, user, channel, {
        clientId: client.clientId,
        clientMetadata: ClientMetadata,
        purpose: 'signup',
        source: 'ResendCode',
      });
      return issued.isErr() ? err(issued.error) : ok({ CodeDeliveryDetails: issued.value });
    },
  );
}
