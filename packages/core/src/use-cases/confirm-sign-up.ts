/**
 * `ConfirmSignUp`: redeems the confirmation code SignUp (or ResendConfirmationCode) sent; the user
 * becomes `CONFIRMED` and the attribute the code went to becomes verified.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { codeHmacer } from '../rules/codes.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { VERIFICATION_LIMITS, codeName, codeSubject, hiddenCodeName, signUpChannel } from '../rules/verification-codes.js';
import type { AnalyticsMetadata, UserContextData } from '../wire/types.js';
import { updateMovingAliases, verificationConflict } from './shared/alias-moves.js';
import { checkCode, codeExpired, consumeRefusal, hiddenCodeAttempt } from './shared/attempt-code.js';
import { loadClientAndUser } from './shared/client-user.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import { runPostConfirmation } from './shared/post-confirmation.js';
import { triggerRunner, type TriggerOptions } from './shared/run-trigger.js';
import { CLIENT_CALLER_INPUT, CLIENT_USER_INPUT } from './shared/client-request.js';
import type { ClientUserError, CodeCheckError, PostConfirmationError } from './shared/request-errors.js';

/** `ConfirmSignUpRequest` (R23.9). @group Use cases */
export interface ConfirmSignUpInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R15.4), over the `Username` sent. */
  readonly SecretHash?: string;
  /** Username or sub (R15.5; an unverified email is no alias). */
  readonly Username: string;
  /** The code the user received. */
  readonly ConfirmationCode: string;
  /** Move the email/phone alias from another user who holds it verified (D46); default false. */
  readonly ForceAliasCreation?: boolean;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Passed to PostConfirmation, never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** Every error ConfirmSignUp can answer with (R23.11, §27). @group Use cases */
export type ConfirmSignUpError = ClientUserError | CodeCheckError | CognitoError<'AliasExistsException'> | PostConfirmationError;

/** The ports ConfirmSignUp uses. @group Use cases */
export type ConfirmSignUpDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'clock' | 'secrets' | 'triggers'>;

/** The model's input members (R23.9). @internal */
export const CONFIRM_SIGN_UP_INPUT = {
  ...CLIENT_USER_INPUT,
  ConfirmationCode: { shape: SHAPES.confirmationCode, required: true },
  ForceAliasCreation: { shape: { type: 'boolean' } },
  ...CLIENT_CALLER_INPUT,
} as const satisfies InputMembers<ConfirmSignUpInput>;

/**
 * Builds the `ConfirmSignUp` operation, in the order of D37: input constraints, client and secret hash
 * (R15.4), user lookup (R15.5), status, attempt limit, code, alias conflict, confirmation,
 * `PostConfirmation_ConfirmSignUp`.
 *
 * - **Unknown and disabled users (D37).** `LEGACY`: unknown → `UserNotFoundException`
 *   `Username/client id combination not found.`, disabled → `NotAuthorizedException` `User is
 *   disabled.` (project choice). `ENABLED`: the same one `RecoveryCodeStore.attemptAndVerify` as a
 *   real user's, under the hidden name of the input, answered `CodeMismatchException` (only the limit
 *   answers otherwise).
 * - **Status.** Anything but `UNCONFIRMED` → `NotAuthorizedException` `User cannot be confirmed.
 *   Current status is <STATUS>`.
 * - **Attempts (R25.3).** 15 calls per user per hour, counted before the code is compared, in the
 *   same atomic step (`attemptAndVerify`); the 16th → `LimitExceededException`, even with the right code.
 * - **Code (D33).** The code is the user's outstanding sign-up code, bound to the attribute and value
 *   it was sent to (the channel SignUp chooses, D42): wrong, superseded (a newer code, or the value
 *   changed) or used → `CodeMismatchException`; expired (24 h) or none → `ExpiredCodeException`. A
 *   recovery or attribute code never confirms a sign-up (another name in the store).
 * - **Confirmation (R23.10).** One atomic write consumes the code (`CodeConsumption.name`), sets
 *   `CONFIRMED` and marks that attribute verified — only that one. If it is an alias another user holds
 *   verified: `AliasExistsException` `An account with the email already exists.` (resp.
 *   `phone_number`), or with `ForceAliasCreation` the alias moves and the other user's flag becomes
 *   `"false"` (D46). Of concurrent calls with the right code exactly one succeeds.
 * - **PostConfirmation (R26.6).** `PostConfirmation_ConfirmSignUp` with the confirmed attributes and
 *   `cognito:user_status`, and the call's `ClientMetadata`; its failure is answered, the confirmation
 *   stays (as D17).
 *
 * @example
 * ```ts
 * const confirm = confirmSignUp(ports);
 * await confirm({ ClientId, Username: 'alice', ConfirmationCode: '123456' }); // ok({})
 * ```
 * @group Use cases
 */
export function confirmSignUp(deps: ConfirmSignUpDeps, options: TriggerOptions = {}) {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const runTrigger = triggerRunner(deps, options);
  const limit = { max: VERIFICATION_LIMITS.confirmSignUpAttempts, windowMs: VERIFICATION_LIMITS.windowSeconds * 1000 };

  return operation(CONFIRM_SIGN_UP_INPUT, async (request: ConfirmSignUpInput): Promise<Result<EmptyOutput, ConfirmSignUpError>> => {
    const context = await loadClientAndUser(deps, request.ClientId, request.Username, request.SecretHash);
    if (context.isErr()) return err(context.error);
    const { client, pool, hidden, user } = context.value;

    /** D37 under ENABLED: one attempt under the hidden name, always `CodeMismatchException` (but the limit). */
    const hiddenAnswer = (): Promise<Result<never, ConfirmSignUpError>> =>
      hiddenCodeAttempt(deps, pool, { name: hiddenCodeName(pool, request.Username, 'signup'), codeHmac: hmac(request.ConfirmationCode), limit });
    if (user === undefined) return hidden ? hiddenAnswer() : err(cognitoError('UserNotFoundException', messages.userNotFound));
    if (!user.enabled) return hidden ? hiddenAnswer() : err(cognitoError('NotAuthorizedException', messages.userDisabled));
    if (user.status !== 'UNCONFIRMED') return err(cognitoError('NotAuthorizedException', messages.cannotConfirm(user.status)));

    const channel = signUpChannel(pool, user);
    // Without a channel no sign-up code can be outstanding; the code is still counted and checked (→ none).
    const subject =
      channel === undefined ? request.ConfirmationCode : codeSubject(request.ConfirmationCode, 'signup', channel.attributeName, channel.destination);
    const codeHmac = hmac(subject);
    const name = codeName(user.username, 'signup');
    const checked = await checkCode(deps, pool, { name, codeHmac, limit }); // D37: counted and compared in one step
    if (checked.isErr()) return err(checked.error);
    if (channel === undefined) return err(codeExpired()); // unreachable: no bound code matches a bare code

    const flag = `${channel.attributeName}_verified`;
    const now = deps.clock.now();
    const stored = await updateMovingAliases(
      deps,
      pool,
      user,
      (current) =>
        current.status === 'UNCONFIRMED'
          ? ok({ ...current, status: 'CONFIRMED' as const, attributes: { ...current.attributes, [flag]: 'true' }, updatedAt: now })
          : err(cognitoError('NotAuthorizedException', messages.cannotConfirm(current.status))),
      request.ForceAliasCreation === true,
      { codeHmac, now, name },
    );
    if (stored.isErr()) {
      const failure = consumeRefusal(stored.error, hidden);
      return err('kind' in failure ? verificationConflict(pool, failure) : failure); // ClaimTaken (D37, D46): the verified attribute is another user's alias
    }
    const caller = { clientId: client.clientId, clientMetadata: request.ClientMetadata };
    const ran = await runPostConfirmation(runTrigger, pool, caller, stored.value, 'ConfirmSignUp'); // R26.6: the confirmation stays
    return ran.isErr() ? err(ran.error) : ok({});
  });
}
