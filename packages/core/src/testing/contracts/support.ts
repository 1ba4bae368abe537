/**
 * Helpers shared by the contract suites.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Result, ResultAsync } from 'neverthrow';
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
