import type { TriggerFailure, TriggerInvocation, TriggerInvoker } from '@cognito-recovery/core';
import { randomUUID } from 'node:crypto';
import { errAsync, ResultAsync } from 'neverthrow';

/**
 * The callback of a callback-style Lambda handler: `callback(error)` fails the invocation,
 * `callback(null, result)` answers `result`.
 *
 * @group Adapters
 */
export type TriggerCallback = (error?: unknown, result?: unknown) => void;

/**
 * The Lambda context a handler gets: the fields of `aws-lambda`'s `Context`, so a handler typed
 * against `@types/aws-lambda` can be registered as it is.
 *
 * @group Adapters
 */
export interface TriggerContext {
  /** Whether the runtime waits for the event loop to empty (kept for compatibility; ignored). */
  callbackWaitsForEmptyEventLoop: boolean;
  /** The function reference the handler is registered under. */
  functionName: string;
  /** Always `$LATEST`. */
  functionVersion: string;
  /** The function reference. */
  invokedFunctionArn: string;
  /** Always `128`. */
  memoryLimitInMB: string;
  /** A fresh UUID per invocation. */
  awsRequestId: string;
  /** `/aws/lambda/<function reference>`. */
  logGroupName: string;
  /** A fixed stream name. */
  logStreamName: string;
  /** Milliseconds left before the invocation times out. */
  getRemainingTimeInMillis(): number;
  /** Deprecated Lambda API: answers like the callback. */
  done(error?: Error, result?: unknown): void;
  /** Deprecated Lambda API: fails the invocation. */
  fail(error: Error | string): void;
  /** Deprecated Lambda API: answers `result`. */
  succeed(result: unknown): void;
}

/**
 * A trigger function with the Lambda handler signature: it gets the event (and a context and a
 * callback) and answers the (possibly modified) event, by returning a promise or through the callback.
 * `E` is the event type the handler declares, so a handler typed against `@types/aws-lambda` (or
 * core's `CustomMessageForgotPasswordEvent`, …) registers without a cast.
 *
 * @group Adapters
 */
export type TriggerHandler<E = unknown> = (event: E, context: TriggerContext, callback: TriggerCallback) => unknown;

/**
 * A {@link TriggerInvoker} that runs plain functions registered under a function reference (the
 * ARN or name the pool's `LambdaConfig` holds). Like Lambda, the handler gets its own copy of the
 * event (`structuredClone`) and the caller a copy of the answer; a handler that throws (or rejects, or
 * calls back with an error) is a `FunctionError` carrying the error's message, one that does not answer
 * within `timeoutMs` a `Timeout`, and an unregistered reference an `InvocationFailed`. As in Lambda's
 * Node.js runtime, a handler that returns a promise answers with it; otherwise it answers through the
 * callback (or `context.succeed`/`fail`/`done`), and a handler that declares no callback parameter and
 * returns without calling one answers `null`.
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
  readonly #handlers = new Map<string, TriggerHandler<never>>();
  readonly #invocations: TriggerInvocation[] = [];
  readonly #running = new Set<Promise<void>>();

  /** Registers (or replaces) the handler run for `functionRef`. */
  register<E = unknown>(functionRef: string, handler: TriggerHandler<E>): void {
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

  /**
   * Waits until no invocation is running, retries included: custom senders are invoked
   * asynchronously (R9.0.1), so a test awaits their delivery with this.
   *
   * @example
   * ```ts
   * await recovery.forgotPassword({ ClientId, Username: 'alice' });
   * await recovery.triggers.settled(); // the CustomEmailSender has run (or failed, retries included)
   * ```
   */
  async settled(): Promise<void> {
    do {
      await Promise.allSettled([...this.#running]);
      // A retry starts a turn after the attempt before it settled: look again once the queue is idle.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } while (this.#running.size > 0);
  }

  /** Runs the handler registered for `invocation.functionRef` on a copy of the event, within `invocation.timeoutMs`. */
  invoke(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure> {
    const result = this.#run(invocation);
    const running = Promise.resolve(result).then(() => {
      this.#running.delete(running);
    });
    this.#running.add(running);
    return result;
  }

  #run(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure> {
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
    return ResultAsync.fromPromise(runWithTimeout(handler, event, invocation.functionRef, invocation.timeoutMs), toFailure);
  }
}

/** The rejection that marks a timeout; compared by identity. */
const TIMED_OUT = new Error('timed out');

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs a handler the way Lambda's Node.js runtime does: a returned promise, else the callback. */
function runHandler(handler: TriggerHandler<never>, event: unknown, functionRef: string, deadline: number): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const callback: TriggerCallback = (error, result) => {
      if (error !== undefined && error !== null) reject(error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error)));
      else resolve(result);
    };
    const context: TriggerContext = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: functionRef,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionRef,
      memoryLimitInMB: '128',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${functionRef}`,
      logStreamName: 'memory',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: (error, result) => {
        callback(error, result);
      },
      fail: (error) => {
        callback(error);
      },
      succeed: (result) => {
        callback(null, result);
      },
    };
    const returned = handler(event as never, context, callback);
    if (isThenable(returned)) returned.then(resolve, reject);
    else if (handler.length < 3) resolve(null); // no callback: Lambda answers null once the event loop empties
  });
}

function runWithTimeout(handler: TriggerHandler<never>, event: unknown, functionRef: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(TIMED_OUT);
    }, timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
    };
    new Promise<unknown>((run) => {
      run(runHandler(handler, event, functionRef, Date.now() + timeoutMs));
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
