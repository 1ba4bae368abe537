/**
 * `ForgotPassword`: sends a reset code to the user's one qualifying verified channel.
 *
 * @module
 */
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { isAdminOnly, selectDelivery, type DeliveryChannel } from '../rules/delivery-selection.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { normaliseUnknownLogin } from '../rules/login-resolution.js';
import { simulateDelivery } from '../rules/simulated-delivery.js';
import { checkUserState } from '../rules/user-state.js';
import { loadClientContext } from './shared/client-context.js';
import { findUser } from './shared/find-user.js';
import { codeIssuer } from './shared/issue-code.js';
import { requestLimitKey } from './shared/limit-keys.js';
import type { AnalyticsMetadata, CodeDeliveryDetails, UserContextData } from './shared/types.js';

/** `ForgotPasswordRequest` (R2.1). @group Use cases */
export interface ForgotPasswordInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R2.5). */
  readonly SecretHash?: string;
  /** Username, alias or sub (§3). */
  readonly Username: string;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Passed to triggers, never stored (R2.3). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `ForgotPasswordResponse` (R1.4). @group Use cases */
export interface ForgotPasswordOutput {
  /** Where the code went, masked (§6). */
  readonly CodeDeliveryDetails: CodeDeliveryDetails;
}

/** Every error ForgotPassword can answer with (§10). @group Use cases */
export type ForgotPasswordError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'NotAuthorizedException'
  | 'UserNotFoundException'
  | 'LimitExceededException'
  | 'InvalidSmsRoleAccessPolicyException'
  | 'InvalidSmsRoleTrustRelationshipException'
  | 'InvalidEmailRoleAccessPolicyException'
  | 'CodeDeliveryFailureException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports ForgotPassword uses. @group Use cases */
export type ForgotPasswordDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'limiter' | 'sender' | 'clock' | 'random' | 'secrets'>;

/** The model's input members (R2.1). @internal */
export const FORGOT_PASSWORD_INPUT: Readonly<Record<string, Member>> = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  UserContextData: { shape: SHAPES.userContextData },
  Username: { shape: SHAPES.username, required: true },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  ClientMetadata: { shape: SHAPES.clientMetadata },
};

/**
 * Builds the `ForgotPassword` operation. The checks run in the order of D14: input constraints,
 * client, secret hash, `admin_only`, user lookup, request limit, user state, delivery selection, code
 * issue, message, delivery. Under `PreventUserExistenceErrors = ENABLED`, an unknown, disabled or
 * channel-less user gets a simulated answer produced by the same work minus delivery (§8, D4).
 *
 * @example
 * ```ts
 * const forgot = forgotPassword(ports);
 * const result = await forgot({ ClientId: client.clientId, Username: 'alice' });
 * if (result.isOk()) console.log(result.value.CodeDeliveryDetails.Destination); // 'a***@e***'
 * ```
 * @group Use cases
 */
export function forgotPassword(deps: ForgotPasswordDeps): (input: ForgotPasswordInput) => ResultAsync<ForgotPasswordOutput, ForgotPasswordError> {
  const issueCode = codeIssuer(deps);
  /** Steps 9–11 on a real user, or the same work without storage and delivery when simulated. */
  const issueAndSend = (pool: UserPool, user: User | undefined, channel: DeliveryChannel): ResultAsync<ForgotPasswordOutput, ForgotPasswordError> =>
    issueCode(pool, user, channel).map((details) => ({ CodeDeliveryDetails: details }));

  return (input) =>
    safeTry<ForgotPasswordOutput, ForgotPasswordError>(async function* () {
      const request = yield* validateInput<ForgotPasswordInput>(FORGOT_PASSWORD_INPUT, input);
      const { client, pool } = yield* loadClientContext(deps, request.ClientId, request.Username, request.SecretHash);
      if (isAdminOnly(pool)) return err(cognitoError('NotAuthorizedException', messages.adminOnly)); // D2
      const hidden = client.preventUserExistenceErrors === 'ENABLED';
      const user = yield* findUser(deps, pool, request.Username);

      const limit = yield* deps.limiter
        .attempt(requestLimitKey(pool, user, request.Username), pool.limits.forgotPasswordRequests, pool.limits.windowSeconds * 1000, deps.clock.now())
        .mapErr(fromPortFailure);
      if (!limit.allowed) return err(cognitoError('LimitExceededException', messages.limitExceeded)); // D9

      if (user === undefined) {
        if (!hidden) return err(cognitoError('UserNotFoundException', messages.userNotFound)); // R8.5
        return ok(yield* issueAndSend(pool, undefined, simulateDelivery(pool, normaliseUnknownLogin(pool, request.Username)))); // R8.3
      }
      switch (checkUserState(user)) {
        case 'disabled':
          if (!hidden) return err(cognitoError('NotAuthorizedException', messages.userDisabled)); // D5
          return ok(yield* issueAndSend(pool, undefined, simulateDelivery(pool, normaliseUnknownLogin(pool, request.Username))));
        case 'cannot_reset':
          return err(cognitoError('NotAuthorizedException', messages.cannotResetInState)); // R4.2, R8.7
        case 'ok':
          break;
      }
      const channel = selectDelivery(pool, user);
      if (channel === 'admin_only') return err(cognitoError('NotAuthorizedException', messages.adminOnly));
      if (channel === 'no_channel') {
        if (!hidden) return err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)); // R5.6
        return ok(yield* issueAndSend(pool, undefined, simulateDelivery(pool, normaliseUnknownLogin(pool, request.Username))));
      }
      // D13 (SMS without SMS configuration) is checked by the issuer before any code exists.
      return ok(yield* issueAndSend(pool, user, channel));
    });
}
