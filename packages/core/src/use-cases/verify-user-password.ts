/**
 * `verifyUserPassword`: checks a user's password through the `PasswordHasher` port. Not a Cognito
 * operation: a helper for tests and embedders (Cognito's sign-in flows are out of scope).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { operation } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** Input of {@link verifyUserPassword} (admin-style: pool id, no client). @group Use cases */
export interface VerifyUserPasswordInput extends AdminUserInput {
  /** The password to check. */
  readonly Password: string;
}

/** Output of {@link verifyUserPassword}. @group Use cases */
export interface VerifyUserPasswordOutput {
  /** The password matches the user's current password hash. */
  readonly Valid: boolean;
}

/** The ports {@link verifyUserPassword} uses. @group Use cases */
export type VerifyUserPasswordDeps = Pick<Ports, 'pools' | 'users' | 'hasher'>;

/** Input members: the password is any string up to 256 characters, never quoted. @internal */
export const VERIFY_USER_PASSWORD_INPUT = {
  ...ADMIN_USER_INPUT,
  Password: { shape: { type: 'string', max: 256, sensitive: true }, required: true },
} as const satisfies InputMembers<VerifyUserPasswordInput>;

/**
 * Builds a password check: `{ Valid: true }` when `Password` matches the user's current password hash
 * (compared by the hasher in constant time), `{ Valid: false }` otherwise or when the user has no
 * password. Unknown pool → `ResourceNotFoundException`, unknown user → `UserNotFoundException
 * "User does not exist."`. **Not a Cognito operation**, and not a sign-in: it ignores the user's
 * status and `Enabled` flag, so it can prove after a reset that the new password works and the old
 * one does not.
 *
 * @example
 * ```ts
 * const verify = verifyUserPassword(ports);
 * const result = await verify({ UserPoolId: pool.id, Username: 'alice', Password: 'N3w-passw0rd' });
 * // ok({ Valid: true })
 * ```
 * @group Use cases
 */
export function verifyUserPassword(deps: VerifyUserPasswordDeps) {
  return operation(VERIFY_USER_PASSWORD_INPUT, async (request: VerifyUserPasswordInput): Promise<Result<VerifyUserPasswordOutput, AdminUserError>> => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { passwordHash } = context.value.user;
    if (passwordHash === undefined) return ok({ Valid: false });
    const valid = await deps.hasher.verify(request.Password, passwordHash);
    return valid.isErr() ? err(fromPortFailure(valid.error)) : ok({ Valid: valid.value });
  });
}
