/**
 * `AdminEnableUser`: marks a user enabled.
 *
 * @module
 */
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';

/** `AdminEnableUserRequest`. @group Use cases */
export interface AdminEnableUserInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
}

/** `AdminEnableUser` answers `{}`. @group Use cases */
export type AdminEnableUserOutput = Readonly<Record<string, never>>;

/** Every error AdminEnableUser can answer with. @group Use cases */
export type AdminEnableUserError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'AliasExistsException'
  | 'UsernameExistsException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminEnableUser uses. @group Use cases */
export type AdminEnableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_ENABLE_USER_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
};

/**
 * Builds the `AdminEnableUser` operation: `Enabled` becomes `true`.
 *
 * @example
 * ```ts
 * const enable = adminEnableUser(ports);
 * await enable({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminEnableUser(deps: AdminEnableUserDeps): (input: AdminEnableUserInput) => ResultAsync<AdminEnableUserOutput, AdminEnableUserError> {
  return (input) =>
    safeTry<AdminEnableUserOutput, AdminEnableUserError>(async function* () {
      const request = yield* validateInput<AdminEnableUserInput>(ADMIN_ENABLE_USER_INPUT, input);
      yield* changeUser(deps, request.UserPoolId, request.Username, (current) => ok({ ...current, enabled: true }));
      return ok({});
    });
}
