/**
 * How a `Username` input finds its user (§3, D18): the claims a user holds and the order in which an
 * input is tried.
 *
 * @module
 */
import type { UserPool } from '../model/user-pool.js';
import type { Attributes } from '../model/user.js';
import type { Claim } from '../ports/user-store.js';

/** Claim kinds, as prefixes of the stored claim. @group Rules */
export type ClaimKind = 'username' | 'sub' | 'email' | 'phone_number' | 'preferred_username';

const PREFIX: Readonly<Record<ClaimKind, string>> = {
  username: 'u#',
  sub: 's#',
  email: 'e#',
  phone_number: 'p#',
  preferred_username: 'n#',
};

/**
 * Folds a value the way the pool compares it: case-insensitive pools fold usernames,
 * `preferred_username` and email (R3.4, D18); phone numbers and subs are never folded.
 *
 * @group Rules
 */
export function foldFor(pool: Pick<UserPool, 'caseSensitive'>, kind: ClaimKind, value: string): string {
  if (pool.caseSensitive || kind === 'phone_number' || kind === 'sub') return value;
  return value.toLowerCase();
}

/**
 * The claim string a store indexes for `kind` and `value` in `pool`.
 *
 * @group Rules
 */
export function claimOf(pool: Pick<UserPool, 'caseSensitive'>, kind: ClaimKind, value: string): Claim {
  return PREFIX[kind] + foldFor(pool, kind, value);
}

/**
 * Every claim a user holds: its username and sub; each username attribute it has (verified or not,
 * R3.3); each alias it has, email and phone only when verified, `preferred_username` always (R3.2).
 *
 * @example
 * ```ts
 * loginClaimsOf(pool, 'alice', { sub: 'u-1', email: 'A@x.com', email_verified: 'true' });
 * // ['u#alice', 's#u-1', 'e#a@x.com'] in a case-insensitive pool with email as an alias
 * ```
 * @group Rules
 */
export function loginClaimsOf(
  pool: Pick<UserPool, 'caseSensitive' | 'aliasAttributes' | 'usernameAttributes'>,
  username: string,
  attributes: Attributes,
): Claim[] {
  const claims: Claim[] = [claimOf(pool, 'username', username)];
  const sub = attributes['sub'];
  if (sub !== undefined) claims.push(claimOf(pool, 'sub', sub));
  for (const attribute of pool.usernameAttributes) {
    const value = attributes[attribute];
    if (value !== undefined && value !== '') claims.push(claimOf(pool, attribute, value));
  }
  for (const alias of pool.aliasAttributes) {
    const value = attributes[alias];
    if (value === undefined || value === '') continue;
    if (alias !== 'preferred_username' && attributes[`${alias}_verified`] !== 'true') continue;
    claims.push(claimOf(pool, alias, value));
  }
  return claims;
}

/**
 * The claims to try for a `Username` input, in order (R3.5): the username itself, then the pool's
 * username attributes and aliases, then `sub`. Email claims are only tried for inputs with an `@`,
 * phone claims only for inputs that start with `+`.
 *
 * @group Rules
 */
export function candidateClaims(pool: Pick<UserPool, 'caseSensitive' | 'aliasAttributes' | 'usernameAttributes'>, input: string): Claim[] {
  const candidates: Claim[] = [];
  if (pool.usernameAttributes.length === 0) candidates.push(claimOf(pool, 'username', input));
  const kinds = pool.usernameAttributes.length > 0 ? pool.usernameAttributes : pool.aliasAttributes;
  for (const kind of kinds) {
    if (kind === 'email' && !input.includes('@')) continue;
    if (kind === 'phone_number' && !input.startsWith('+')) continue;
    candidates.push(claimOf(pool, kind, input));
  }
  candidates.push(claimOf(pool, 'sub', input));
  // In username-attribute pools the opaque username (a UUID) is also accepted.
  if (pool.usernameAttributes.length > 0) candidates.push(claimOf(pool, 'username', input));
  return candidates;
}

/**
 * The normalised form of an input that resolves to nobody, used to key its request limit (D9).
 *
 * @group Rules
 */
export function normaliseUnknownLogin(pool: Pick<UserPool, 'caseSensitive'>, input: string): string {
  return pool.caseSensitive ? input : input.toLowerCase();
}
