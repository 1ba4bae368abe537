import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';
import type { User } from '../model/user.js';
import type { ConsumeOutcome } from './recovery-code-store.js';

/**
 * A lookup key a user holds in its pool: its (folded) username, sub, a verified alias or a
 * username-attribute value, encoded by `loginClaimsOf` (§3). Unique per pool.
 *
 * @group Ports
 */
export type Claim = string;

/** The store refused a write because a claim belongs to another user. @group Ports */
export interface ClaimTaken {
  /** Discriminant. */
  readonly kind: 'ClaimTaken';
  /** The contested claim. */
  readonly claim: Claim;
  /** The username of its current owner. */
  readonly owner: string;
}

/** The stored user changed since it was read (optimistic versioning). @group Ports */
export interface VersionConflict {
  /** Discriminant. */
  readonly kind: 'VersionConflict';
}

/** The user to update or delete is gone. @group Ports */
export interface UserGone {
  /** Discriminant. */
  readonly kind: 'UserGone';
}

/**
 * The recovery code an update uses up in the same atomic write (ConfirmForgotPassword, D8): the
 * update happens only if this is the user's outstanding, unexpired, unused code.
 *
 * @group Ports
 */
export interface CodeConsumption {
  /** HMAC of the code, as `RecoveryCodeStore.issue` stored it. */
  readonly codeHmac: string;
  /** Epoch milliseconds; the code must satisfy `now < expiresAt`. */
  readonly now: number;
  /**
   * The name the code is kept under in the `RecoveryCodeStore` (the `username` argument of `issue`):
   * the user's username for a recovery code (the default), or the username with a purpose suffix for
   * sign-up and attribute-verification codes (`alice\u0000signup`, D33), so a code of one purpose never
   * consumes another's.
   */
  readonly name?: string | undefined;
}

/**
 * An update with a {@link CodeConsumption} was refused because the code cannot be used; nothing was
 * written. `outcome` says what was found instead (never `consumed`).
 *
 * @group Ports
 */
export interface CodeNotConsumable {
  /** Discriminant. */
  readonly kind: 'CodeNotConsumable';
  /** `mismatch`, `expired` or `none`, as {@link ConsumeOutcome} defines them. */
  readonly outcome: Exclude<ConsumeOutcome, 'consumed'>;
}

/** One page of users ({@link UserStore.list}). @group Ports */
export interface UserPage {
  /** At most `limit` users, in the store's username order. */
  readonly users: readonly User[];
  /** The username of the page's last user, to pass back as `after`: present exactly when more users follow. */
  readonly next?: string | undefined;
}

/**
 * Users by username and by claim. Claims are unique per pool: `create` and `update` write the user and
 * its claims atomically or not at all.
 *
 * - **Claims are opaque**: strings the core builds (`loginClaimsOf`: the folded username, the sub,
 *   verified aliases, username attributes, each with its kind as prefix). Store and compare them as
 *   given, byte for byte: never parse, fold, normalise or trim them. Usernames are any Unicode
 *   string too.
 * - **A pair with the code store**: `update` with `consume` marks the recovery code used in the same
 *   atomic write as the user, so this store and the `RecoveryCodeStore` of a composition live in one
 *   database (one DynamoDB table, one PostgreSQL schema).
 * - **Never reject**: every method answers a `ResultAsync` that resolves, to `err(PortFailure)` when
 *   the backend fails (or to the refusal the method names), never a rejected promise or a thrown
 *   error; a failure's `reason` quotes no attribute, hash or HMAC.
 * - **Retention**: users are deleted only by `delete` and `deletePool`; the store never expires them.
 *
 * @group Ports
 */
export interface UserStore {
  /** The user who holds `claim` in the pool, or `undefined`. */
  findByClaim(userPoolId: string, claim: Claim): ResultAsync<User | undefined, PortFailure>;
  /**
   * The owner of the first of `claims`, in their order, that anyone in the pool holds, or `undefined`
   * when none is held (or `claims` is empty). One call whatever the outcome, so resolving an input
   * that names nobody costs the same port calls as resolving one that names a user (§8, D4); stores
   * over a network answer it in one request.
   */
  findFirstByClaims(userPoolId: string, claims: readonly Claim[]): ResultAsync<User | undefined, PortFailure>;
  /**
   * Creates a user holding `claims` (which always include its username claim, so an existing username
   * is a `ClaimTaken` on it); fails with `ClaimTaken` if any is held by someone else.
   */
  create(user: User, claims: readonly Claim[]): ResultAsync<User, PortFailure | ClaimTaken>;
  /**
   * Replaces the user, which must still be at `expectedVersion`, and sets its claims to exactly
   * `claims`; returns it with `version` bumped. With `consume`, the user's recovery code (kept by the
   * `RecoveryCodeStore` of the same composition) is marked used in the same atomic write, and the
   * update happens only if that code is consumable: of many concurrent updates consuming the same
   * code, at most one succeeds. When several conditions fail, the error is the first of `UserGone`,
   * `VersionConflict`, `ClaimTaken`, `CodeNotConsumable`; on any error nothing is written.
   */
  update(
    user: User,
    claims: readonly Claim[],
    expectedVersion: number,
    consume?: CodeConsumption,
  ): ResultAsync<User, PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable>;
  /** Deletes the user and its claims (no error when absent). */
  delete(userPoolId: string, username: string): ResultAsync<void, PortFailure>;
  /**
   * Users of a pool, `limit` at a time, in the store's username order, starting after the username
   * `after` (the previous page's `next`). The order is the store's own: a total order on usernames,
   * the same on every call, that is code point order for usernames of ASCII and of Basic Multilingual
   * Plane characters below U+D800 (beyond, a store may compare UTF-16 code units, as the memory store
   * does, or UTF-8 bytes, as DynamoDB and PostgreSQL do). Paging from the first page until `next` is
   * absent lists every user that exists throughout once, in the order one page of all of them would;
   * a user created or deleted meanwhile may or may not appear. A page holds `limit` users when more
   * follow (then `next` is its last username) and at most `limit` on the last page (no `next`). `limit` must be a positive integer: anything else (0, negative,
   * fractional, NaN) is a `PortFailure`, not an empty page. An unknown pool lists as empty.
   */
  list(userPoolId: string, limit: number, after?: string): ResultAsync<UserPage, PortFailure>;
  /** Deletes every user of a pool. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure>;
}
