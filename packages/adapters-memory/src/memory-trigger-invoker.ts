import type { TriggerFailure, TriggerInvocation, TriggerInvoker } from '@cognito-recovery/core';
import { errAsync, ResultAsync } from 'neverthrow';

/**
 * A trigger function with the Lambda handler signature: it gets the event and answers the
 * (possibly modified) event.
 *
 * @group Adapters
 */
export type TriggerHandler = (event: unknown) => Promise<unknown>;

/**
 * A {@link TriggerInvoker} that runs plain functions registered under a function reference (the
 * ARN or name the pool's `LambdaConfig` holds). Like Lambda, the handler gets its own copy of the
 * event (`structuredClone`) and the caller a copy of the answer; a handler that throws is a
 * `FunctionError`, one that does not answer within `timeoutMs` a `Timeout`, and an unregistered
 * reference an `InvocationFailed`.
 *
 * @example
 * ```ts
 * const triggers = new MemoryTriggerInvoker();
 * triggers.register('arn:aws:lambda:us-east-1:123456789012:function:custom-message', async (event) => {
 *   const e = event as { response: Record<string, unknown> };
 *   e.response['emailMessage'] = 'Your code is {####}';
 *   return e;
 * });
 * ```
 * @group Adapters
 */
export class MemoryTriggerInvoker implements TriggerInvoker {
  readonly #handlers = new Map<string, TriggerHandler>();
  readonly #invocations: TriggerInvocation[] = [];

  /** Registers (or replaces) the handler run for `functionRef`. */
  register(functionRef: string, handler: TriggerHandler): void {
    this.#handlers.set(functionRef, handler);
  }

  /** Removes the handler of `functionRef`; later invocations fail as not invocable. */
  unregister(functionRef: string): void {
    this.#handlers.delete(functionRef);
  }

  /** Every invocation received, oldest first, with the event as the caller passed it. */
  invocations(): readonly TriggerInvocation[] {
    return [...this.#invocations];
  }

  /** Runs the handler registered for `invocation.functionRef` on a copy of the event, within `invocation.timeoutMs`. */
  invoke(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure> {
    this.#invocations.push(invocation);
    const handler = this.#handlers.get(invocation.functionRef);
    if (handler === undefined) {
      return errAsync({ kind: 'InvocationFailed', reason: `no function is registered as ${invocation.functionRef}` });
    }
    let event: unknown;
    try {
      event = structuredClone(invocation.event);
    } catch {
      return errAsync({ kind: 'InvocationFailed', reason: 'the event cannot be serialized' });
    }
    return ResultAsync.fromPromise(runWithTimeout(handler, event, invocation.timeoutMs), toFailure);
  }
}

/** The rejection that marks a timeout; compared by identity. */
const TIMED_OUT = new Error('timed out');

function runWithTimeout(handler: TriggerHandler, event: unknown, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(TIMED_OUT);
    }, timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
    };
    new Promise<unknown>((run) => {
      run(handler(event));
    }).then(
      (answer) => {
        settle();
        try {
          resolve(structuredClone(answer));
        } catch {
          reject(new Error('the function returned a value that cannot be serialized'));
        }
      },
      (error: unknown) => {
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function toFailure(error: unknown): TriggerFailure {
  if (error === TIMED_OUT) return { kind: 'Timeout' };
  return { kind: 'FunctionError', message: error instanceof Error ? error.message : String(error) };
}
