/**
 * A request limit (D9, D41): one count against a sliding-window key before the work it guards.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { Ports } from '../../ports/index.js';
import type { PortError } from './port-error.js';

/**
 * Counts one request against `key` (at most `max` in any `windowSeconds`) through
 * `AttemptLimiter.attempt`, now: a refused request → `LimitExceededException` `Attempt limit exceeded,
 * please try after some time.`; a port failure → its `PortError`.
 *
 * @internal
 */
export async function countRequest(
  deps: Pick<Ports, 'limiter' | 'clock'>,
  key: string,
  max: number,
  windowSeconds: number,
): Promise<Result<void, CognitoError<'LimitExceededException'> | PortError>> {
  const limit = await deps.limiter.attempt(key, max, windowSeconds * 1000, deps.clock.now());
  if (limit.isErr()) return err(fromPortFailure(limit.error));
  return limit.value.allowed ? ok(undefined) : err(cognitoError('LimitExceededException', messages.limitExceeded));
}
