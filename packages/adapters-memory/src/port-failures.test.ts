/**
 * `createRecovery`'s port guard and `onPortFailure` hook, on the memory ports with one method broken:
 * a port that rejects, throws or answers no Result makes the operation answer
 * `InternalErrorException` (never throw or reject), and every PortFailure reaches the hook with the
 * port and method, quoting no secret.
 */
import {
  createRecovery,
  loginClaimsOf,
  portFailure,
  type CognitoError,
  type PortFailure,
  type PortFailureContext,
  type Ports,
  type Recovery,
} from '@cognito-recovery/core';
import { aClient, aPool, aUser } from '@cognito-recovery/core/testing';
import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createMemoryPorts, type MemoryPorts } from './index.js';

const POOL_ID = 'us-east-1_Guard';
const CLIENT_ID = 'guardclient0000000000000001';
const EMAIL = 'alice.secret@example.com';
const PASSWORD = 'N3w-passw0rd!';
/** Words that must never reach the hook: the user's address, the new password, the stored hash. */
const SECRET_MESSAGE = `connection lost while writing ${EMAIL} with ${PASSWORD}`;

interface World {
  readonly memory: MemoryPorts;
  readonly reports: { failure: PortFailure; context: PortFailureContext }[];
  readonly recovery: Recovery;
  /** The code the user was last sent. */
  readonly code: () => string;
}

/** A pool, a LEGACY client and alice with a verified email and a password, written straight into the stores. */
async function world(patch: (ports: Ports) => void = () => undefined, hook = true): Promise<World> {
  const memory = createMemoryPorts({ hasherCost: 1024 });
  const pool = aPool('emailFirst', { id: POOL_ID });
  (await memory.stores.pools.putPool(pool))._unsafeUnwrap();
  (await memory.stores.pools.putClient(aClient({ clientId: CLIENT_ID, userPoolId: POOL_ID, preventUserExistenceErrors: 'LEGACY' })))._unsafeUnwrap();
  const hash = (await memory.ports.hasher.hash('Old-passw0rd!'))._unsafeUnwrap();
  const alice = aUser('alice', POOL_ID).withVerifiedEmail(EMAIL).build(hash);
  (await memory.stores.users.create(alice, loginClaimsOf(pool, alice.username, alice.attributes)))._unsafeUnwrap();
  const reports: World['reports'] = [];
  const recovery = createRecovery(memory.ports, hook ? { onPortFailure: (failure, context) => reports.push({ failure, context }) } : {});
  patch(memory.ports);
  return { memory, reports, recovery, code: () => memory.outbox.latestCodeFor(POOL_ID, 'alice') ?? '' };
}

const forgot = (w: World) => w.recovery.forgotPassword({ ClientId: CLIENT_ID, Username: 'alice' });
const confirm = (w: World, code = w.code()) =>
  w.recovery.confirmForgotPassword({ ClientId: CLIENT_ID, Username: 'alice', ConfirmationCode: code === '' ? '000000' : code, Password: PASSWORD });

/** Replaces one method of a port instance (the guard looks methods up on every call). */
function patchMethod(port: object, method: string, impl: (...args: unknown[]) => unknown): void {
  Object.defineProperty(port, method, { value: impl, configurable: true, writable: true });
}

const rejecting = (): ResultAsync<never, PortFailure> => new ResultAsync(Promise.reject(Object.assign(new Error(SECRET_MESSAGE), { code: 'ECONNRESET' })));

/** Settles `answer` and fails the test if it rejects; answers the error name, or 'ok'. */
async function outcome(answer: ResultAsync<unknown, CognitoError>): Promise<string> {
  let settled: Result<unknown, CognitoError>;
  try {
    settled = await answer;
  } catch (error) {
    return expect.fail(`the operation rejected: ${String(error)}`);
  }
  return settled.isErr() ? settled.error.name : 'ok';
}

function expectNoSecrets(reports: World['reports'], code: string): void {
  const text = JSON.stringify(reports);
  for (const secret of [EMAIL, PASSWORD, 'connection lost', ...(code === '' ? [] : [code])])
    expect(text.includes(secret), `a report quotes ${secret}`).toBe(false);
}

describe('createRecovery guards every port', () => {
  it('answers InternalErrorException, never rejecting, when a port answers a ResultAsync over a rejecting promise', async () => {
    const w = await world((ports) => {
      patchMethod(ports.users, 'findFirstByClaims', rejecting);
    });
    expect(await outcome(forgot(w))).toBe('InternalErrorException');
    expect(w.reports).toEqual([
      { failure: portFailure('UserStore', 'findFirstByClaims rejected (Error ECONNRESET)'), context: { port: 'users', method: 'findFirstByClaims' } },
    ]);
    expectNoSecrets(w.reports, '');
  });

  it('answers InternalErrorException when a port method throws synchronously, answers no promise, or resolves to something else than a Result', async () => {
    const cases: [string, (...args: unknown[]) => unknown, string][] = [
      [
        'throws',
        () => {
          throw new TypeError(SECRET_MESSAGE);
        },
        'attempt threw (TypeError)',
      ],
      ['answers no promise', () => ({ allowed: true, count: 1 }), 'attempt answered no promise'],
      ['resolves to a plain value', () => Promise.resolve({ allowed: true, count: 1 }), 'attempt answered no Result'],
      ['rejects with a non-Error', () => Promise.reject(new Error('x', { cause: SECRET_MESSAGE })), 'attempt rejected (Error)'],
    ];
    for (const [label, impl, reason] of cases) {
      const w = await world((ports) => {
        patchMethod(ports.limiter, 'attempt', impl);
      });
      expect(await outcome(forgot(w)), label).toBe('InternalErrorException');
      expect(w.reports, label).toEqual([{ failure: portFailure('AttemptLimiter', reason), context: { port: 'limiter', method: 'attempt' } }]);
      expectNoSecrets(w.reports, '');
    }
  });

  it('guards every Result-returning port: a rejection of any method the flow calls is an InternalErrorException', async () => {
    const forgotCalls: [keyof Ports, string][] = [
      ['pools', 'getClient'],
      ['pools', 'getPool'],
      ['users', 'findFirstByClaims'],
      ['limiter', 'attempt'],
      ['sender', 'send'],
      ['codes', 'issue'],
    ];
    for (const [port, method] of forgotCalls) {
      const w = await world((ports) => {
        patchMethod(ports[port] as object, method, rejecting);
      });
      expect(await outcome(forgot(w)), `${port}.${method}`).toBe('InternalErrorException');
      expect(
        w.reports.map((r) => r.context),
        `${port}.${method}`,
      ).toEqual([{ port, method }]);
    }
    const confirmCalls: [keyof Ports, string][] = [
      ['codes', 'attemptAndVerify'],
      ['hasher', 'hash'],
      ['users', 'update'],
    ];
    for (const [port, method] of confirmCalls) {
      const w = await world();
      expect(await outcome(forgot(w))).toBe('ok');
      patchMethod(w.memory.ports[port] as object, method, rejecting);
      expect(await outcome(confirm(w)), `${port}.${method}`).toBe('InternalErrorException');
      expect(
        w.reports.map((r) => r.context),
        `${port}.${method}`,
      ).toEqual([{ port, method }]);
      expectNoSecrets(w.reports, w.code());
    }
  });

  it('turns a rejecting trigger invoker into a failed invocation (a Lambda error for the caller), reporting it', async () => {
    const w = await world();
    const pool = aPool('emailFirst', { id: POOL_ID, lambdaConfig: { customMessage: 'arn:aws:lambda:us-east-1:123456789012:function:custom-message' } });
    (await w.memory.stores.pools.putPool(pool))._unsafeUnwrap();
    patchMethod(w.memory.ports.triggers as object, 'invoke', rejecting);
    expect(await outcome(forgot(w))).toBe('UnexpectedLambdaException');
    expect(w.reports.length).toBeGreaterThan(0);
    expect(w.reports.every((r) => r.context.port === 'triggers' && r.context.method === 'invoke')).toBe(true);
    expect(w.reports[0]?.failure).toEqual(portFailure('TriggerInvoker', 'invoke rejected (Error ECONNRESET)'));
    expectNoSecrets(w.reports, '');
  });

  it('still calls a method patched onto the port after createRecovery', async () => {
    const w = await world();
    patchMethod(w.memory.ports.users, 'findFirstByClaims', () => errAsync(portFailure('UserStore', 'patched')));
    expect(await outcome(forgot(w))).toBe('InternalErrorException');
    expect(w.reports.map((r) => r.failure.reason)).toEqual(['patched']);
  });
});

describe('onPortFailure', () => {
  it("receives the adapter's own PortFailure with its reason, the port and the method; the caller sees only InternalErrorException", async () => {
    const failure = portFailure('UserStore', 'SELECT users: SQLSTATE 57P01');
    const w = await world((ports) => {
      patchMethod(ports.users, 'findFirstByClaims', () => errAsync(failure));
    });
    const answer = await forgot(w);
    expect(answer.isErr() && answer.error).toEqual({ name: 'InternalErrorException', $fault: 'server', message: 'Internal server error.' });
    expect(w.reports).toEqual([{ failure, context: { port: 'users', method: 'findFirstByClaims' } }]);
    expect(w.reports[0]?.failure).toBe(failure);
  });

  it('receives throttled failures too (the caller sees TooManyRequestsException)', async () => {
    const failure = portFailure('AttemptLimiter', 'UpdateItem: ProvisionedThroughputExceededException', true);
    const w = await world((ports) => {
      patchMethod(ports.limiter, 'attempt', () => errAsync(failure));
    });
    expect(await outcome(forgot(w))).toBe('TooManyRequestsException');
    expect(w.reports).toEqual([{ failure, context: { port: 'limiter', method: 'attempt' } }]);
  });

  it('is not called when nothing fails, and not for a delivery failure (not a PortFailure)', async () => {
    const w = await world();
    expect(await outcome(forgot(w))).toBe('ok');
    expect(await outcome(confirm(w))).toBe('ok');
    w.memory.outbox.failNext(1, 'mailbox full');
    expect(await outcome(forgot(w))).toBe('CodeDeliveryFailureException');
    expect(w.reports).toEqual([]);
  });

  it('ignores what the hook throws: the answer is the same', async () => {
    const memory = createMemoryPorts({ hasherCost: 1024 });
    patchMethod(memory.ports.pools, 'getClient', () => errAsync(portFailure('PoolDirectory', 'down')));
    const recovery = createRecovery(memory.ports, {
      onPortFailure: () => {
        throw new Error('the logger is broken');
      },
    });
    const answer = await recovery.forgotPassword({ ClientId: CLIENT_ID, Username: 'alice' });
    expect(answer.isErr() && answer.error.name).toBe('InternalErrorException');
  });

  it('is optional: without it the guard still answers InternalErrorException', async () => {
    const w = await world((ports) => {
      patchMethod(ports.codes, 'issue', rejecting);
    }, false);
    expect(await outcome(forgot(w))).toBe('InternalErrorException');
    expect(w.reports).toEqual([]);
  });

  it('leaves working ports alone: a whole ForgotPassword and ConfirmForgotPassword through the guard', async () => {
    const w = await world((ports) => {
      patchMethod(ports.sender, 'send', () => okAsync(undefined));
    });
    expect(await outcome(forgot(w))).toBe('ok');
    expect(await outcome(w.recovery.verifyUserPassword({ UserPoolId: POOL_ID, Username: 'alice', Password: 'Old-passw0rd!' }))).toBe('ok');
    expect(w.reports).toEqual([]);
  });
});
