/**
 * Steps 2–3 of D14 shared by the unauthenticated operations: the client exists, its secret hash
 * matches, and its pool is loaded.
 *
 * @module
 * @internal
 */
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { AppClient } from '../../model/app-client.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Ports } from '../../ports/index.js';
import { verifySecretHash } from '../../rules/secret-hash.js';

/** A client with its pool. @internal */
export interface ClientContext {
  /** The app client. */
  readonly client: AppClient;
  /** Its pool. */
  readonly pool: UserPool;
}

/** Errors of the client steps. @internal */
export type ClientContextError = CognitoError<'ResourceNotFoundException' | 'NotAuthorizedException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/**
 * Loads the client (R2.4), checks the secret hash over the exact `Username` sent (R2.5, D3, D10), and
 * loads the pool.
 *
 * @internal
 */
export function loadClientContext(deps: Pick<Ports, 'pools'>, clientId: string, username: string, secretHash: string | undefined): ResultAsync<ClientContext, ClientContextError> {
  return deps.pools
    .getClient(clientId)
    .mapErr(fromPortFailure)
    .andThen((client) => {
      if (client === undefined) return errAsync(cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId)));
      const checked = verifySecretHash(client, username, secretHash);
      if (checked.isErr()) return errAsync(checked.error);
      return deps.pools
        .getPool(client.userPoolId)
        .mapErr(fromPortFailure)
        .andThen((pool) => (pool === undefined ? errAsync(cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId))) : okAsync({ client, pool })));
    });
}
