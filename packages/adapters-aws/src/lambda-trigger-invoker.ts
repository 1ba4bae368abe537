import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { TriggerFailure, TriggerInvocation, TriggerInvoker } from '@cognito-recovery/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { errorName } from './aws-failure.js';

/** Marks a rejection caused by our own timeout. */
const TIMED_OUT = new Error('trigger timed out');

/**
 * A {@link TriggerInvoker} over Lambda `Invoke` (`RequestResponse`): the event is sent as JSON and
 * the function's JSON answer returned unvalidated. A function that threw (`FunctionError`) is a
 * `FunctionError` carrying the payload's `errorMessage`; a call that does not answer within
 * `timeoutMs` is aborted and a `Timeout`; any other failure (missing function, permissions,
 * throttling) an `InvocationFailed` whose reason is the exception name only (D16).
 *
 * @example
 * ```ts
 * const triggers = new LambdaTriggerInvoker(new LambdaClient({ region: 'us-east-1' }));
 * ```
 * @group Adapters
 */
export class LambdaTriggerInvoker implements TriggerInvoker {
  readonly #client: LambdaClient;

  /** @param client - the Lambda client. */
  constructor(client: LambdaClient) {
    this.#client = client;
  }

  /** Invokes `functionRef` with the event and answers the parsed payload. */
  invoke(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure> {
    let payload: Uint8Array;
    try {
      payload = new TextEncoder().encode(JSON.stringify(invocation.event));
    } catch {
      return errAsync({ kind: 'InvocationFailed', reason: 'the event cannot be serialized' });
    }
    const controller = new AbortController();
    // The race answers at the deadline even if the transport is slow to honour the abort.
    const timedOut = new Promise<never>((_resolve, reject) => {
      controller.signal.addEventListener('abort', () => {
        reject(TIMED_OUT);
      });
    });
    const timer = setTimeout(() => {
      controller.abort(TIMED_OUT);
    }, invocation.timeoutMs);
    const sent = this.#client.send(new InvokeCommand({ FunctionName: invocation.functionRef, InvocationType: 'RequestResponse', Payload: payload }), {
      abortSignal: controller.signal,
    });
    const call = Promise.race([sent, timedOut]).finally(() => {
      clearTimeout(timer);
    });
    return ResultAsync.fromPromise(call, (error): TriggerFailure => {
      if (controller.signal.aborted) return { kind: 'Timeout' };
      return { kind: 'InvocationFailed', reason: errorName(error) };
    }).andThen((output) => {
      const text = output.Payload === undefined ? '' : new TextDecoder().decode(output.Payload);
      const answer = parse(text);
      if (output.FunctionError !== undefined) {
        const message = typeof answer === 'object' && answer !== null ? (answer as { errorMessage?: unknown }).errorMessage : undefined;
        return errAsync<unknown, TriggerFailure>({ kind: 'FunctionError', message: typeof message === 'string' ? message : output.FunctionError });
      }
      return ResultAsync.fromSafePromise<unknown, TriggerFailure>(Promise.resolve(answer));
    });
  }
}

/** The JSON value of the payload, the text itself when it is not JSON, `undefined` when empty. */
function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
