/**
 * Turning AWS SDK exceptions into port failures.
 *
 * @module
 * @internal
 */
import { portFailure, type PortFailure } from '@cognito-recovery/core';

/** Exception names AWS services use for throttling. @internal */
export const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

/** The exception name of an AWS SDK error, or a generic word for anything else. @internal */
export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'UnknownError';
}

/** Whether the SDK error says the service throttled the call. @internal */
export function isThrottling(error: unknown): boolean {
  if (typeof error === 'object' && error !== null) {
    const retryable = (error as { $retryable?: { throttling?: unknown } }).$retryable;
    if (retryable?.throttling === true) return true;
  }
  return THROTTLING_ERRORS.has(errorName(error));
}

/**
 * A mapper from whatever an AWS call rejected with to a {@link PortFailure}: the reason names the
 * action and the exception name only (no message, which may quote keys or values), and `throttled`
 * is set for the throttling exceptions.
 *
 * @internal
 */
export function awsFailure(port: string, action: string): (error: unknown) => PortFailure {
  return (error) => portFailure(port, `${action} failed: ${errorName(error)}`, isThrottling(error));
}
