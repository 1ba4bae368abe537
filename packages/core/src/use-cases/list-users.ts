/**
 * `ListUsers`: a pool's users, optionally filtered, a page at a time.
 *
 * @module
 */
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, type CognitoError } from '../errors.js';
import type { User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { PATTERNS, SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { loadPool } from './shared/admin-context.js';
import { toUserType, type UserType } from './shared/wire-mapping.js';

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
  /** `attr = "value"` (exact) or `attr ^= "value"` (prefix); see {@link SEARCHABLE_ATTRIBUTES}. */
  readonly Filter?: string;
}

/** `ListUsersResponse`. @group Use cases */
export interface ListUsersOutput {
  /** This page, in username order. */
  readonly Users: readonly UserType[];
  /** Present when more users may follow. */
  readonly PaginationToken?: string;
}

/** Every error ListUsers can answer with. @group Use cases */
export type ListUsersError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'ResourceNotFoundException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/** The ports ListUsers uses. @group Use cases */
export type ListUsersDeps = Pick<Ports, 'pools' | 'users'>;

/** The model's input members. @internal */
export const LIST_USERS_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  AttributesToGet: { shape: { type: 'list', member: { type: 'string', min: 1, max: 32, pattern: PATTERNS.attributeName } } },
  Limit: { shape: { type: 'integer', min: 0, max: 60 } },
  PaginationToken: { shape: { type: 'string', min: 1, pattern: PATTERNS.paginationKey } },
  Filter: { shape: { type: 'string', max: 256 } },
};

/** The attributes `Filter` can search, as Cognito documents them for ListUsers. @group Use cases */
export const SEARCHABLE_ATTRIBUTES: readonly string[] = [
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
];

/** A parsed `Filter`. @internal */
export interface UserFilter {
  /** The searched attribute. */
  readonly attribute: string;
  /** `=` exact, `^=` prefix. */
  readonly operator: '=' | '^=';
  /** The value between the quotes. */
  readonly value: string;
}

const FILTER = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/u;

/** Parses `attr = "v"` / `attr ^= "v"`; anything else is `InvalidParameterException`. @internal */
export function parseFilter(filter: string): Result<UserFilter | undefined, CognitoError<'InvalidParameterException'>> {
  if (filter.trim() === '') return ok(undefined);
  const match = FILTER.exec(filter);
  const attribute = match?.[1];
  const operator = match?.[2];
  const value = match?.[3];
  if (attribute === undefined || value === undefined || (operator !== '=' && operator !== '^=')) {
    return err(cognitoError('InvalidParameterException', 'Error while parsing filter.'));
  }
  if (!SEARCHABLE_ATTRIBUTES.includes(attribute)) return err(cognitoError('InvalidParameterException', `Invalid search attribute: ${attribute}`));
  return ok({ attribute, operator, value: value.replace(/\\(.)/gu, '$1') });
}

function searchedValue(user: User, attribute: string): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username;
    case 'cognito:user_status':
      return user.status;
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled';
    default:
      return user.attributes[attribute];
  }
}

/** Whether a user matches a filter. @internal */
export function matchesFilter(user: User, filter: UserFilter | undefined): boolean {
  if (filter === undefined) return true;
  const actual = searchedValue(user, filter.attribute);
  if (actual === undefined) return false;
  return filter.operator === '=' ? actual === filter.value : actual.startsWith(filter.value);
}

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
export function listUsers(deps: ListUsersDeps): (input: ListUsersInput) => ResultAsync<ListUsersOutput, ListUsersError> {
  return (input) =>
    safeTry<ListUsersOutput, ListUsersError>(async function* () {
      const request = yield* validateInput<ListUsersInput>(LIST_USERS_INPUT, input);
      const filter = yield* parseFilter(request.Filter ?? '');
      const pool = yield* loadPool(deps, request.UserPoolId);
      const limit = request.Limit === undefined || request.Limit === 0 ? 60 : request.Limit;
      let after = request.PaginationToken === undefined ? undefined : Buffer.from(request.PaginationToken, 'base64url').toString('utf8');
      const found: User[] = [];
      let more = false;
      for (;;) {
        const page = yield* deps.users.list(pool.id, SCAN_PAGE, after).mapErr(fromPortFailure);
        const users = page.users;
        for (let i = 0; i < users.length; i++) {
          const user = users[i];
          if (user === undefined || !matchesFilter(user, filter)) continue;
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
