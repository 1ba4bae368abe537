/**
 * `ListUserPools`: the pools, oldest first, a page at a time.
 *
 * @module
 */
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { PATTERNS, validateInput, type Member } from '../rules/input-constraints.js';
import { epochSeconds, toLambdaConfigType, type LambdaConfigType } from './shared/wire-mapping.js';

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

/** Every error ListUserPools can answer with. @group Use cases */
export type ListUserPoolsError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/** The ports ListUserPools uses. @group Use cases */
export type ListUserPoolsDeps = Pick<Ports, 'pools'>;

/** The model's input members. @internal */
export const LIST_USER_POOLS_INPUT: Readonly<Record<string, Member>> = {
  NextToken: { shape: { type: 'string', min: 1, pattern: PATTERNS.paginationKey } },
  MaxResults: { shape: { type: 'integer', min: 1, max: 60 }, required: true },
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
export function listUserPools(deps: ListUserPoolsDeps): (input: ListUserPoolsInput) => ResultAsync<ListUserPoolsOutput, ListUserPoolsError> {
  return (input) =>
    safeTry<ListUserPoolsOutput, ListUserPoolsError>(async function* () {
      const request = yield* validateInput<ListUserPoolsInput>(LIST_USER_POOLS_INPUT, input);
      const pools = yield* deps.pools.listPools().mapErr(fromPortFailure);
      let start = 0;
      if (request.NextToken !== undefined) {
        const index = pools.findIndex((p) => p.id === request.NextToken);
        if (index < 0) return err(cognitoError('InvalidParameterException', 'Invalid pagination token.'));
        start = index + 1;
      }
      const page = pools.slice(start, start + request.MaxResults);
      const last = page.at(-1);
      const UserPools = page.map((pool) => ({
        Id: pool.id,
        Name: pool.name,
        LambdaConfig: toLambdaConfigType(pool),
        CreationDate: epochSeconds(pool.creationDate),
        LastModifiedDate: epochSeconds(pool.lastModifiedDate),
      }));
      return ok(start + page.length < pools.length && last !== undefined ? { UserPools, NextToken: last.id } : { UserPools });
    });
}
