/**
 * `AdminConfirmSignUp`: confirms an `UNCONFIRMED` user without a code.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';
import { operation } from './shared/operation.js';

/** `AdminConfirmSignUpRequest`. @group Use cases */
export interface AdminConfirmSignUpInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
  /** Passed to the post confirmation trigger in Cognito (accepted, not modelled). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `AdminConfirmSignUp` answers `{}`. @group Use cases */
export type AdminConfirmSignUpOutput = Readonly<Record<string, never>>;

/** Every error AdminConfirmSignUp can answer with. @group Use cases */
export type AdminConfirmSignUpError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'NotAuthorizedException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminConfirmSignUp uses. @group Use cases */
export type AdminConfirmSignUpDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_CONFIRM_SIGN_UP_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminConfirmSignUpInput>;

/**
 * Builds the `AdminConfirmSignUp` operation: `UNCONFIRMED` becomes `CONFIRMED` (attributes stay
 * unverified); any other status is `NotAuthorizedException` `User cannot be confirmed. Current status is <STATUS>`.
 *
 * @example
 * ```ts
 * const confirm = adminConfirmSignUp(ports);
 * await confirm({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminConfirmSignUp(
  deps: AdminConfirmSignUpDeps,
): (input: AdminConfirmSignUpInput) => ResultAsync<AdminConfirmSignUpOutput, AdminConfirmSignUpError> {
  return operation(ADMIN_CONFIRM_SIGN_UP_INPUT, async (request) => {
    const confirmed = await changeUser(deps, request.UserPoolId, request.Username, (current) =>
      current.status === 'UNCONFIRMED'
        ? ok({ ...current, status: 'CONFIRMED' as const })
        : err(cognitoError('NotAuthorizedException', messages.cannotConfirm(current.status))),
    );
    return confirmed.isErr() ? err(confirmed.error) : ok({});
  });
}
