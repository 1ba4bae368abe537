/**
 * `ListUserPoolClients`: a pool's app clients, oldest first, a page at a time.
 *
 * @module
 */
import { err, type Result } from 'neverthrow';
import type { AppClient } from '../model/app-client.js';
import type { Ports } from '../ports/index.js';
import { type InputMembers } from '../rules/input-constraints.js';
import { loadPool } from './shared/admin-context.js';
import { operation } from './shared/operation.js';
import type { PoolRequestError } from './shared/request-errors.js';
import { MAX_RESULTS_SHAPE, PAGE_TOKEN_SHAPE, listedPage, type Listing } from './shared/paginate.js';
import { POOL_INPUT } from './admin-user-request.js';

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

/** The ports ListUserPoolClients uses. @group Use cases */
export type ListUserPoolClientsDeps = Pick<Ports, 'pools'>;

/** The model's input members. @internal */
export const LIST_USER_POOL_CLIENTS_INPUT = {
  ...POOL_INPUT,
  MaxResults: { shape: MAX_RESULTS_SHAPE },
  NextToken: { shape: PAGE_TOKEN_SHAPE },
} as const satisfies InputMembers<ListUserPoolClientsInput>;

/** Clients as `ListUserPoolClients` lists them. */
const CLIENTS: Listing<AppClient, ListUserPoolClientsOutput> = {
  keyOf: (c) => c.clientId,
  answer: (page) => ({ UserPoolClients: page.map((c) => ({ ClientId: c.clientId, UserPoolId: c.userPoolId, ClientName: c.clientName })) }),
};

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
export function listUserPoolClients(deps: ListUserPoolClientsDeps) {
  return operation(LIST_USER_POOL_CLIENTS_INPUT, async (request: ListUserPoolClientsInput): Promise<Result<ListUserPoolClientsOutput, PoolRequestError>> => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    return listedPage(await deps.pools.listClients(pool.value.id), CLIENTS, request.NextToken, request.MaxResults ?? 60);
  });
}
