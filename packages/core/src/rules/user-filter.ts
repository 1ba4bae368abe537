/**
 * ListUsers' `Filter` (`attr = "value"`, `attr ^= "value"`): what it may search, how it parses, and
 * which users it matches.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { User } from '../model/user.js';

/** The attributes `Filter` can search, as Cognito documents them for ListUsers. @group Rules */
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

/** A parsed `Filter`. @group Rules */
export interface UserFilter {
  /** The searched attribute. */
  readonly attribute: string;
  /** `=` exact, `^=` prefix. */
  readonly operator: '=' | '^=';
  /** The value between the quotes. */
  readonly value: string;
}

const FILTER = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/u;

/**
 * Parses `attr = "v"` / `attr ^= "v"` (blank: no filter); anything else is `InvalidParameterException`.
 *
 * @example
 * ```ts
 * parseFilter('email ^= "alice"'); // ok({ attribute: 'email', operator: '^=', value: 'alice' })
 * ```
 * @group Rules
 */
export function parseFilter(filter: string): Result<UserFilter | undefined, CognitoError<'InvalidParameterException'>> {
  if (filter.trim() === '') return ok(undefined);
  const match = FILTER.exec(filter);
  const attribute = match?.[1];
  const operator = match?.[2];
  const value = match?.[3];
  if (attribute === undefined || value === undefined || (operator !== '=' && operator !== '^=')) {
    return err(cognitoError('InvalidParameterException', messages.filterUnparsable));
  }
  if (!SEARCHABLE_ATTRIBUTES.includes(attribute)) return err(cognitoError('InvalidParameterException', messages.filterAttribute(attribute)));
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

/**
 * Whether a user matches a filter (every user matches no filter).
 *
 * @example
 * ```ts
 * matchesFilter(user, { attribute: 'status', operator: '=', value: 'Enabled' }); // user.enabled
 * ```
 * @group Rules
 */
export function matchesFilter(user: User, filter: UserFilter | undefined): boolean {
  if (filter === undefined) return true;
  const actual = searchedValue(user, filter.attribute);
  if (actual === undefined) return false;
  return filter.operator === '=' ? actual === filter.value : actual.startsWith(filter.value);
}
