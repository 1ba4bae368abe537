/**
 * Steps 2–3 of D14 shared by the unauthenticated operations: the client exists, its secret hash
 * matches, and its pool is loaded.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { AppClient } from '../../model/app-client.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Ports } from '../../ports/index.js';
import { verifySecretHash } from '../../rules/secret-hash.js';
import { foundOr, type PortError } from './port-error.js';

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
  const client = await loadClient(deps, clientId);
  if (client.isErr()) return err(client.error);
  const checked = verifySecretHash(client.value, username, secretHash);
  if (checked.isErr()) return err(checked.error);
  const pool = await loadClientPool(deps, client.value);
  if (pool.isErr()) return err(pool.error);
  return ok({ client: client.value, pool: pool.value });
}

/** Loads an app client (R2.4); an unknown id is `ResourceNotFoundException` `User pool client <id> does not exist.` @internal */
export async function loadClient(
  deps: Pick<Ports, 'pools'>,
  clientId: string,
): Promise<Result<AppClient, CognitoError<'ResourceNotFoundException'> | PortError>> {
  return foundOr(await deps.pools.getClient(clientId), () => cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId)));
}

/**
 * Loads the pool of a client; a pool that is gone answers as an unknown client, `ResourceNotFoundException`
 * `User pool client <id> does not exist.` (the client cannot be used without it).
 *
 * @internal
 */
export async function loadClientPool(
  deps: Pick<Ports, 'pools'>,
  client: AppClient,
): Promise<Result<UserPool, CognitoError<'ResourceNotFoundException'> | PortError>> {
  return foundOr(await deps.pools.getPool(client.userPoolId), () => cognitoError('ResourceNotFoundException', messages.clientNotFound(client.clientId)));
}
