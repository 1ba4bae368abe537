/**
 * `AdminResetUserPassword`: an administrator makes a user reset their password (R4.4).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { isAdminOnly, selectDelivery } from '../rules/delivery-selection.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { ADMIN_CLIENT_ID } from '../rules/triggers/common.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { codeIssuer } from './shared/issue-code.js';
import type { TriggerOptions } from './shared/run-trigger.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import { ADMIN_USER_INPUT } from './admin-user-request.js';
import type { AdminUserError, CodeDeliveryError } from './shared/request-errors.js';

/** `AdminResetUserPasswordRequest` (R4.4). @group Use cases */
export interface AdminResetUserPasswordInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub (§3). */
  readonly Username: string;
  /** Passed to the CustomMessage trigger, never stored (R2.3). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** Every error AdminResetUserPassword can answer with. @group Use cases */
export type AdminResetUserPasswordError = AdminUserError | CognitoError<'NotAuthorizedException'> | CodeDeliveryError;

/** The ports AdminResetUserPassword uses. @group Use cases */
export type AdminResetUserPasswordDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** The model's input members. @internal */
export const ADMIN_RESET_USER_PASSWORD_INPUT = {
  ...ADMIN_USER_INPUT,
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminResetUserPasswordInput>;

/**
 * Builds the `AdminResetUserPassword` operation (R4.4): unknown pool → `ResourceNotFoundException`;
 * unknown user → `UserNotFoundException "User does not exist."`; disabled user →
 * `NotAuthorizedException "User is disabled"`; a user neither `CONFIRMED` nor `RESET_REQUIRED` →
 * `NotAuthorizedException "User password cannot be reset in the current state."`; no qualifying
 * verified channel → `InvalidParameterException`. Otherwise the user becomes `RESET_REQUIRED` and a
 * code is delivered by the same rules and code store as ForgotPassword (§5, D8, D13, D15); the user
 * completes with ConfirmForgotPassword, which moves them back to `CONFIRMED` (R7.7).
 *
 * Administrators may reset users of `admin_only` pools: there the code goes by the legacy preference
 * of R5.4 (verified phone, then verified email). The status change happens before delivery and stays
 * when delivery then fails (the call returns the delivery error, D15); every check that can refuse
 * the call runs before the status changes. PreventUserExistenceErrors does not apply (admin API).
 * The old password hash is kept; sign-in, which would refuse a `RESET_REQUIRED` user, is out of scope.
 *
 * The code message is built before the status changes, by the same rules as ForgotPassword's (§9.1,
 * §9.3, D11): Cognito raises `CustomMessage_ForgotPassword` for the reset-code message of an admin
 * reset too (there is no `CustomMessage_AdminResetUserPassword` source), with `callerContext.clientId`
 * `CLIENT_ID_NOT_APPLICABLE` and the call's `ClientMetadata` (R2.3). A failing `CustomMessage` leaves
 * the user as it was; a failing custom sender, like a failed delivery, leaves the status changed and
 * no valid code (D15, D16).
 *
 * @example
 * ```ts
 * const reset = adminResetUserPassword(ports);
 * await reset({ UserPoolId: 'us-east-1_abc123', Username: 'alice' }); // ok({}); alice is RESET_REQUIRED
 * ```
 * @group Use cases
 */
export function adminResetUserPassword(deps: AdminResetUserPasswordDeps, options: TriggerOptions = {}) {
  const issuer = codeIssuer(deps, options);
  return operation(ADMIN_RESET_USER_PASSWORD_INPUT, async (request: AdminResetUserPasswordInput): Promise<Result<EmptyOutput, AdminResetUserPasswordError>> => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { pool, user } = context.value;
    if (!user.enabled) return err(cognitoError('NotAuthorizedException', messages.adminUserDisabled)); // R4.4
    if (user.status !== 'CONFIRMED' && user.status !== 'RESET_REQUIRED') {
      return err(cognitoError('NotAuthorizedException', messages.cannotResetInState)); // R4.4 (moto)
    }
    // R4.4: admin_only pools allow the admin reset; the code goes by the legacy preference (R5.4).
    const channel = selectDelivery(isAdminOnly(pool) ? { recoveryMechanisms: undefined } : pool, user);
    if (channel === 'admin_only' || channel === 'no_channel') {
      return err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)); // R4.4 (moto), R5.6
    }
    // D13 and the message (CustomMessage or the encrypted code), before the status changes.
    const prepared = await issuer.prepare(pool, user, channel, { clientId: ADMIN_CLIENT_ID, clientMetadata: request.ClientMetadata });
    if (prepared.isErr()) return err(prepared.error);

    const now = deps.clock.now();
    const stored = await updateUser(deps, pool, user, (fresh) => ok({ ...fresh, status: 'RESET_REQUIRED' as const, updatedAt: now }));
    if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error); // deleted meanwhile: UserNotFoundException
    const delivered = await issuer.deliver(pool, stored.value, prepared.value);
    return delivered.isErr() ? err(delivered.error) : ok({});
  });
}
