/**
 * Paging a listed collection by an item key token (`NextToken` of the `List*` directory operations).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import { PATTERNS } from '../../rules/input-constraints.js';

/** A page token (`NextToken`, `PaginationToken`): `PaginationKey`, at least one character. @internal */
export const PAGE_TOKEN_SHAPE = { type: 'string', min: 1, pattern: PATTERNS.paginationKey } as const;

/** `MaxResults` of `ListUserPools` and `ListUserPoolClients`: 1–60. @internal */
export const MAX_RESULTS_SHAPE = { type: 'integer', min: 1, max: 60 } as const;

/** One page of a collection, and the token of the next page when there is one. @internal */
export interface Page<T> {
  /** The items of the page. */
  readonly page: readonly T[];
  /** The key of the page's last item when more follow. */
  readonly next: string | undefined;
}

/**
 * The at most `size` items that follow the one whose key is `token` (from the start without a
 * token); a token that names no item is `InvalidParameterException` `Invalid pagination token.`
 *
 * @internal
 */
export function pageAfter<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  token: string | undefined,
  size: number,
): Result<Page<T>, CognitoError<'InvalidParameterException'>> {
  let start = 0;
  if (token !== undefined) {
    const index = items.findIndex((item) => keyOf(item) === token);
    if (index < 0) return err(cognitoError('InvalidParameterException', messages.invalidPaginationToken));
    start = index + 1;
  }
  const page = items.slice(start, start + size);
  const last = page.at(-1);
  return ok({ page, next: start + page.length < items.length && last !== undefined ? keyOf(last) : undefined });
}
