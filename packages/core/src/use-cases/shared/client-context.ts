/**
 * Steps 2–3 of D14 shared by the unauthenticated operations: the client exists, its secret hash
 * matches, and its pool is loaded.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { AppClient } from '../../model/app-client.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Ports } from '../../ports/index.js';
import { verifySecretHash } from '../../rules/secret-hash.js';
import type { PortError } from './port-error.js';

/** A client with its pool. @internal */
export interface ClientContext {
  /** The app client. */
  readonly client: AppClient;
  /** Its pool. */
  readonly pool: UserPool;
}

/** Errors of the client steps. @internal */
export type ClientContextError = CognitoError<'ResourceNotFoundException' | 'NotAuthorizedException'> | PortError;

/**
 * Loads the client (R2.4), checks the secret hash over the exact `Username` sent (R2.5, D3, D10), and
 * loads the pool.
 *
 * @internal
 */
export async function loadClientContext(
  deps: Pick<Ports, 'pools'>,
  clientId: string,
  username: string,
  secretHash: string | undefined,
): Promise<Result<ClientContext, ClientContextError>> {
  const client = await deps.pools.getClient(clientId);
  if (client.isErr()) return err(fromPortFailure(client.error));
  if (client.value === undefined) return err(cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId)));
  const checked = verifySecretHash(client.value, username, secretHash);
  if (checked.isErr()) return err(checked.error);
  const pool = await deps.pools.getPool(client.value.userPoolId);
  if (pool.isErr()) return err(fromPortFailure(pool.error));
  if (pool.value === undefined) return err(cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId)));
  return ok({ client: client.value, pool: pool.value });
}
