import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { TriggerFailure, TriggerInvocation, TriggerInvoker } from '../../ports/trigger-invoker.js';
import type { BrokenBackendOptions, Make } from './support.js';

/**
 * The message the contract's throwing function throws.
 *
 * @example
 * ```ts
 * expect(answer).toEqual(err({ kind: 'FunctionError', message: CONTRACT_TRIGGER_ERROR }));
 * ```
 * @group Testing
 */
export const CONTRACT_TRIGGER_ERROR = 'boom: the function failed';

/**
 * How long the contract's slow function takes to answer, in ms: longer than any timeout the suite asks for.
 *
 * @example
 * ```ts
 * server.setTimeout(CONTRACT_TRIGGER_DELAY_MS * 2); // a fake endpoint must not cut the slow function short
 * ```
 * @group Testing
 */
export const CONTRACT_TRIGGER_DELAY_MS = 2_000;

/**
 * The three functions {@link describeTriggerInvokerContract} runs, as Lambda handlers: deploy them
 * (register them, or serve them behind a fake endpoint) under the references of
 * {@link TriggerFunctions}.
 *
 * - `answering` sets `event.response` to `{ handled: true, echo: event.request }` and answers the event;
 * - `throwing` throws `new Error(CONTRACT_TRIGGER_ERROR)`;
 * - `slow` answers as `answering`, {@link CONTRACT_TRIGGER_DELAY_MS} later.
 *
 * @example
 * ```ts
 * const triggers = new MemoryTriggerInvoker();
 * for (const [name, handler] of Object.entries(CONTRACT_TRIGGER_HANDLERS)) triggers.register(name, handler);
 * ```
 * @group Testing
 */
export const CONTRACT_TRIGGER_HANDLERS: {
  readonly answering: (event: unknown) => Promise<unknown>;
  readonly throwing: (event: unknown) => Promise<unknown>;
  readonly slow: (event: unknown) => Promise<unknown>;
} = {
  answering: (event) => Promise.resolve(answer(event)),
  throwing: () => Promise.reject(new Error(CONTRACT_TRIGGER_ERROR)),
  slow: (event) =>
    new Promise((resolve) => {
      setTimeout(() => {
        resolve(answer(event));
      }, CONTRACT_TRIGGER_DELAY_MS).unref();
    }),
};

function answer(event: unknown): unknown {
  const e = event as { request?: unknown; response?: unknown };
  e.response = { handled: true, echo: e.request };
  return e;
}

/**
 * The function references a {@link describeTriggerInvokerContract} harness can run: each of
 * {@link CONTRACT_TRIGGER_HANDLERS} it deployed, and one that names no function. Leave out what the
 * harness cannot deploy (a service emulator that cannot run code): the tests needing it are skipped,
 * and their titles say so.
 *
 * @example
 * ```ts
 * const functions: TriggerFunctions = { missing: 'arn:aws:lambda:us-east-1:123456789012:function:missing' }; // moto: no code runs
 * ```
 * @group Testing
 */
export interface TriggerFunctions {
  /** Where {@link CONTRACT_TRIGGER_HANDLERS}.answering runs. */
  readonly answering?: string | undefined;
  /** Where {@link CONTRACT_TRIGGER_HANDLERS}.throwing runs. */
  readonly throwing?: string | undefined;
  /** Where {@link CONTRACT_TRIGGER_HANDLERS}.slow runs. */
  readonly slow?: string | undefined;
  /** A reference to no function. */
  readonly missing: string;
}

/** Settles an invocation; fails the test if it threw or rejected. */
async function settle(call: () => unknown): Promise<Result<unknown, TriggerFailure>> {
  let returned: unknown;
  expect(() => {
    returned = call();
  }, 'invoke threw synchronously').not.toThrow();
  try {
    return (await returned) as Result<unknown, TriggerFailure>;
  } catch (error) {
    return expect.fail(`invoke rejected instead of answering a TriggerFailure: ${error instanceof Error ? error.name : typeof error}`);
  }
}

/**
 * Registers the {@link TriggerInvoker} contract: the function runs with the event and its output is
 * the answer, the caller's event is not changed, a thrown error is a `FunctionError` carrying its
 * message, a function that does not answer within `timeoutMs` is a `Timeout` answered by then, an
 * unknown function is an `InvocationFailed` whose reason quotes nothing of the event, concurrent
 * invocations stay apart, and `invoke` never throws or rejects, even for an event it cannot send.
 * `functions` says where the harness deployed {@link CONTRACT_TRIGGER_HANDLERS}; tests whose function
 * is missing are skipped. With `options.broken`, an invoker over a backend that fails every request
 * must answer `InvocationFailed`, resolving.
 *
 * @example
 * ```ts
 * const triggers = new MemoryTriggerInvoker();
 * for (const [name, handler] of Object.entries(CONTRACT_TRIGGER_HANDLERS)) triggers.register(name, handler);
 * describeTriggerInvokerContract('MemoryTriggerInvoker', () => triggers, {
 *   answering: 'answering', throwing: 'throwing', slow: 'slow', missing: 'nothing-here',
 * });
 * ```
 * @group Testing
 */
export function describeTriggerInvokerContract(
  name: string,
  make: Make<TriggerInvoker>,
  functions: TriggerFunctions,
  options: BrokenBackendOptions<TriggerInvoker> = {},
): void {
  const absent = ['answering', 'throwing', 'slow'].filter((what) => (functions as unknown as Record<string, string | undefined>)[what] === undefined);
  describe(`TriggerInvoker contract: ${name}${absent.length === 0 ? '' : ` (no ${absent.join(', ')} function deployed: those tests are not registered)`}`, () => {
    const SECRET = 'code-parameter-918273';
    const event = (i = 0): Record<string, unknown> => ({
      version: '1',
      triggerSource: 'CustomMessage_ForgotPassword',
      region: 'us-east-1',
      userPoolId: 'us-east-1_Contract',
      userName: `zoë-${i}`,
      callerContext: { awsSdkVersion: 'contract', clientId: 'client' },
      request: { userAttributes: { email: `zoë+${i}@example.com`, 'custom:note': '日本語 🙂 "quoted" \\ back' }, codeParameter: `{####}-${SECRET}`, index: i },
      response: {},
    });
    const invocation = (functionRef: string, e: unknown, timeoutMs = 5_000): TriggerInvocation => ({
      userPoolId: 'us-east-1_Contract',
      trigger: 'CustomMessage',
      functionRef,
      event: e,
      timeoutMs,
    });
    const needs = (ref: string | undefined, _what: string, title: string): [boolean, string] => [ref === undefined, title];
    // A test whose function the harness cannot deploy is not registered (the suite's title says which).
    const notApplicable = (() => undefined) as unknown as typeof it;

    const [noAnswering, runs] = needs(functions.answering, 'answering', 'runs the function with the event and answers its output');
    (noAnswering ? notApplicable : it)(runs, async () => {
      const invoker = await make();
      const e = event();
      const answered = await settle(() => invoker.invoke(invocation(functions.answering ?? '', e)));
      expect(answered.isOk() && answered.value).toEqual({ ...e, response: { handled: true, echo: e['request'] } });
    });

    const [, copies] = needs(functions.answering, 'answering', "leaves the caller's event as it was");
    (noAnswering ? notApplicable : it)(copies, async () => {
      const invoker = await make();
      const e = event();
      const before = structuredClone(e);
      expect((await settle(() => invoker.invoke(invocation(functions.answering ?? '', e)))).isOk()).toBe(true);
      expect(e).toEqual(before);
    });

    const [, apart] = needs(functions.answering, 'answering', 'keeps 10 concurrent invocations apart, each answered with its own event');
    (noAnswering ? notApplicable : it)(apart, async () => {
      const invoker = await make();
      const events = Array.from({ length: 10 }, (_, i) => event(i));
      const answers = await Promise.all(events.map((e) => settle(() => invoker.invoke(invocation(functions.answering ?? '', e)))));
      answers.forEach((answered, i) => {
        const e = events[i] ?? {};
        expect(answered.isOk() && answered.value).toEqual({ ...e, response: { handled: true, echo: e['request'] } });
      });
    });

    const [noThrowing, throws] = needs(functions.throwing, 'throwing', 'answers FunctionError with the message of the error the function threw');
    (noThrowing ? notApplicable : it)(throws, async () => {
      const invoker = await make();
      const answered = await settle(() => invoker.invoke(invocation(functions.throwing ?? '', event())));
      expect(answered.isErr() && answered.error).toEqual({ kind: 'FunctionError', message: CONTRACT_TRIGGER_ERROR });
    });

    const [noSlow, times] = needs(functions.slow, 'slow', 'answers Timeout when the function does not answer within timeoutMs, and answers by then');
    (noSlow ? notApplicable : it)(
      times,
      async () => {
        const invoker = await make();
        const timeoutMs = 300;
        const started = Date.now();
        const answered = await settle(() => invoker.invoke(invocation(functions.slow ?? '', event(), timeoutMs)));
        const elapsed = Date.now() - started;
        expect(answered.isErr() && answered.error).toEqual({ kind: 'Timeout' });
        expect(elapsed, 'gave up before timeoutMs').toBeGreaterThanOrEqual(timeoutMs - 20);
        // The slow function answers after 2 s: the invoker must not wait for it (slack for a loaded machine).
        expect(elapsed, 'waited for the function').toBeLessThan(timeoutMs + 1_200);
      },
      10_000,
    );

    it('answers InvocationFailed for a function that does not exist, quoting nothing of the event', async () => {
      const invoker = await make();
      const answered = await settle(() => invoker.invoke(invocation(functions.missing, event())));
      expect(answered.isErr() && answered.error.kind).toBe('InvocationFailed');
      const reason = answered.isErr() && answered.error.kind === 'InvocationFailed' ? answered.error.reason : undefined;
      expect(typeof reason).toBe('string');
      expect(String(reason).includes(SECRET), 'the reason quotes the event').toBe(false);
    });

    it('resolves, never throwing or rejecting, for an event it may not be able to send (a BigInt, a cycle)', async () => {
      const invoker = await make();
      const cyclic: Record<string, unknown> = event();
      cyclic['self'] = cyclic;
      for (const e of [{ ...event(), big: 10n }, cyclic]) {
        const answered = await settle(() => invoker.invoke(invocation(functions.answering ?? functions.missing, e)));
        if (answered.isErr()) expect(['InvocationFailed', 'FunctionError']).toContain(answered.error.kind);
      }
    });

    if (options.broken !== undefined) {
      const broken = options.broken;
      describe('on a broken backend', () => {
        it('answers InvocationFailed, resolving, never throwing or rejecting', async () => {
          const invoker = await broken();
          const answered = await settle(() => invoker.invoke(invocation(functions.answering ?? functions.missing, event(), 3_000)));
          expect(answered.isErr() && answered.error.kind).toBe('InvocationFailed');
          const reason = answered.isErr() && answered.error.kind === 'InvocationFailed' ? answered.error.reason : '';
          expect(reason.includes(SECRET), 'the reason quotes the event').toBe(false);
        });
      });
    }
  });
}
