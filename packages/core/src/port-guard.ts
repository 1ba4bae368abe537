/**
 * The guard `createRecovery` puts around every Result-returning port: a port that throws, rejects or
 * answers something that is not a Result becomes a `PortFailure` the use case answers as
 * `InternalErrorException`, and every `PortFailure` can be reported to a hook.
 *
 * @module
 * @internal
 */
import { err, ResultAsync, type Result } from 'neverthrow';
import { portFailure, type PortFailure } from './errors.js';
import type { AttemptLimiter } from './ports/attempt-limiter.js';
import type { CodeEncryptor } from './ports/code-encryptor.js';
import type { Ports } from './ports/index.js';
import type { MessageSender } from './ports/message-sender.js';
import type { PasswordHasher } from './ports/password-hasher.js';
import type { PoolDirectory } from './ports/pool-directory.js';
import type { RecoveryCodeStore } from './ports/recovery-code-store.js';
import type { TokenSigner } from './ports/token-signer.js';
import type { TriggerFailure, TriggerInvoker } from './ports/trigger-invoker.js';
import type { UserStore } from './ports/user-store.js';

/**
 * The ports whose methods answer Results, by their member name in {@link Ports}: the ones
 * `createRecovery` guards and reports failures of.
 *
 * @example
 * ```ts
 * const stores: readonly GuardedPort[] = ['pools', 'users', 'codes', 'limiter'];
 * ```
 * @group Composition
 */
export type GuardedPort = 'pools' | 'users' | 'codes' | 'limiter' | 'sender' | 'hasher' | 'triggers' | 'encryptor' | 'tokens';

/**
 * Where a {@link PortFailure} came from: the port (its member name in {@link Ports}) and the method.
 *
 * @example
 * ```ts
 * const where: PortFailureContext = { port: 'users', method: 'findFirstByClaims' };
 * ```
 * @group Composition
 */
export interface PortFailureContext {
  /** The port, as named in {@link Ports} (`users`, `codes`, …). */
  readonly port: GuardedPort;
  /** The method called (`findFirstByClaims`, `attemptAndVerify`, …). */
  readonly method: string;
}

/**
 * Receives every {@link PortFailure} a use case meets, with the port and method that answered it.
 * Called synchronously, before the use case goes on; what it throws is ignored. The failure carries
 * only the adapter's `reason` (which by the port contract quotes no code, password or secret) or,
 * for a port that threw or rejected, the error's class name and code: never its message, never the
 * call's arguments.
 *
 * @example
 * ```ts
 * const onPortFailure: PortFailureHook = (failure, { port, method }) => {
 *   metrics.increment('recovery.port_failure', { port, method, throttled: String(failure.throttled) });
 *   logger.warn(`${port}.${method} failed: ${failure.reason}`);
 * };
 * const recovery = createRecovery(ports, { onPortFailure });
 * ```
 * @group Composition
 */
export type PortFailureHook = (failure: PortFailure, context: PortFailureContext) => void;

/** Every method of `P`, so that a method added to a port interface must be added here too. */
type Methods<P> = { readonly [K in keyof P]-?: true };

const POOLS: Methods<PoolDirectory> = { getPool: true, getClient: true, putPool: true, deletePool: true, putClient: true, listPools: true, listClients: true };
const USERS: Methods<UserStore> = { findByClaim: true, findFirstByClaims: true, create: true, update: true, delete: true, list: true, deletePool: true };
const CODES: Methods<RecoveryCodeStore> = { issue: true, verify: true, attemptAndVerify: true, clear: true };
const LIMITER: Methods<AttemptLimiter> = { attempt: true };
const SENDER: Methods<MessageSender> = { send: true };
const HASHER: Methods<PasswordHasher> = { hash: true, verify: true };
const TRIGGERS: Methods<TriggerInvoker> = { invoke: true };
const ENCRYPTOR: Methods<CodeEncryptor> = { encrypt: true };
const TOKENS: Methods<TokenSigner> = { sign: true, verify: true, jwks: true };

/** The interface names failures are labelled with. */
const INTERFACES: Readonly<Record<GuardedPort, string>> = {
  pools: 'PoolDirectory',
  users: 'UserStore',
  codes: 'RecoveryCodeStore',
  limiter: 'AttemptLimiter',
  sender: 'MessageSender',
  hasher: 'PasswordHasher',
  triggers: 'TriggerInvoker',
  encryptor: 'CodeEncryptor',
  tokens: 'TokenSigner',
};

/** What may be quoted of a thrown value: identifier-like names and codes only (`TypeError`, `ECONNRESET`, `08006`). */
const QUOTABLE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The class name (and `code`, when it is identifier-like) of a thrown or rejected value; never its message. */
function describeThrown(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const label = QUOTABLE.test(name) ? name : 'Error';
  return typeof code === 'string' && QUOTABLE.test(code) ? `${label} ${code}` : label;
}

function isResult(value: unknown): value is Result<unknown, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { isErr?: unknown }).isErr === 'function';
}

function isPortFailure(value: unknown): value is PortFailure {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'PortFailure';
}

type Method = (...args: unknown[]) => unknown;

/**
 * One guarded method. The port's method is looked up on every call (so a port patched after
 * `createRecovery` is still the one called) and called with the port as `this`. The per-call cost is
 * one `then` on the port's answer and one `ResultAsync`: the handlers are built once, here.
 */
function guardMethod(port: GuardedPort, method: string, target: object, hook: PortFailureHook | undefined): Method {
  const context: PortFailureContext = Object.freeze({ port, method });
  const label = INTERFACES[port];
  const report =
    hook === undefined
      ? undefined
      : (failure: PortFailure): void => {
          try {
            hook(failure, context);
          } catch {
            // A failing hook must not change the answer.
          }
        };
  // A broken port answers a PortFailure; the trigger invoker's callers expect a TriggerFailure.
  const fail =
    port === 'triggers'
      ? (what: string, detail: string): Result<never, PortFailure | TriggerFailure> => {
          report?.(portFailure(label, `${method} ${what}${detail === '' ? '' : ` (${detail})`}`));
          return err({ kind: 'InvocationFailed', reason: detail === '' ? `the invoker ${what}` : detail });
        }
      : (what: string, detail: string): Result<never, PortFailure | TriggerFailure> => {
          const failure = portFailure(label, `${method} ${what}${detail === '' ? '' : ` (${detail})`}`);
          report?.(failure);
          return err(failure);
        };
  const onFulfilled =
    report === undefined
      ? (result: unknown): unknown => (isResult(result) ? result : fail('answered no Result', ''))
      : (result: unknown): unknown => {
          if (!isResult(result)) return fail('answered no Result', '');
          if (result.isErr() && isPortFailure(result.error)) report(result.error);
          return result;
        };
  const onRejected = (error: unknown): unknown => fail('rejected', describeThrown(error));
  const methods = target as Record<string, unknown>;
  return (...args: unknown[]): unknown => {
    try {
      const fn = methods[method];
      if (typeof fn !== 'function') return new ResultAsync(Promise.resolve(fail('is not a function', '')));
      const answer = (fn as Method).apply(target, args);
      if (typeof (answer as { then?: unknown } | null | undefined)?.then !== 'function')
        return new ResultAsync(Promise.resolve(fail('answered no promise', '')));
      return new ResultAsync((answer as PromiseLike<unknown>).then(onFulfilled, onRejected) as Promise<Result<unknown, unknown>>);
    } catch (error) {
      return new ResultAsync(Promise.resolve(fail('threw', describeThrown(error))));
    }
  };
}

function guard<P extends object>(port: GuardedPort, target: P, methods: Methods<P>, hook: PortFailureHook | undefined): P {
  const guarded: Record<string, Method> = {};
  for (const method of Object.keys(methods)) guarded[method] = guardMethod(port, method, target, hook);
  return guarded as P;
}

/**
 * `ports` with every method of the Result-returning ports guarded: a method that throws, rejects,
 * answers no promise or resolves to something other than a Result answers a `PortFailure` (the
 * trigger invoker an `InvocationFailed`), and every `PortFailure` is reported to `hook`. The
 * synchronous ports (`clock`, `random`) and `secrets` are passed through.
 *
 * @internal
 */
export function guardPorts(ports: Ports, hook: PortFailureHook | undefined): Ports {
  return {
    ...ports,
    pools: guard('pools', ports.pools, POOLS, hook),
    users: guard('users', ports.users, USERS, hook),
    codes: guard('codes', ports.codes, CODES, hook),
    limiter: guard('limiter', ports.limiter, LIMITER, hook),
    sender: guard('sender', ports.sender, SENDER, hook),
    hasher: guard('hasher', ports.hasher, HASHER, hook),
    triggers: ports.triggers === undefined ? undefined : guard('triggers', ports.triggers, TRIGGERS, hook),
    encryptor: ports.encryptor === undefined ? undefined : guard('encryptor', ports.encryptor, ENCRYPTOR, hook),
    tokens: guard('tokens', ports.tokens, TOKENS, hook),
  };
}
