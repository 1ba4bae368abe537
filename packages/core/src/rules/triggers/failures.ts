/**
 * The one mapping of trigger failures to Cognito exceptions (R9.0.4, D16), and their messages.
 *
 * @module
 */
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { TriggerFailure, TriggerName } from '../../ports/trigger-invoker.js';

/** The errors a trigger failure turns into (R9.0.4, D16). @group Triggers */
export type TriggerError = CognitoError<'UserLambdaValidationException' | 'InvalidLambdaResponseException' | 'UnexpectedLambdaException'>;

/** The exact messages of the trigger errors (R9.0.4, D16): the trigger entries of {@link messages}, by short name. @group Triggers */
export const triggerMessages = {
  /** A function error: `<TriggerName> failed with error <message>.` */
  failed: messages.triggerFailed,
  /** An invocation failure or a timeout: `<TriggerName> invocation failed due to error <reason>.` */
  invocationFailed: messages.triggerInvocationFailed,
  /** The reason of a timeout, in Lambda's words: `Task timed out after 5.00 seconds`. */
  timedOut: messages.triggerTimedOut,
  /** The reason when a pool configures a trigger and the recovery has no `TriggerInvoker`. */
  noInvoker: messages.triggerNoInvoker,
  /** Unusable output (the only wording observed). */
  unrecognizable: messages.lambdaInvalidResponse,
  /** §9.1: an empty custom message. */
  emptyMessage: messages.customMessageEmpty,
} as const;

/**
 * Maps a {@link TriggerFailure} to the caller's exception (R9.0.4, D16): a function error is
 * `UserLambdaValidationException` `"<TriggerName> failed with error <message>."`; an invocation failure
 * or a timeout is `UnexpectedLambdaException` `"<TriggerName> invocation failed due to error <reason>."`.
 *
 * @example
 * ```ts
 * triggerFailureError('CustomMessage', { kind: 'Timeout' }, 5000);
 * // UnexpectedLambdaException 'CustomMessage invocation failed due to error Task timed out after 5.00 seconds.'
 * ```
 * @group Triggers
 */
export function triggerFailureError(
  trigger: TriggerName,
  failure: TriggerFailure,
  timeoutMs: number,
): CognitoError<'UserLambdaValidationException' | 'UnexpectedLambdaException'> {
  switch (failure.kind) {
    case 'FunctionError':
      return cognitoError('UserLambdaValidationException', messages.triggerFailed(trigger, failure.message));
    case 'InvocationFailed':
      return cognitoError('UnexpectedLambdaException', messages.triggerInvocationFailed(trigger, failure.reason));
    case 'Timeout':
      return cognitoError('UnexpectedLambdaException', messages.triggerInvocationFailed(trigger, messages.triggerTimedOut(timeoutMs)));
  }
}

/** `InvalidLambdaResponseException` `Unrecognizable lambda output` (R9.0.4, D16). @group Triggers */
export function unrecognizableOutput(): CognitoError<'InvalidLambdaResponseException'> {
  return cognitoError('InvalidLambdaResponseException', messages.lambdaInvalidResponse);
}
