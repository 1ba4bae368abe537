/**
 * The error a failed port call becomes for the caller.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure, type CognitoError, type PortFailure } from '../../errors.js';

/** A port failure as the caller sees it (`fromPortFailure`). @internal */
export type PortError = CognitoError<'InternalErrorException' | 'TooManyRequestsException'>;

/**
 * A port's answer for one id (`getPool`, `getClient`) as the shared steps answer it: a failure is its
 * {@link PortError}, nothing found is the error `missing` builds, anything else the value found.
 *
 * @internal
 */
export function foundOr<T, E>(answer: Result<T | undefined, PortFailure>, missing: () => E): Result<T, E | PortError> {
  if (answer.isErr()) return err(fromPortFailure(answer.error));
  return answer.value === undefined ? err(missing()) : ok(answer.value);
}
