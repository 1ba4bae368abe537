/**
 * `ForgotPassword`: sends a reset code to the user's one qualifying verified channel.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../errors.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { isAdminOnly, selectDelivery } from '../rules/delivery-selection.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { confirmAttemptName, requestLimitKey } from '../rules/limit-keys.js';
import { normaliseUnknownLogin } from '../rules/login-resolution.js';
import { simulateDelivery } from '../rules/simulated-delivery.js';
import { checkUserState } from '../rules/user-state.js';
import type { AnalyticsMetadata, CodeDeliveryDetails, UserContextData } from '../wire/types.js';
import { loadClientContext } from './shared/client-context.js';
import { findUser } from './shared/find-user.js';
import { codeIssuer } from './shared/issue-code.js';
import { userMigrator } from './shared/migrate-user.js';
import type { TriggerOptions } from './shared/run-trigger.js';
import { operation } from './shared/operation.js';
import { countRequest } from './shared/request-limit.js';
import { CODE_REQUEST_INPUT } from './shared/client-request.js';
import type { ClientUserError, CodeDeliveryError } from './shared/request-errors.js';

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
export type ForgotPasswordError = ClientUserError | CodeDeliveryError;

/** The ports ForgotPassword uses. @group Use cases */
export type ForgotPasswordDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'limiter' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** The model's input members (R2.1). @internal */
export const FORGOT_PASSWORD_INPUT = CODE_REQUEST_INPUT satisfies InputMembers<ForgotPasswordInput>;

/**
 * Builds the `ForgotPassword` operation. The checks run in the order of D14: input constraints,
 * client, secret hash, `admin_only`, user lookup, request limit (for nobody: keyed by the input, and
 * then `UserMigration_ForgotPassword`), user state, delivery selection, code issue, message, delivery. Under
 * `PreventUserExistenceErrors = ENABLED`, an unknown, disabled or channel-less user gets a simulated
 * answer produced by the same work minus delivery (§8, D4): the same single user lookup, request
 * limit, code draw, HMACs (the real path also derives the simulated destination, discarded) and
 * rendering, and the code is stored with the same validity under a hidden name built from the
 * normalised input (` unknown <input>`, never a username), where ConfirmForgotPassword checks it.
 *
 * Triggers (§9): `ClientMetadata` reaches them unchanged and is never stored (R2.3). A `Username` that
 * resolves to nobody goes to the pool's `UserMigration` trigger, if any (§9.2, D12); the user it answers
 * is created (`RESET_REQUIRED`, or `CONFIRMED` when the function says so) and then meets the normal
 * rules; an empty answer is "no such user" (`UserNotFoundException` under LEGACY, the simulated answer
 * under ENABLED, R8.6). The message is the pool's template, the `CustomMessage_ForgotPassword`
 * trigger's answer (§9.1, D11), or the encrypted code handed to a custom sender (§9.3). Simulated
 * answers never invoke a trigger: there is no user to describe. Trigger failures map as D16 says and
 * never leave a valid code without a delivered message.
 *
 * @example
 * ```ts
 * const forgot = forgotPassword(ports);
 * const result = await forgot({ ClientId: client.clientId, Username: 'alice' });
 * if (result.isOk()) console.log(result.value.CodeDeliveryDetails.Destination); // 'a***@e***'
 * ```
 * @group Use cases
 */
export function forgotPassword(deps: ForgotPasswordDeps, options: TriggerOptions = {}) {
  const issuer = codeIssuer(deps, options);
  const migrate = userMigrator(deps, options);

  return operation(FORGOT_PASSWORD_INPUT, async (request: ForgotPasswordInput): Promise<Result<ForgotPasswordOutput, ForgotPasswordError>> => {
    const { ClientId, Username, SecretHash, ClientMetadata } = request;
    const context = await loadClientContext(deps, ClientId, Username, SecretHash);
    if (context.isErr()) return err(context.error);
    const { client, pool } = context.value;
    if (isAdminOnly(pool)) return err(cognitoError('NotAuthorizedException', messages.adminOnly)); // D2
    const hidden = client.preventUserExistenceErrors === 'ENABLED';
    const caller = { clientId: client.clientId, clientMetadata: ClientMetadata };
    /**
     * R8.3, D4: the simulated answer, keyed by the normalised input; no trigger runs. A code is drawn,
     * rendered and stored under the hidden name of the input (never a real user's, D15), not sent.
     */
    const simulated = async (realUser?: User): Promise<Result<ForgotPasswordOutput, ForgotPasswordError>> => {
      // D19: a real (enabled) user answered with a simulated delivery holds an unusable code, so their
      // ConfirmForgotPassword answers as an unknown user's; unknown and disabled users use the hidden name.
      const name = realUser === undefined ? confirmAttemptName(pool, undefined, Username) : realUser.username;
      const details = await issuer.simulate(pool, simulateDelivery(pool, normaliseUnknownLogin(pool, Username), Username), name, realUser !== undefined);
      return details.isErr() ? err(details.error) : ok({ CodeDeliveryDetails: details.value });
    };

    const found = await findUser(deps, pool, Username);
    if (found.isErr()) return err(found.error);
    let user = found.value;

    // D9, D14: the request counts against the user's limit key, or for nobody against the input's,
    // before the migration trigger runs, so a flood of unknown names is throttled like any input
    // and cannot invoke UserMigration without limit. One count per request either way.
    const counted = await countRequest(deps, requestLimitKey(pool, user, Username), pool.limits.forgotPasswordRequests, pool.limits.windowSeconds); // D9
    if (counted.isErr()) return err(counted.error);

    if (user === undefined) {
      const migrated = await migrate(pool, caller, Username); // §9.2, D12
      if (migrated.isErr()) return err(migrated.error);
      user = migrated.value;
    }

    if (user === undefined) {
      if (!hidden) return err(cognitoError('UserNotFoundException', messages.userNotFound)); // R8.5
      return simulated(); // R8.3, R8.6
    }
    switch (checkUserState(user)) {
      case 'disabled':
        if (!hidden) return err(cognitoError('NotAuthorizedException', messages.userDisabled)); // D5
        return simulated();
      case 'cannot_reset':
        return err(cognitoError('NotAuthorizedException', messages.cannotResetInState)); // R4.2, R8.7
      case 'ok':
        break;
    }
    const channel = selectDelivery(pool, user);
    if (channel === 'admin_only') return err(cognitoError('NotAuthorizedException', messages.adminOnly));
    if (channel === 'no_channel') {
      if (!hidden) return err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)); // R5.6
      return simulated(user); // D19
    }
    // D4: under ENABLED the real path also derives the simulated destination (discarded), so a real
    // and a simulated answer cost the same HMACs; LEGACY clients skip it.
    if (hidden) simulateDelivery(pool, normaliseUnknownLogin(pool, Username), Username);
    // D13 (SMS without SMS configuration) is checked by the issuer before any code exists.
    const issued = await issuer.issue(pool, user, channel, caller);
    if (issued.isErr()) return err(issued.error);
    return ok({ CodeDeliveryDetails: issued.value });
  });
}
