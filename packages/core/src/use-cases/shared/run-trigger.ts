/**
 * Running one trigger of a pool: the timeout of the pool (D16), Cognito's retries (R9.0.1), and the
 * mapping of failures to exceptions (R9.0.4, D16).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Ports } from '../../ports/index.js';
import type { TriggerName } from '../../ports/trigger-invoker.js';
import type { CustomSender } from '../../rules/delivery-selection.js';
import { triggerFailureError } from '../../rules/triggers/failures.js';
import type { PortError } from './port-error.js';

/** R9.0.1: Cognito gives up after three unsuccessful attempts. @group Triggers */
export const COGNITO_TRIGGER_ATTEMPTS = 3;

/**
 * How the use cases run triggers.
 *
 * @group Triggers
 */
export interface TriggerOptions {
  /**
   * Attempts per invocation when the function cannot be invoked or times out (R9.0.1): Cognito's
   * rule, {@link COGNITO_TRIGGER_ATTEMPTS} (3), by default; 1 turns retries off. A function that
   * returns an error is never retried.
   */
  readonly triggerAttempts?: number | undefined;
}

/** Errors of running a trigger (the output is not read here). @internal */
export type RunTriggerError = ReturnType<typeof triggerFailureError>;

/**
 * Runs a pool's trigger: `(pool, trigger, functionRef, event)` answers the function's raw output.
 * @internal
 */
export type TriggerRunner = (
  pool: Pick<UserPool, 'id' | 'limits'>,
  trigger: TriggerName,
  functionRef: string,
  event: unknown,
) => Promise<Result<unknown, RunTriggerError>>;

/**
 * Builds a {@link TriggerRunner}: each attempt gets `pool.limits.triggerTimeoutMs` (5 s by default,
 * D16); an invocation failure or a timeout is retried until `triggerAttempts` attempts were made
 * (R9.0.1); a function error is not retried. A configured trigger without a `TriggerInvoker` is
 * `UnexpectedLambdaException`.
 *
 * @internal
 */
export function triggerRunner(deps: Pick<Ports, 'triggers'>, options: TriggerOptions = {}): TriggerRunner {
  const attempts = Math.max(1, Math.floor(options.triggerAttempts ?? COGNITO_TRIGGER_ATTEMPTS));
  return async (pool, trigger, functionRef, event) => {
    const invoker = deps.triggers;
    if (invoker === undefined) return err(cognitoError('UnexpectedLambdaException', messages.triggerInvocationFailed(trigger, messages.triggerNoInvoker)));
    const timeoutMs = pool.limits.triggerTimeoutMs;
    for (let left = attempts; ; left--) {
      const output = await invoker.invoke({ userPoolId: pool.id, trigger, functionRef, event, timeoutMs });
      if (output.isOk()) return ok(output.value);
      if (output.error.kind === 'FunctionError' || left <= 1) return err(triggerFailureError(trigger, output.error, timeoutMs));
    }
  };
}

/**
 * Encrypts a code or temporary password for a custom sender's event (§9.3) under the pool's
 * `lambdaConfig.kmsKeyId`, the pool id as encryption context. Without an encryptor or a key the
 * sender cannot be invoked: `UnexpectedLambdaException` with the trigger's invocation message.
 *
 * @internal
 */
export async function encryptForSender(
  deps: Pick<Ports, 'encryptor'>,
  pool: UserPool,
  sender: CustomSender,
  secret: string,
): Promise<Result<string, CognitoError<'UnexpectedLambdaException'> | PortError>> {
  const encryptor = deps.encryptor;
  const keyId = pool.lambdaConfig.kmsKeyId;
  if (encryptor === undefined)
    return err(cognitoError('UnexpectedLambdaException', messages.triggerInvocationFailed(sender.trigger, messages.triggerNoEncryptor)));
  if (keyId === undefined) return err(cognitoError('UnexpectedLambdaException', messages.triggerInvocationFailed(sender.trigger, messages.triggerNoKmsKey)));
  const ciphertext = await encryptor.encrypt(secret, keyId, pool.id);
  return ciphertext.isErr() ? err(fromPortFailure(ciphertext.error)) : ok(ciphertext.value);
}
