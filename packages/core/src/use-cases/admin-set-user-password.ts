/**
 * `AdminSetUserPassword`: sets a user's password, permanent or temporary.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { nextPasswordHistory } from '../rules/password-history.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { revokeRecoveryCode } from './shared/revoke-code.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import { passwordCredentials } from './shared/set-password.js';
import { ADMIN_USER_INPUT } from './admin-user-request.js';
import type { AdminUserError } from './shared/request-errors.js';

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

/** Every error AdminSetUserPassword can answer with. @group Use cases */
export type AdminSetUserPasswordError = AdminUserError | CognitoError<'InvalidPasswordException'>;

/** The ports AdminSetUserPassword uses. @group Use cases */
export type AdminSetUserPasswordDeps = Pick<Ports, 'pools' | 'users' | 'hasher' | 'clock' | 'random' | 'codes' | 'secrets'>;

/** The model's input members. @internal */
export const ADMIN_SET_USER_PASSWORD_INPUT = {
  ...ADMIN_USER_INPUT,
  Password: { shape: SHAPES.password, required: true },
  Permanent: { shape: { type: 'boolean' } },
} as const satisfies InputMembers<AdminSetUserPasswordInput>;

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
export function adminSetUserPassword(deps: AdminSetUserPasswordDeps) {
  return operation(ADMIN_SET_USER_PASSWORD_INPUT, async (request: AdminSetUserPasswordInput): Promise<Result<EmptyOutput, AdminSetUserPasswordError>> => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { pool, user } = context.value;
    const policy = checkPasswordPolicy(pool.passwordPolicy, request.Password, 'admin'); // R7.6
    if (policy.isErr()) return err(policy.error);
    const credentials = await passwordCredentials(deps, pool.id, user.username, request.Password);
    if (credentials.isErr()) return err(credentials.error);
    const stored = await updateUser(deps, pool, user, (current) =>
      ok({
        ...current,
        ...credentials.value,
        passwordHistory: nextPasswordHistory(current, pool.passwordPolicy.passwordHistorySize),
        status: request.Permanent === true ? ('CONFIRMED' as const) : ('FORCE_CHANGE_PASSWORD' as const),
        updatedAt: deps.clock.now(),
      }),
    );
    if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error);
    const revoked = await revokeRecoveryCode(deps, pool, stored.value.username); // D20: the code dies with the old password
    return revoked.isErr() ? err(revoked.error) : ok({});
  });
}
