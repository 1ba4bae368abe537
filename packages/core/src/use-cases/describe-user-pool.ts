/**
 * `DescribeUserPool`: a pool's settings as `UserPoolType`.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { toUserPoolType } from '../wire/mapping.js';
import type { UserPoolType } from '../wire/types.js';
import { POOL_INPUT } from './admin-user-request.js';
import { loadPool } from './shared/admin-context.js';
import type { PortError } from './shared/port-error.js';
import { operation } from './shared/operation.js';
import type { PoolRequestError } from './shared/request-errors.js';

/** `DescribeUserPoolRequest`. @group Use cases */
export interface DescribeUserPoolInput {
  /** The pool. */
  readonly UserPoolId: string;
}

/** `DescribeUserPoolResponse`. @group Use cases */
export interface DescribeUserPoolOutput {
  /** The pool (never its simulation secret). */
  readonly UserPool: UserPoolType;
}

/** The ports DescribeUserPool uses. @group Use cases */
export type DescribeUserPoolDeps = Pick<Ports, 'pools' | 'users'>;

/** The model's input members. @internal */
export const DESCRIBE_USER_POOL_INPUT = POOL_INPUT satisfies InputMembers<DescribeUserPoolInput>;

const COUNT_PAGE = 60;

/** Counts a pool's users page by page (the store has no count; cost grows with the pool). @internal */
export async function countUsers(deps: Pick<Ports, 'users'>, userPoolId: string): Promise<Result<number, PortError>> {
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const page = await deps.users.list(userPoolId, COUNT_PAGE, after);
    if (page.isErr()) return err(fromPortFailure(page.error));
    total += page.value.users.length;
    if (page.value.next === undefined) return ok(total);
    after = page.value.next;
  }
}

/**
 * Builds the `DescribeUserPool` operation. An unknown pool is `ResourceNotFoundException`
 * `User pool <id> does not exist.`; `EstimatedNumberOfUsers` is the exact count.
 *
 * @example
 * ```ts
 * const describe = describeUserPool(ports);
 * const result = await describe({ UserPoolId: 'us-east-1_Example1' });
 * if (result.isOk()) console.log(result.value.UserPool.Policies.PasswordPolicy.MinimumLength); // 8
 * ```
 * @group Use cases
 */
export function describeUserPool(deps: DescribeUserPoolDeps) {
  return operation(DESCRIBE_USER_POOL_INPUT, async (request: DescribeUserPoolInput): Promise<Result<DescribeUserPoolOutput, PoolRequestError>> => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const count = await countUsers(deps, pool.value.id);
    return count.isErr() ? err(count.error) : ok({ UserPool: toUserPoolType(pool.value, count.value) });
  });
}
