/**
 * `ConfirmForgotPassword`: redeems the code ForgotPassword (or AdminResetUserPassword) sent and sets
 * the new password.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import type { AttemptLimit } from '../ports/recovery-code-store.js';
import { codeHmacer } from '../rules/codes.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { confirmAttemptName } from '../rules/limit-keys.js';
import { nextPasswordHistory } from '../rules/password-history.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { checkUserState, statusAfterReset } from '../rules/user-state.js';
import type { AnalyticsMetadata, UserContextData } from '../wire/types.js';
import { checkCode, consumeRefusal, hiddenCodeAttempt } from './shared/attempt-code.js';
import { loadClientAndUser } from './shared/client-user.js';
import { triggerRunner, type TriggerOptions } from './shared/run-trigger.js';
import { updateUser } from './shared/update-user.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import { runPostConfirmation } from './shared/post-confirmation.js';
import { passwordCredentials } from './shared/set-password.js';
import { CLIENT_CALLER_INPUT, CLIENT_USER_INPUT } from './shared/client-request.js';
import type { ClientUserError, CodeCheckError, NewPasswordError, PostConfirmationError } from './shared/request-errors.js';

/** `ConfirmForgotPasswordRequest` (R2.2). @group Use cases */
export interface ConfirmForgotPasswordInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R2.5), computed over the exact `Username` sent (D10). */
  readonly SecretHash?: string;
  /** Username, alias or sub (§3). */
  readonly Username: string;
  /** The code the user received (R7.1). */
  readonly ConfirmationCode: string;
  /** The new password (R7.6). */
  readonly Password: string;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Passed to the PostConfirmation trigger, never stored (R2.3). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** Every error ConfirmForgotPassword can answer with (§10). @group Use cases */
export type ConfirmForgotPasswordError = ClientUserError | CodeCheckError | NewPasswordError | PostConfirmationError;

/** The ports ConfirmForgotPassword uses. @group Use cases */
export type ConfirmForgotPasswordDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'hasher' | 'clock' | 'random' | 'secrets' | 'triggers'>;

/**
 * The model's input members (R2.2). `ConfirmationCode` is treated as sensitive, so a malformed code is
 * never quoted back in a validation message (codes never reach an error message).
 *
 * @internal
 */
export const CONFIRM_FORGOT_PASSWORD_INPUT = {
  ...CLIENT_USER_INPUT,
  ConfirmationCode: { shape: SHAPES.confirmationCode, required: true }, // not sensitive in the model: quoted (R1.7)
  Password: { shape: SHAPES.password, required: true },
  ...CLIENT_CALLER_INPUT,
} as const satisfies InputMembers<ConfirmForgotPasswordInput>;

/**
 * Builds the `ConfirmForgotPassword` operation. The checks run in the order of D14: input constraints
 * (R2.2), client and secret hash (R2.4, R2.5), user lookup (§3), user state (D5), attempt limit (D9),
 * code (R7.5, D8), password policy (R7.6), password history, then the code is consumed and the
 * password set in one atomic write (R7.7, D6, D7).
 *
 * - **Attempts (R7.8, D9).** Every call that reaches the code check is counted *before* the code is
 *   compared, in the pool's sliding window (`limits.windowSeconds`) against
 *   `limits.failedConfirmAttempts`: `RecoveryCodeStore.attemptAndVerify` records the attempt and
 *   verifies the code in one atomic step. A refused call gets `LimitExceededException`, even with the
 *   right code, and a success does not reset the count. A successful call is counted too: the count is
 *   recorded before the outcome is known and cannot be taken back, so with the default 5 a user has at
 *   most 5 confirm calls per hour whatever their outcome. The confirm window is kept by the code store
 *   apart from the code and from ForgotPassword's request counter, so requesting new codes neither
 *   resets nor spends it.
 * - **Single use (R7.3, R7.4, D8).** The code is verified first (wrong, superseded or already used →
 *   `CodeMismatchException`; expired or none outstanding → `ExpiredCodeException`), so a rejected
 *   password does not burn it; after the policy and history checks the new password is written by
 *   `UserStore.update` with the code to consume, the atomic gate: the user is written only together
 *   with the code marked used, and a code that can no longer be used (`CodeNotConsumable`) is
 *   `CodeMismatchException`, so of many concurrent calls with the right code exactly one succeeds and
 *   no failure leaves the code used without the password set. A version conflict re-reads the user
 *   and retries, still consuming.
 * - **Unknown and disabled users (R8.4, R8.5, D5).** `LEGACY`: `UserNotFoundException` /
 *   `NotAuthorizedException "User is disabled."`. `ENABLED`: the same one
 *   `RecoveryCodeStore.attemptAndVerify` as for a real user, under the hidden name of the input
 *   (pool and normalised input, disabled users included) where a simulated ForgotPassword stored its
 *   never-sent code, answered as a real user's wrong code: `CodeMismatchException` while that code is
 *   outstanding (also if it were guessed: nothing is consumed), `ExpiredCodeException` when none was
 *   requested or it expired.
 * - **Password history.** With `passwordHistorySize` n > 0, the new password may not match the
 *   current password or the previous ones, n in all → `PasswordHistoryPolicyViolationException`
 *   `"Password has previously been used."` (the service's wording is unknown; project choice).
 * - **PostConfirmation (§9.4, D17).** After the password is set, the pool's `PostConfirmation`
 *   trigger gets `PostConfirmation_ConfirmForgotPassword` with the user's attributes (and
 *   `cognito:user_status`) and the call's `ClientMetadata` (R2.3); its answer is not read. When it
 *   fails, the password change stays and the call answers the mapped error (D16).
 *
 * @example
 * ```ts
 * const confirm = confirmForgotPassword(ports);
 * const result = await confirm({ ClientId, Username: 'alice', ConfirmationCode: '123456', Password: 'N3w-passw0rd' });
 * // ok({}) — or err({ name: 'CodeMismatchException', … })
 * ```
 * @group Use cases
 */
export function confirmForgotPassword(deps: ConfirmForgotPasswordDeps, options: TriggerOptions = {}) {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const runTrigger = triggerRunner(deps, options);

  /** D9: the pool's confirm-attempt window (`limits.failedConfirmAttempts` per `limits.windowSeconds`). */
  const attemptLimit = (pool: UserPool): AttemptLimit => ({ max: pool.limits.failedConfirmAttempts, windowMs: pool.limits.windowSeconds * 1000 });

  /**
   * R8.4, D5, D19 under ENABLED: counts the attempt and checks the code under the hidden name of the
   * input, one call as for a real user, and always answers `CodeMismatchException`: users that don't
   * exist or are disabled get CodeMismatch whether or not a code was requested, whatever code is sent
   * (a real one sent before the disabling included). Only the limit can answer otherwise.
   */
  const hiddenAnswer = (pool: UserPool, input: string, codeHmac: string): Promise<Result<never, ConfirmForgotPasswordError>> =>
    hiddenCodeAttempt(deps, pool, { name: confirmAttemptName(pool, undefined, input), codeHmac, limit: attemptLimit(pool) });

  /** Password history: the new password may not be one of the `passwordHistorySize` most recent, the history it would leave. */
  const checkHistory = async (pool: UserPool, user: User, password: string): Promise<Result<void, ConfirmForgotPasswordError>> => {
    const hashes = nextPasswordHistory(user, pool.passwordPolicy.passwordHistorySize);
    if (hashes.length === 0) return ok(undefined);
    const matches = await Promise.all(hashes.map((hash) => deps.hasher.verify(password, hash)));
    let reused = false;
    for (const match of matches) {
      if (match.isErr()) return err(fromPortFailure(match.error));
      if (match.value) reused = true;
    }
    return reused ? err(cognitoError('PasswordHistoryPolicyViolationException', messages.passwordHistoryViolation)) : ok(undefined);
  };

  return operation(CONFIRM_FORGOT_PASSWORD_INPUT, async (request: ConfirmForgotPasswordInput): Promise<Result<EmptyOutput, ConfirmForgotPasswordError>> => {
    const context = await loadClientAndUser(deps, request.ClientId, request.Username, request.SecretHash);
    if (context.isErr()) return err(context.error);
    const { client, pool, hidden, user } = context.value;
    const codeHmac = hmac(request.ConfirmationCode);

    if (user === undefined) {
      if (!hidden) return err(cognitoError('UserNotFoundException', messages.userNotFound)); // R8.5
      return hiddenAnswer(pool, request.Username, codeHmac); // R8.4
    }
    switch (checkUserState(user)) {
      case 'disabled':
        if (!hidden) return err(cognitoError('NotAuthorizedException', messages.userDisabled)); // D5
        return hiddenAnswer(pool, request.Username, codeHmac); // the hidden name, not the user's
      case 'cannot_reset':
        return err(cognitoError('NotAuthorizedException', messages.cannotResetInState)); // R4.2, R8.7
      case 'ok':
        break;
    }

    // D9: counted before it is compared; R7.5, D8: wrong, superseded or used → mismatch; R7.2, R7.4, R8.4: expired or none.
    const checked = await checkCode(deps, pool, { name: confirmAttemptName(pool, user, request.Username), codeHmac, limit: attemptLimit(pool) });
    if (checked.isErr()) return err(checked.error);

    const policy = checkPasswordPolicy(pool.passwordPolicy, request.Password, 'user'); // R7.6
    if (policy.isErr()) return err(policy.error);
    const history = await checkHistory(pool, user, request.Password);
    if (history.isErr()) return err(history.error);
    const credentials = await passwordCredentials(deps, pool.id, user.username, request.Password);
    if (credentials.isErr()) return err(credentials.error);

    const now = deps.clock.now();
    const historySize = pool.passwordPolicy.passwordHistorySize;
    const change = (fresh: User): Result<User, never> =>
      ok({
        ...fresh,
        ...credentials.value,
        passwordHistory: nextPasswordHistory(fresh, historySize),
        status: statusAfterReset(fresh.status), // R7.7, D6; attributes unchanged (D7)
        updatedAt: now,
      });
    const stored = await updateUser(deps, pool, user, change, { codeHmac, now });
    if (stored.isErr()) {
      // D8: CodeNotConsumable (another call used it first) and UserGone (deleted meanwhile) as every confirm answers them;
      // ClaimTaken: the user's claims are unchanged, the store contradicts itself.
      const failure = consumeRefusal(stored.error, hidden);
      return err('kind' in failure ? cognitoError('InternalErrorException', messages.internal) : failure);
    }
    // §9.4, D17: a failure is answered, the new password stays.
    const caller = { clientId: client.clientId, clientMetadata: request.ClientMetadata };
    const ran = await runPostConfirmation(runTrigger, pool, caller, stored.value, 'ConfirmForgotPassword');
    return ran.isErr() ? err(ran.error) : ok({});
  });
}
