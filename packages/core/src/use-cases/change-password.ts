/**
 * `ChangePassword`: the signed-in user replaces their password (R22.3).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
import type { User } from '../model/user.js';
import type { OperationOptions } from '../operations.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { nextPasswordHistory } from '../rules/password-history.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AccessTokenRequestError, NewPasswordError } from './shared/request-errors.js';
import { countRequest } from './shared/request-limit.js';
import type { PortError } from './shared/port-error.js';
import { passwordCredentials } from './shared/set-password.js';
import { authorizeAccessToken, type TokenDeps } from './shared/tokens.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';

/** `ChangePasswordRequest` (R22.3). @group Use cases */
export interface ChangePasswordInput extends AccessTokenInput {
  /** The current password; required when the user has one. */
  readonly PreviousPassword?: string;
  /** The new password (pool policy, history). */
  readonly ProposedPassword: string;
}

/** Every error ChangePassword can answer with (R22.1, R22.3, §27). @group Use cases */
export type ChangePasswordError = AccessTokenRequestError | CognitoError<'LimitExceededException'> | NewPasswordError;

/** The ports ChangePassword uses. @group Use cases */
export type ChangePasswordDeps = TokenDeps & Pick<Ports, 'hasher'>;

/** The model's input members. @internal */
export const CHANGE_PASSWORD_INPUT = {
  PreviousPassword: { shape: SHAPES.password },
  ProposedPassword: { shape: SHAPES.password, required: true },
  ...ACCESS_TOKEN_INPUT,
} as const satisfies InputMembers<ChangePasswordInput>;

/** R22.3 (DG-limits): ChangePassword calls per user per hour. @internal */
export const CHANGE_PASSWORD_LIMIT = 5;

/** R22.3: the window of {@link CHANGE_PASSWORD_LIMIT}. @internal */
export const CHANGE_PASSWORD_WINDOW_MS = 3_600_000;

/** The limiter key of a user's ChangePassword calls. @internal */
export function changePasswordLimitKey(userPoolId: string, username: string): string {
  return `cp\u0000${userPoolId}\u0000${username}`;
}

const incorrect = (): CognitoError<'NotAuthorizedException'> => cognitoError('NotAuthorizedException', messages.changePasswordIncorrect);

/**
 * Builds the `ChangePassword` operation (R22.3). In order:
 *
 * 1. the access token (R22.1: `authorizeAccessToken`);
 * 2. the limit: every call that passed the token check counts, 5 per user per hour; the 6th →
 *    `LimitExceededException` `"Attempt limit exceeded, please try after some time."`, whatever the
 *    passwords (a wrong previous password does not count toward the sign-in lockout, D27);
 * 3. `PreviousPassword`, required when the user has a password: missing or wrong →
 *    `NotAuthorizedException` `"Incorrect username or password."`;
 * 4. the pool's policy → `InvalidPasswordException` `"Password does not conform to policy: …"`, and
 *    history → `PasswordHistoryPolicyViolationException`;
 * 5. the new password is written with its SRP verifier (`passwordCredentials`, R18.15); the status is
 *    unchanged and no token is revoked (D39).
 *
 * @example
 * ```ts
 * const change = changePassword(ports, { region: 'us-east-1' });
 * await change({ AccessToken, PreviousPassword: 'Old-passw0rd', ProposedPassword: 'N3w-passw0rd!' }); // ok({})
 * ```
 * @group Use cases
 */
export function changePassword(deps: ChangePasswordDeps, options: OperationOptions) {
  /** Password history: the new password may not be one of the `size` most recent. */
  const reused = async (user: User, password: string, size: number): Promise<Result<boolean, PortError>> => {
    for (const hash of nextPasswordHistory(user, size)) {
      const match = await deps.hasher.verify(password, hash);
      if (match.isErr()) return err(fromPortFailure(match.error));
      if (match.value) return ok(true);
    }
    return ok(false);
  };

  return operation(CHANGE_PASSWORD_INPUT, async (request: ChangePasswordInput): Promise<Result<EmptyOutput, ChangePasswordError>> => {
    const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
    if (authorized.isErr()) return err(authorized.error);
    const { pool, user } = authorized.value;

    const counted = await countRequest(deps, changePasswordLimitKey(pool.id, user.username), CHANGE_PASSWORD_LIMIT, CHANGE_PASSWORD_WINDOW_MS / 1000);
    if (counted.isErr()) return err(counted.error);

    if (user.passwordHash !== undefined) {
      if (request.PreviousPassword === undefined) return err(incorrect());
      const matches = await deps.hasher.verify(request.PreviousPassword, user.passwordHash);
      if (matches.isErr()) return err(fromPortFailure(matches.error));
      if (!matches.value) return err(incorrect());
    }

    const policy = checkPasswordPolicy(pool.passwordPolicy, request.ProposedPassword, 'user');
    if (policy.isErr()) return err(policy.error);
    const historySize = pool.passwordPolicy.passwordHistorySize;
    const inHistory = await reused(user, request.ProposedPassword, historySize);
    if (inHistory.isErr()) return err(inHistory.error);
    if (inHistory.value) return err(cognitoError('PasswordHistoryPolicyViolationException', messages.passwordHistoryViolation));

    const credentials = await passwordCredentials(deps, pool.id, user.username, request.ProposedPassword);
    if (credentials.isErr()) return err(credentials.error);
    const now = deps.clock.now();
    const stored = await updateUser(deps, pool, user, (fresh) =>
      ok({ ...fresh, ...credentials.value, passwordHistory: nextPasswordHistory(fresh, historySize), updatedAt: now }),
    );
    if (stored.isErr()) return err('kind' in stored.error ? keptClaimsRefusal(stored.error) : stored.error);
    return ok({});
  });
}
