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
 * Builds an operation: the input is checked against `members` (`validateInput`; a refusal is the
 * answer), then `body` runs on the checked request.
 *
 * @internal
 */
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
