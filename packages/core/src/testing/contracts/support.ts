/**
 * Helpers shared by the contract suites.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Result, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { RecoveryCodeStore } from '../../ports/recovery-code-store.js';
import type { UserStore } from '../../ports/user-store.js';

/**
 * A factory of the port under test, called once per test so that each test starts from a fresh
 * instance (or, for adapters over shared storage, one whose ids the suites keep apart).
 *
 * @group Testing
 */
export type Make<P> = () => Promise<P> | P;

/**
 * The options every storage and service contract suite takes: how to build the port over a backend
 * that fails every request.
 *
 * @group Testing
 */
export interface BrokenBackendOptions<P> {
  /**
   * The port over a backend that fails every request (a closed port, a rejecting driver, a client
   * with no endpoint); with it, every method must also resolve (never throw or reject) to a
   * `PortFailure`.
   */
  readonly broken?: Make<P> | undefined;
}

/**
 * A user store and the code store it consumes codes from (`UserStore.update` with `consume`), wired
 * together as a composition wires them; the RecoveryCodeStore and UserStore contracts test them as a
 * pair.
 *
 * @group Testing
 */
export interface RecoveryStores {
  /** Users; its consuming updates use the codes of `codes`. */
  readonly users: UserStore;
  /** Codes and confirm-attempt windows. */
  readonly codes: RecoveryCodeStore;
}

/** A suffix that keeps ids of one test apart from every other test's, for adapters over shared storage. @internal */
export function uniqueSuffix(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

/** The value of an ok result; fails the test with the error otherwise. @internal */
export async function unwrap<T, E>(result: ResultAsync<T, E> | Promise<Result<T, E>>): Promise<T> {
  const r = await result;
  if (r.isErr()) throw new Error(`expected ok, got err ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Counts the occurrences of each value. @internal */
export function tally<T extends string>(values: readonly T[]): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** One call of a port method, run against a broken backend: a label and the call. @internal */
export type BrokenCall<P> = readonly [label: string, call: (port: P) => unknown];

/**
 * Asserts that `call` answers a `PortFailure` the way every port method must when its backend fails:
 * it does not throw, returns a promise-like that resolves (never rejects) to an err Result, whose
 * error is a `PortFailure` (`port`, `reason`, `throttled`) whose reason quotes none of `secrets`.
 *
 * @internal
 */
export async function expectPortFailure(call: () => unknown, secrets: readonly string[] = []): Promise<void> {
  let returned: unknown;
  expect(() => {
    returned = call();
  }, 'the call threw synchronously').not.toThrow();
  expect(typeof (returned as { then?: unknown } | undefined)?.then, 'the call returned no promise-like').toBe('function');
  let settled: unknown;
  try {
    settled = await returned;
  } catch (error) {
    expect.fail(`the call rejected instead of answering a PortFailure: ${error instanceof Error ? error.name : typeof error}`);
  }
  const result = settled as Result<unknown, unknown>;
  expect(typeof result.isErr, 'the call did not resolve to a Result').toBe('function');
  expect(result.isErr(), 'the call succeeded on a broken backend').toBe(true);
  const error = result._unsafeUnwrapErr() as Record<string, unknown>;
  expect(Object.keys(error).sort(), 'the error is not a PortFailure').toEqual(['kind', 'port', 'reason', 'throttled']);
  expect(error['kind']).toBe('PortFailure');
  expect(typeof error['port']).toBe('string');
  expect(typeof error['throttled']).toBe('boolean');
  const reason = error['reason'];
  expect(typeof reason).toBe('string');
  for (const secret of secrets) expect(String(reason).includes(secret), 'the failure reason quotes an argument').toBe(false);
}

/**
 * Registers one test per call: each, made on a port built by `make` over a backend that fails every
 * request, must answer a `PortFailure` as {@link expectPortFailure} checks.
 *
 * @internal
 */
export function describeBrokenBackend<P>(make: Make<P>, calls: readonly BrokenCall<P>[], secrets: readonly string[] = []): void {
  describe('on a broken backend', () => {
    for (const [label, call] of calls) {
      it(`${label} resolves to a PortFailure, never throwing or rejecting`, async () => {
        const port = await make();
        await expectPortFailure(() => call(port), secrets);
      });
    }
  });
}
