/**
 * `DescribeUserPoolClient`: one app client of a pool.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { type InputMembers } from '../rules/input-constraints.js';
import { loadPool } from './shared/admin-context.js';
import { toUserPoolClientType } from '../wire/mapping.js';
import type { UserPoolClientType } from '../wire/types.js';
import { operation } from './shared/operation.js';
import { POOL_CLIENT_INPUT } from './shared/client-request.js';
import type { PoolRequestError } from './shared/request-errors.js';

/** `DescribeUserPoolClientRequest`. @group Use cases */
export interface DescribeUserPoolClientInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** The client. */
  readonly ClientId: string;
}

/** `DescribeUserPoolClientResponse`. @group Use cases */
export interface DescribeUserPoolClientOutput {
  /** The client, secret included when it has one. */
  readonly UserPoolClient: UserPoolClientType;
}

/** The ports DescribeUserPoolClient uses. @group Use cases */
export type DescribeUserPoolClientDeps = Pick<Ports, 'pools'>;

/** The model's input members. @internal */
export const DESCRIBE_USER_POOL_CLIENT_INPUT = {
  ...POOL_CLIENT_INPUT,
} as const satisfies InputMembers<DescribeUserPoolClientInput>;

/**
 * Builds the `DescribeUserPoolClient` operation. An unknown pool is `ResourceNotFoundException`
 * `User pool <id> does not exist.`; a client that is absent or belongs to another pool is
 * `ResourceNotFoundException` `User pool client <id> does not exist.` (R2.4).
 *
 * @example
 * ```ts
 * const describe = describeUserPoolClient(ports);
 * const result = await describe({ UserPoolId: pool.Id, ClientId: 'abc123' });
 * if (result.isOk()) console.log(result.value.UserPoolClient.PreventUserExistenceErrors); // 'LEGACY'
 * ```
 * @group Use cases
 */
export function describeUserPoolClient(deps: DescribeUserPoolClientDeps) {
  return operation(
    DESCRIBE_USER_POOL_CLIENT_INPUT,
    async (request: DescribeUserPoolClientInput): Promise<Result<DescribeUserPoolClientOutput, PoolRequestError>> => {
      const pool = await loadPool(deps, request.UserPoolId);
      if (pool.isErr()) return err(pool.error);
      const client = await deps.pools.getClient(request.ClientId);
      if (client.isErr()) return err(fromPortFailure(client.error));
      if (client.value?.userPoolId !== pool.value.id) return err(cognitoError('ResourceNotFoundException', messages.clientNotFound(request.ClientId)));
      return ok({ UserPoolClient: toUserPoolClientType(client.value) });
    },
  );
}
