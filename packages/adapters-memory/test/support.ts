import { createMemoryPorts } from '../src/create-memory-recovery.js';
import { cognitoError, type CognitoErrorName } from '../../core/src/errors.js';
import { err, type Result, type ResultAsync } from 'neverthrow';
import { adminConfirmSignUp } from '../../core/src/use-cases/admin-confirm-sign-up.js';
import { adminCreateUser } from '../../core/src/use-cases/admin-create-user.js';
import { adminDeleteUser } from '../../core/src/use-cases/admin-delete-user.js';
import { adminDisableUser } from '../../core/src/use-cases/admin-disable-user.js';
import { adminEnableUser } from '../../core/src/use-cases/admin-enable-user.js';
import { adminGetUser } from '../../core/src/use-cases/admin-get-user.js';
import { adminSetUserMfaPreference } from '../../core/src/use-cases/admin-set-user-mfa-preference.js';
import { adminSetUserPassword } from '../../core/src/use-cases/admin-set-user-password.js';
import { adminUpdateUserAttributes } from '../../core/src/use-cases/admin-update-user-attributes.js';
import { createUserPool, type CreateUserPoolInput } from '../../core/src/use-cases/create-user-pool.js';
import { createUserPoolClient } from '../../core/src/use-cases/create-user-pool-client.js';
import { deleteUserPool } from '../../core/src/use-cases/delete-user-pool.js';
import { describeUserPool } from '../../core/src/use-cases/describe-user-pool.js';
import { describeUserPoolClient } from '../../core/src/use-cases/describe-user-pool-client.js';
import { forgotPassword } from '../../core/src/use-cases/forgot-password.js';
import { listUserPoolClients } from '../../core/src/use-cases/list-user-pool-clients.js';
import { listUserPools } from '../../core/src/use-cases/list-user-pools.js';
import { listUsers } from '../../core/src/use-cases/list-users.js';
import { signUp } from '../../core/src/use-cases/sign-up.js';

/** Memory ports with every directory operation bound to them. */
export function directory() {
  const memory = createMemoryPorts({ hasherCost: 1024 });
  const { ports } = memory;
  return {
    ...memory,
    createUserPool: createUserPool(ports, { region: 'eu-west-1' }),
    describeUserPool: describeUserPool(ports),
    deleteUserPool: deleteUserPool(ports),
    listUserPools: listUserPools(ports),
    createUserPoolClient: createUserPoolClient(ports),
    describeUserPoolClient: describeUserPoolClient(ports),
    listUserPoolClients: listUserPoolClients(ports),
    adminCreateUser: adminCreateUser(ports),
    signUp: signUp(ports),
    adminConfirmSignUp: adminConfirmSignUp(ports),
    adminSetUserPassword: adminSetUserPassword(ports),
    adminUpdateUserAttributes: adminUpdateUserAttributes(ports),
    adminDisableUser: adminDisableUser(ports),
    adminEnableUser: adminEnableUser(ports),
    adminGetUser: adminGetUser(ports),
    adminDeleteUser: adminDeleteUser(ports),
    listUsers: listUsers(ports),
    adminSetUserMfaPreference: adminSetUserMfaPreference(ports),
    forgotPassword: forgotPassword(ports),
  };
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
