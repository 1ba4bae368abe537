/**
 * `ListUserPoolClients`: a pool's app clients, oldest first, a page at a time.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { PATTERNS, SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { loadPool } from './shared/admin-context.js';
import { operation } from './shared/operation.js';
import { pageAfter } from './shared/paginate.js';

/** `ListUserPoolClientsRequest`. @group Use cases */
export interface ListUserPoolClientsInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** 1–60 clients per page (default 60). */
  readonly MaxResults?: number;
  /** From the previous page. */
  readonly NextToken?: string;
}

/** `UserPoolClientDescription`. @group Use cases */
export interface UserPoolClientDescription {
  /** Client id. */
  readonly ClientId: string;
  /** Pool id. */
  readonly UserPoolId: string;
  /** Client name. */
  readonly ClientName: string;
}

/** `ListUserPoolClientsResponse`. @group Use cases */
export interface ListUserPoolClientsOutput {
  /** This page. */
  readonly UserPoolClients: readonly UserPoolClientDescription[];
  /** Present when more clients follow. */
  readonly NextToken?: string;
}

/** Every error ListUserPoolClients can answer with. @group Use cases */
export type ListUserPoolClientsError = CognitoError<
  'InvalidParameterException' | 'SerializationException' | 'ResourceNotFoundException' | 'InternalErrorException' | 'TooManyRequestsException'
>;

/** The ports ListUserPoolClients uses. @group Use cases */
export type ListUserPoolClientsDeps = Pick<Ports, 'pools'>;

/** The model's input members. @internal */
export const LIST_USER_POOL_CLIENTS_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  MaxResults: { shape: { type: 'integer', min: 1, max: 60 } },
  NextToken: { shape: { type: 'string', min: 1, pattern: PATTERNS.paginationKey } },
} as const satisfies InputMembers<ListUserPoolClientsInput>;

/**
 * Builds the `ListUserPoolClients` operation. `NextToken` is the id of the last client of the previous
 * page; a token that names no client of the pool is `InvalidParameterException` `Invalid pagination token.`
 *
 * @example
 * ```ts
 * const list = listUserPoolClients(ports);
 * const page = await list({ UserPoolId: pool.Id, MaxResults: 10 });
 * if (page.isOk()) console.log(page.value.UserPoolClients.map((c) => c.ClientName));
 * ```
 * @group Use cases
 */
export function listUserPoolClients(
  deps: ListUserPoolClientsDeps,
): (input: ListUserPoolClientsInput) => ResultAsync<ListUserPoolClientsOutput, ListUserPoolClientsError> {
  return operation(LIST_USER_POOL_CLIENTS_INPUT, async (request) => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const listed = await deps.pools.listClients(pool.value.id);
    if (listed.isErr()) return err(fromPortFailure(listed.error));
    const paged = pageAfter(listed.value, (c) => c.clientId, request.NextToken, request.MaxResults ?? 60);
    if (paged.isErr()) return err(paged.error);
    const { page, next } = paged.value;
    const UserPoolClients = page.map((c) => ({ ClientId: c.clientId, UserPoolId: c.userPoolId, ClientName: c.clientName }));
    return ok(next === undefined ? { UserPoolClients } : { UserPoolClients, NextToken: next });
  });
}
