/**
 * `ConfirmSignUp`: redeems the confirmation code SignUp (or ResendConfirmationCode) sent; the user
 * becomes `CONFIRMED` and the attribute the code went to becomes verified.
 *
 * @module
 */
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import type { Ports } from '../ports/index.js';
import type { VerifyOutcome } from '../ports/recovery-code-store.js';
import { codeHmacer } from '../rules/codes.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { postConfirmationEvent } from '../rules/triggers/post-confirmation.js';
import { VERIFICATION_LIMITS, codeName, codeSubject, hiddenCodeName, signUpChannel } from '../rules/verification-codes.js';
import type { AnalyticsMetadata, UserContextData } from '../wire/types.js';
import { updateMovingAliases, verificationConflict } from './shared/alias-moves.js';
import { loadClientContext } from './shared/client-context.js';
import { findUser } from './shared/find-user.js';
import { operation } from './shared/operation.js';
import { triggerRunner, type TriggerOptions } from './shared/run-trigger.js';

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

/** `ConfirmSignUpResponse`: an empty object. @group Use cases */
export type ConfirmSignUpOutput = Readonly<Record<string, never>>;

/** Every error ConfirmSignUp can answer with (R23.11, §27). @group Use cases */
export type ConfirmSignUpError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'NotAuthorizedException'
  | 'UserNotFoundException'
  | 'LimitExceededException'
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'AliasExistsException'
  | 'UserLambdaValidationException'
  | 'UnexpectedLambdaException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports ConfirmSignUp uses. @group Use cases */
export type ConfirmSignUpDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'clock' | 'secrets' | 'triggers'>;

/** The model's input members (R23.9). @internal */
export const CONFIRM_SIGN_UP_INPUT = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  Username: { shape: SHAPES.username, required: true },
  ConfirmationCode: { shape: SHAPES.confirmationCode, required: true },
  ForceAliasCreation: { shape: { type: 'boolean' } },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  UserContextData: { shape: SHAPES.userContextData },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<ConfirmSignUpInput>;

const codeMismatch = (): CognitoError<'CodeMismatchException'> => cognitoError('CodeMismatchException', messages.codeMismatch);
const codeExpired = (): CognitoError<'ExpiredCodeException'> => cognitoError('ExpiredCodeException', messages.codeExpired);

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
export function confirmSignUp(
  deps: ConfirmSignUpDeps,
  options: TriggerOptions = {},
): (input: ConfirmSignUpInput) => ResultAsync<ConfirmSignUpOutput, ConfirmSignUpError> {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const runTrigger = triggerRunner(deps, options);
  const limit = { max: VERIFICATION_LIMITS.confirmSignUpAttempts, windowMs: VERIFICATION_LIMITS.windowSeconds * 1000 };

  /** D37: counts the attempt and verifies the code in one step; refused → `LimitExceededException`. */
  const countAttempt = async (pool: UserPool, name: string, codeHmac: string): Promise<Result<VerifyOutcome, ConfirmSignUpError>> => {
    const verdict = await deps.codes.attemptAndVerify(pool.id, name, codeHmac, deps.clock.now(), limit);
    if (verdict.isErr()) return err(fromPortFailure(verdict.error));
    return verdict.value.allowed ? ok(verdict.value.outcome) : err(cognitoError('LimitExceededException', messages.limitExceeded));
  };

  return operation(CONFIRM_SIGN_UP_INPUT, async (request): Promise<Result<ConfirmSignUpOutput, ConfirmSignUpError>> => {
    const context = await loadClientContext(deps, request.ClientId, request.Username, request.SecretHash);
    if (context.isErr()) return err(context.error);
    const { client, pool } = context.value;
    const hidden = client.preventUserExistenceErrors === 'ENABLED';
    const found = await findUser(deps, pool, request.Username);
    if (found.isErr()) return err(found.error);
    const user = found.value;

    /** D37 under ENABLED: one attempt under the hidden name, always `CodeMismatchException` (but the limit). */
    const hiddenAnswer = async (): Promise<Result<never, ConfirmSignUpError>> => {
      const outcome = await countAttempt(pool, hiddenCodeName(pool, request.Username, 'signup'), hmac(request.ConfirmationCode));
      return err(outcome.isErr() ? outcome.error : codeMismatch());
    };
    if (user === undefined) return hidden ? hiddenAnswer() : err(cognitoError('UserNotFoundException', messages.userNotFound));
    if (!user.enabled) return hidden ? hiddenAnswer() : err(cognitoError('NotAuthorizedException', messages.userDisabled));
    if (user.status !== 'UNCONFIRMED') return err(cognitoError('NotAuthorizedException', messages.cannotConfirm(user.status)));

    const channel = signUpChannel(pool, user);
    // Without a channel no sign-up code can be outstanding; the code is still counted and checked (→ none).
    const subject =
      channel === undefined ? request.ConfirmationCode : codeSubject(request.ConfirmationCode, 'signup', channel.attributeName, channel.destination);
    const codeHmac = hmac(subject);
    const name = codeName(user.username, 'signup');
    const verdict = await countAttempt(pool, name, codeHmac);
    if (verdict.isErr()) return err(verdict.error);
    switch (verdict.value) {
      case 'valid':
        break;
      case 'mismatch':
        return err(codeMismatch());
      case 'expired':
      case 'none':
        return err(codeExpired());
    }
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
      const failure = stored.error;
      if (!('kind' in failure)) return err(failure);
      switch (failure.kind) {
        case 'CodeNotConsumable':
          return err(codeMismatch()); // another call used it first, or a newer code replaced it
        case 'UserGone':
          return err(hidden ? codeMismatch() : cognitoError('UserNotFoundException', messages.userNotFound));
        case 'ClaimTaken': // D37, D46: the verified attribute is another user's alias
          return err(verificationConflict(pool, failure));
      }
    }
    const postConfirmation = pool.lambdaConfig.postConfirmation;
    if (postConfirmation !== undefined) {
      const event = postConfirmationEvent({ pool, clientId: client.clientId, clientMetadata: request.ClientMetadata }, stored.value, 'ConfirmSignUp');
      const ran = await runTrigger(pool, 'PostConfirmation', postConfirmation, event); // R26.6: the confirmation stays
      if (ran.isErr()) return err(ran.error);
    }
    return ok({});
  });
}
