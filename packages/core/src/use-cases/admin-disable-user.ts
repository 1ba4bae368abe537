/**
 * `AdminDisableUser`: marks a user disabled.
 *
 * @module
 */
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';

/** `AdminDisableUserRequest`. @group Use cases */
export interface AdminDisableUserInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
}

/** `AdminDisableUser` answers `{}`. @group Use cases */
export type AdminDisableUserOutput = Readonly<Record<string, never>>;

/** Every error AdminDisableUser can answer with. @group Use cases */
export type AdminDisableUserError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'AliasExistsException'
  | 'UsernameExistsException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminDisableUser uses. @group Use cases */
export type AdminDisableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_DISABLE_USER_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
};

/**
 * Builds the `AdminDisableUser` operation: `Enabled` becomes `false`; ForgotPassword then answers as for a disabled user (D5).
 *
 * @example
 * ```ts
 * const disable = adminDisableUser(ports);
 * await disable({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminDisableUser(deps: AdminDisableUserDeps): (input: AdminDisableUserInput) => ResultAsync<AdminDisableUserOutput, AdminDisableUserError> {
  return (input) =>
    safeTry<AdminDisableUserOutput, AdminDisableUserError>(async function* () {
      const request = yield* validateInput<AdminDisableUserInput>(ADMIN_DISABLE_USER_INPUT, input);
      yield* changeUser(deps, request.UserPoolId, request.Username, (current) => ok({ ...current, enabled: false }));
      return ok({});
    });
}
