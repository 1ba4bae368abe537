/**
 * `DescribeUserPool`: a pool's settings as `UserPoolType`.
 *
 * @module
 */
import { ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { loadPool, type PortError } from './shared/admin-context.js';
import { toUserPoolType, type UserPoolType } from './shared/wire-mapping.js';

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

/** Every error DescribeUserPool can answer with. @group Use cases */
export type DescribeUserPoolError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'ResourceNotFoundException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/** The ports DescribeUserPool uses. @group Use cases */
export type DescribeUserPoolDeps = Pick<Ports, 'pools' | 'users'>;

/** The model's input members. @internal */
export const DESCRIBE_USER_POOL_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
};

const COUNT_PAGE = 60;

/** Counts a pool's users page by page (the store has no count; cost grows with the pool). @internal */
export function countUsers(deps: Pick<Ports, 'users'>, userPoolId: string): ResultAsync<number, PortError> {
  const from = (after: string | undefined, total: number): ResultAsync<number, PortError> =>
    deps.users
      .list(userPoolId, COUNT_PAGE, after)
      .mapErr(fromPortFailure)
      .andThen((page) => (page.next === undefined ? okAsync(total + page.users.length) : from(page.next, total + page.users.length)));
  return from(undefined, 0);
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
export function describeUserPool(deps: DescribeUserPoolDeps): (input: DescribeUserPoolInput) => ResultAsync<DescribeUserPoolOutput, DescribeUserPoolError> {
  return (input) =>
    safeTry<DescribeUserPoolOutput, DescribeUserPoolError>(async function* () {
      const request = yield* validateInput<DescribeUserPoolInput>(DESCRIBE_USER_POOL_INPUT, input);
      const pool = yield* loadPool(deps, request.UserPoolId);
      const count = yield* countUsers(deps, pool.id);
      return ok({ UserPool: toUserPoolType(pool, count) });
    });
}
