/**
 * Creates the example's user pool, app client and user through the use cases, so it works the same on
 * the memory adapters and on the AWS composition (whose pools live in DynamoDB). In your deployment the
 * pool and client exist already: this is what you would do once, from an admin script.
 */
import type { CognitoError, Recovery } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';

/** The ids and the secret the auth server is configured with. */
export interface Provisioned {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The example user (verified email, so ForgotPassword sends the code by email). */
export const DEMO_USER = { username: 'alice', email: 'alice@example.com', password: 'Old-passw0rd!' } as const;

async function ok<T>(label: string, result: ResultAsync<T, CognitoError>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new Error(`${label}: ${settled.error.name}: ${settled.error.message}`);
  return settled.value;
}

/** A pool with the email alias, email-first recovery and tighter limits; a confidential client with PreventUserExistenceErrors; alice. */
export async function provisionDemo(
  recovery: Pick<Recovery, 'createUserPool' | 'createUserPoolClient' | 'adminCreateUser' | 'adminSetUserPassword'>,
): Promise<Provisioned> {
  const { UserPool } = await ok(
    'CreateUserPool',
    recovery.createUserPool({
      PoolName: 'auth-server-example',
      AliasAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
      // Extension member (not in Cognito's API): this pool's code lifetime and attempt limits (D8, D9).
      RecoveryLimits: { CodeValiditySeconds: 900, ForgotPasswordRequestsPerWindow: 5, FailedConfirmAttemptsPerWindow: 5, WindowSeconds: 3600 },
    }),
  );
  const { UserPoolClient } = await ok(
    'CreateUserPoolClient',
    recovery.createUserPoolClient({
      UserPoolId: UserPool.Id,
      ClientName: 'auth-server',
      GenerateSecret: true,
      // The client setting Cognito reads: unknown users get a simulated answer, never UserNotFoundException.
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  await ok(
    'AdminCreateUser',
    recovery.adminCreateUser({
      UserPoolId: UserPool.Id,
      Username: DEMO_USER.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: DEMO_USER.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await ok(
    'AdminSetUserPassword',
    recovery.adminSetUserPassword({
      UserPoolId: UserPool.Id,
      Username: DEMO_USER.username,
      Password: DEMO_USER.password,
      Permanent: true,
    }),
  );
  const { ClientId, ClientSecret } = UserPoolClient;
  if (ClientSecret === undefined) throw new Error('CreateUserPoolClient answered no secret');
  return { userPoolId: UserPool.Id, clientId: ClientId, clientSecret: ClientSecret };
}
