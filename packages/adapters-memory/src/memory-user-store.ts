import {
  portFailure,
  type Claim,
  type ClaimTaken,
  type CodeConsumption,
  type CodeNotConsumable,
  type PortFailure,
  type User,
  type UserGone,
  type UserPage,
  type UserStore,
  type VersionConflict,
} from '@cognito-recovery/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { OK_UNDEFINED } from './resolved.js';
import type { MemoryRecoveryCodeStore } from './memory-recovery-code-store.js';

interface StoredUser {
  user: User;
  claims: readonly Claim[];
}

interface PoolUsers {
  readonly users: Map<string, StoredUser>;
  /** Owner username by claim. */
  readonly claims: Map<Claim, string>;
  /** Usernames in order, rebuilt lazily after a create or a delete. */
  sorted: string[] | undefined;
}

/**
 * A Map-backed {@link UserStore}, the reference implementation of the port. Each pool keeps users by
 * username and a claim index (claim → username), so `findByClaim`, `findFirstByClaims`, `create` and `update` cost
 * O(1 + claims) whatever the size of the pool; `list` sorts the usernames once after each change of
 * membership. Every method checks and writes in one synchronous step, so concurrent calls are
 * serialized and a refused write leaves nothing behind; an `update` that consumes a code checks and
 * uses it in the {@link MemoryRecoveryCodeStore} given to the constructor within that same step.
 *
 * @example
 * ```ts
 * const users = new MemoryUserStore(new MemoryRecoveryCodeStore());
 * await users.create(user, ['username:alice', 'email:alice@example.com']);
 * const found = await users.findByClaim(user.userPoolId, 'email:alice@example.com'); // ok(user)
 * ```
 * @group Adapters
 */
export class MemoryUserStore implements UserStore {
  readonly #pools = new Map<string, PoolUsers>();
  readonly #codes: MemoryRecoveryCodeStore;

  /** @param codes - the code store whose codes `update` consumes (the one the composition uses). */
  constructor(codes: MemoryRecoveryCodeStore) {
    this.#codes = codes;
  }

  /** The user who holds `claim` in the pool, or `undefined`. */
  findByClaim(userPoolId: string, claim: Claim): ResultAsync<User | undefined, PortFailure> {
    const pool = this.#pools.get(userPoolId);
    if (pool === undefined) return OK_UNDEFINED;
    const owner = pool.claims.get(claim);
    return okAsync(owner === undefined ? undefined : pool.users.get(owner)?.user);
  }

  /** The owner of the first of `claims`, in order, held in the pool, or `undefined`: one synchronous pass over the claim index. */
  findFirstByClaims(userPoolId: string, claims: readonly Claim[]): ResultAsync<User | undefined, PortFailure> {
    const pool = this.#pools.get(userPoolId);
    if (pool === undefined) return OK_UNDEFINED;
    for (const claim of claims) {
      const owner = pool.claims.get(claim);
      if (owner !== undefined) return okAsync(pool.users.get(owner)?.user);
    }
    return OK_UNDEFINED;
  }

  /**
   * Creates a user holding `claims`. Fails with `ClaimTaken` when another user holds one of them, and
   * with a `PortFailure` when the username itself is taken without the caller having claimed it.
   */
  create(user: User, claims: readonly Claim[]): ResultAsync<User, PortFailure | ClaimTaken> {
    const existing = this.#pools.get(user.userPoolId);
    if (existing !== undefined) {
      const taken = firstTaken(existing, claims, undefined);
      if (taken !== undefined) return errAsync(taken);
      if (existing.users.has(user.username)) {
        return errAsync(portFailure('UserStore', 'the username exists but was not among the claims'));
      }
    }
    const pool = existing ?? this.#newPool(user.userPoolId);
    const unique = hasDuplicates(claims) ? [...new Set(claims)] : claims;
    pool.users.set(user.username, { user, claims: unique });
    for (const claim of unique) pool.claims.set(claim, user.username);
    pool.sorted = undefined;
    return okAsync(user);
  }

  /**
   * Replaces the user if it is still at `expectedVersion`, sets its claims to exactly `claims` and
   * bumps its version; with `consume`, only if the code store's code under `consume.name` (default:
   * the username) is consumable, which is then marked used. Checks in the order `UserGone`, `VersionConflict`, `ClaimTaken`, `CodeNotConsumable`.
   */
  update(
    user: User,
    claims: readonly Claim[],
    expectedVersion: number,
    consume?: CodeConsumption,
  ): ResultAsync<User, PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable> {
    const pool = this.#pools.get(user.userPoolId);
    const stored = pool?.users.get(user.username);
    if (pool === undefined || stored === undefined) return errAsync({ kind: 'UserGone' } as const);
    if (stored.user.version !== expectedVersion) return errAsync({ kind: 'VersionConflict' } as const);
    const taken = firstTaken(pool, claims, user.username);
    if (taken !== undefined) return errAsync(taken);
    if (consume !== undefined) {
      // Last check, and it writes only on success: the code and the user are written together.
      const outcome = this.#codes.consumeNow(user.userPoolId, consume.name ?? user.username, consume.codeHmac, consume.now);
      if (outcome !== 'consumed') return errAsync({ kind: 'CodeNotConsumable', outcome } as const);
    }
    const kept = new Set(claims);
    const unique = [...kept];
    for (const claim of stored.claims) {
      if (!kept.has(claim)) pool.claims.delete(claim);
    }
    for (const claim of unique) pool.claims.set(claim, user.username);
    const updated: User = { ...user, version: expectedVersion + 1 };
    stored.user = updated;
    stored.claims = unique;
    return okAsync(updated);
  }

  /** Deletes the user and frees its claims; nothing happens when it is absent. */
  delete(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    const pool = this.#pools.get(userPoolId);
    const stored = pool?.users.get(username);
    if (pool !== undefined && stored !== undefined) {
      for (const claim of stored.claims) pool.claims.delete(claim);
      pool.users.delete(username);
      pool.sorted = undefined;
    }
    return OK_UNDEFINED;
  }

  /**
   * Users of a pool in username order (UTF-16 code unit order), `limit` at a time, starting after
   * the username `after`. `next` is set only when more users follow.
   */
  list(userPoolId: string, limit: number, after?: string): ResultAsync<UserPage, PortFailure> {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      return errAsync(portFailure('UserStore', 'list limit must be a positive integer'));
    }
    const pool = this.#pools.get(userPoolId);
    if (pool === undefined) return okAsync({ users: [] });
    pool.sorted ??= [...pool.users.keys()].sort(compareCodeUnits);
    const sorted = pool.sorted;
    const start = after === undefined ? 0 : firstAbove(sorted, after);
    const end = Math.min(start + limit, sorted.length);
    const users: User[] = [];
    for (let i = start; i < end; i++) {
      const stored = pool.users.get(sorted[i] ?? '');
      if (stored !== undefined) users.push(stored.user);
    }
    return okAsync(end < sorted.length ? { users, next: sorted[end - 1] } : { users });
  }

  /** Deletes every user of a pool, and their claims. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    this.#pools.delete(userPoolId);
    return OK_UNDEFINED;
  }

  #newPool(userPoolId: string): PoolUsers {
    const pool: PoolUsers = { users: new Map(), claims: new Map(), sorted: undefined };
    this.#pools.set(userPoolId, pool);
    return pool;
  }
}

/** The first of `claims` held by someone other than `username` (by anyone when `username` is undefined). */
function firstTaken(pool: PoolUsers, claims: readonly Claim[], username: string | undefined): ClaimTaken | undefined {
  for (const claim of claims) {
    const owner = pool.claims.get(claim);
    if (owner !== undefined && owner !== username) return { kind: 'ClaimTaken', claim, owner };
  }
  return undefined;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element greater than `key` in the sorted array. */
function firstAbove(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a (short) claim list names a claim twice; keeps the common case free of a copy. */
function hasDuplicates(claims: readonly Claim[]): boolean {
  for (let i = 1; i < claims.length; i++) for (let j = 0; j < i; j++) if (claims[i] === claims[j]) return true;
  return false;
}
