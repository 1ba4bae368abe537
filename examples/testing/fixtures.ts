/**
 * The setup every test of this folder shares: a pool where recovery goes to the verified email, an app
 * client, and alice with a password. Written with the use cases (in-process); the SDK test does the
 * same through CreateUserPool/CreateUserPoolClient/AdminCreateUser commands.
 */
import type { CognitoError, CreateUserPoolInput, Recovery } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';

/** Unwraps a use case result, or throws with Cognito's error name and message (setup only). */
export async function ok<T>(result: ResultAsync<T, CognitoError>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new Error(`${settled.error.name}: ${settled.error.message}`);
  return settled.value;
}

/** The ids of what {@link seed} created. */
export interface Seeded {
  readonly userPoolId: string;
  readonly clientId: string;
}

export const ALICE = { username: 'alice', email: 'alice@example.com', password: 'Old-passw0rd!' } as const;
export const NEW_PASSWORD = 'N3w-passw0rd!';

/** A pool (plus `extra` members, e.g. `LambdaConfig`), a client without a secret, and alice. */
export async function seed(recovery: Recovery, extra: Partial<CreateUserPoolInput> = {}): Promise<Seeded> {
  const { UserPool } = await ok(
    recovery.createUserPool({
      PoolName: 'tests',
      AliasAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
      ...extra,
    }),
  );
  const { UserPoolClient } = await ok(recovery.createUserPoolClient({ UserPoolId: UserPool.Id, ClientName: 'tests' }));
  await ok(
    recovery.adminCreateUser({
      UserPoolId: UserPool.Id,
      Username: ALICE.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: ALICE.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await ok(recovery.adminSetUserPassword({ UserPoolId: UserPool.Id, Username: ALICE.username, Password: ALICE.password, Permanent: true }));
  return { userPoolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}
