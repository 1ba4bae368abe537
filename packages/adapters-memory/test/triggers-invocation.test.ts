import {
  cognitoError,
  COGNITO_TRIGGER_ATTEMPTS,
  DEFAULT_LIMITS,
  loginClaimsOf,
  type CustomMessageForgotPasswordEvent,
  type TriggerFailure,
  type TriggerInvocation,
  type TriggerInvoker,
} from '@cognito-recovery/core';
import { triggerFailureError } from '@cognito-recovery/core/rules';
import { errAsync, err, ok, type ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aClient, aPool, aUser, settleWithFakeTimers } from '@cognito-recovery/core/testing';
import { createMemoryRecovery, MemoryTriggerInvoker, type TriggerCallback, type TriggerContext } from '../src/index.js';
import { aHarness, type Harness, type HarnessOptions } from './harness.js';
import { FN } from './triggers-support.js';

/** An invoker that fails the first `failures` invocations with `failure`, then runs the memory handlers. */
function flaky(inner: TriggerInvoker, failures: number, failure: TriggerFailure): TriggerInvoker & { calls: number } {
  const flakyInvoker = {
    calls: 0,
    invoke(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure> {
      flakyInvoker.calls += 1;
      if (flakyInvoker.calls <= failures) return errAsync(failure);
      return inner.invoke(invocation);
    },
  };
  return flakyInvoker;
}

/** A pool with a CustomMessage trigger that customises the email, alice with a verified email. */
async function withCustomMessage(options: HarnessOptions = {}, limits: Partial<typeof DEFAULT_LIMITS> = {}): Promise<Harness> {
  const h = await aHarness({
    ...options,
    pool: aPool('emailFirst', { emailConfiguration: { emailSendingAccount: 'DEVELOPER' }, lambdaConfig: { customMessage: FN.customMessage }, limits }),
  });
  h.triggers.register(FN.customMessage, (event: CustomMessageForgotPasswordEvent) =>
    Promise.resolve({ ...event, response: { ...event.response, emailMessage: 'Custom {####}' } }),
  );
  await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
  return h;
}

const forgotAlice = (h: Harness) => h.forgot({ ClientId: h.client.clientId, Username: 'alice' });

describe('trigger invocation (R9.0.1, R9.0.4, D16)', () => {
  describe('retries (R9.0.1)', () => {
    it('R9.0.1: an invocation failure is retried; the third attempt may succeed', async () => {
      let invoker: ReturnType<typeof flaky> | undefined;
      const h = await withCustomMessage({
        ports: (ports) => ({ ...ports, triggers: (invoker = flaky(ports.triggers!, 2, { kind: 'InvocationFailed', reason: 'Rate exceeded' })) }),
      });
      expect((await forgotAlice(h)).isOk()).toBe(true);
      expect(invoker?.calls).toBe(3);
      expect(h.outbox.latestFor(h.pool.id, 'alice')?.body).toMatch(/^Custom \d{6}$/);
    });

    it('R9.0.1 D16: after three failed attempts Cognito gives up: UnexpectedLambdaException "<Trigger> invocation failed due to error <reason>."', async () => {
      let invoker: ReturnType<typeof flaky> | undefined;
      const h = await withCustomMessage({
        ports: (ports) => ({ ...ports, triggers: (invoker = flaky(ports.triggers!, 99, { kind: 'InvocationFailed', reason: 'Rate exceeded' })) }),
      });
      expect(await forgotAlice(h)).toEqual(err(cognitoError('UnexpectedLambdaException', 'CustomMessage invocation failed due to error Rate exceeded.')));
      expect(invoker?.calls).toBe(COGNITO_TRIGGER_ATTEMPTS);
      expect(COGNITO_TRIGGER_ATTEMPTS).toBe(3);
    });

    it('R9.0.1: a function error is not retried', async () => {
      const h = await withCustomMessage();
      h.triggers.register(FN.customMessage, () => Promise.reject(new Error('no')));
      expect((await forgotAlice(h))._unsafeUnwrapErr().name).toBe('UserLambdaValidationException');
      expect(h.triggers.invocations()).toHaveLength(1);
    });

    it('R9.0.1: triggerAttempts 1 turns retries off', async () => {
      const h = await withCustomMessage({ triggerAttempts: 1 });
      h.triggers.unregister(FN.customMessage);
      expect(await forgotAlice(h)).toEqual(
        err(cognitoError('UnexpectedLambdaException', `CustomMessage invocation failed due to error no function is registered as ${FN.customMessage}.`)),
      );
      expect(h.triggers.invocations()).toHaveLength(1);
    });

    it('R9.0.1 D16: each attempt gets the pool timeout, 5 s by default', async () => {
      expect(DEFAULT_LIMITS.triggerTimeoutMs).toBe(5000);
      const h = await withCustomMessage({}, { triggerTimeoutMs: 30 });
      h.triggers.register(FN.customMessage, () => new Promise(() => undefined));
      expect(await settleWithFakeTimers(() => forgotAlice(h))).toEqual(
        err(cognitoError('UnexpectedLambdaException', 'CustomMessage invocation failed due to error Task timed out after 0.03 seconds.')),
      );
      expect(h.triggers.invocations().map((i) => i.timeoutMs)).toEqual([30, 30, 30]);
      // The default, on fake timers: three attempts of 5 s, without waiting 15 s.
      const byDefault = await withCustomMessage();
      byDefault.triggers.register(FN.customMessage, () => new Promise(() => undefined));
      expect(await settleWithFakeTimers(() => forgotAlice(byDefault))).toEqual(
        err(cognitoError('UnexpectedLambdaException', 'CustomMessage invocation failed due to error Task timed out after 5.00 seconds.')),
      );
      expect(byDefault.triggers.invocations().map((i) => i.timeoutMs)).toEqual([5000, 5000, 5000]);
    });

    it('R9.0.1: createMemoryRecovery passes triggerAttempts to every use case', async () => {
      const recovery = createMemoryRecovery({ hasherCost: 1024, triggerAttempts: 2 });
      const pool = aPool('emailFirst', { lambdaConfig: { customMessage: FN.customMessage } });
      (await recovery.ports.pools.putPool(pool))._unsafeUnwrap();
      (await recovery.ports.pools.putClient(aClient({ userPoolId: pool.id })))._unsafeUnwrap();
      const alice = aUser().withVerifiedEmail('alice@example.com').inPool(pool.id).build(undefined);
      (await recovery.ports.users.create(alice, loginClaimsOf(pool, alice.username, alice.attributes)))._unsafeUnwrap();
      expect((await recovery.forgotPassword({ ClientId: 'testclient1', Username: 'alice' }))._unsafeUnwrapErr().name).toBe('UnexpectedLambdaException');
      expect(recovery.triggers.invocations()).toHaveLength(2);
    });
  });

  describe('error mapping (R9.0.4, D16)', () => {
    it.each([
      ['CustomMessage', { kind: 'FunctionError', message: 'Boom' }, 'UserLambdaValidationException', 'CustomMessage failed with error Boom.'],
      ['UserMigration', { kind: 'FunctionError', message: 'Bad password' }, 'UserLambdaValidationException', 'UserMigration failed with error Bad password.'],
      [
        'PostConfirmation',
        { kind: 'InvocationFailed', reason: 'AccessDeniedException' },
        'UnexpectedLambdaException',
        'PostConfirmation invocation failed due to error AccessDeniedException.',
      ],
      [
        'CustomSMSSender',
        { kind: 'Timeout' },
        'UnexpectedLambdaException',
        'CustomSMSSender invocation failed due to error Task timed out after 5.00 seconds.',
      ],
    ] as const)('R9.0.4 D16: %s %o → %s', (trigger, failure, name, message) => {
      expect(triggerFailureError(trigger, failure, 5000)).toEqual(cognitoError(name, message));
    });

    it('D16: a trigger configured without a TriggerInvoker is UnexpectedLambdaException', async () => {
      const h = await withCustomMessage({ ports: (ports) => ({ ...ports, triggers: undefined }) });
      expect(await forgotAlice(h)).toEqual(
        err(cognitoError('UnexpectedLambdaException', 'CustomMessage invocation failed due to error no TriggerInvoker is configured.')),
      );
      expect(h.outbox.messages()).toEqual([]);
    });

    it('D16: a pool without triggers needs no TriggerInvoker', async () => {
      const h = await aHarness({ ports: (ports) => ({ ...ports, triggers: undefined }) });
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      expect((await forgotAlice(h)).isOk()).toBe(true);
    });
  });

  describe('MemoryTriggerInvoker runs real handler modules (R9.0.2)', () => {
    const invocation = (event: unknown) => ({ userPoolId: 'p', trigger: 'CustomMessage', functionRef: 'fn', event, timeoutMs: 1000 }) as const;

    it('R9.0.2: a handler typed with the event type registers without a cast and gets a Lambda context', async () => {
      const triggers = new MemoryTriggerInvoker();
      let seen: TriggerContext | undefined;
      triggers.register('fn', async (event: CustomMessageForgotPasswordEvent, context: TriggerContext) => {
        await Promise.resolve();
        seen = context;
        event.response.smsMessage = 'Code {####}';
        return event;
      });
      const answer = await triggers.invoke(invocation({ response: { smsMessage: null } }));
      expect(answer).toEqual(ok({ response: { smsMessage: 'Code {####}' } }));
      expect(seen).toMatchObject({ functionName: 'fn', invokedFunctionArn: 'fn', functionVersion: '$LATEST' });
      expect(seen?.getRemainingTimeInMillis()).toBeGreaterThan(0);
    });

    it('R9.0.2: callback-style handlers answer through the callback, errors included', async () => {
      const triggers = new MemoryTriggerInvoker();
      triggers.register('fn', (event: unknown, _context: TriggerContext, callback: TriggerCallback) => {
        setTimeout(() => {
          callback(null, { echoed: event });
        }, 1);
      });
      expect(await triggers.invoke(invocation(1))).toEqual(ok({ echoed: 1 }));
      triggers.register('fn', (_event: unknown, _context: TriggerContext, callback: TriggerCallback) => {
        callback('Bad password');
      });
      expect(await triggers.invoke(invocation(1))).toEqual(err({ kind: 'FunctionError', message: 'Bad password' }));
      triggers.register('fn', (_event: unknown, context: TriggerContext) => {
        context.succeed({ via: 'context' });
      });
      expect(await triggers.invoke(invocation(1))).toEqual(ok({ via: 'context' }));
    });

    it('R9.0.2: a synchronous handler without callback answers null, as in Lambda', async () => {
      const triggers = new MemoryTriggerInvoker();
      triggers.register('fn', (event: unknown) => event);
      expect(await triggers.invoke(invocation({ a: 1 }))).toEqual(ok(null));
    });
  });
});
