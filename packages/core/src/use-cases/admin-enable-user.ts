/**
 * `AdminEnableUser`: marks a user enabled.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import type { CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';
import { operation } from './shared/operation.js';

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
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminEnableUser uses. @group Use cases */
export type AdminEnableUserDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_ENABLE_USER_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
} as const satisfies InputMembers<AdminEnableUserInput>;

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
  return operation(ADMIN_ENABLE_USER_INPUT, async (request) => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => ok({ ...current, enabled: true }));
    return changed.isErr() ? err(changed.error) : ok({});
  });
}
