/**
 * `AdminConfirmSignUp`: confirms an `UNCONFIRMED` user without a code.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { ADMIN_CLIENT_ID } from '../rules/triggers/common.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { changeUser } from './shared/admin-context.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError, PostConfirmationError } from './shared/request-errors.js';
import { runPostConfirmation } from './shared/post-confirmation.js';
import { triggerRunner, type TriggerOptions } from './shared/run-trigger.js';

/** `AdminConfirmSignUpRequest`. @group Use cases */
export interface AdminConfirmSignUpInput extends AdminUserInput {
  /** Passed to `PostConfirmation_ConfirmSignUp`, never stored (D49). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** Every error AdminConfirmSignUp can answer with. @group Use cases */
export type AdminConfirmSignUpError = AdminUserError | CognitoError<'NotAuthorizedException'> | PostConfirmationError;

/** The ports AdminConfirmSignUp uses. @group Use cases */
export type AdminConfirmSignUpDeps = Pick<Ports, 'pools' | 'users' | 'clock' | 'triggers'>;

/** The model's input members. @internal */
export const ADMIN_CONFIRM_SIGN_UP_INPUT = {
  ...ADMIN_USER_INPUT,
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminConfirmSignUpInput>;

/**
 * Builds the `AdminConfirmSignUp` operation (R23.14, D49): `UNCONFIRMED` becomes `CONFIRMED` without a
 * code, and no attribute becomes verified (so the user still has no recovery channel until one is
 * verified); any other status is `NotAuthorizedException` `User cannot be confirmed. Current status is
 * <STATUS>`; an unknown user `UserNotFoundException` `User does not exist.`. Then
 * `PostConfirmation_ConfirmSignUp` runs with the call's `ClientMetadata` and `callerContext.clientId`
 * `CLIENT_ID_NOT_APPLICABLE`; its failure is answered, the confirmation stays (as D17).
 *
 * @example
 * ```ts
 * const confirm = adminConfirmSignUp(ports);
 * await confirm({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminConfirmSignUp(deps: AdminConfirmSignUpDeps, options: TriggerOptions = {}) {
  const runTrigger = triggerRunner(deps, options);
  return operation(ADMIN_CONFIRM_SIGN_UP_INPUT, async (request: AdminConfirmSignUpInput): Promise<Result<EmptyOutput, AdminConfirmSignUpError>> => {
    const confirmed = await changeUser(deps, request.UserPoolId, request.Username, (current) =>
      current.status === 'UNCONFIRMED'
        ? ok({ ...current, status: 'CONFIRMED' as const })
        : err(cognitoError('NotAuthorizedException', messages.cannotConfirm(current.status))),
    );
    if (confirmed.isErr()) return err(confirmed.error);
    const { pool, user } = confirmed.value;
    const caller = { clientId: ADMIN_CLIENT_ID, clientMetadata: request.ClientMetadata };
    const ran = await runPostConfirmation(runTrigger, pool, caller, user, 'ConfirmSignUp'); // D49: the confirmation stays
    return ran.isErr() ? err(ran.error) : ok({});
  });
}
