/**
 * `AdminSetUserPassword`: sets a user's password, permanent or temporary.
 *
 * @module
 */
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../errors.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { loadPoolAndUser, updateUser } from './shared/admin-context.js';

/** `AdminSetUserPasswordRequest`. @group Use cases */
export interface AdminSetUserPasswordInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
  /** The new password. */
  readonly Password: string;
  /** `true`: the user becomes `CONFIRMED`; otherwise `FORCE_CHANGE_PASSWORD`. */
  readonly Permanent?: boolean;
}

/** `AdminSetUserPassword` answers `{}`. @group Use cases */
export type AdminSetUserPasswordOutput = Readonly<Record<string, never>>;

/** Every error AdminSetUserPassword can answer with. @group Use cases */
export type AdminSetUserPasswordError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'InvalidPasswordException'
  | 'AliasExistsException'
  | 'UsernameExistsException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminSetUserPassword uses. @group Use cases */
export type AdminSetUserPasswordDeps = Pick<Ports, 'pools' | 'users' | 'hasher' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_SET_USER_PASSWORD_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
  Password: { shape: SHAPES.password, required: true },
  Permanent: { shape: { type: 'boolean' } },
};

/** The history after replacing the current password: previous hashes, newest first, at most `size`. @internal */
export function nextPasswordHistory(user: Pick<User, 'passwordHash' | 'passwordHistory'>, size: number): readonly string[] {
  if (size <= 0) return [];
  const previous = user.passwordHash === undefined ? user.passwordHistory : [user.passwordHash, ...user.passwordHistory];
  return previous.slice(0, size);
}

/**
 * Builds the `AdminSetUserPassword` operation. The password is checked against the pool's policy with
 * the admin wording of R7.6 (`Password did not conform with password policy: …`); `Permanent` makes
 * the user `CONFIRMED`, otherwise `FORCE_CHANGE_PASSWORD`. When the pool keeps a password history,
 * the replaced hash joins it (newest first, trimmed to `PasswordHistorySize`); reuse is not refused
 * here (the history is enforced where users choose their password).
 *
 * @example
 * ```ts
 * const setPassword = adminSetUserPassword(ports);
 * await setPassword({ UserPoolId: pool.Id, Username: 'alice', Password: 'Corr3ct-Horse', Permanent: true }); // ok({})
 * ```
 * @group Use cases
 */
export function adminSetUserPassword(deps: AdminSetUserPasswordDeps): (input: AdminSetUserPasswordInput) => ResultAsync<AdminSetUserPasswordOutput, AdminSetUserPasswordError> {
  return (input) =>
    safeTry<AdminSetUserPasswordOutput, AdminSetUserPasswordError>(async function* () {
      const request = yield* validateInput<AdminSetUserPasswordInput>(ADMIN_SET_USER_PASSWORD_INPUT, input);
      const { pool, user } = yield* loadPoolAndUser(deps, request.UserPoolId, request.Username);
      yield* checkPasswordPolicy(pool.passwordPolicy, request.Password, 'admin'); // R7.6
      const passwordHash = yield* deps.hasher.hash(request.Password).mapErr(fromPortFailure);
      yield* updateUser(deps, pool, user, (current) =>
        ok({
          ...current,
          passwordHash,
          passwordHistory: nextPasswordHistory(current, pool.passwordPolicy.passwordHistorySize),
          status: request.Permanent === true ? ('CONFIRMED' as const) : ('FORCE_CHANGE_PASSWORD' as const),
        }),
      );
      return ok({});
    });
}
