/**
 * The frame every operation shares: validate the input against the model, then run the operation's
 * body on the checked request.
 *
 * @module
 * @internal
 */
import { err, ResultAsync, type Result } from 'neverthrow';
import type { CognitoError } from '../../errors.js';
import { validateInput, type Member } from '../../rules/input-constraints.js';

/** What `validateInput` answers an input the model refuses with. @internal */
export type InputError = CognitoError<'InvalidParameterException' | 'SerializationException'>;

/**
 * What an operation that answers nothing answers: `{}` (`AdminDeleteUser`, `ConfirmForgotPassword`,
 * `GlobalSignOut`, …).
 *
 * @group Use cases
 */
export type EmptyOutput = Readonly<Record<string, never>>;

/**
 * The type {@link operation} asks of `members` when the operation's error union does not list the
 * errors of input validation: no member table has it, so the use case does not compile.
 *
 * @internal
 */
export interface ErrorUnionLacksInputErrors {
  /** Never present: the error union must list `InvalidParameterException` and `SerializationException`. */
  readonly 'the error union must list InvalidParameterException and SerializationException': never;
}

/**
 * Builds an operation: the input is checked against `members` (`validateInput`; a refusal is the
 * answer, R1.7), then `body` runs on the checked request. The factory of a use case runs its setup
 * once and answers `operation(MEMBERS, async (request: XInput): Promise<Result<XOutput, XError>> => …)`;
 * its type, `(input: XInput) => ResultAsync<XOutput, XError>`, is the factory's return type. `E`
 * must list the validation errors (`InvalidParameterException`, `SerializationException`), so the
 * operation's own error union names every error it answers.
 *
 * @internal
 */
export function operation<I, O, E extends CognitoError>(
  members: [InputError] extends [E] ? Readonly<Record<string, Member>> : ErrorUnionLacksInputErrors,
  body: (request: I) => Promise<Result<O, E>>,
): (input: I) => ResultAsync<O, E>;
export function operation<I, O, E>(
  members: Readonly<Record<string, Member>>,
  body: (request: I) => Promise<Result<O, E>>,
): (input: I) => ResultAsync<O, E | InputError> {
  const run = async (input: I): Promise<Result<O, E | InputError>> => {
    const request = validateInput<I>(members, input);
    return request.isErr() ? err(request.error) : body(request.value);
  };
  return (input) => new ResultAsync(run(input));
}
