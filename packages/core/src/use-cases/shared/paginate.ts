/**
 * Paging a listed collection by an item key token (`NextToken` of the `List*` directory operations).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type PortFailure } from '../../errors.js';
import { PATTERNS } from '../../rules/input-constraints.js';
import type { RequestError } from './request-errors.js';

/** A page token (`NextToken`, `PaginationToken`): `PaginationKey`, at least one character. @internal */
export const PAGE_TOKEN_SHAPE = { type: 'string', min: 1, pattern: PATTERNS.paginationKey } as const;

/** `MaxResults` of `ListUserPools` and `ListUserPoolClients`: 1–60. @internal */
export const MAX_RESULTS_SHAPE = { type: 'integer', min: 1, max: 60 } as const;

/** How a `List*` operation answers its collection: each item's key, and the response of a page. @internal */
export interface Listing<T, O extends { readonly NextToken?: string }> {
  /** The item's key, which the next page's `NextToken` names. */
  readonly keyOf: (item: T) => string;
  /** The response of a page of items, without `NextToken` (which {@link listedPage} adds). */
  readonly answer: (page: readonly T[]) => O;
}

/**
 * The page of `listed` a `List*` request asks for: the at most `size` items that follow the one whose
 * key is `token` (from the start without a token), answered by the listing, with the last one's key
 * as `NextToken` when more follow. A failed listing is the port failure's error; a token that names
 * no item is `InvalidParameterException` `Invalid pagination token.`
 *
 * @internal
 */
export function listedPage<T, O extends { readonly NextToken?: string }>(
  listed: Result<readonly T[], PortFailure>,
  listing: Listing<T, O>,
  token: string | undefined,
  size: number,
): Result<O, RequestError> {
  if (listed.isErr()) return err(fromPortFailure(listed.error));
  const items = listed.value;
  let start = 0;
  if (token !== undefined) {
    const index = items.findIndex((item) => listing.keyOf(item) === token);
    if (index < 0) return err(cognitoError('InvalidParameterException', messages.invalidPaginationToken));
    start = index + 1;
  }
  const page = items.slice(start, start + size);
  const last = page.at(-1);
  const answered = listing.answer(page);
  return ok(start + page.length < items.length && last !== undefined ? { ...answered, NextToken: listing.keyOf(last) } : answered);
}
