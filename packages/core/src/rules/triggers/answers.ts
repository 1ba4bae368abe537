/**
 * The reading of a trigger function's output that several triggers share: the object at a path of its
 * `response`, and a `response` of fields each read alike; what cannot be read is
 * `InvalidLambdaResponseException` `Unrecognizable lambda output`.
 *
 * @internal
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { CognitoError } from '../../errors.js';
import { isRecord } from './common.js';
import { unrecognizableOutput } from './failures.js';

/** What a trigger's output reader answers when the output is unusable. @internal */
export type UnusableOutput = CognitoError<'InvalidLambdaResponseException'>;

/**
 * The object found by following `path` from `value` (e.g. `['response', 'userAttributes']`):
 * `undefined` as soon as a step is absent or `null` (`value` included), unusable when a step is
 * anything but an object.
 *
 * @internal
 */
export function recordAt(value: unknown, path: readonly string[]): Result<Record<string, unknown> | undefined, UnusableOutput> {
  let current = value;
  for (let step = 0; ; step++) {
    if (current === undefined || current === null) return ok(undefined);
    if (!isRecord(current)) return err(unrecognizableOutput());
    const key = path[step];
    if (key === undefined) return ok(current);
    current = current[key];
  }
}

/**
 * Reads `output.response`'s `fields` each with `read` (which answers `undefined` for an unusable value):
 * the fields read, or unusable when the output or its `response` is not an object or a field is
 * unusable.
 *
 * @internal
 */
export function readResponseFields<F extends string, V>(
  output: unknown,
  fields: readonly F[],
  read: (value: unknown) => V | undefined,
): Result<Record<F, V>, UnusableOutput> {
  if (!isRecord(output) || !isRecord(output['response'])) return err(unrecognizableOutput());
  const response = output['response'];
  const answer = {} as Record<F, V>;
  for (const field of fields) {
    const value = read(response[field]);
    if (value === undefined) return err(unrecognizableOutput());
    answer[field] = value;
  }
  return ok(answer);
}
