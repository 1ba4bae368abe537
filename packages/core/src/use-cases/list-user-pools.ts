/**
 * `ListUserPools`: the pools, oldest first, a page at a time.
 *
 * @module
 */
import type { Result } from 'neverthrow';
import type { UserPool } from '../model/user-pool.js';
import type { Ports } from '../ports/index.js';
import { type InputMembers } from '../rules/input-constraints.js';
import { epochSeconds, toLambdaConfigType } from '../wire/mapping.js';
import type { LambdaConfigType } from '../wire/types.js';
import { operation } from './shared/operation.js';
import type { RequestError } from './shared/request-errors.js';
import { MAX_RESULTS_SHAPE, PAGE_TOKEN_SHAPE, listedPage, type Listing } from './shared/paginate.js';

/** `ListUserPoolsRequest`. @group Use cases */
export interface ListUserPoolsInput {
  /** 1–60 pools per page. */
  readonly MaxResults: number;
  /** From the previous page. */
  readonly NextToken?: string;
}

/** `UserPoolDescriptionType`. @group Use cases */
export interface UserPoolDescriptionType {
  /** Pool id. */
  readonly Id: string;
  /** Pool name. */
  readonly Name: string;
  /** The stored triggers. */
  readonly LambdaConfig: LambdaConfigType;
  /** Epoch seconds. */
  readonly CreationDate: number;
  /** Epoch seconds. */
  readonly LastModifiedDate: number;
}

/** `ListUserPoolsResponse`. @group Use cases */
export interface ListUserPoolsOutput {
  /** This page. */
  readonly UserPools: readonly UserPoolDescriptionType[];
  /** Present when more pools follow. */
  readonly NextToken?: string;
}

/** The ports ListUserPools uses. @group Use cases */
export type ListUserPoolsDeps = Pick<Ports, 'pools'>;

/** The model's input members. @internal */
export const LIST_USER_POOLS_INPUT = {
  NextToken: { shape: PAGE_TOKEN_SHAPE },
  MaxResults: { shape: MAX_RESULTS_SHAPE, required: true },
} as const satisfies InputMembers<ListUserPoolsInput>;

/** Pools as `ListUserPools` lists them. */
const POOLS: Listing<UserPool, ListUserPoolsOutput> = {
  keyOf: (pool) => pool.id,
  answer: (page) => ({
    UserPools: page.map((pool) => ({
      Id: pool.id,
      Name: pool.name,
      LambdaConfig: toLambdaConfigType(pool),
      CreationDate: epochSeconds(pool.creationDate),
      LastModifiedDate: epochSeconds(pool.lastModifiedDate),
    })),
  }),
};

/**
 * Builds the `ListUserPools` operation. `NextToken` is the id of the last pool of the previous page;
 * a token that names no pool is `InvalidParameterException` `Invalid pagination token.`
 *
 * @example
 * ```ts
 * const list = listUserPools(ports);
 * const page = await list({ MaxResults: 60 });
 * if (page.isOk()) console.log(page.value.UserPools.map((p) => p.Name));
 * ```
 * @group Use cases
 */
export function listUserPools(deps: ListUserPoolsDeps) {
  return operation(LIST_USER_POOLS_INPUT, async (request: ListUserPoolsInput): Promise<Result<ListUserPoolsOutput, RequestError>> => {
    return listedPage(await deps.pools.listPools(), POOLS, request.NextToken, request.MaxResults);
  });
}
