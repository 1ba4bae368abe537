/**
 * `ListUsers`: a pool's users, optionally filtered, a page at a time.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../errors.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { PATTERNS, type InputMembers } from '../rules/input-constraints.js';
import { matchesFilter, parseFilter } from '../rules/user-filter.js';
import { toUserType } from '../wire/mapping.js';
import type { UserType } from '../wire/types.js';
import { loadPool } from './shared/admin-context.js';
import { operation } from './shared/operation.js';
import { PAGE_TOKEN_SHAPE } from './shared/paginate.js';
import { POOL_INPUT } from './admin-user-request.js';
import type { PoolRequestError } from './shared/request-errors.js';

/** `ListUsersRequest`. @group Use cases */
export interface ListUsersInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Only these attributes in each user's `Attributes` (all when absent). */
  readonly AttributesToGet?: readonly string[];
  /** 0–60 users per page; 0 or absent means 60. */
  readonly Limit?: number;
  /** From the previous page. */
  readonly PaginationToken?: string;
  /** `attr = "value"` (exact) or `attr ^= "value"` (prefix) on a searchable attribute (`username`, `email`, `phone_number`, `name`, `given_name`, `family_name`, `preferred_username`, `cognito:user_status`, `status`, `sub`). */
  readonly Filter?: string;
}

/** `ListUsersResponse`. @group Use cases */
export interface ListUsersOutput {
  /** This page, in username order. */
  readonly Users: readonly UserType[];
  /** Present when more users may follow. */
  readonly PaginationToken?: string;
}

/** The ports ListUsers uses. @group Use cases */
export type ListUsersDeps = Pick<Ports, 'pools' | 'users'>;

/** The model's input members. @internal */
export const LIST_USERS_INPUT = {
  ...POOL_INPUT,
  AttributesToGet: { shape: { type: 'list', member: { type: 'string', min: 1, max: 32, pattern: PATTERNS.attributeName } } },
  Limit: { shape: { type: 'integer', min: 0, max: 60 } },
  PaginationToken: { shape: PAGE_TOKEN_SHAPE },
  Filter: { shape: { type: 'string', max: 256 } },
} as const satisfies InputMembers<ListUsersInput>;

const SCAN_PAGE = 60;

/**
 * Builds the `ListUsers` operation. Users come in username order; the filter is applied while the
 * store is scanned, so a page can hold fewer than `Limit` users only at the end. The pagination token
 * is opaque (the last username returned, base64url).
 *
 * @example
 * ```ts
 * const list = listUsers(ports);
 * const page = await list({ UserPoolId: pool.Id, Filter: 'email ^= "alice"', Limit: 10 });
 * if (page.isOk()) console.log(page.value.Users.map((u) => u.Username));
 * ```
 * @group Use cases
 */
export function listUsers(deps: ListUsersDeps) {
  return operation(LIST_USERS_INPUT, async (request: ListUsersInput): Promise<Result<ListUsersOutput, PoolRequestError>> => {
    const filter = parseFilter(request.Filter ?? '');
    if (filter.isErr()) return err(filter.error);
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const limit = request.Limit === undefined || request.Limit === 0 ? 60 : request.Limit;
    let after = request.PaginationToken === undefined ? undefined : Buffer.from(request.PaginationToken, 'base64url').toString('utf8');
    const found: User[] = [];
    let more = false;
    for (;;) {
      const listed = await deps.users.list(pool.value.id, SCAN_PAGE, after);
      if (listed.isErr()) return err(fromPortFailure(listed.error));
      const page = listed.value;
      const users = page.users;
      for (let i = 0; i < users.length; i++) {
        const user = users[i];
        if (user === undefined || !matchesFilter(user, filter.value)) continue;
        found.push(user);
        if (found.length === limit) {
          more = i < users.length - 1 || page.next !== undefined;
          break;
        }
      }
      if (found.length === limit || page.next === undefined) break;
      after = page.next;
    }
    const wanted = request.AttributesToGet === undefined ? undefined : new Set(request.AttributesToGet);
    const Users = found.map((user) => {
      const wire = toUserType(user);
      return wanted === undefined ? wire : { ...wire, Attributes: wire.Attributes.filter((a) => wanted.has(a.Name)) };
    });
    const last = found.at(-1);
    return ok(more && last !== undefined ? { Users, PaginationToken: Buffer.from(last.username, 'utf8').toString('base64url') } : { Users });
  });
}
