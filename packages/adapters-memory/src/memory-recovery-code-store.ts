import { timingSafeEqual } from 'node:crypto';
import type { ConsumeOutcome, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { okAsync, type ResultAsync } from 'neverthrow';

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
 * only the HMAC of the code. `consume` compares and marks the code used in one synchronous step, so
 * exactly one concurrent caller gets `consumed`; HMACs are compared with `crypto.timingSafeEqual`,
 * in constant time even when their lengths differ.
 *
 * @example
 * ```ts
 * const codes = new MemoryRecoveryCodeStore();
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.consume(poolId, 'alice', codeHmac, now); // ok('consumed')
 * await codes.consume(poolId, 'alice', codeHmac, now); // ok('mismatch'): a used code
 * ```
 * @group Adapters
 */
export class MemoryRecoveryCodeStore implements RecoveryCodeStore {
  /** Records by pool, then by username. */
  readonly #pools = new Map<string, Map<string, CodeRecord>>();

  /** Stores `code` as the user's only code, replacing any previous one. */
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

  /** Removes the user's code if it is still the one with `codeHmac`; a newer code stays. */
  revoke(userPoolId: string, username: string, codeHmac: string): ResultAsync<void, PortFailure> {
    const users = this.#pools.get(userPoolId);
    const record = users?.get(username);
    if (users !== undefined && record !== undefined && sameHmac(record.hmacBytes, codeHmac)) {
      this.#forget(userPoolId, users, username);
    }
    return okAsync(undefined);
  }

  /**
   * Uses the code: `consumed` for the outstanding, unexpired code with this HMAC (once); `expired`
   * when the outstanding code is past `expiresAt`; `mismatch` for another HMAC while a code is
   * outstanding, or for the HMAC of the code already used; `none` when there is no code, or it was
   * used and this is another HMAC.
   */
  consume(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<ConsumeOutcome, PortFailure> {
    const record = this.#pools.get(userPoolId)?.get(username);
    const outcome = classify(record, codeHmac, now);
    if (outcome !== 'valid') return okAsync(outcome);
    if (record !== undefined) record.consumedAt = now;
    return okAsync('consumed');
  }

  /** What `consume` would answer now (`valid` for `consumed`), without using the code. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return okAsync(classify(this.#pools.get(userPoolId)?.get(username), codeHmac, now));
  }

  /** Forgets the user's code, used or not. */
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

/** What a consume would find: `valid` means it would use the code. */
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
