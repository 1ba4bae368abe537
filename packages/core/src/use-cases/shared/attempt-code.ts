/**
 * Redeeming a code (D9, D37): one `RecoveryCodeStore.attemptAndVerify` counts the attempt and
 * verifies the code, and its outcome is answered as every confirming operation answers it.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Ports } from '../../ports/index.js';
import type { AttemptLimit, VerifyOutcome } from '../../ports/recovery-code-store.js';
import type { ClaimTaken, CodeNotConsumable, UserGone } from '../../ports/user-store.js';
import type { PortError } from './port-error.js';

/** The ports a code attempt uses. @internal */
export type AttemptCodeDeps = Pick<Ports, 'codes' | 'clock'>;

/** Errors of counting an attempt: the limit refused it, or the store failed. @internal */
export type AttemptCodeError = CognitoError<'LimitExceededException'> | PortError;

/** Errors of checking a code: {@link AttemptCodeError}, or the code is wrong, expired or missing. @internal */
export type CheckCodeError = AttemptCodeError | CognitoError<'CodeMismatchException' | 'ExpiredCodeException'>;

/** One confirm attempt: the name the code is stored under, the HMAC of the code sent, the limit it counts against. @internal */
export interface CodeAttempt {
  /** The store name (`codeName`, or a hidden name for nobody). */
  readonly name: string;
  /** The HMAC of the code sent (bound as the stored one is: D33). */
  readonly codeHmac: string;
  /** The attempt window it counts against (D9, R25.3). */
  readonly limit: AttemptLimit;
}

/** `CodeMismatchException` `Invalid verification code provided, please try again.` @internal */
export const codeMismatch = (): CognitoError<'CodeMismatchException'> => cognitoError('CodeMismatchException', messages.codeMismatch);

/** `ExpiredCodeException` `Invalid code provided, please request a code again.` @internal */
export const codeExpired = (): CognitoError<'ExpiredCodeException'> => cognitoError('ExpiredCodeException', messages.codeExpired);

/**
 * Counts one attempt under `attempt.name` and verifies `attempt.codeHmac` in the same atomic step,
 * now: the outcome, or `LimitExceededException` when `attempt.limit` refuses the attempt (even with
 * the right code).
 *
 * @internal
 */
export async function attemptCode(deps: AttemptCodeDeps, pool: Pick<UserPool, 'id'>, attempt: CodeAttempt): Promise<Result<VerifyOutcome, AttemptCodeError>> {
  const verdict = await deps.codes.attemptAndVerify(pool.id, attempt.name, attempt.codeHmac, deps.clock.now(), attempt.limit);
  if (verdict.isErr()) return err(fromPortFailure(verdict.error));
  return verdict.value.allowed ? ok(verdict.value.outcome) : err(cognitoError('LimitExceededException', messages.limitExceeded));
}

/**
 * {@link attemptCode}, answered (R7.5, D8, D33): `valid` → ok; wrong, superseded or used →
 * `CodeMismatchException`; expired or none outstanding → `ExpiredCodeException`. Nothing is consumed.
 *
 * @internal
 */
export async function checkCode(deps: AttemptCodeDeps, pool: Pick<UserPool, 'id'>, attempt: CodeAttempt): Promise<Result<void, CheckCodeError>> {
  const outcome = await attemptCode(deps, pool, attempt);
  if (outcome.isErr()) return err(outcome.error);
  switch (outcome.value) {
    case 'valid':
      return ok(undefined);
    case 'mismatch':
      return err(codeMismatch());
    case 'expired':
    case 'none':
      return err(codeExpired());
  }
}

/**
 * The hidden answer under `PreventUserExistenceErrors = ENABLED` (R8.4, D5, D19, D37): the same one
 * {@link attemptCode} as a real user's, under the hidden name of the input (`attempt.name`), always
 * answered `CodeMismatchException`; only the limit (or a port failure) answers otherwise.
 *
 * @internal
 */
export async function hiddenCodeAttempt(
  deps: AttemptCodeDeps,
  pool: Pick<UserPool, 'id'>,
  attempt: CodeAttempt,
): Promise<Result<never, AttemptCodeError | CognitoError<'CodeMismatchException'>>> {
  const outcome = await attemptCode(deps, pool, attempt);
  return err(outcome.isErr() ? outcome.error : codeMismatch());
}

/**
 * The refusal of the write that consumes a checked code, as a confirming operation answers it:
 * `CodeNotConsumable` (another call used it first, or a newer code replaced it) →
 * `CodeMismatchException`; `UserGone` (deleted meanwhile) → `UserNotFoundException`, or
 * `CodeMismatchException` when `hidden` (`PreventUserExistenceErrors = ENABLED`). A `ClaimTaken` is
 * handed back for the operation to answer; an error already answered passes through.
 *
 * @internal
 */
export function consumeRefusal<E extends CognitoError>(
  failure: E | UserGone | ClaimTaken | CodeNotConsumable,
  hidden: boolean,
): E | CognitoError<'CodeMismatchException' | 'UserNotFoundException'> | ClaimTaken {
  if (!('kind' in failure)) return failure;
  switch (failure.kind) {
    case 'CodeNotConsumable':
      return codeMismatch();
    case 'UserGone':
      return hidden ? codeMismatch() : cognitoError('UserNotFoundException', messages.userNotFound);
    case 'ClaimTaken':
      return failure;
  }
}
