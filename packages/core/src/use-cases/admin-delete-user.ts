/**
 * `AdminDeleteUser`: deletes a user and its outstanding recovery code.
 *
 * @module
 */
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { loadPoolAndUser } from './shared/admin-context.js';

/** `AdminDeleteUserRequest`. @group Use cases */
export interface AdminDeleteUserInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
}

/** `AdminDeleteUser` answers `{}`. @group Use cases */
export type AdminDeleteUserOutput = Readonly<Record<string, never>>;

/** Every error AdminDeleteUser can answer with. @group Use cases */
export type AdminDeleteUserError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'ResourceNotFoundException' | 'UserNotFoundException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/** The ports AdminDeleteUser uses. @group Use cases */
export type AdminDeleteUserDeps = Pick<Ports, 'pools' | 'users' | 'codes'>;

/** The model's input members. @internal */
export const ADMIN_DELETE_USER_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
};

/**
 * Builds the `AdminDeleteUser` operation: the user and its claims go, then its recovery code, so a
 * user created later under the same username cannot use it.
 *
 * @example
 * ```ts
 * const remove = adminDeleteUser(ports);
 * await remove({ UserPoolId: pool.Id, Username: 'alice' }); // ok({})
 * ```
 * @group Use cases
 */
export function adminDeleteUser(deps: AdminDeleteUserDeps): (input: AdminDeleteUserInput) => ResultAsync<AdminDeleteUserOutput, AdminDeleteUserError> {
  return (input) =>
    safeTry<AdminDeleteUserOutput, AdminDeleteUserError>(async function* () {
      const request = yield* validateInput<AdminDeleteUserInput>(ADMIN_DELETE_USER_INPUT, input);
      const { pool, user } = yield* loadPoolAndUser(deps, request.UserPoolId, request.Username);
      yield* deps.users.delete(pool.id, user.username).mapErr(fromPortFailure);
      yield* deps.codes.clear(pool.id, user.username).mapErr(fromPortFailure);
      return ok({});
    });
}
