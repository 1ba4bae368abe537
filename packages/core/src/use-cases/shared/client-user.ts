/**
 * The client, pool and user a public (client-side) user request names (R2.4, R2.5, §3).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { loadClientContext, type ClientContext, type ClientContextError } from './client-context.js';
import { findUser } from './find-user.js';

/** A {@link ClientContext} with the user the request names and how unknown users are answered. @internal */
export interface ClientUserContext extends ClientContext {
  /** `PreventUserExistenceErrors = ENABLED` on the client: unknown and disabled users get hidden answers (§8). */
  readonly hidden: boolean;
  /** The user `Username` designates (`findUser`), `undefined` when nobody matches. */
  readonly user: User | undefined;
}

/**
 * {@link loadClientContext} (client, secret hash over the exact `username`, pool), then
 * {@link findUser} for `username`: one `UserStore.findFirstByClaims`, whether or not the user exists.
 *
 * @internal
 */
export async function loadClientAndUser(
  deps: Pick<Ports, 'pools' | 'users'>,
  clientId: string,
  username: string,
  secretHash: string | undefined,
): Promise<Result<ClientUserContext, ClientContextError>> {
  const context = await loadClientContext(deps, clientId, username, secretHash);
  if (context.isErr()) return err(context.error);
  const { client, pool } = context.value;
  const found = await findUser(deps, pool, username);
  if (found.isErr()) return err(found.error);
  return ok({ client, pool, hidden: client.preventUserExistenceErrors === 'ENABLED', user: found.value });
}
