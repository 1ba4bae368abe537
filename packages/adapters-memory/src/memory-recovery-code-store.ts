import { timingSafeEqual } from 'node:crypto';
import type { AttemptLimit, AttemptVerdict, ConsumeOutcome, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { okAsync, type ResultAsync } from 'neverthrow';
import { SlidingWindows } from './sliding-windows.js';

interface CodeRecord {
  readonly codeHmac: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  consumedAt: number | undefined;
  /** `codeHmac` as bytes, kept for constant-time comparisons. */
  readonly hmacBytes: Buffer;
}

/**
 * A Map-backed {@link RecoveryCodeStore}: per user `{ codeHmac, issuedAt, expiresAt, consumedAt }`,
 * only the HMAC of the code, and apart from it the user's confirm-attempt window (the times of the
 * attempts still in it, least recently used windows swept as in {@link MemoryAttemptLimiter}), which
 * `issue`, `revoke` and `clear` leave alone. `attemptAndVerify` checks, records and classifies in one
 * synchronous step. The code is used by the {@link MemoryUserStore} built on this store, in the same
 * synchronous step as the user write. HMACs are compared with `crypto.timingSafeEqual`, in constant
 * time even when their lengths differ.
 *
 * @example
 * ```ts
 * const codes = new MemoryRecoveryCodeStore();
 * const users = new MemoryUserStore(codes);
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.attemptAndVerify(poolId, 'alice', codeHmac, now, { max: 5, windowMs: 3_600_000 });
 * // ok({ allowed: true, outcome: 'valid' })
 * await users.update(alice, claims, alice.version, { codeHmac, now }); // ok: password set, code used
 * ```
 * @group Adapters
 */
export class MemoryRecoveryCodeStore implements RecoveryCodeStore {
  /** Records by pool, then by username. */
  readonly #pools = new Map<string, Map<string, CodeRecord>>();
  /** Confirm-attempt windows by `pool NUL username`. */
  readonly #attempts = new SlidingWindows();

  /** Stores `code` as the user's only code, replacing any previous one; the attempt window stays. */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure> {
    let users = this.#pools.get(userPoolId);
    if (users === undefined) {
      users = new Map();
      this.#pools.set(userPoolId, users);
    }
    users.set(username, {
      codeHmac: code.codeHmac,
      issuedAt: code.issuedAt,
      expiresAt: code.expiresAt,
      consumedAt: undefined,
      hmacBytes: Buffer.from(code.codeHmac, 'utf8'),
    });
    return okAsync(undefined);
  }

  /** Removes the user's code if it is still the one with `codeHmac`; a newer code stays, and so does the attempt window. */
  revoke(userPoolId: string, username: string, codeHmac: string): ResultAsync<void, PortFailure> {
    const users = this.#pools.get(userPoolId);
    const record = users?.get(username);
    if (users !== undefined && record !== undefined && sameHmac(record.hmacBytes, codeHmac)) {
      this.#forget(userPoolId, users, username);
    }
    return okAsync(undefined);
  }

  /**
   * Uses the code if it is the outstanding, unexpired code with this HMAC, in the caller's synchronous
   * step: `consumed` once; otherwise what was found (`expired`, `mismatch` for another HMAC or for
   * the code already used, `none`). Only for {@link MemoryUserStore}.
   *
   * @internal
   */
  consumeNow(userPoolId: string, username: string, codeHmac: string, now: number): ConsumeOutcome {
    const record = this.#pools.get(userPoolId)?.get(username);
    const outcome = classify(record, codeHmac, now);
    if (outcome !== 'valid') return outcome;
    if (record !== undefined) record.consumedAt = now;
    return 'consumed';
  }

  /** What a consuming write would find now (`valid` for `consumed`), without using the code. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return okAsync(classify(this.#pools.get(userPoolId)?.get(username), codeHmac, now));
  }

  /** Records the attempt if the user's window has room (refusals are not recorded) and tells what `verify` answers, in one step. */
  attemptAndVerify(userPoolId: string, username: string, codeHmac: string, now: number, limit: AttemptLimit): ResultAsync<AttemptVerdict, PortFailure> {
    const { allowed } = this.#attempts.attempt(`${userPoolId}\u0000${username}`, limit.max, limit.windowMs, now);
    return okAsync({ allowed, outcome: classify(this.#pools.get(userPoolId)?.get(username), codeHmac, now) });
  }

  /** Forgets the user's code, used or not; the attempt window stays. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    const users = this.#pools.get(userPoolId);
    if (users !== undefined) this.#forget(userPoolId, users, username);
    return okAsync(undefined);
  }

  #forget(userPoolId: string, users: Map<string, CodeRecord>, username: string): void {
    users.delete(username);
    if (users.size === 0) this.#pools.delete(userPoolId);
  }
}

/** What a consuming write would find: `valid` means it would use the code. */
function classify(record: CodeRecord | undefined, codeHmac: string, now: number): VerifyOutcome {
  if (record === undefined) return 'none';
  const matches = sameHmac(record.hmacBytes, codeHmac);
  if (record.consumedAt !== undefined) return matches ? 'mismatch' : 'none';
  if (now >= record.expiresAt) return 'expired';
  return matches ? 'valid' : 'mismatch';
}

/** Constant-time equality; when the lengths differ it still does one full comparison, of `stored` with itself. */
function sameHmac(stored: Buffer, candidate: string): boolean {
  const bytes = Buffer.from(candidate, 'utf8');
  if (bytes.length !== stored.length) {
    timingSafeEqual(stored, stored);
    return false;
  }
  return timingSafeEqual(stored, bytes);
}
