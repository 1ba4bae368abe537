import { createRecovery } from '../../core/src/recovery.js';
import { createMemoryPorts } from '../src/create-memory-recovery.js';
import { cognitoError, type CognitoErrorName } from '../../core/src/errors.js';
import { err, type Result, type ResultAsync } from 'neverthrow';
import type { CreateUserPoolInput } from '../../core/src/use-cases/create-user-pool.js';

/** Memory ports with every operation bound to them (pools get `eu-west-1` ids). */
export function directory() {
  const memory = createMemoryPorts({ hasherCost: 1024 });
  return { ...memory, ...createRecovery(memory.ports, { region: 'eu-west-1' }) };
}

/** A directory type. */
export type Directory = ReturnType<typeof directory>;

/** Creates a pool and returns its id. */
export async function aPool(d: Directory, input: Partial<CreateUserPoolInput> = {}): Promise<string> {
  const created = await d.createUserPool({ PoolName: 'test', ...input });
  return created._unsafeUnwrap().UserPool.Id;
}

/** The expected error result. */
export function failure(name: CognitoErrorName, message: string): Result<never, unknown> {
  return err(cognitoError(name, message));
}

/** `[{Name, Value}]` from an object. */
export function attrs(values: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(values).map(([Name, Value]) => ({ Name, Value }));
}

/** Awaits a setup step that must succeed, and answers its value. */
export async function must<T, E>(result: ResultAsync<T, E>): Promise<T> {
  return (await result)._unsafeUnwrap();
}
